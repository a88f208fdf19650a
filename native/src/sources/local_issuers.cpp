#include "local_issuers.h"

#include <system_error>

#include "certificate_parser.h"
#include "path_loader.h"
#include "utf8_path.h"

#ifdef _WIN32
#include "windows_store.h"
#endif

namespace cachain {
namespace {

namespace fs = std::filesystem;

#ifdef _WIN32
// The stores the chain engine itself draws on. AuthRoot holds the roots
// Windows Update distributes, which a machine may not have copied to Root.
struct SystemStore {
    const wchar_t* name;
    const char* shown;  // as PowerShell's Cert: drive names it
};
constexpr SystemStore issuer_stores[] = {{L"ROOT", "Root"}, {L"CA", "CA"}, {L"AuthRoot", "AuthRoot"}};

void add_windows_stores(CertificateSet& set) {
    for (const auto location : {WindowsStoreLocation::LocalMachine, WindowsStoreLocation::CurrentUser}) {
        for (const SystemStore& store : issuer_stores) {
            const std::string origin = std::string(windows_store_location_name(location)) + "\\" + store.shown;
            try {
                for (const auto& der : read_windows_system_store(location, store.name)) {
                    try {
                        set.add_all(parse_certificates(der, origin, nullptr), origin);
                    } catch (const Failure&) {
                        // One entry OpenSSL cannot read (Windows fills these stores itself): the others still count.
                    }
                }
            } catch (const Failure& failure) {
                set.record(to_problem(failure));
            }
        }
    }
}
#else
// The bundle each distribution's refresh tool writes: Debian and Ubuntu,
// SUSE, RHEL and Fedora. Whichever exist are read.
const char* const system_bundles[] = {
    "etc/ssl/certs/ca-certificates.crt",
    "var/lib/ca-certificates/ca-bundle.pem",
    "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
};

void add_linux_trust(CertificateSet& set, const fs::path& system_root) {
    bool found_bundle = false;
    for (const char* bundle : system_bundles) {
        const fs::path path = system_root / bundle;
        std::error_code error;
        if (!fs::exists(path, error)) continue;
        found_bundle = true;
        load_path(path, nullptr, set);  // a bundle that cannot be read is recorded as a problem
    }
    if (!found_bundle) {
        set.record(to_problem(Failure(CACHAIN_E_IO, utf8_from_path(system_root),
                                      "no system trust bundle was found (looked for /etc/ssl/certs/ca-certificates.crt "
                                      "and the RHEL and SUSE bundles)")));
    }
    // What Import-CaChain placed as intermediates; absent until it has.
    const fs::path intermediates = system_root / "usr/local/share/cachain/intermediates";
    std::error_code error;
    if (fs::is_directory(intermediates, error)) load_path(intermediates, nullptr, set);
}
#endif

}  // namespace

void add_local_issuers(CertificateSet& set, const fs::path& system_root) {
#ifdef _WIN32
    (void)system_root;
    add_windows_stores(set);
#else
    add_linux_trust(set, system_root);
#endif
}

}  // namespace cachain
