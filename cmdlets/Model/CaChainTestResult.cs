namespace CaChain
{
    // Whether this machine (or a given store) trusts a chain, and if not, the
    // first broken link, the fix, and the codes Windows and OpenSSL users see.
    public sealed class CaChainTestResult
    {
        public string Target { get; set; }
        public string Endpoint { get; set; }
        public bool Trusted { get; set; }
        // The kind of failure (a CaChainTrustCause name: "ServerOmitsIntermediates"), "None" when trusted.
        public string Cause { get; set; }
        public string Reason { get; set; }
        public string Fix { get; set; }
        public string TlsError { get; set; }
        public string TlsErrorName { get; set; }
        public string ChainError { get; set; }
        public string ChainErrorName { get; set; }
        // Each code as its own kind writes it, empty when there is none, with
        // its symbolic name; OpenSSL's also with the words openssl verify prints.
        public string OpenSslError { get; set; }
        public string OpenSslErrorName { get; set; }
        public string OpenSslErrorText { get; set; }
        // The trusted roots' store, named as Import-CaChain names its
        // Location (Store there is Root or CA).
        public string Location { get; set; }
        public CaChainElement[] Chain { get; set; }
        // CA certificates of the path that expire within -WarnWithinDays, one line each.
        public string[] Warnings { get; set; }
        // Store entries that could not be read (where: why), one each; the
        // Reason names them when they may be the missing root or issuer.
        public string[] Unreadable { get; set; }
        // What the store lacks of this chain's CA certificates under the
        // seed's rule ("Root: CN=… (thumbprint)", what Import-CaChain would
        // add), and intermediates it holds among its trusted roots.
        public string[] Missing { get; set; }
        public string[] WrongStore { get; set; }
        // With -CheckRevocation: the path's revocation status, the code a
        // Windows client reports for it (CRYPT_E_REVOKED...), OpenSSL's,
        // the reason and the fix; and per certificate what was found.
        public CaChainRevocationStatus RevocationStatus { get; set; }
        public string RevocationError { get; set; }
        public string RevocationErrorName { get; set; }
        public string RevocationOpenSslError { get; set; }
        public string RevocationReason { get; set; }
        public string RevocationFix { get; set; }
        public CaChainRevocation[] Revocation { get; set; }

        public override string ToString() => Trusted ? $"{Target}: trusted" : $"{Target}: {Reason}";
    }
}
