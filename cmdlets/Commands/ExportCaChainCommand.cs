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
        private static readonly string[] Actions = { "Written", "Unchanged", "Replaced", "WouldWrite", "Failed" };
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
            using (ChainsHandle chains = Discover(item))
            {
                if (chains != null) ExportBestChains(chains, item.Target, warn: item.Endpoint != null || !GatheredFromChainElements);
            }
        }

        private void ExportBestChains(ChainsHandle chains, object target, bool warn)
        {
            ulong count = NativeMethods.cachain_chains_count(chains).ToUInt64();
            for (ulong i = 0; i < count; i++)
            {
                IntPtr chain = NativeMethods.cachain_chains_get(chains, (UIntPtr)i);
                if (NativeMethods.cachain_chain_number(chain, ChainNumber.Rank) != 0) continue;
                string name = NativeCertificate.Name(NativeMethods.cachain_chain_cert(chain, UIntPtr.Zero));
                if (warn) WarnIfIncomplete(chain, name);
                ExportChain(chain, name, target);
            }
        }

        // Decides the files first (a dry run), asks once per file, and writes
        // the chain only when every file of it is confirmed.
        private void ExportChain(IntPtr chain, string name, object target)
        {
            uint flags = (IncludeLeaf ? Flags.ExportIncludeLeaf : 0) | (Force ? Flags.ExportForce : 0);
            List<CaChainFile> planned = Run(chain, name, flags | Flags.ExportDryRun, target);
            if (planned == null) return;
            bool confirmed = true;
            foreach (CaChainFile file in planned)
            {
                if (file.Action == "Unchanged") continue;
                if (!answers.TryGetValue(file.Path, out bool answer))  // two targets of the same CAs: asked once
                    answers[file.Path] = answer = ShouldProcess(file.Path, $"Write the {file.Role} certificate '{file.Subject}' as {Format}");
                confirmed &= answer;
            }
            if (!confirmed) return;
            List<CaChainFile> written = Run(chain, name, flags, target);
            if (written == null) return;
            // Two targets of the same CAs share their files: each is reported once per call.
            WriteObject(written.Where(file => handled.Add(file.Path)), enumerateCollection: true);
        }

        private readonly HashSet<string> handled = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> answers = new Dictionary<string, bool>(StringComparer.Ordinal);

        private List<CaChainFile> Run(IntPtr chain, string name, uint flags, object target)
        {
            Status status = NativeMethods.cachain_export_chain(chain, Utf8.ToNative(destinationFolder), (int)Format, flags, out ExportHandle result);
            string failure = status == Status.Ok ? null : NativeMethods.LastError();  // before any other call replaces it
            using (result)
            {
                var files = new List<CaChainFile>();
                bool fileFailed = false;
                ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_export_count(result).ToUInt64();
                for (ulong i = 0; i < count; i++)
                {
                    NativeMethods.cachain_export_file(result, (UIntPtr)i, out IntPtr path, out int action, out Status fileStatus, out IntPtr message);
                    if (action == 4)
                    {
                        fileFailed = true;
                        if ((flags & Flags.ExportDryRun) == 0)  // the real run reports it
                            WriteError(new CaChainException(fileStatus, Utf8.FromNative(message)).ToErrorRecord(ErrorIdPrefix, Utf8.FromNative(path)));
                        continue;
                    }
                    IntPtr cert = NativeMethods.cachain_export_cert(result, (UIntPtr)i);
                    files.Add(new CaChainFile
                    {
                        Path = Utf8.FromNative(path),
                        Action = Actions[action],
                        Format = Format.ToString(),
                        Role = cert == IntPtr.Zero ? "Chain" : NativeCertificate.Role((int)NativeMethods.cachain_cert_number(cert, CertNumber.Role)),
                        Subject = cert == IntPtr.Zero ? name : NativeCertificate.Text(cert, CertText.Subject),
                        Thumbprint = cert == IntPtr.Zero ? string.Empty : NativeCertificate.Text(cert, CertText.Thumbprint),
                        Target = name,
                    });
                }
                if (status == Status.Ok || fileFailed) return files;  // failed files report their own errors
                WriteError(new CaChainException(status, failure).ToErrorRecord(ErrorIdPrefix, target));
                return null;
            }
        }
    }
}
