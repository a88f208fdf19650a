#include "user_software_stores.h"

#include <filesystem>
#include <system_error>

#include <unistd.h>

#include "environment_variable.h"
#include "failure.h"
#include "java_keystore.h"
#include "nss_databases.h"
#include "nss_store.h"
#include "pem_bundle_store.h"
#include "process_runner.h"
#include "store_factory.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

bool file_exists(const fs::path& path) {
    std::error_code error;
    return fs::exists(path, error);
}

// The user sudo ran this for, when root runs it for someone else: "" otherwise.
std::string sudo_user() {
    const std::string user = environment_variable("SUDO_USER");
    return geteuid() == 0 && user != "root" ? user : "";
}

// The databases the user's browsers already have; when there are none,
// Chromium's, to be made as Chromium would make it, in a real home only
// (not a service account's "/" or "/nonexistent").
void add_nss_databases(OpenedStores& opened, const fs::path& home) {
    std::vector<fs::path> databases;
    for (const auto& database : user_nss_databases(home))
        if (file_exists(database / "cert9.db")) databases.push_back(database);
    std::error_code error;
    if (databases.empty() && find_system_tool("certutil") && home != "/" && fs::is_directory(home, error))
        databases.push_back(home / ".pki" / "nssdb");
    for (const auto& database : databases) opened.stores.push_back(std::make_unique<NssStore>(NssDatabase(database)));
}

// A JAVA_HOME without a cacerts is said, not failed on: the other stores
// are still worth changing.
void add_java_keystore(OpenedStores& opened) {
    if (!find_system_tool("keytool")) return;
    try {
        const auto keystore = default_java_keystore();
        if (file_exists(keystore)) opened.stores.push_back(open_java_store(utf8_from_path(keystore), "changeit"));
    } catch (const Failure& failure) {
        if (failure.status() != CACHAIN_E_PATH_NOT_FOUND) throw;
        opened.notes.push_back("no Java keystore was changed: " + std::string(failure.what()));
    }
}

// Whether default_bundle_path has a folder to find the bundle in.
bool has_data_folder(const std::string& home) {
    const std::string data = environment_variable("XDG_DATA_HOME");
    return !home.empty() || (!data.empty() && data.front() == '/');
}

// Only a bundle the user made: a program was pointed at it, so it is kept
// current. One the user never made is not made for them.
void add_user_bundle(OpenedStores& opened) {
    const auto bundle = default_bundle_path();
    if (file_exists(bundle)) opened.stores.push_back(std::make_unique<PemBundleStore>(bundle));
}

}  // namespace

OpenedStores open_user_software_stores(const std::string& system_root) {
    OpenedStores opened;
    opened.stores.push_back(open_store(CACHAIN_LOCATION_LOCAL_MACHINE, system_root));
    const std::string user = sudo_user();
    if (!user.empty())
        opened.notes.push_back("the NSS databases and the bundle of " + user +
                               " were left out: run through sudo, CaChain would find root's, and what it made in " +
                               user + "'s home would belong to root; run Import-CaChain -StoreLocation Nss (and Bundle) as " +
                               user + " for those");
    const std::string home = environment_variable("HOME");
    if (user.empty() && !home.empty()) add_nss_databases(opened, home);
    add_java_keystore(opened);
    if (user.empty() && has_data_folder(home)) add_user_bundle(opened);
    return opened;
}

}  // namespace cachain
