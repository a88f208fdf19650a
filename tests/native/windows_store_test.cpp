// The Windows store backend against Wine's crypt32: the real CryptoAPI
// system stores, registry-backed, in a Wine prefix made for the run.
//
// The certificates are the seed's lab chain (SchertzLabRootCA ->
// SchertzLabPolicyCA -> SchertzLabIssuingCA), made by the test PKI; their
// thumbprints are computed by OpenSSL, to check against CryptoAPI's own.
//
// These tests play the seed's rule by hand against the backend's contract;
// placement through the C interface is tested in c_api_stores_test.cpp.
#include <cctype>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

// Windows' headers before OpenSSL's: wincrypt.h defines X509_NAME and
// friends as macros, which OpenSSL's headers undefine when they come after.
#include "windows_crypto_api.h"
#include "windows_store.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include "test_pki.h"

namespace cachain {
namespace {

struct TestCertificate {
    std::string name;
    std::vector<std::uint8_t> der;
    std::string thumbprint;
};

// SHA-1 of the DER as OpenSSL computes it, upper-case hex as Windows shows it.
std::string openssl_thumbprint(const testing::Issued& issued) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    X509_digest(issued.cert.get(), EVP_sha1(), digest, &length);
    static const char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += digits[digest[i] >> 4];
        hex += digits[digest[i] & 15];
    }
    return hex;
}

TestCertificate described(const std::string& name, const testing::Issued& issued) {
    return {name, issued.der(), openssl_thumbprint(issued)};
}

struct SeedChain {
    SeedChain() : SeedChain(testing::make_seed_pki()) {}
    explicit SeedChain(const testing::SeedPki& pki)
        : root(described("root", pki.root)),
          policy(described("policy", pki.policy)),
          issuing(described("issuing", pki.issuing)) {}

    TestCertificate root, policy, issuing;
    std::vector<const TestCertificate*> all() const { return {&root, &policy, &issuing}; }
};

std::unique_ptr<TrustStore> local_machine() { return make_windows_system_store(WindowsStoreLocation::LocalMachine); }

// Where Windows persists a system store's certificate: a registry key named
// after its thumbprint. Checking it proves a change outlives this process,
// not just this process's view of the store.
bool in_registry(StoreKind kind, const std::string& thumbprint) {
    const std::wstring path = std::wstring(L"Software\\Microsoft\\SystemCertificates\\") +
                              (kind == StoreKind::Root ? L"Root" : L"CA") + L"\\Certificates\\" +
                              std::wstring(thumbprint.begin(), thumbprint.end());
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path.c_str(), 0, KEY_READ, &key) != ERROR_SUCCESS) return false;
    RegCloseKey(key);
    return true;
}

// The seed's rule: the root into Root and CA, every other CA into CA only.
// Returns how many add() calls placed something new.
int place_as_the_seed_says(TrustStore& store, const SeedChain& chain) {
    int added = 0;
    added += store.add(StoreKind::Root, chain.root.der, chain.root.thumbprint);
    added += store.add(StoreKind::CA, chain.root.der, chain.root.thumbprint);
    added += store.add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint);
    added += store.add(StoreKind::CA, chain.issuing.der, chain.issuing.thumbprint);
    return added;
}

void remove_everywhere(TrustStore& store, const SeedChain& chain) {
    for (const auto* cert : chain.all()) {
        store.remove(StoreKind::Root, cert->thumbprint);
        store.remove(StoreKind::CA, cert->thumbprint);
    }
    store.commit();
}

// Every test starts and ends with none of the chain in LocalMachine.
class WindowsStore : public ::testing::Test {
protected:
    void SetUp() override { remove_everywhere(*local_machine(), chain); }
    void TearDown() override { remove_everywhere(*local_machine(), chain); }

    SeedChain chain;
};

TEST(WindowsStoreFirstUse, WorksOnAStoreThatWasNeverOpenedBefore) {
    // A fresh profile has no CurrentUser\CA key yet. Opening it with
    // CERT_STORE_OPEN_EXISTING_FLAG fails there, which is how
    // Import-Certificate fails; the backend must create it instead.
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Microsoft\\SystemCertificates\\CA", 0, KEY_READ, &key) ==
        ERROR_SUCCESS) {
        RegCloseKey(key);
        // ctest's Windows.NativeTests runs it first in a fresh prefix.
        FAIL() << "CurrentUser\\CA exists already: run this test first, in a fresh WINEPREFIX";
    }
    EXPECT_EQ(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                            CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG, L"CA"),
              nullptr)
        << "the store should not exist yet";

    const SeedChain chain;
    {
        const auto store = make_windows_system_store(WindowsStoreLocation::CurrentUser);
        EXPECT_TRUE(store->add(StoreKind::CA, chain.issuing.der, chain.issuing.thumbprint));
        store->commit();
    }
    const auto reopened = make_windows_system_store(WindowsStoreLocation::CurrentUser);
    EXPECT_TRUE(reopened->contains(StoreKind::CA, chain.issuing.thumbprint));
    EXPECT_TRUE(reopened->remove(StoreKind::CA, chain.issuing.thumbprint));
    reopened->commit();
}

TEST_F(WindowsStore, PutsTheRootInRootAndCAAndThePolicyAndIssuingCAsInCAOnly) {
    {
        const auto store = local_machine();
        EXPECT_EQ(place_as_the_seed_says(*store, chain), 4);
        store->commit();
    }
    const auto reopened = local_machine();
    EXPECT_TRUE(reopened->contains(StoreKind::Root, chain.root.thumbprint));
    EXPECT_FALSE(reopened->contains(StoreKind::Root, chain.policy.thumbprint));
    EXPECT_FALSE(reopened->contains(StoreKind::Root, chain.issuing.thumbprint));
    EXPECT_TRUE(reopened->contains(StoreKind::CA, chain.root.thumbprint));
    EXPECT_TRUE(reopened->contains(StoreKind::CA, chain.policy.thumbprint));
    EXPECT_TRUE(reopened->contains(StoreKind::CA, chain.issuing.thumbprint));
    EXPECT_TRUE(in_registry(StoreKind::Root, chain.root.thumbprint)) << "committed where Windows keeps it";
    EXPECT_TRUE(in_registry(StoreKind::CA, chain.issuing.thumbprint));
}

TEST_F(WindowsStore, ReportsAlreadyPresentOnASecondRunAndChangesNothing) {
    {
        const auto first_run = local_machine();
        ASSERT_EQ(place_as_the_seed_says(*first_run, chain), 4);
        first_run->commit();
    }
    const auto second_run = local_machine();
    const std::size_t roots_before = second_run->list(StoreKind::Root).size();
    const std::size_t cas_before = second_run->list(StoreKind::CA).size();
    EXPECT_EQ(place_as_the_seed_says(*second_run, chain), 0);
    second_run->commit();
    EXPECT_EQ(second_run->list(StoreKind::Root).size(), roots_before);
    EXPECT_EQ(second_run->list(StoreKind::CA).size(), cas_before);
}

// Wine writes a store at close only when nothing else holds it, and a
// removal or a refused duplicate does; closing must not lose the changes.
TEST_F(WindowsStore, KeepsWhatWasPlacedWhenTheStoreIsClosedWithoutCommit) {
    {
        const auto store = local_machine();
        EXPECT_TRUE(store->add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint));
        EXPECT_FALSE(store->add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint));
    }
    EXPECT_TRUE(local_machine()->contains(StoreKind::CA, chain.policy.thumbprint));
    EXPECT_TRUE(in_registry(StoreKind::CA, chain.policy.thumbprint));
}

TEST_F(WindowsStore, KeepsARemovalWhenTheStoreIsClosedWithoutCommit) {
    {
        const auto store = local_machine();
        place_as_the_seed_says(*store, chain);
        store->commit();
    }
    EXPECT_TRUE(local_machine()->remove(StoreKind::CA, chain.policy.thumbprint));
    EXPECT_FALSE(local_machine()->contains(StoreKind::CA, chain.policy.thumbprint));
    EXPECT_FALSE(in_registry(StoreKind::CA, chain.policy.thumbprint));
}

TEST_F(WindowsStore, RemovesACertificateByThumbprintForGood) {
    {
        const auto store = local_machine();
        place_as_the_seed_says(*store, chain);
        store->commit();
    }
    {
        const auto store = local_machine();
        EXPECT_TRUE(store->remove(StoreKind::CA, chain.issuing.thumbprint));
        EXPECT_FALSE(store->contains(StoreKind::CA, chain.issuing.thumbprint));
        store->commit();
    }
    const auto reopened = local_machine();
    EXPECT_FALSE(reopened->contains(StoreKind::CA, chain.issuing.thumbprint));
    EXPECT_FALSE(in_registry(StoreKind::CA, chain.issuing.thumbprint)) << "gone from where Windows keeps it";
    EXPECT_FALSE(reopened->remove(StoreKind::CA, chain.issuing.thumbprint)) << "nothing left to remove";
    EXPECT_TRUE(reopened->contains(StoreKind::CA, chain.policy.thumbprint)) << "the others stay";
    EXPECT_TRUE(reopened->contains(StoreKind::Root, chain.root.thumbprint));
}

TEST_F(WindowsStore, ListsTheCertificatesWithTheThumbprintsWindowsShows) {
    {
        const auto store = local_machine();
        place_as_the_seed_says(*store, chain);
        store->commit();
    }
    const auto listed = local_machine()->list(StoreKind::CA);
    for (const auto* cert : chain.all()) {
        int found = 0;
        for (const auto& stored : listed) {
            if (stored.thumbprint != cert->thumbprint) continue;
            ++found;
            EXPECT_EQ(stored.der, cert->der) << cert->name;
        }
        EXPECT_EQ(found, 1) << cert->name << " " << cert->thumbprint << " should be listed once, as openssl computes it";
    }
}

TEST_F(WindowsStore, NamesTheStoresAsPowerShellDoes) {
    EXPECT_EQ(local_machine()->location(StoreKind::Root), "LocalMachine\\Root");
    EXPECT_EQ(make_windows_system_store(WindowsStoreLocation::CurrentUser)->location(StoreKind::CA), "CurrentUser\\CA");
}

TEST_F(WindowsStore, RefusesAThumbprintThatIsNotTheCertificates) {
    const auto store = local_machine();
    try {
        store->add(StoreKind::CA, chain.root.der, chain.policy.thumbprint);
        FAIL() << "a wrong thumbprint was accepted";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_ARGUMENT);
        EXPECT_NE(std::string(failure.what()).find(chain.root.thumbprint), std::string::npos) << failure.what();
    }
    EXPECT_FALSE(store->contains(StoreKind::CA, chain.root.thumbprint)) << "nothing is left behind";
}

TEST_F(WindowsStore, RefusesAThumbprintThatIsNotHexadecimal) {
    try {
        local_machine()->contains(StoreKind::Root, "not a thumbprint");
        FAIL() << "a malformed thumbprint was accepted";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_ARGUMENT);
    }
}

// --- What Windows does and Wine does not: access checks and the prompt. ---
//
// Each fake fails exactly like the real call: last error set, FALSE or NULL.

template <DWORD Error>
BOOL WINAPI add_fails(HCERTSTORE, DWORD, const BYTE*, DWORD, DWORD, PCCERT_CONTEXT*) {
    SetLastError(Error);
    return FALSE;
}

template <DWORD Error>
HCERTSTORE WINAPI open_fails(LPCSTR, DWORD, HCRYPTPROV_LEGACY, DWORD, const void*) {
    SetLastError(Error);
    return nullptr;
}

template <DWORD Error>
BOOL WINAPI delete_fails(PCCERT_CONTEXT context) {
    CertFreeCertificateContext(context);  // the real call frees it, success or not
    SetLastError(Error);
    return FALSE;
}

template <DWORD Error>
BOOL WINAPI commit_fails(HCERTSTORE, DWORD, DWORD, const void*) {
    SetLastError(Error);
    return FALSE;
}

constexpr DWORD kAccessDeniedHresult = 0x80070005;  // E_ACCESSDENIED
constexpr DWORD kCancelledHresult = 0x800704C7;     // HRESULT_FROM_WIN32(ERROR_CANCELLED)

Failure failure_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Failure& failure) {
        return failure;
    }
    throw std::runtime_error("no failure");
}

bool says(const Failure& failure, const std::string& words) {
    return std::string(failure.what()).find(words) != std::string::npos;
}

TEST_F(WindowsStore, WithoutAdministratorRightsLocalMachineSaysToRunAsAdministrator) {
    CryptoApi api;
    api.add_encoded_certificate = &add_fails<kAccessDeniedHresult>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    const Failure failure = failure_of([&] { store->add(StoreKind::Root, chain.root.der, chain.root.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_ACCESS_DENIED);
    EXPECT_EQ(failure.item(), "LocalMachine\\Root");
    EXPECT_TRUE(says(failure, "0x80070005")) << failure.what();
    EXPECT_TRUE(says(failure, "run PowerShell as Administrator")) << failure.what();
}

TEST_F(WindowsStore, AccessDeniedAsAPlainWin32CodeMeansTheSame) {
    CryptoApi api;
    api.add_encoded_certificate = &add_fails<ERROR_ACCESS_DENIED>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    const Failure failure = failure_of([&] { store->add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_ACCESS_DENIED);
    EXPECT_EQ(failure.item(), "LocalMachine\\CA");
    EXPECT_TRUE(says(failure, "0x80070005")) << failure.what();
}

TEST_F(WindowsStore, AStoreThatCannotBeOpenedIsNamedWithTheFix) {
    CryptoApi api;
    api.open_store = &open_fails<kAccessDeniedHresult>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    const Failure failure = failure_of([&] { store->contains(StoreKind::CA, chain.policy.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_ACCESS_DENIED);
    EXPECT_EQ(failure.item(), "LocalMachine\\CA");
    EXPECT_TRUE(says(failure, "cannot open the store")) << failure.what();
    EXPECT_TRUE(says(failure, "run PowerShell as Administrator")) << failure.what();
}

TEST_F(WindowsStore, ACancelledCurrentUserRootPromptPointsToLocalMachine) {
    CryptoApi api;
    api.add_encoded_certificate = &add_fails<kCancelledHresult>;
    const auto store = make_windows_system_store(WindowsStoreLocation::CurrentUser, api);
    const Failure failure = failure_of([&] { store->add(StoreKind::Root, chain.root.der, chain.root.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_CANCELLED);
    EXPECT_EQ(failure.item(), "CurrentUser\\Root");
    EXPECT_TRUE(says(failure, "0x800704C7")) << failure.what();
    EXPECT_TRUE(says(failure, "prompt")) << failure.what();
    EXPECT_TRUE(says(failure, "-StoreLocation LocalMachine")) << failure.what();
}

TEST_F(WindowsStore, ARemovalWithoutTheRightIsDeniedByName) {
    {
        const auto store = local_machine();
        place_as_the_seed_says(*store, chain);
        store->commit();
    }
    CryptoApi api;
    api.delete_certificate = &delete_fails<kAccessDeniedHresult>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    const Failure failure = failure_of([&] { store->remove(StoreKind::Root, chain.root.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_ACCESS_DENIED);
    EXPECT_EQ(failure.item(), "LocalMachine\\Root");
    EXPECT_TRUE(local_machine()->contains(StoreKind::Root, chain.root.thumbprint));
}

TEST_F(WindowsStore, OtherErrorsGiveTheCodeAndTheSystemsOwnWords) {
    CryptoApi api;
    api.add_encoded_certificate = &add_fails<ERROR_DISK_FULL>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    const Failure failure = failure_of([&] { store->add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint); });
    EXPECT_EQ(failure.status(), CACHAIN_E_IO);
    EXPECT_EQ(failure.item(), "LocalMachine\\CA");
    EXPECT_TRUE(says(failure, "0x80070070")) << failure.what();
    // Windows says "There is not enough space on the disk.", Wine "Disk full.".
    std::string message = failure.what();
    for (char& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(message.find("0x80070070, "), std::string::npos) << "FormatMessage's text follows the code: " << message;
    EXPECT_NE(message.find("disk"), std::string::npos) << message;
}

TEST_F(WindowsStore, AFailedCommitIsReportedSoThePlacementCanBeUndone) {
    CryptoApi api;
    api.control_store = &commit_fails<ERROR_DISK_FULL>;
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, api);
    EXPECT_TRUE(store->add(StoreKind::CA, chain.policy.der, chain.policy.thumbprint));
    const Failure failure = failure_of([&] { store->commit(); });
    EXPECT_EQ(failure.status(), CACHAIN_E_IO);
    EXPECT_TRUE(says(failure, "cannot save the changes")) << failure.what();
}

}  // namespace
}  // namespace cachain
