#include "store_factory.h"

#include "directory_store.h"
#include "pem_bundle_store.h"
#include "utf8_path.h"

#ifdef _WIN32
#include "windows_store.h"
#else
#include "java_store.h"
#include "linux_system_trust.h"
#include "nss_databases.h"
#include "nss_store.h"
#include "user_software_stores.h"
#endif

namespace cachain {

std::unique_ptr<TrustStore> open_store(cachain_store_location location, const std::string& path) {
    switch (location) {
    case CACHAIN_LOCATION_DIRECTORY:
        if (path.empty()) throw Failure(CACHAIN_E_ARGUMENT, "StorePath", "a directory store needs a folder");
        return std::make_unique<DirectoryStore>(path_from_utf8(path));
    case CACHAIN_LOCATION_BUNDLE:
        return std::make_unique<PemBundleStore>(path.empty() ? default_bundle_path() : path_from_utf8(path));
#ifdef _WIN32
    case CACHAIN_LOCATION_JAVA: return open_java_store(path, "changeit");
    case CACHAIN_LOCATION_NSS:
        throw Failure(CACHAIN_E_NOT_SUPPORTED, "NSS",
                      "NSS databases are changed through certutil, which Windows lacks; Chrome and Edge on Windows "
                      "trust the Windows stores (-StoreLocation LocalMachine or CurrentUser)");
    case CACHAIN_LOCATION_LOCAL_MACHINE:
        refuse_system_root_on_windows(path);
        return make_windows_system_store(WindowsStoreLocation::LocalMachine);
    case CACHAIN_LOCATION_CURRENT_USER: return make_windows_system_store(WindowsStoreLocation::CurrentUser);
#else
    case CACHAIN_LOCATION_JAVA: return open_java_store(path, "changeit");
    case CACHAIN_LOCATION_NSS:
        return std::make_unique<NssStore>(NssDatabase(path.empty() ? user_nss_databases(home_folder()).front() : path_from_utf8(path)));
    case CACHAIN_LOCATION_LOCAL_MACHINE:
        return std::make_unique<LinuxSystemTrust>(detect_linux_trust_layout(path.empty() ? "/" : path_from_utf8(path)));
    case CACHAIN_LOCATION_CURRENT_USER:
        throw Failure(CACHAIN_E_NOT_SUPPORTED, "CurrentUser",
                      "outside Windows, the current user's stores belong to .NET: Import-CaChain places them through "
                      ".NET's X509Store");
#endif
    case CACHAIN_LOCATION_ALL:
        throw Failure(CACHAIN_E_ARGUMENT, "All", "is several stores: open them with open_stores");
    }
    throw Failure(CACHAIN_E_ARGUMENT, "StoreLocation", "unknown store location " + std::to_string(location));
}

std::unique_ptr<TrustStore> open_java_store([[maybe_unused]] const std::string& path, [[maybe_unused]] const std::string& password) {
#ifdef _WIN32
    throw Failure(CACHAIN_E_NOT_SUPPORTED, "Java",
                  "Java keystores are changed through keytool, which CaChain runs on Linux only; on Windows, "
                  "Java reads the Windows stores with -Djavax.net.ssl.trustStoreType=Windows-ROOT");
#else
    return std::make_unique<JavaStore>(path.empty() ? default_java_keystore() : path_from_utf8(path), password);
#endif
}

OpenedStores open_stores(cachain_store_location location, const std::string& path) {
    OpenedStores opened;
#ifdef _WIN32
    // Chrome, Edge and Java (with trustStoreType Windows-ROOT) read the system stores.
    if (location == CACHAIN_LOCATION_ALL) location = CACHAIN_LOCATION_LOCAL_MACHINE;
#else
    if (location == CACHAIN_LOCATION_ALL) return open_user_software_stores(path);
    if (location == CACHAIN_LOCATION_NSS && path.empty()) {
        for (const auto& database : user_nss_databases(home_folder()))
            opened.stores.push_back(std::make_unique<NssStore>(NssDatabase(database)));
        return opened;
    }
#endif
    opened.stores.push_back(open_store(location, path));
    return opened;
}

void refuse_system_root_on_windows([[maybe_unused]] const std::string& system_root) {
#ifdef _WIN32
    if (system_root.empty()) return;
    throw Failure(CACHAIN_E_NOT_SUPPORTED, system_root,
                  "a system root is the root folder of a Linux image or container; on Windows, LocalMachine is this "
                  "machine's own stores, which a folder cannot stand for: leave the system root out to use them");
#endif
}

}  // namespace cachain
