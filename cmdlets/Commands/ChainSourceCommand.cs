using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaChain.Native;

namespace CaChain.Commands
{
    public enum CaChainProtocol { Auto = 0, Tls = 1, Smtp = 2, Ldap = 3 }

    // The inputs Get-CaChain, Export-CaChain and Test-CaChain share: files and
    // folders, certificates from the pipeline, TLS endpoints, and extra issuers.
    // Each pipeline item becomes one SourceItem; a bad item writes an error and
    // the rest go on.
    public abstract class ChainSourceCommand : PSCmdlet
    {
        protected const string PathSet = "Path", LiteralPathSet = "LiteralPath", CertificateSet = "Certificate",
            EndpointSet = "ComputerName", ElementSet = "RawData";

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        public string[] LiteralPath { get; set; }

        [Parameter(ParameterSetName = CertificateSet, Mandatory = true, ValueFromPipeline = true)]
        public X509Certificate2[] InputObject { get; set; }

        // Get-CaChain output (or any object with a certificate's RawData): the
        // elements are gathered and their chains rebuilt at the end, so a whole
        // chain arrives before it is used.
        [Parameter(ParameterSetName = ElementSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public byte[] RawData { get; set; }

        [Parameter(ParameterSetName = EndpointSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("HostName", "DnsName", "CN")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; }

        // The port for names that give none: a port written in a name wins
        // for that name, as with ssh and curl. Bound from a pipeline object,
        // it applies to that object only.
        [Parameter(ParameterSetName = EndpointSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 443;

        [Parameter(ParameterSetName = EndpointSet)]
        public CaChainProtocol Protocol { get; set; } = CaChainProtocol.Auto;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] IssuerPath { get; set; }

        [Parameter]
        public SecureString Password { get; set; }

        [Parameter]
        public SwitchParameter Offline { get; set; }

        // Without it, the CA certificates this machine already holds are issuers
        // too, as on a domain member's Certification Path tab.
        [Parameter]
        public SwitchParameter SkipLocalStores { get; set; }

        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 10;

        protected uint DiscoverFlags => Offline ? Flags.DiscoverOffline : 0;

        // The inputs of the current pipeline item, loaded; items that could not
        // be read have written their error already.
        protected IEnumerable<SourceItem> ReadItems()
        {
            if (progress == null) progress = new PipelineProgress(this, MyInvocation.MyCommand.Name);
            foreach (SourceItem item in ReadEachItem())
            {
                if (item == null) continue;
                if (item.Inputs.Count == 0)
                {
                    OnItemFailed(item.Target);
                    item.Dispose();
                    continue;
                }
                progress.Next(item.Label);
                yield return item;
            }
        }

        private PipelineProgress progress;
        private readonly List<byte[]> elements = new List<byte[]>();

        // The chain elements gathered from the pipeline, as one item; none
        // when there were none.
        protected IEnumerable<SourceItem> ReadGatheredElements()
        {
            if (elements.Count == 0) yield break;
            var item = new SourceItem("the chain elements from the pipeline", "the chain elements from the pipeline");
            for (int i = 0; i < elements.Count; i++) item.Inputs.AddBytes(elements[i], $"pipeline element {i + 1}");
            yield return item;
        }

        // Where an item could not be read: Test-CaChain -Quiet answers $false for it.
        private protected virtual void OnItemFailed(object target) { }

        // Ends the progress bar of a long run; derived cmdlets that override
        // EndProcessing call it too.
        protected override void EndProcessing()
        {
            progress?.Complete();
            localIssuers?.Dispose();
        }

        // Where the machine's own stores are read from: an image's root on
        // Linux (Test-CaChain -SystemRoot), null for this machine.
        private protected virtual string LocalStoresRoot => null;

        private CertificateSet localIssuers;

        // The machine's CA certificates, read once per command and added to
        // every item's issuers. On Windows its Root, CA and AuthRoot stores; on
        // Linux the system trust, and .NET's CurrentUser stores, which pwsh
        // trusts there. A store that cannot be read is a warning, not a failure.
        private CertificateSet LocalIssuers()
        {
            if (localIssuers != null) return localIssuers;
            localIssuers = new CertificateSet();
            WriteVerbose("Reading this machine's stores as issuers (-SkipLocalStores leaves them out)");
            localIssuers.AddLocalIssuers(LocalStoresRoot);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && LocalStoresRoot == null)
            {
                AddDotNetUserStore(StoreName.Root, "CurrentUser\\Root (.NET)");
                AddDotNetUserStore(StoreName.CertificateAuthority, "CurrentUser\\CA (.NET)");
            }
            foreach (CaChainException problem in localIssuers.Problems)
                WriteWarning($"This machine's issuers: {problem.Message}");
            return localIssuers;
        }

        private void AddDotNetUserStore(StoreName name, string label)
        {
            try
            {
                // Read-only: a store never written reads as empty and is not created.
                using (var store = new X509Store(name, StoreLocation.CurrentUser))
                {
                    store.Open(OpenFlags.ReadOnly);
                    foreach (X509Certificate2 certificate in store.Certificates) localIssuers.AddBytes(certificate.RawData, label);
                }
            }
            catch (Exception error) when (error is CryptographicException || error is CaChainException)
            {
                WriteWarning($"This machine's issuers: {label} cannot be read ({error.Message})");
            }
        }

        private IEnumerable<SourceItem> ReadEachItem()
        {
            switch (ParameterSetName)
            {
                case ElementSet:
                    elements.Add(RawData);
                    break;
                case PathSet:
                    foreach (string path in Path) foreach (string resolved in ResolvePath(path, literal: false)) yield return ReadFile(resolved);
                    break;
                case LiteralPathSet:
                    foreach (string path in LiteralPath) foreach (string resolved in ResolvePath(path, literal: true)) yield return ReadFile(resolved);
                    break;
                case CertificateSet:
                    foreach (X509Certificate2 certificate in InputObject) yield return ReadCertificate(certificate);
                    break;
                case EndpointSet:
                    foreach (string name in ComputerName) yield return ReadEndpoint(name);
                    break;
            }
        }

        private IEnumerable<string> ResolvePath(string path, bool literal) => ProviderPaths.Resolve(this, path, literal, ErrorIdPrefix);

        private SourceItem ReadFile(string path) =>
            Load(path, path, (inputs, pool) =>
            {
                WriteVerbose($"Reading {path}");
                inputs.AddPath(path, PlainPassword());
            });

        private SourceItem ReadCertificate(X509Certificate2 certificate) =>
            Load(certificate, "a certificate from the pipeline", (inputs, pool) => inputs.AddBytes(certificate.RawData, certificate.Subject));

        // A name that is no address writes its error, and the other names go on.
        private SourceItem ReadEndpoint(string name)
        {
            string endpoint;
            try
            {
                endpoint = Endpoint.Text(name, Port);
            }
            catch (CaChainException error)
            {
                WriteError(error.ToErrorRecord(ErrorIdPrefix, name));
                OnItemFailed(name);
                return null;
            }
            return Load(name, endpoint, (inputs, pool) =>
            {
                WriteVerbose($"Connecting to {endpoint} ({Protocol}, {TimeoutSec} s) for the chain it presents");
                CaChainException.ThrowIfFailed(NativeMethods.cachain_fetch_endpoint(Utf8.ToNative(endpoint), (int)Protocol, (uint)TimeoutSec, inputs.Handle, pool.Handle));
            });
        }

        // Reads an item and its extra issuers. A bad file in a folder is
        // reported and the good ones are kept; the item is dropped only when it
        // yielded no certificate at all.
        private SourceItem Load(object target, string label, Action<CertificateSet, CertificateSet> fill)
        {
            var item = new SourceItem(target, label);
            var failures = new List<CaChainException> { CaChainException.Capture(() => fill(item.Inputs, item.Pool)) };
            foreach (string issuers in IssuerPath ?? Array.Empty<string>())
                failures.Add(CaChainException.Capture(() => item.Pool.AddPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(issuers), PlainPassword())));
            // After the item's own issuers, so a certificate both hold keeps their source.
            if (!SkipLocalStores) failures.Add(CaChainException.Capture(() => item.Pool.AddSet(LocalIssuers())));
            // A failed read is usually also one of the set's problems: report it once.
            // Each error names the bad file (of a folder, of -IssuerPath), not the item it came with.
            var problems = item.Inputs.Problems.Select(problem => (problem, target: problem.TargetFor(target))).ToList();
            problems.AddRange(item.Pool.Problems.Select(problem => (problem, target: problem.TargetOrItem(target))));
            if (problems.Count == 0) problems.AddRange(failures.Where(failure => failure != null).Select(failure => (failure, target)));
            foreach (var (problem, problemTarget) in problems) WriteError(problem.ToErrorRecord(ErrorIdPrefix, problemTarget));
            return item;  // ReadItems drops it, after telling, when it holds no certificate
        }

        protected string ErrorIdPrefix => MyInvocation.MyCommand.Name + ".";

        private string PlainPassword() => Password == null ? null : new NetworkCredential(string.Empty, Password).Password;

        // Chains for the loaded item, or null after writing why there are none.
        private protected ChainsHandle Discover(SourceItem item)
        {
            if (item.Inputs.Count == 0) return null;
            WriteVerbose($"Discovering chains for {item.Label}{(Offline ? " (offline)" : string.Empty)}");
            Status status = NativeMethods.cachain_discover_ex(item.Inputs.Handle, item.Pool.Handle, DiscoverFlags, (uint)TimeoutSec, out ChainsHandle chains);
            if (status == Status.Ok) return chains;
            WriteError(new CaChainException(status, NativeMethods.LastError()).ToErrorRecord(ErrorIdPrefix, item.Target));
            return null;
        }

        // Tells the user, without stopping, that a chain does not reach a root.
        private protected void WarnIfIncomplete(IntPtr chain, string target)
        {
            if (NativeMethods.cachain_chain_number(chain, ChainNumber.Status) != 0)
                WriteWarning($"{target}: {Utf8.FromNative(NativeMethods.cachain_chain_text(chain, ChainText.Summary))}");
        }
    }

    // One pipeline item's certificates: the targets and the issuer candidates.
    public sealed class SourceItem : IDisposable
    {
        internal SourceItem(object target, string label) { Target = target; Label = label; }

        public object Target { get; }
        public string Label { get; }
        internal CertificateSet Inputs { get; } = new CertificateSet();
        internal CertificateSet Pool { get; } = new CertificateSet();

        public void Dispose() { Inputs.Dispose(); Pool.Dispose(); }
    }
}
