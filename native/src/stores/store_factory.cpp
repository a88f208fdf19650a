#include "store_factory.h"

#include "directory_store.h"
#include "pem_bundle_store.h"
#include "utf8_path.h"

#ifdef _WIN32
#include "windows_store.h"
#else
#include "linux_system_trust.h"
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
    case CACHAIN_LOCATION_LOCAL_MACHINE:
        refuse_system_root_on_windows(path);
        return make_windows_system_store(WindowsStoreLocation::LocalMachine);
    case CACHAIN_LOCATION_CURRENT_USER: return make_windows_system_store(WindowsStoreLocation::CurrentUser);
#else
    case CACHAIN_LOCATION_LOCAL_MACHINE:
        return std::make_unique<LinuxSystemTrust>(detect_linux_trust_layout(path.empty() ? "/" : path_from_utf8(path)));
    case CACHAIN_LOCATION_CURRENT_USER:
        throw Failure(CACHAIN_E_NOT_SUPPORTED, "CurrentUser",
                      "outside Windows, the current user's stores belong to .NET: Import-CaChain places them through "
                      ".NET's X509Store");
#endif
    }
    throw Failure(CACHAIN_E_ARGUMENT, "StoreLocation", "unknown store location " + std::to_string(location));
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
