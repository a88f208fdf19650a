namespace CaChain
{
    // What a client that checks revocation finds (cachain_revocation_status):
    // CaChainTestResult.RevocationStatus and CaChainRevocation.Status.
    public enum CaChainRevocationStatus
    {
        NotChecked = 0, Good = 1, Revoked = 2, Offline = 3, Unusable = 4, NotPublished = 5
    }
}
