namespace CaChain.Commands
{
    // -Purpose: what a client checks the chain for (cachain_purpose): TLS
    // server authentication, as curl and browsers do, TLS client
    // authentication, or any purpose (no extended key usage check).
    public enum CaChainPurpose { ServerAuth = 0, ClientAuth = 1, Any = 2 }
}
