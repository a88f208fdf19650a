#include "store_factory.h"

#include "directory_store.h"
#include "environment_variable.h"
#include "pem_bundle_store.h"
#include "utf8_path.h"

#ifdef _WIN32
#include "windows_store.h"
#else
#include "java_keystore.h"
#include "java_store.h"
#include "linux_system_trust.h"
#include "nss_databases.h"
#include "nss_store.h"
#include "process_runner.h"
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

namespace {

#ifndef _WIN32
bool file_exists(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

void add_user_nss_databases(std::vector<std::unique_ptr<TrustStore>>& stores) {
    for (const auto& database : user_nss_databases(home_folder()))
        stores.push_back(std::make_unique<NssStore>(NssDatabase(database)));
}

// The running JDK's cacerts, when keytool is installed and the file exists.
void add_java_keystore_if_present(std::vector<std::unique_ptr<TrustStore>>& stores) {
    if (!find_system_tool("keytool")) return;
    const auto keystore = default_java_keystore();
    if (file_exists(keystore)) stores.push_back(open_java_store(utf8_from_path(keystore), "changeit"));
}

// The user's own bundle, when it exists: a program was pointed at it, so it
// is kept current. One the user never made is not made for them.
void add_user_bundle_if_present(std::vector<std::unique_ptr<TrustStore>>& stores) {
    const std::string data = environment_variable("XDG_DATA_HOME");
    if (environment_variable("HOME").empty() && (data.empty() || data.front() != '/')) return;  // nowhere to look
    const auto bundle = default_bundle_path();
    if (file_exists(bundle)) stores.push_back(std::make_unique<PemBundleStore>(bundle));
}

// Every kind of store this user's software reads that this machine has:
// the system trust first (what most programs read), then those programs
// that read their own. A kind whose tool is not installed has no programs
// reading it here; a user without a home has no NSS databases.
std::vector<std::unique_ptr<TrustStore>> open_everything(const std::string& system_root) {
    std::vector<std::unique_ptr<TrustStore>> stores;
    stores.push_back(open_store(CACHAIN_LOCATION_LOCAL_MACHINE, system_root));
    if (!environment_variable("HOME").empty() && find_system_tool("certutil")) add_user_nss_databases(stores);
    add_java_keystore_if_present(stores);
    add_user_bundle_if_present(stores);
    return stores;
}
#endif

}  // namespace

std::vector<std::unique_ptr<TrustStore>> open_stores(cachain_store_location location, const std::string& path) {
    std::vector<std::unique_ptr<TrustStore>> stores;
#ifdef _WIN32
    // Chrome, Edge and Java (with trustStoreType Windows-ROOT) read the system stores.
    if (location == CACHAIN_LOCATION_ALL) location = CACHAIN_LOCATION_LOCAL_MACHINE;
#else
    if (location == CACHAIN_LOCATION_ALL) return open_everything(path);
    if (location == CACHAIN_LOCATION_NSS && path.empty()) {
        add_user_nss_databases(stores);
        return stores;
    }
#endif
    stores.push_back(open_store(location, path));
    return stores;
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
