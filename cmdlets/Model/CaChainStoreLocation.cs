namespace CaChain.Stores
{
    // -StoreLocation of Import-, Remove- and Test-CaChain (cachain_store_location).
    public enum CaChainStoreLocation { LocalMachine = 0, CurrentUser = 1, Directory = 2 }
}
