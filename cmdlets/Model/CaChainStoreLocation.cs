namespace CaChain.Stores
{
    // -StoreLocation of Import-, Remove- and Test-CaChain (cachain_store_location).
    // Directory, Bundle, Nss and Java take their folder, file, database or
    // keystore from -StorePath (a Bundle without one is the user's own
    // bundle file; Nss without one is every NSS database of the user; Java
    // without one is the JDK's cacerts). All is every store the user's
    // software reads (on Linux LocalMachine and each of Nss, Java and Bundle
    // that is present; on Windows LocalMachine), and takes -SystemRoot as
    // LocalMachine does.
    public enum CaChainStoreLocation { LocalMachine = 0, CurrentUser = 1, Directory = 2, Bundle = 3, Nss = 4, Java = 5, All = 6 }

    internal static class StoreLocationRules
    {
        // Whether -StorePath names a store of this location's own kind (a
        // bundle's file, an NSS database) rather than a directory store.
        public static bool TakesStorePath(this CaChainStoreLocation location) =>
            location == CaChainStoreLocation.Bundle || location == CaChainStoreLocation.Nss || location == CaChainStoreLocation.Java;

        // Whether -SystemRoot (the folder that stands for / ) applies.
        public static bool TakesSystemRoot(this CaChainStoreLocation location) =>
            location == CaChainStoreLocation.LocalMachine || location == CaChainStoreLocation.All;

        // What -StorePath names with this location, for messages.
        public static string StorePathNoun(this CaChainStoreLocation? location) =>
            location == CaChainStoreLocation.Bundle ? "a bundle file" :
            location == CaChainStoreLocation.Nss ? "an NSS database" :
            location == CaChainStoreLocation.Java ? "a Java keystore" : "a directory store";
    }
}
