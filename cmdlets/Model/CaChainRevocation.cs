using System;

namespace CaChain
{
    // One certificate of a tested path, as Test-CaChain -CheckRevocation
    // found it: where its status is published, what this machine got from
    // each address, and the answer.
    public sealed class CaChainRevocation
    {
        public string Subject { get; set; }
        public CaChainRevocationStatus Status { get; set; }
        // When revoked: the date, and the CRL reason ("keyCompromise").
        public DateTime? RevokedAt { get; set; }
        public string RevocationReason { get; set; }
        // The OCSP and CRL URLs, OCSP first.
        public string[] Published { get; set; }
        // "<url>: <what happened>", one per published URL.
        public string[] Reached { get; set; }
        public string Summary { get; set; }

        public override string ToString() => $"{Subject}: {Status}";
    }
}
