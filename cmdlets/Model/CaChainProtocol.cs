namespace CaChain.Commands
{
    // -Protocol: how Get-, Export- and Test-CaChain ask an endpoint for its
    // chain (cachain_protocol). The namespace is the one users have typed
    // since the first release.
    public enum CaChainProtocol { Auto = 0, Tls = 1, Smtp = 2, Ldap = 3 }
}
