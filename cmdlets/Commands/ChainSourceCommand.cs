using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaChain.Native;

namespace CaChain.Commands
{
    // The inputs Get-CaChain, Export-CaChain and Test-CaChain share: files and
    // folders, certificates from the pipeline, TLS endpoints, and extra issuers.
    // Each pipeline item becomes one SourceItem; a bad item writes an error and
    // the rest go on.
    public abstract class ChainSourceCommand : CertificateInputCommand
    {
        protected const string EndpointSet = "ComputerName";

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
        [Alias("Base64")]
        [Base64Bytes]
        public byte[] RawData { get; set; }

        [Parameter(ParameterSetName = EndpointSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        // Not "DnsName": that is Test-CaChain's name to check.
        [Alias("HostName", "CN")]
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

        // The endpoints of the current pipeline item, each with its own chain
        // (what one server presents never becomes another's target); items
        // that could not be reached have written their error already. Files,
        // certificates, text and chain elements are gathered instead.
        protected IEnumerable<SourceItem> ReadItems()
        {
            foreach (SourceItem item in ReadEachItem())
            {
                if (item == null) continue;
                if (item.Inputs.Count == 0)
                {
                    OnItemFailed(item.Target);
                    item.Dispose();
                    continue;
                }
                Progress.Next(item.Label);
                yield return item;
            }
        }

        private PipelineProgress progress;
        private PipelineProgress Progress => progress ?? (progress = new PipelineProgress(this, MyInvocation.MyCommand.Name));

        // Everything of this call that is not an endpoint, read as it comes:
        // its certificates are issuer candidates for each other, and each one
        // that issued none of the others is a target, as in one bundle.
        private SourceItem given;
        private bool givenOnlyChainElements = true;
        private int textCount, elementCount;
        private bool pathFromCommandLine;

        protected override void BeginProcessing() => pathFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Path));

        // The gathered certificates of the whole call, as one item with its
        // issuers; none when no good certificate came.
        protected IEnumerable<SourceItem> ReadGathered()
        {
            string openBlock = FlushStrings();
            if (openBlock != null) ReadText(openBlock);
            if (given == null) yield break;
            SourceItem item = given;
            given = null;
            if (item.Inputs.Count == 0)
            {
                item.Dispose();  // each item has told why already
                yield break;
            }
            // Get-CaChain output is a chain already built from its issuers: it is rebuilt as it came.
            if (!givenOnlyChainElements) AddIssuers(item);
            yield return item;
        }

        // Get-CaChain output piped on: Get-CaChain has warned about an incomplete chain already.
        private protected bool GatheredFromChainElements => givenOnlyChainElements;

        // Reads one item into the gathered set; a bad one writes its error
        // (naming it) and the rest go on.
        private void Gather(object target, string label, Action<CertificateSet> read, bool chainElement = false)
        {
            if (given == null) given = new SourceItem(GatheredLabel, GatheredLabel);
            if (!chainElement) givenOnlyChainElements = false;
            Progress.Next(label);
            int countBefore = given.Inputs.Count, problemsBefore = given.Inputs.ProblemCount;
            CaChainException failure = CaChainException.Capture(() => read(given.Inputs));
            if (ReportNew(given.Inputs, problemsBefore, failure, target) > 0 && given.Inputs.Count == countBefore) OnItemFailed(target);
        }

        private const string GatheredLabel = "the certificates given";

        // Where an item could not be read: Test-CaChain -Quiet answers $false for it.
        private protected virtual void OnItemFailed(object target) { }

        // What Get, Export and Test-CaChain do with one item: an endpoint, or
        // the gathered certificates of the call.
        private protected abstract void Answer(SourceItem item);

        protected override void ProcessRecord()
        {
            foreach (SourceItem item in ReadItems()) using (item) Answer(item);
        }

        // The gathered certificates are answered last, when all have come;
        // derived cmdlets that override EndProcessing call it first.
        protected override void EndProcessing()
        {
            foreach (SourceItem item in ReadGathered()) using (item) Answer(item);
            progress?.Complete();
            localIssuers?.Dispose();
        }

        // Where the machine's own stores are read from: an image's root on
        // Linux (Test-CaChain -SystemRoot), null for this machine.
        private protected virtual string LocalStoresRoot => null;

        private CertificateSet localIssuers;

        // Whether this machine's stores join each item's issuers. Test-CaChain
        // says no: its judge must get only what a client has (what the server
        // sent, -IssuerPath, and the tested store as its clients read it), and
        // on Linux no client reads CaChain's intermediates file.
        private protected virtual bool LocalStoresAreIssuers => true;

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
                    Gather($"pipeline element {++elementCount}", $"pipeline element {elementCount}",
                        inputs => inputs.AddBytes(RawData, $"pipeline element {elementCount}"), chainElement: true);
                    break;
                case PathSet when pathFromCommandLine:
                    foreach (string path in Path) ReadFiles(path, literal: false);
                    break;
                case PathSet:
                    foreach (string text in Path) ReadString(text);
                    break;
                case LiteralPathSet:
                    foreach (string path in LiteralPath) ReadFiles(path, literal: true);
                    break;
                case CertificateSet:
                    foreach (X509Certificate2 certificate in InputObject)
                        Gather(certificate, "a certificate from the pipeline", inputs => inputs.AddBytes(certificate.RawData, certificate.Subject));
                    break;
                case EndpointSet:
                    foreach (string name in ComputerName) yield return ReadEndpoint(name);
                    break;
            }
        }

        // A path that names no file has written its error, and is an item that failed.
        private void ReadFiles(string path, bool literal)
        {
            bool any = false;
            foreach (string resolved in ResolvePath(path, literal))
            {
                any = true;
                ReadFile(resolved);
            }
            if (!any) OnItemFailed(path);
        }

        private void ReadFile(string path) =>
            Gather(path, path, inputs => ReadPath(inputs, path));

        // A piped string: a path, certificate text, or an error naming it.
        private void ReadString(string text) => TakeString(text, ReadFile, ReadText, OnItemFailed);

        private void ReadText(string text)
        {
            string label = $"text {++textCount}";
            Gather(label, label, inputs => inputs.AddText(text, label));
        }

        // A server that cannot be reached (refused, unknown, timed out):
        // Test-CaChain -Quiet answers only $false for it.
        private protected virtual void WriteUnreachable(ErrorRecord record) => WriteError(record);

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
                WriteError(CommandErrors.Record(this, error, name));
                OnItemFailed(name);
                return null;
            }
            var item = new SourceItem(name, endpoint, endpoint);
            CaChainException failure = CaChainException.Capture(() =>
            {
                WriteVerbose($"Connecting to {endpoint} ({Protocol}, {TimeoutSec} s) for the chain it presents");
                item.Inputs.AddEndpoint(endpoint, Protocol, TimeoutSec, item.Pool);
            });
            ReportNew(item.Inputs, 0, failure, name, write: item.Inputs.Count == 0 ? WriteUnreachable : (Action<ErrorRecord>)null);
            if (item.Inputs.Count > 0) AddIssuers(item);
            return item;  // ReadItems drops it, after telling, when it holds no certificate
        }

        // -IssuerPath, then this machine's stores (after the item's own
        // issuers, so a certificate both hold keeps their source). A bad
        // issuer file is reported, naming it, and the others are still used.
        private void AddIssuers(SourceItem item)
        {
            foreach (string issuers in IssuerPath ?? Array.Empty<string>())
            {
                int problemsBefore = item.Pool.ProblemCount;
                CaChainException failure = CaChainException.Capture(() => item.Pool.AddPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(issuers), PlainPassword()));
                ReportNew(item.Pool, problemsBefore, failure, issuers, extraIssuers: true);
            }
            if (SkipLocalStores || !LocalStoresAreIssuers) return;
            CaChainException localFailure = CaChainException.Capture(() => item.Pool.AddSet(LocalIssuers()));
            if (localFailure != null) WriteError(CommandErrors.Record(this, localFailure, item.Target));
        }

        private protected override SecureString FilePassword => Password;

        // Chains for the loaded item, or null after writing why there are none.
        // bestPathOnly: each target's best path, without its alternates.
        private protected DiscoveredChains Discover(SourceItem item, bool bestPathOnly)
        {
            if (item.Inputs.Count == 0) return null;
            WriteVerbose($"Discovering chains for {item.Label}{(Offline ? " (offline)" : string.Empty)}");
            try
            {
                return DiscoveredChains.Discover(item.Inputs, item.Pool, DiscoverFlags, TimeoutSec, bestPathOnly);
            }
            catch (CaChainException error)
            {
                WriteError(CommandErrors.Record(this, error, item.Target));
                return null;
            }
        }

        // Tells the user, without stopping, that a chain does not reach a root.
        private protected void WarnIfIncomplete(Chain chain, string target)
        {
            if (chain.Status != ChainStatus.Complete) WriteWarning($"{target}: {chain.Text(ChainText.Summary)}");
        }
    }

    // One endpoint's certificates, or the gathered ones of a call: the
    // targets and the issuer candidates.
    public sealed class SourceItem : IDisposable
    {
        internal SourceItem(object target, string label, string endpoint = null) { Target = target; Label = label; Endpoint = endpoint; }

        public object Target { get; }
        public string Label { get; }
        // "host:port" when the certificates were presented by a server, else null.
        public string Endpoint { get; }
        internal CertificateSet Inputs { get; } = new CertificateSet();
        internal CertificateSet Pool { get; } = new CertificateSet();

        public void Dispose() { Inputs.Dispose(); Pool.Dispose(); }
    }
}
