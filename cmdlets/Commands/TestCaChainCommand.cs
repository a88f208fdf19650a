using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Management.Automation.Runspaces;
using CaChain.Native;
using CaChain.Remote;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Test-CaChain: does this machine (or a given store) trust this endpoint or
    // certificate? If not, the first broken link, the fix, and the codes that
    // Schannel, CryptoAPI and OpenSSL users see. On other machines (-SshHost,
    // -TargetComputer, -Session) each machine answers for itself: it connects
    // to the endpoint as its own clients would, and judges with its own stores.
    [Cmdlet(VerbsDiagnostic.Test, "CaChain", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CaChainTestResult), typeof(bool), typeof(CaChainTargetReport))]
    public sealed class TestCaChainCommand : ChainSourceCommand, IRemoteTargetParameters
    {
        private StoreTarget store;

        [Parameter]
        public CaChainStoreLocation StoreLocation { get; set; } = CaChainStoreLocation.LocalMachine;

        // -NssDatabase and -KeystorePath name it for those kinds of store.
        [Alias("NssDatabase", "KeystorePath")]
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StorePath { get; set; }

        // The password of a Java keystore (-StoreLocation Java); changeit,
        // a JDK's own, when not given. Never sent to other machines.
        [Parameter]
        public SecureString KeystorePassword { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SystemRoot { get; set; }

        // Only $true or $false per input.
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        // The time the clients decide at: "will this still be trusted after the root expires?"
        [Parameter]
        public DateTime At { get; set; }

        // The name checked against the certificate; an endpoint's own name by default.
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DnsName { get; set; }

        [Parameter]
        public CaChainPurpose Purpose { get; set; } = CaChainPurpose.ServerAuth;

        // Warn about CA certificates of the path that expire within this many days.
        [Parameter]
        [ValidateRange(0, 36500)]
        public int WarnWithinDays { get; set; }

        // Check each certificate's revocation as a client that checks it
        // would; with -Offline, only say where it is published.
        [Parameter]
        public SwitchParameter CheckRevocation { get; set; }

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
        private readonly List<string> remoteEndpoints = new List<string>();
        private readonly List<object> remoteCertificates = new List<object>();
        private RemoteFanOut fanOut;

        private protected override bool LocalStoresAreIssuers => false;

        // The image's own stores are its issuers, not this machine's.
        private protected override string LocalStoresRoot =>
            SystemRoot == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SystemRoot);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            CaChainStoreLocation? location = MyInvocation.BoundParameters.ContainsKey(nameof(StoreLocation)) ? StoreLocation : (CaChainStoreLocation?)null;
            ErrorRecord conflict = StoreTargetConflict.Find(this, location, StorePath, SystemRoot, KeystorePassword != null);
            if (conflict != null) ThrowTerminatingError(conflict);
            remoteTargets = RemoteTargetSelection.Resolve(this, this);
            if (remoteTargets != null && KeystorePassword != null) ThrowTerminatingError(StoreTargetConflict.PasswordToOtherMachines(this));
            if (remoteTargets == null) store = StoreOpening.Open(this, StoreLocation, StorePath, SystemRoot, ThrowTerminatingError, KeystorePassword);
            else if (IssuerPath != null)
                ThrowTerminatingError(CommandErrors.Record(this, new ArgumentException("-IssuerPath names files on this machine, which the other machines do not have: pipe those certificates in with the ones to test instead."), "RemoteTargetConflict", ErrorCategory.InvalidArgument, null));
        }

        // On other machines, endpoints are named to them, not reached from
        // here; files and certificates are read here and sent as bytes.
        protected override void ProcessRecord()
        {
            if (remoteTargets != null && ParameterSetName == EndpointSet) foreach (string name in ComputerName) AddRemoteEndpoint(name);
            else base.ProcessRecord();
        }

        // "host:port" as the library reads the name (a port given with a
        // piped object belongs to its names only); a name that is no address
        // is an error of its own, as it is here.
        private void AddRemoteEndpoint(string name)
        {
            try
            {
                remoteEndpoints.Add(Endpoint.Text(name, Port));
            }
            catch (CaChainException error)
            {
                WriteError(CommandErrors.Record(this, error, name));
                OnItemFailed(name);
            }
        }

        private protected override void Answer(SourceItem item)
        {
            if (remoteTargets != null)
            {
                for (int i = 0; i < item.Inputs.Count; i++)
                {
                    var element = new PSObject();
                    element.Properties.Add(new PSNoteProperty("RawData", item.Inputs[i].Der()));
                    remoteCertificates.Add(element);
                }
                return;
            }
            List<CaChainTestResult> results = Evaluate(item);
            if (results == null) OnItemFailed(item.Target);
            else if (Quiet) WriteObject(results.Count > 0 && results.TrueForAll(r => r.Trusted));
            else WriteObject(results, enumerateCollection: true);
        }

        // An input that cannot be read or reached is not trusted.
        private protected override void OnItemFailed(object target)
        {
            if (Quiet) WriteObject(false);
        }

        // -Quiet answers only $false for a server it cannot reach, as
        // Test-Connection -Quiet does; why is verbose. Bad input is still an error.
        private protected override void WriteUnreachable(ErrorRecord record)
        {
            if (Quiet) WriteVerbose(record.Exception.Message);
            else WriteError(record);
        }

        private List<CaChainTestResult> Evaluate(SourceItem item)
        {
            if (item.Inputs.Count == 0) return null;
            WriteVerbose($"Evaluating {item.Label} against {store.Location(CaChainStoreName.Root)}");
            List<Verdict> verdicts;
            try
            {
                verdicts = store.Evaluate(item.Inputs, item.Pool, item.Endpoint, Request(item));
            }
            catch (CaChainException error)
            {
                // A store that does not exist is named itself: the item is not at fault.
                object target = error.Status == Status.PathNotFound ? (object)store.StorePath ?? store.SystemRoot ?? item.Target : item.Target;
                WriteError(CommandErrors.Record(this, error, target));
                return null;
            }
            return verdicts.ConvertAll(verdict => Result(verdict, item.Endpoint));
        }

        // Without -Offline, missing issuers are downloaded through their AIA
        // URLs; libcachain decides what the platform's clients get of them.
        private EvaluationRequest Request(SourceItem item) => new EvaluationRequest
        {
            At = MyInvocation.BoundParameters.ContainsKey(nameof(At)) ? At : (DateTime?)null,
            Purpose = Purpose,
            DnsName = DnsName ?? (item.Endpoint == null ? null : Endpoint.Host(item.Endpoint)),
            WarnWithinDays = WarnWithinDays,
            DownloadIssuers = !Offline,
            CheckRevocation = CheckRevocation,
            TimeoutSeconds = TimeoutSec,
        };

        private CaChainTestResult Result(Verdict verdict, string endpoint)
        {
            string tlsError = ErrorCatalog.Hex(verdict.TlsError);
            string chainError = ErrorCatalog.Hex(verdict.ChainError);
            string openSslError = verdict.OpenSslCode == 0 ? string.Empty : verdict.OpenSslCode.ToString(CultureInfo.InvariantCulture);
            List<CaChainElement> elements = verdict.Elements;
            if (!Quiet) foreach (string warning in verdict.Warnings) WriteWarning(warning);
            if (!Quiet) foreach (string entry in verdict.Unreadable) WriteWarning($"The store holds an entry that cannot be read: {entry}");
            return new CaChainTestResult
            {
                Target = elements[elements.Count - 1].Name,
                Endpoint = endpoint,
                Trusted = verdict.Trusted,
                Cause = verdict.Cause.ToString(),
                Reason = verdict.Reason,
                Fix = verdict.Fix,
                TlsError = tlsError,
                TlsErrorName = ErrorCatalog.NameOf(tlsError),
                ChainError = chainError,
                ChainErrorName = ErrorCatalog.NameOf(chainError),
                OpenSslError = openSslError,
                OpenSslErrorName = ErrorCatalog.NameOf(openSslError),
                OpenSslErrorText = verdict.OpenSslText,
                Location = store.Location(CaChainStoreName.Root),
                Chain = elements.ToArray(),
                Warnings = verdict.Warnings,
                Unreadable = verdict.Unreadable,
                Missing = StoreGaps.Missing(store, elements.ToArray()),
                WrongStore = StoreGaps.WrongStore(store, elements.ToArray()),
                RevocationStatus = verdict.RevocationStatus,
                RevocationError = ErrorCatalog.Hex(verdict.RevocationError),
                RevocationErrorName = ErrorCatalog.NameOf(ErrorCatalog.Hex(verdict.RevocationError)),
                RevocationOpenSslError = verdict.RevocationOpenSslCode == 0
                    ? string.Empty : verdict.RevocationOpenSslCode.ToString(CultureInfo.InvariantCulture),
                RevocationReason = verdict.RevocationReason,
                RevocationFix = verdict.RevocationFix,
                Revocation = verdict.Revocation,
            };
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (remoteTargets != null) TestOnTargets();
            store?.Dispose();
        }

        protected override void StopProcessing() => fanOut?.Stop();

        // What each machine is asked: the same question, in its own words.
        private static readonly string[] Forwarded =
        {
            nameof(Protocol), nameof(Offline), nameof(SkipLocalStores), nameof(TimeoutSec), nameof(StoreLocation), nameof(StorePath),
            nameof(SystemRoot), nameof(Quiet), nameof(At), nameof(DnsName), nameof(Purpose), nameof(WarnWithinDays),
            nameof(CheckRevocation),
        };

        private void TestOnTargets()
        {
            var parameters = new System.Collections.Hashtable();
            foreach (string name in Forwarded)
            {
                if (!MyInvocation.BoundParameters.TryGetValue(name, out object value)) continue;
                parameters[name] = value is SwitchParameter flag ? flag.IsPresent : value is Enum ? value.ToString() : value;
            }
            if (remoteEndpoints.Count > 0) parameters["ComputerName"] = remoteEndpoints.ToArray();
            else if (remoteCertificates.Count == 0) return;  // every input failed here, and said why
            var work = new RemoteWork
            {
                Command = "Test-CaChain",
                Parameters = parameters,
                Input = remoteEndpoints.Count > 0 ? null : remoteCertificates.ToArray(),
                Action = "Test the chain",
            };
            fanOut = new RemoteFanOut(this, work, CopyModule, Summary, ThrottleLimit);
            fanOut.Run(remoteTargets, confirmEach: false);
        }
    }
}
