using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CaChain.Native;
using CaChain.Remote;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Import-CaChain: places certificates by the seed's rule (a root into Root
    // and CA, every other CA certificate into CA only), all pipeline input as
    // one all-or-nothing transaction, here or on each of many machines
    // (-SshHost, -TargetComputer, -Session), each its own transaction.
    [Cmdlet(VerbsData.Import, "CaChain", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CaChainPlacement), typeof(CaChainTargetReport))]
    public sealed class ImportCaChainCommand : CertificateInputCommand, IRemoteTargetParameters
    {
        private const string TextSet = "Text";

        private readonly CertificateSet collected = new CertificateSet();
        private int itemCount;
        private PipelineProgress progress;

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        [SupportsWildcards]
        public string[] Path { get; set; }

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        public string[] LiteralPath { get; set; }

        [Parameter(ParameterSetName = CertificateSet, Mandatory = true, ValueFromPipeline = true)]
        public X509Certificate2[] InputObject { get; set; }

        // Get-CaChain output, X509Certificate2 and their deserialized copies;
        // Get-CaChain output read back with Import-Csv, by its Base64.
        [Parameter(ParameterSetName = ElementSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Base64")]
        [Base64Bytes]
        public byte[] RawData { get; set; }

        // Get-CaChain output's Role: its leaf is left out (verbose), since a
        // server's own certificate belongs in no trust store.
        // (In every parameter set, so that other objects with a Role, such as
        // Export-CaChain output, still bind; only chain elements are left out.)
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Role")]
        public string ChainRole { get; set; }

        // A string from the pipeline: a path, or PEM or base64 text.
        [Parameter(ParameterSetName = TextSet, Mandatory = true, ValueFromPipeline = true)]
        [Alias("Pem")]
        public string[] EncodedCertificate { get; set; }

        [Parameter]
        public CaChainStoreLocation StoreLocation { get; set; } = CaChainStoreLocation.LocalMachine;

        // A directory store (Root/ and CA/ in OpenSSL's hashed layout) instead of the system's,
        // or with -StoreLocation Bundle, Nss or Java the file, database or keystore.
        // -NssDatabase and -KeystorePath name it for those kinds of store.
        [Alias("NssDatabase", "KeystorePath")]
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StorePath { get; set; }

        // The password of a Java keystore (-StoreLocation Java); changeit,
        // a JDK's own, when not given. Never sent to other machines.
        [Parameter]
        public SecureString KeystorePassword { get; set; }

        // Linux: the folder that stands for / when placing into LocalMachine.
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SystemRoot { get; set; }

        // Other machines (RemoteTargetParameters.cs says how they combine).
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PSSession[] Session { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] SshHost { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string KeyFilePath { get; set; }

        [Parameter]
        public System.Collections.Hashtable SshOption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] TargetComputer { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = RemoteTargetSelection.DefaultThrottleLimit;

        [Parameter]
        public SwitchParameter CopyModule { get; set; }

        [Parameter]
        public SwitchParameter Summary { get; set; }

        private List<RemoteTarget> remoteTargets;

        [Parameter]
        public SecureString Password { get; set; }

        // Also place certificates the rule refuses: a self-signed leaf into Root, any other into CA.
        [Parameter]
        public SwitchParameter Force { get; set; }

        // Leave roots out of Intermediate Certification Authorities (the seed puts them in both).
        [Parameter]
        public SwitchParameter ExcludeRootFromCA { get; set; }

        protected override void BeginProcessing()
        {
            CaChainStoreLocation? location = MyInvocation.BoundParameters.ContainsKey(nameof(StoreLocation)) ? StoreLocation : (CaChainStoreLocation?)null;
            ErrorRecord conflict = StoreTargetConflict.Find(this, location, StorePath, SystemRoot, KeystorePassword != null);
            if (conflict != null) ThrowTerminatingError(conflict);
            remoteTargets = RemoteTargetSelection.Resolve(this, this);
            if (remoteTargets != null && KeystorePassword != null) ThrowTerminatingError(StoreTargetConflict.PasswordToOtherMachines(this));
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathSet: foreach (string path in Path) foreach (string file in ResolvePath(path, false)) AddFile(file); break;
                case LiteralPathSet: foreach (string path in LiteralPath) foreach (string file in ResolvePath(path, true)) AddPipedPath(file); break;
                case CertificateSet: foreach (X509Certificate2 certificate in InputObject) Add(certificate, () => collected.AddBytes(certificate.RawData, certificate.Subject)); break;
                case ElementSet when ChainRole == "Leaf" && !Force:
                    WriteVerbose("Leaving out the chain's leaf: a server's own certificate belongs in no trust store (use -Force to trust it directly).");
                    break;
                case ElementSet: AddNumbered("pipeline object", label => collected.AddBytes(RawData, label)); break;
                case TextSet: foreach (string text in EncodedCertificate) AddString(text); break;
            }
        }

        // A string: a path (a file, a folder, a wildcard that matches), PEM or
        // base64 text, or an error naming it.
        private void AddString(string text) => TakeString(text, AddFile, AddText, neither => { });

        private void AddText(string text) => AddNumbered("text", label => collected.AddText(text, label));

        // Items without a name of their own are numbered in the order they came.
        private void AddNumbered(string kind, Action<string> read)
        {
            string label = $"{kind} {itemCount + 1}";
            Add(label, () => read(label));
        }

        // "Get-ChildItem folder | Import-CaChain" means that folder's files:
        // the subfolders Get-ChildItem lists beside them are left out, not
        // read. A folder piped alone (Get-Item folder) stands for its own
        // files, never its subfolders'. Folders wait for the end of the
        // pipeline, when it is known whether files came too.
        private readonly List<string> pipedFolders = new List<string>();
        private bool pipedFiles;

        private void AddPipedPath(string path)
        {
            bool piped = MyInvocation.ExpectingInput;
            if (piped && System.IO.Directory.Exists(path))
            {
                pipedFolders.Add(path);
                return;
            }
            pipedFiles |= piped;
            AddFile(path);
        }

        private void AddPipedFolders()
        {
            foreach (string folder in pipedFolders)
            {
                if (pipedFiles) WriteVerbose($"Leaving out the folder {folder}: it came with files, as Get-ChildItem lists subfolders beside them (use Get-ChildItem -Recurse -File to import the files of subfolders too).");
                else AddFile(folder);
            }
        }

        private void AddFile(string path) => Add(path, () => ReadPath(collected, path));

        private protected override SecureString FilePassword => Password;

        // Reads one item; a bad one writes its error and the rest go on.
        private void Add(object target, Action read)
        {
            itemCount++;
            if (progress == null) progress = new PipelineProgress(this, "Import-CaChain: reading the certificates");
            progress.Next(target.ToString());
            int problemsBefore = collected.ProblemCount;
            ReportNew(collected, problemsBefore, CaChainException.Capture(read), target);
        }

        protected override void EndProcessing()
        {
            string openBlock = FlushStrings();
            if (openBlock != null) AddText(openBlock);  // a block without its END line: reported as truncated
            AddPipedFolders();
            progress?.Complete();
            using (collected)
            {
                if (collected.Count == 0)
                {
                    WriteVerbose("Nothing to import.");
                    return;
                }
                if (remoteTargets != null) PlaceOnTargets();
                else PlaceHere();
            }
        }

        private RemoteFanOut fanOut;

        // The certificate bytes go to each target, whose own Import-CaChain
        // places them: one all-or-nothing transaction per machine.
        private void PlaceOnTargets()
        {
            var items = new object[collected.Count];
            for (int i = 0; i < items.Length; i++)
            {
                var item = new PSObject();
                item.Properties.Add(new PSNoteProperty("RawData", collected[i].Der()));
                items[i] = item;
            }
            var parameters = new System.Collections.Hashtable
            {
                ["Force"] = Force.IsPresent,
                ["ExcludeRootFromCA"] = ExcludeRootFromCA.IsPresent,
                ["WhatIf"] = WhatIfRequested,
                ["Confirm"] = false,
            };
            if (StorePath != null) parameters["StorePath"] = StorePath;
            if (!StoreTarget.IsDirectoryStorePath(StoreLocation, StorePath)) parameters["StoreLocation"] = StoreLocation.ToString();
            if (SystemRoot != null) parameters["SystemRoot"] = SystemRoot;
            var work = new RemoteWork
            {
                Command = "Import-CaChain",
                Parameters = parameters,
                Input = items,
                Action = $"Import {items.Length} certificate(s) into {StoreDescription}",
            };
            fanOut = new RemoteFanOut(this, work, CopyModule, Summary, ThrottleLimit);
            fanOut.Run(remoteTargets, confirmEach: !WhatIfRequested);
        }

        protected override void StopProcessing() => fanOut?.Stop();

        private bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object value) && ((SwitchParameter)value).IsPresent;

        // The store as the user named it, for the remote confirmation.
        private string StoreDescription =>
            StoreLocation == CaChainStoreLocation.Bundle ? "the bundle " + (StorePath ?? "of the user") :
            StoreLocation == CaChainStoreLocation.Java ? "the Java keystore " + (StorePath ?? "of the JDK (cacerts)") :
            StoreLocation == CaChainStoreLocation.Nss ? (StorePath == null ? "every NSS database of the user" : "the NSS database " + StorePath) :
            StoreLocation == CaChainStoreLocation.All ? "every store the user's software reads (the system's, NSS, Java, the user's bundle)" :
            StorePath ?? StoreLocation + @"\Root and \CA";

        private uint RuleFlags => (Force ? Flags.PlaceForce : 0) | (ExcludeRootFromCA ? Flags.PlaceRootNotInCA : 0);

        // A dry run tells what would change; each store write is confirmed; the
        // confirmed writes are made in one transaction, the declined ones left out.
        private void PlaceHere()
        {
            StoreTarget target = StoreOpening.Open(this, StoreLocation, StorePath, SystemRoot, ThrowTerminatingError, KeystorePassword);
            using (target)
            {
                List<PlacementEntry> planned = Place(target, RuleFlags | Flags.PlaceDryRun, new List<PlacementEntry>());
                if (planned == null) return;
                var writes = planned.Where(e => e.Action == PlacementAction.WouldAdd).ToList();
                if (writes.Count == 0)
                {
                    WriteEntries(planned);  // nothing to change: the plan is the result, even under -WhatIf
                    return;
                }
                var declined = writes.Where(w => !ShouldProcess(w.Result.Location, $"Add the {w.Result.Role} certificate '{w.Result.Subject}' ({w.Result.Thumbprint})")).ToList();
                if (declined.Count == writes.Count) return;
                List<PlacementEntry> placed = Place(target, RuleFlags, declined);
                if (placed != null) WriteEntries(placed);
            }
        }

        // The placement's entries, or null after writing why the store was not changed.
        private List<PlacementEntry> Place(StoreTarget target, uint flags, List<PlacementEntry> declined)
        {
            string root = target.Location(CaChainStoreName.Root), ca = target.Location(CaChainStoreName.CA);
            WriteVerbose($"{((flags & Flags.PlaceDryRun) != 0 ? "Planning" : "Placing")} {collected.Count} certificate(s) in {(root == ca ? root : root + " and " + ca)}");
            Placement placement;
            try
            {
                placement = target.Place(collected, flags, declined.Select(d => (d.Store, d.Result.Thumbprint, d.Result.Location)).ToList());
            }
            catch (CaChainException error)
            {
                WriteError(CommandErrors.Record(this, error, target.Location(CaChainStoreName.Root)));
                return null;
            }
            foreach (string warning in placement.Warnings) WriteWarning(warning);
            return placement.Entries;
        }

        // A certificate the rule leaves out is left out of every store of the
        // call (each NSS database, All's every kind): said once, not per store.
        private void WriteEntries(List<PlacementEntry> entries)
        {
            var leftOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (PlacementEntry entry in entries)
            {
                if (entry.Action == PlacementAction.Skipped && !entry.Declined && !leftOut.Add(entry.Result.Thumbprint)) continue;
                // Declined at -Confirm, or a leaf that came in a bundle with its chain: notes, not errors.
                if (entry.Declined || (entry.Action == PlacementAction.Skipped && entry.Status == Status.Ok)) WriteVerbose(entry.Result.Message);
                else if (entry.Action == PlacementAction.Skipped) WriteError(CommandErrors.Record(this, entry.Failure, entry.Result.Subject));
                WriteObject(entry.Result);
            }
        }
    }
}
