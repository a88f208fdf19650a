namespace CaChain
{
    // Whether this machine (or a given store) trusts a chain, and if not, the
    // first broken link, the fix, and the codes Windows and OpenSSL users see.
    public sealed class CaChainTestResult
    {
        public string Target { get; set; }
        public string Endpoint { get; set; }
        public bool Trusted { get; set; }
        public string Reason { get; set; }
        public string Fix { get; set; }
        public string TlsError { get; set; }
        public string TlsErrorName { get; set; }
        public string ChainError { get; set; }
        public string ChainErrorName { get; set; }
        public int OpenSslCode { get; set; }
        public string OpenSslError { get; set; }
        public string Store { get; set; }
        public CaChainElement[] Chain { get; set; }

        public override string ToString() => Trusted ? $"{Target}: trusted" : $"{Target}: {Reason}";
    }
}
