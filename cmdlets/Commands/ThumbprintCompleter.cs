using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CaChain.Native;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Completes Remove-CaChain's -Thumbprint with what the targeted store
    // holds (-StoreLocation, -StorePath or -SystemRoot, and -Store, as typed
    // so far), read through libcachain's own store listing. The tooltip says
    // which store and which certificate. A store that cannot be read
    // completes nothing: completion never writes an error.
    public sealed class ThumbprintCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"').Replace(" ", string.Empty);
            try
            {
                return Entries(fakeBoundParameters)
                    .Where(entry => entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(entry => entry.Key, StringComparer.Ordinal)
                    .Select(entry => new CompletionResult(entry.Key, entry.Key, CompletionResultType.ParameterValue, entry.Value))
                    .ToList();
            }
            catch (Exception error) when (error is CaChainException || error is ArgumentException || error is InvalidCastException
                                          || error is RuntimeException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        // Thumbprint -> "Root, CA: CN=..." for every certificate of the store.
        private static Dictionary<string, string> Entries(IDictionary bound)
        {
            var location = bound.Contains("StoreLocation")
                ? (CaChainStoreLocation)LanguagePrimitives.ConvertTo(bound["StoreLocation"], typeof(CaChainStoreLocation))
                : CaChainStoreLocation.LocalMachine;
            string storePath = FolderOf(bound, "StorePath"), systemRoot = FolderOf(bound, "SystemRoot");
            if (storePath != null) location = CaChainStoreLocation.Directory;
            CaChainStoreName[] names = bound.Contains("Store")
                ? (CaChainStoreName[])LanguagePrimitives.ConvertTo(bound["Store"], typeof(CaChainStoreName[]))
                : new[] { CaChainStoreName.Root, CaChainStoreName.CA };
            var stores = new Dictionary<string, List<string>>();
            var subjects = new Dictionary<string, string>();
            using (StoreTarget target = StoreTarget.Open(location, storePath, systemRoot))
            {
                foreach (CaChainStoreName name in names)
                    using (CertificateSet certs = target.List(name))
                        for (int i = 0; i < certs.Count; i++)
                        {
                            string thumbprint = certs[i].Thumbprint;
                            if (!stores.TryGetValue(thumbprint, out var held)) stores[thumbprint] = held = new List<string>();
                            held.Add(name.ToString());
                            subjects[thumbprint] = certs[i].Subject;
                        }
            }
            return stores.ToDictionary(entry => entry.Key, entry => $"{string.Join(", ", entry.Value)}: {subjects[entry.Key]}");
        }

        // A folder as typed, resolved against PowerShell's current location
        // (not the process's), as the cmdlet itself would resolve it.
        private static string FolderOf(IDictionary bound, string name)
        {
            if (!bound.Contains(name) || bound[name] == null) return null;
            string typed = LanguagePrimitives.ConvertTo<string>(bound[name]);
            if (string.IsNullOrEmpty(typed)) return null;
            // A nested pipeline in the runspace that asks for completion: the
            // way to reach its session state from here.
            using (PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                shell.AddScript("param($path) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($path)").AddArgument(typed);
                return shell.Invoke<string>().FirstOrDefault() ?? throw new ArgumentException(typed);
            }
        }
    }
}
