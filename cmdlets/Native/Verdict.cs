using System;
using System.Collections.Generic;

namespace CaChain.Native
{
    // Whether a store trusts one chain, read from libcachain's verdicts
    // before they are freed: the chain's elements, and for an untrusted one
    // the reason, the fix and the codes each platform reports.
    internal sealed class Verdict
    {
        public bool Trusted;
        public long ChainError, TlsError, OpenSslCode;
        public string Reason, Fix;
        // OpenSSL's words for OpenSslCode, empty when it is 0.
        public string OpenSslText;
        public CaChainTrustCause Cause;
        // CA certificates of the path that expire within the window asked for.
        public string[] Warnings;
        // Store entries OpenSSL could not read, "where: why", one each.
        public string[] Unreadable;
        public List<CaChainElement> Elements;
        // With a revocation check: the path's status, codes and words, and each certificate's.
        public CaChainRevocationStatus RevocationStatus;
        public long RevocationError, RevocationOpenSslCode;
        public string RevocationReason, RevocationFix;
        public CaChainRevocation[] Revocation;

        // Each verdict of the handle, its chain's elements tagged with endpoint.
        internal static List<Verdict> ReadAll(VerdictsHandle verdicts, string endpoint)
        {
            var all = new List<Verdict>();
            ulong count = NativeMethods.cachain_verdicts_count(verdicts).ToUInt64();
            for (ulong i = 0; i < count; i++) all.Add(Read(verdicts, (UIntPtr)i, endpoint));
            return all;
        }

        private static string[] Lines(string text) =>
            text.Length == 0 ? Array.Empty<string>() : text.TrimEnd('\n').Split('\n');

        private static Verdict Read(VerdictsHandle verdicts, UIntPtr index, string endpoint)
        {
            long Number(VerdictNumber field) => NativeMethods.cachain_verdict_number(verdicts, index, (int)field);
            string Text(VerdictText field) => Utf8.FromNative(NativeMethods.cachain_verdict_text(verdicts, index, (int)field));
            long openSslCode = Number(VerdictNumber.OpenSslCode);
            return new Verdict
            {
                Elements = new Chain(NativeMethods.cachain_verdict_chain(verdicts, index)).Elements(endpoint),
                TlsError = Number(VerdictNumber.TlsError),
                ChainError = Number(VerdictNumber.ChainError),
                OpenSslCode = openSslCode,
                Trusted = Number(VerdictNumber.Trusted) == 1,
                Reason = Text(VerdictText.Reason),
                Fix = Text(VerdictText.Fix),
                OpenSslText = openSslCode == 0 ? string.Empty : Text(VerdictText.OpenSsl),
                Cause = (CaChainTrustCause)Number(VerdictNumber.Cause),
                Warnings = Lines(Text(VerdictText.Warnings)),
                Unreadable = Lines(Text(VerdictText.Unreadable)),
                RevocationStatus = (CaChainRevocationStatus)Number(VerdictNumber.RevocationStatus),
                RevocationError = Number(VerdictNumber.RevocationError),
                RevocationOpenSslCode = Number(VerdictNumber.RevocationOpenSslCode),
                RevocationReason = Text(VerdictText.RevocationReason),
                RevocationFix = Text(VerdictText.RevocationFix),
                Revocation = ReadRevocation(verdicts, index),
            };
        }

        private static CaChainRevocation[] ReadRevocation(VerdictsHandle verdicts, UIntPtr index)
        {
            ulong count = NativeMethods.cachain_verdict_revocation_count(verdicts, index).ToUInt64();
            var entries = new CaChainRevocation[count];
            for (ulong i = 0; i < count; i++)
            {
                var element = (UIntPtr)i;
                long Number(RevocationNumber field) => NativeMethods.cachain_verdict_revocation_number(verdicts, index, element, (int)field);
                string Text(RevocationText field) =>
                    Utf8.FromNative(NativeMethods.cachain_verdict_revocation_text(verdicts, index, element, (int)field));
                long revokedAt = Number(RevocationNumber.RevokedAt);
                entries[i] = new CaChainRevocation
                {
                    Subject = Text(RevocationText.Subject),
                    Status = (CaChainRevocationStatus)Number(RevocationNumber.Status),
                    RevokedAt = revokedAt > 0 ? DateTimeOffset.FromUnixTimeSeconds(revokedAt).UtcDateTime : (DateTime?)null,
                    RevocationReason = Text(RevocationText.ReasonCode),
                    Published = Lines(Text(RevocationText.Published)),
                    Reached = Lines(Text(RevocationText.Reached)),
                    Summary = Text(RevocationText.Summary),
                };
            }
            return entries;
        }
    }
}
