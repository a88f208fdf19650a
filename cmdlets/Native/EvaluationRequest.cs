using System;
using CaChain.Commands;

namespace CaChain.Native
{
    // What Test-CaChain asks a store (cachain_evaluate_options): at which
    // time, for which purpose and name, how far ahead to warn, and whether
    // missing issuers may be downloaded to explain a refusal.
    internal sealed class EvaluationRequest
    {
        public DateTime? At;  // null: now
        public CaChainPurpose Purpose = CaChainPurpose.ServerAuth;
        public string DnsName;  // null: no name check
        public int WarnWithinDays;
        public bool DownloadIssuers;
        // Check revocation; fetching CRLs and OCSP only when DownloadIssuers (not -Offline).
        public bool CheckRevocation;
        public int TimeoutSeconds;

        // The options struct, with dnsName the pinned UTF-8 of DnsName (or zero).
        internal EvaluateOptions ToNative(IntPtr dnsName) => new EvaluateOptions
        {
            Version = EvaluateOptions.CurrentVersion,
            At = At.HasValue ? new DateTimeOffset(At.Value.ToUniversalTime()).ToUnixTimeSeconds() : 0,
            Purpose = (int)Purpose,
            DnsName = dnsName,
            WarnWithinDays = (uint)WarnWithinDays,
            Flags = (DownloadIssuers ? Flags.EvaluateDownloadIssuers : 0) |
                    (CheckRevocation ? Flags.EvaluateCheckRevocation | (DownloadIssuers ? 0 : Flags.EvaluateRevocationOffline) : 0),
            TimeoutSeconds = (uint)TimeoutSeconds,
        };
    }
}
