namespace CaChain.Commands
{
    // Export-CaChain -Format (cachain_format).
    public enum CaChainFormat { Der = 0, Pem = 1, P7b = 2 }
}
