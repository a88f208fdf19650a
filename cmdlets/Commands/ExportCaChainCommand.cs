using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CaChain.Native;

namespace CaChain.Commands
{
    // Export-CaChain: writes the CA certificates of each chain (the leaf only
    // with -IncludeLeaf) as DER .cer files (the MMC wizard's default), PEM, or
    // one .p7b, atomically; never a private key. Its output pipes into
    // Import-CaChain.
    [Cmdlet(VerbsData.Export, "CaChain", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CaChainFile))]
    public sealed class ExportCaChainCommand : ChainSourceCommand
    {
        [Parameter(Mandatory = true)]
        [Alias("DestinationPath", "Folder")]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        [Parameter]
        public CaChainFormat Format { get; set; } = CaChainFormat.Der;

        [Parameter]
        public SwitchParameter IncludeLeaf { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private string destinationFolder;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            destinationFolder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        }

        // Get-CaChain output piped on: it has warned about an incomplete chain already.
        private protected override void Answer(SourceItem item)
        {
            using (DiscoveredChains chains = Discover(item, bestPathOnly: true))
            {
                if (chains != null) ExportBestChains(chains, item.Target, warn: item.Endpoint != null || !GatheredFromChainElements);
            }
        }

        private void ExportBestChains(DiscoveredChains chains, object target, bool warn)
        {
            foreach (Chain chain in chains)
            {
                if (chain.Rank != 0) continue;  // Discover asked for best paths only; never export an alternate
                string name = chain.TargetName;
                if (warn) WarnIfIncomplete(chain, name);
                ExportChain(chain, name, target);
            }
        }

        // Decides the files first (a dry run), asks once per file, and writes
        // the chain only when every file of it is confirmed.
        private void ExportChain(Chain chain, string name, object target)
        {
            uint flags = (IncludeLeaf ? Flags.ExportIncludeLeaf : 0) | (Force ? Flags.ExportForce : 0);
            List<ExportedFile> planned = Run(chain, flags | Flags.ExportDryRun, target);
            if (planned == null) return;
            bool confirmed = true;
            foreach (ExportedFile file in planned)
            {
                if (file.Action == FileAction.Unchanged) continue;
                if (!answers.TryGetValue(file.Path, out bool answer))  // two targets of the same CAs: asked once
                    answers[file.Path] = answer = ShouldProcess(file.Path, $"Write the {RoleOf(file)} certificate '{SubjectOf(file, name)}' as {Format}");
                confirmed &= answer;
            }
            if (!confirmed) return;
            List<ExportedFile> written = Run(chain, flags, target);
            if (written == null) return;
            // Two targets of the same CAs share their files: each is reported once per call.
            WriteObject(written.Where(file => handled.Add(file.Path)).Select(file => Output(file, name)), enumerateCollection: true);
        }

        private readonly HashSet<string> handled = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> answers = new Dictionary<string, bool>(StringComparer.Ordinal);

        // The files of one run, or null after writing why there are none.
        private List<ExportedFile> Run(Chain chain, uint flags, object target)
        {
            ChainExport export = chain.Export(destinationFolder, Format, flags);
            var files = new List<ExportedFile>();
            bool fileFailed = false;
            foreach (ExportedFile file in export.Files)
            {
                if (file.Action == FileAction.Failed)
                {
                    fileFailed = true;
                    if ((flags & Flags.ExportDryRun) == 0)  // the real run reports it
                        WriteError(CommandErrors.Record(this, file.Failure, file.Path));
                    continue;
                }
                files.Add(file);
            }
            if (export.Failure == null || fileFailed) return files;  // failed files report their own errors
            WriteError(CommandErrors.Record(this, export.Failure, target));
            return null;
        }

        private CaChainFile Output(ExportedFile file, string name) => new CaChainFile
        {
            Path = file.Path,
            Action = file.Action.ToString(),
            Format = Format.ToString(),
            Role = RoleOf(file),
            Subject = SubjectOf(file, name),
            Thumbprint = file.Thumbprint,
            Target = name,
        };

        // A .p7b holds the whole chain, named after its target.
        private static string RoleOf(ExportedFile file) => file.HoldsChain ? "Chain" : file.Role.ToString();

        private static string SubjectOf(ExportedFile file, string name) => file.HoldsChain ? name : file.Subject;
    }
}
