#include "windows_store.h"

#include <array>
#include <map>
#include <set>

#include "windows_crypto_api.h"
#include "windows_error_text.h"
#include "windows_store_failure.h"

namespace cachain {
namespace {

constexpr DWORD encoding_types = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;
using Sha1 = std::array<BYTE, 20>;

const wchar_t* system_store_name(StoreKind kind) { return kind == StoreKind::Root ? L"ROOT" : L"CA"; }

DWORD location_flag(WindowsStoreLocation location) {
    return location == WindowsStoreLocation::LocalMachine ? CERT_SYSTEM_STORE_LOCAL_MACHINE
                                                          : CERT_SYSTEM_STORE_CURRENT_USER;
}

std::string hex_from_sha1(const Sha1& hash) {
    static const char digits[] = "0123456789ABCDEF";
    std::string text;
    for (const BYTE byte : hash) {
        text += digits[byte >> 4];
        text += digits[byte & 0x0F];
    }
    return text;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

Sha1 sha1_from_hex(const std::string& thumbprint) {
    Sha1 hash{};
    bool valid = thumbprint.size() == 2 * hash.size();
    for (std::size_t i = 0; valid && i < hash.size(); ++i) {
        const int high = hex_digit(thumbprint[2 * i]);
        const int low = hex_digit(thumbprint[2 * i + 1]);
        valid = high >= 0 && low >= 0;
        hash[i] = static_cast<BYTE>(high * 16 + low);
    }
    if (!valid) throw Failure(CACHAIN_E_ARGUMENT, thumbprint, "is not a SHA-1 thumbprint (40 hexadecimal digits)");
    return hash;
}

class WindowsSystemStore : public TrustStore {
public:
    WindowsSystemStore(WindowsStoreLocation location, const CryptoApi& api) : api_(api), location_(location) {}
    ~WindowsSystemStore() override;

    WindowsSystemStore(const WindowsSystemStore&) = delete;
    WindowsSystemStore& operator=(const WindowsSystemStore&) = delete;

    std::string location(StoreKind kind) const override { return windows_store_name(location_, kind); }
    cachain_store_location store_location() const override {
        return location_ == WindowsStoreLocation::LocalMachine ? CACHAIN_LOCATION_LOCAL_MACHINE : CACHAIN_LOCATION_CURRENT_USER;
    }
    WindowsStoreLocation where() const noexcept { return location_; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;
    void commit() override;

private:
    HCERTSTORE open(StoreKind kind);
    PCCERT_CONTEXT find(StoreKind kind, const std::string& thumbprint);
    std::string thumbprint_of(StoreKind kind, PCCERT_CONTEXT context) const;
    // error: GetLastError(), read right after the call that failed.
    Failure failure(StoreKind kind, const std::string& action, DWORD error) const {
        return windows_store_failure(location_, kind, action, error);
    }

    CryptoApi api_;
    WindowsStoreLocation location_;
    std::map<StoreKind, HCERTSTORE> stores_;
    std::set<StoreKind> changed_;  // stores with adds or removes not yet committed
};

WindowsSystemStore::~WindowsSystemStore() {
    // Windows writes every change at once. Wine's crypt32 (8.0) writes a
    // removal, or anything once an add was refused as a duplicate, only at a
    // commit: closing alone loses them. Committing here keeps what was done
    // even when nobody called commit().
    for (const auto& [kind, store] : stores_) {
        if (changed_.count(kind) > 0) api_.control_store(store, 0, CERT_STORE_CTRL_COMMIT, nullptr);
        api_.close_store(store, 0);
    }
}

HCERTSTORE WindowsSystemStore::open(StoreKind kind) {
    if (const auto found = stores_.find(kind); found != stores_.end()) return found->second;
    // No CERT_STORE_OPEN_EXISTING_FLAG: a store that was never opened before
    // (the CA store of a new profile, a fresh Wine prefix) is created instead
    // of reported missing, which is where Import-Certificate fails.
    // MAXIMUM_ALLOWED: a user without write access still reads (Test-CaChain),
    // and learns about the missing right only when writing.
    const HCERTSTORE store = api_.open_store(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                             location_flag(location_) | CERT_STORE_MAXIMUM_ALLOWED_FLAG,
                                             system_store_name(kind));
    if (store == nullptr) throw failure(kind, "cannot open the store", GetLastError());
    stores_.emplace(kind, store);
    return store;
}

// The certificate with this thumbprint, or nullptr. The caller frees it.
PCCERT_CONTEXT WindowsSystemStore::find(StoreKind kind, const std::string& thumbprint) {
    Sha1 hash = sha1_from_hex(thumbprint);
    CRYPT_HASH_BLOB blob{static_cast<DWORD>(hash.size()), hash.data()};
    const HCERTSTORE store = open(kind);
    const PCCERT_CONTEXT found = api_.find_certificate(store, encoding_types, 0, CERT_FIND_SHA1_HASH, &blob, nullptr);
    if (found != nullptr) return found;
    const DWORD error = GetLastError();
    if (static_cast<HRESULT>(error) != CRYPT_E_NOT_FOUND) throw failure(kind, "cannot search the store", error);
    return nullptr;
}

std::string WindowsSystemStore::thumbprint_of(StoreKind kind, PCCERT_CONTEXT context) const {
    Sha1 hash{};
    DWORD size = static_cast<DWORD>(hash.size());
    if (!api_.get_certificate_property(context, CERT_SHA1_HASH_PROP_ID, hash.data(), &size) || size != hash.size())
        throw failure(kind, "cannot read a certificate's thumbprint", GetLastError());
    return hex_from_sha1(hash);
}

bool WindowsSystemStore::contains(StoreKind kind, const std::string& thumbprint) {
    const PCCERT_CONTEXT found = find(kind, thumbprint);
    if (found == nullptr) return false;
    api_.free_certificate(found);
    return true;
}

bool WindowsSystemStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    sha1_from_hex(thumbprint);  // a malformed thumbprint is the caller's mistake: say so before writing
    const HCERTSTORE store = open(kind);
    PCCERT_CONTEXT added = nullptr;
    if (!api_.add_encoded_certificate(store, encoding_types, der.data(), gsl::narrow<DWORD>(der.size()),
                                      CERT_STORE_ADD_NEW, &added)) {
        const DWORD error = GetLastError();
        if (static_cast<HRESULT>(error) == CRYPT_E_EXISTS) return false;  // AlreadyPresent
        throw failure(kind, "cannot add the certificate " + thumbprint, error);
    }
    changed_.insert(kind);
    // contains() and remove() find certificates by the thumbprint the caller
    // gave: a certificate stored under another one could never be found.
    std::string actual;
    try {
        actual = thumbprint_of(kind, added);
    } catch (...) {
        api_.delete_certificate(added);
        throw;
    }
    if (actual != thumbprint) {
        api_.delete_certificate(added);
        throw Failure(CACHAIN_E_ARGUMENT, thumbprint, "is not the thumbprint of the certificate given (" + actual + ")");
    }
    api_.free_certificate(added);
    return true;
}

bool WindowsSystemStore::remove(StoreKind kind, const std::string& thumbprint) {
    bool removed = false;
    // One pass per copy: a store should hold a certificate once, but the
    // caller asked for it to be gone.
    while (const PCCERT_CONTEXT found = find(kind, thumbprint)) {
        // Deleting frees the context it is given, so give it its own copy.
        const BOOL deleted = api_.delete_certificate(api_.duplicate_certificate(found));
        const DWORD error = GetLastError();
        api_.free_certificate(found);
        if (!deleted) throw failure(kind, "cannot remove the certificate " + thumbprint, error);
        changed_.insert(kind);
        removed = true;
    }
    return removed;
}

std::vector<StoredCertificate> WindowsSystemStore::list(StoreKind kind) {
    const HCERTSTORE store = open(kind);
    std::vector<StoredCertificate> stored;
    // Each call frees the context it is given and returns the next one.
    for (PCCERT_CONTEXT context = api_.enum_certificates(store, nullptr); context != nullptr;
         context = api_.enum_certificates(store, context)) {
        try {
            stored.push_back({{context->pbCertEncoded, context->pbCertEncoded + context->cbCertEncoded},
                              thumbprint_of(kind, context)});
        } catch (...) {
            api_.free_certificate(context);
            throw;
        }
    }
    return stored;
}

void WindowsSystemStore::commit() {
    for (auto kind = changed_.begin(); kind != changed_.end();) {
        if (!api_.control_store(stores_.at(*kind), 0, CERT_STORE_CTRL_COMMIT, nullptr))
            throw failure(*kind, "cannot save the changes to the store", GetLastError());
        kind = changed_.erase(kind);
    }
}

}  // namespace

std::unique_ptr<TrustStore> make_windows_system_store(WindowsStoreLocation location) {
    return make_windows_system_store(location, CryptoApi{});
}

std::vector<std::vector<std::uint8_t>> read_windows_system_store(WindowsStoreLocation location, const wchar_t* name) {
    const HCERTSTORE store =
        CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                      location_flag(location) | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG, name);
    if (store == nullptr) {
        const DWORD error = GetLastError();
        if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return {};  // never created: empty
        const std::wstring wide_name(name);
        const std::string shown = std::string(windows_store_location_name(location)) + "\\" +
                                  std::string(wide_name.begin(), wide_name.end());  // store names are ASCII
        throw Failure(error == ERROR_ACCESS_DENIED ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, shown,
                      "cannot read the store (" + windows_error_text_or_code(error) + ")");
    }
    std::vector<std::vector<std::uint8_t>> certificates;
    for (PCCERT_CONTEXT context = CertEnumCertificatesInStore(store, nullptr); context != nullptr;
         context = CertEnumCertificatesInStore(store, context))
        certificates.emplace_back(context->pbCertEncoded, context->pbCertEncoded + context->cbCertEncoded);
    CertCloseStore(store, 0);
    return certificates;
}

std::optional<WindowsStoreLocation> windows_system_store_location(const TrustStore& store) {
    const auto* system = dynamic_cast<const WindowsSystemStore*>(&store);
    if (system == nullptr) return std::nullopt;
    return system->where();
}

std::unique_ptr<TrustStore> make_windows_system_store(WindowsStoreLocation location, const CryptoApi& api) {
    return std::make_unique<WindowsSystemStore>(location, api);
}

}  // namespace cachain
