namespace CaChain.Stores
{
    // -StoreLocation of Import-, Remove- and Test-CaChain (cachain_store_location).
    // Directory and Bundle take their folder or file from -StorePath (a
    // Bundle without one is the user's own bundle file).
    public enum CaChainStoreLocation { LocalMachine = 0, CurrentUser = 1, Directory = 2, Bundle = 3 }
}
