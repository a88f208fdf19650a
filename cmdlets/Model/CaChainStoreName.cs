namespace CaChain.Stores
{
    // Remove-CaChain -Store, and a placement's Store (cachain_store_name).
    public enum CaChainStoreName { Root = 0, CA = 1 }
}
