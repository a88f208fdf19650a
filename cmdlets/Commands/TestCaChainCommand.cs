using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CaChain.Native;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Test-CaChain: does this machine (or a given store) trust this endpoint or
    // certificate? If not, the first broken link, the fix, and the codes that
    // Schannel, CryptoAPI and OpenSSL users see.
    [Cmdlet(VerbsDiagnostic.Test, "CaChain", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CaChainTestResult), typeof(bool))]
    public sealed class TestCaChainCommand : ChainSourceCommand
    {
        private StoreTarget store;

        [Parameter]
        public CaChainStoreLocation StoreLocation { get; set; } = CaChainStoreLocation.LocalMachine;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StorePath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SystemRoot { get; set; }

        // Only $true or $false per input.
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        // The image's own stores are its issuers, not this machine's.
        private protected override string LocalStoresRoot =>
            SystemRoot == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SystemRoot);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            CaChainStoreLocation? location = MyInvocation.BoundParameters.ContainsKey(nameof(StoreLocation)) ? StoreLocation : (CaChainStoreLocation?)null;
            ErrorRecord conflict = StoreTargetConflict.Find(location, StorePath, SystemRoot, ErrorIdPrefix);
            if (conflict != null) ThrowTerminatingError(conflict);
            try
            {
                store = StoreTarget.Open(SessionState, StoreLocation, StorePath, SystemRoot);
            }
            catch (CaChainException error)
            {
                ThrowTerminatingError(error.ToErrorRecord(ErrorIdPrefix, (object)StorePath ?? StoreLocation));
            }
        }

        private protected override void Answer(SourceItem item)
        {
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

        private List<CaChainTestResult> Evaluate(SourceItem item)
        {
            if (item.Inputs.Count == 0) return null;
            WriteVerbose($"Evaluating {item.Label} against {store.Location(CaChainStoreName.Root)}");
            Status status = NativeMethods.cachain_evaluate(store.Handle, item.Inputs.Handle, item.Pool.Handle, out VerdictsHandle verdicts);
            using (verdicts)
            {
                if (status != Status.Ok)
                {
                    // A store that does not exist is named itself: the item is not at fault.
                    object target = status == Status.PathNotFound ? (object)store.StorePath ?? store.SystemRoot ?? item.Target : item.Target;
                    WriteError(store.Failure(status).ToErrorRecord(ErrorIdPrefix, target));
                    return null;
                }
                var results = new List<CaChainTestResult>();
                ulong count = NativeMethods.cachain_verdicts_count(verdicts).ToUInt64();
                for (ulong i = 0; i < count; i++) results.Add(Result(verdicts, (UIntPtr)i, item));
                return results;
            }
        }

        private CaChainTestResult Result(VerdictsHandle verdicts, UIntPtr index, SourceItem item)
        {
            IntPtr chain = NativeMethods.cachain_verdict_chain(verdicts, index);
            string tlsError = ErrorCatalog.Hex(NativeMethods.cachain_verdict_number(verdicts, index, VerdictFields.TlsError));
            string chainError = ErrorCatalog.Hex(NativeMethods.cachain_verdict_number(verdicts, index, VerdictFields.ChainError));
            long openSslCode = NativeMethods.cachain_verdict_number(verdicts, index, VerdictFields.OpenSslCode);
            string openSslError = openSslCode == 0 ? string.Empty : openSslCode.ToString(CultureInfo.InvariantCulture);
            List<CaChainElement> elements = ChainReader.Elements(chain, item.Endpoint);
            return new CaChainTestResult
            {
                Target = elements[elements.Count - 1].Name,
                Endpoint = item.Endpoint,
                Trusted = NativeMethods.cachain_verdict_number(verdicts, index, VerdictFields.Trusted) == 1,
                Reason = Utf8.FromNative(NativeMethods.cachain_verdict_text(verdicts, index, VerdictFields.Reason)),
                Fix = Utf8.FromNative(NativeMethods.cachain_verdict_text(verdicts, index, VerdictFields.Fix)),
                TlsError = tlsError,
                TlsErrorName = ErrorCatalog.NameOf(tlsError),
                ChainError = chainError,
                ChainErrorName = ErrorCatalog.NameOf(chainError),
                OpenSslError = openSslError,
                OpenSslErrorName = ErrorCatalog.NameOf(openSslError),
                OpenSslErrorText = openSslCode == 0 ? string.Empty : Utf8.FromNative(NativeMethods.cachain_verdict_text(verdicts, index, VerdictFields.OpenSsl)),
                Location = store.Location(CaChainStoreName.Root),
                Chain = elements.ToArray(),
            };
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            store?.Dispose();
        }
    }
}
