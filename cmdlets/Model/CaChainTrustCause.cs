namespace CaChain
{
    // Why a chain is not trusted, one kind per failure (cachain_trust_cause):
    // CaChainTestResult.Cause names one of these.
    public enum CaChainTrustCause
    {
        None = 0, IssuerMissing = 1, ServerOmitsIntermediates = 2, RootNotTrusted = 3, AnchorNotSelfSigned = 4,
        Expired = 5, NotYetValid = 6, CriticalExtension = 7, HostNameMismatch = 8, WrongPurpose = 9,
        NameConstraints = 10, InvalidCa = 11, PathLength = 12, CaKeyUsage = 13, BadSignature = 14, PathLoop = 15,
        SearchLimit = 16, Other = 17, Revoked = 18
    }
}
