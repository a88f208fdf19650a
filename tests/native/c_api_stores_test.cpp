// Placing, removing and evaluating through the C interface, as the
// PowerShell module does.
#include <array>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/x509.h>

#include "cachain/cachain.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

class CApiStores : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    void SetUp() override {
        ASSERT_EQ(cachain_set_new(&cas_), CACHAIN_OK);
        for (const Issued* ca : {&pki_->root, &pki_->policy, &pki_->issuing}) add(cas_, *ca);
        ASSERT_EQ(cachain_set_new(&server_), CACHAIN_OK);
        add(server_, pki_->server);
    }
    void TearDown() override {
        cachain_verdicts_free(verdicts_);
        cachain_placement_free(placement_);
        cachain_store_free(store_);
        cachain_set_free(server_);
        cachain_set_free(cas_);
    }

    static void add(cachain_set* set, const Issued& issued) {
        const auto der = issued.der();
        ASSERT_EQ(cachain_set_add_bytes(set, der.data(), der.size(), "test", nullptr), CACHAIN_OK);
    }

    std::vector<std::pair<std::string, int64_t>> entries() const {
        std::vector<std::pair<std::string, int64_t>> found;
        for (size_t i = 0; i < cachain_placement_count(placement_); ++i) {
            const cachain_cert* cert = cachain_placement_cert(placement_, i);
            found.emplace_back(cert ? cachain_cert_text(cert, CACHAIN_TEXT_COMMON_NAME) : "",
                               cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_ACTION));
        }
        return found;
    }

    const cachain_verdicts* evaluate() {
        cachain_verdicts_free(verdicts_);
        verdicts_ = nullptr;
        EXPECT_EQ(cachain_evaluate(store_, server_, nullptr, &verdicts_), CACHAIN_OK) << cachain_last_error();
        return verdicts_;
    }

    static SeedPki* pki_;
    TempFolder folder_;
    cachain_set* cas_ = nullptr;
    cachain_set* server_ = nullptr;
    cachain_store* store_ = nullptr;
    cachain_placement* placement_ = nullptr;
    cachain_verdicts* verdicts_ = nullptr;
};
SeedPki* CApiStores::pki_ = nullptr;

TEST_F(CApiStores, PlacesTheSeedChainIntoADirectoryStoreAndReportsEachWrite) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)), (folder_ / "Root").string());
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_count(placement_), 4u);
    EXPECT_EQ(cachain_placement_number(placement_, 0, CACHAIN_PLACEMENT_STORE), CACHAIN_STORE_ROOT);
    EXPECT_EQ(cachain_placement_number(placement_, 1, CACHAIN_PLACEMENT_STORE), CACHAIN_STORE_CA);
    for (const auto& [name, action] : entries()) EXPECT_EQ(action, CACHAIN_ACTION_ADDED) << name;
    EXPECT_EQ(cachain_cert_number(cachain_placement_cert(placement_, 0), CACHAIN_NUMBER_ROLE), CACHAIN_ROLE_ROOT);
    EXPECT_EQ(std::string(cachain_placement_text(placement_, 0, CACHAIN_PLACEMENT_TEXT_LOCATION)), (folder_ / "Root").string());

    cachain_set* listed = nullptr;
    ASSERT_EQ(cachain_store_list(store_, CACHAIN_STORE_CA, &listed), CACHAIN_OK);
    EXPECT_EQ(cachain_set_count(listed), 3u);
    cachain_set_free(listed);
}

TEST_F(CApiStores, LeavesOutExactlyTheWritesTheUserDeclined) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    // The user confirms the root into CA but declines it into Root.
    const std::string root = cachain_cert_text(cachain_set_cert(cas_, 0), CACHAIN_TEXT_THUMBPRINT);
    const cachain_store_name names[] = {CACHAIN_STORE_ROOT};
    const char* thumbprints[] = {root.c_str()};
    ASSERT_EQ(cachain_place_except(store_, cas_, 0, names, thumbprints, 1, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_count(placement_), 4u);
    size_t cancelled = 0;
    for (size_t i = 0; i < cachain_placement_count(placement_); ++i) {
        if (cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_STATUS) != CACHAIN_E_CANCELLED) {
            EXPECT_EQ(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_ACTION), CACHAIN_ACTION_ADDED);
            continue;
        }
        ++cancelled;
        EXPECT_EQ(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_STORE), CACHAIN_STORE_ROOT);
        EXPECT_EQ(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_ACTION), CACHAIN_ACTION_SKIPPED);
        EXPECT_NE(std::string(cachain_placement_text(placement_, i, CACHAIN_PLACEMENT_TEXT_MESSAGE)).find("not confirmed"), std::string::npos);
    }
    EXPECT_EQ(cancelled, 1u);
    EXPECT_FALSE(fs::exists(folder_ / "Root") && !fs::is_empty(folder_ / "Root"));
    EXPECT_EQ(std::distance(fs::directory_iterator(folder_ / "CA"), fs::directory_iterator{}), 3);
    // A refused call hands out NULL: into a handle of its own, so the one above is still freed.
    cachain_placement* refused = nullptr;
    EXPECT_EQ(cachain_place_except(store_, cas_, 0, nullptr, nullptr, 1, &refused), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(refused, nullptr);
}

TEST_F(CApiStores, DryRunAndRemovalByThumbprint) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_DRY_RUN, &placement_), CACHAIN_OK);
    for (const auto& [name, action] : entries()) EXPECT_EQ(action, CACHAIN_ACTION_WOULD_ADD) << name;
    EXPECT_FALSE(fs::exists(folder_ / "Root"));
    cachain_placement_free(placement_);
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK);

    const std::string root = cachain_cert_text(cachain_set_cert(cas_, 0), CACHAIN_TEXT_THUMBPRINT);
    const char* thumbprints[] = {root.c_str()};
    cachain_placement_free(placement_);
    ASSERT_EQ(cachain_unplace(store_, nullptr, thumbprints, 1, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_count(placement_), 2u);  // from Root and from CA
    for (const auto& [name, action] : entries()) EXPECT_EQ(action, CACHAIN_ACTION_REMOVED) << name;
}

std::vector<std::string> warnings_of(const cachain_placement* placement) {
    std::vector<std::string> warnings;
    for (size_t i = 0; i < cachain_placement_warning_count(placement); ++i) warnings.emplace_back(cachain_placement_warning(placement, i));
    return warnings;
}

TEST_F(CApiStores, LeavesOutALeafThatCameInABundleWithItsChainAsANoteNotAFailure) {
    cachain_set* bundle = nullptr;
    ASSERT_EQ(cachain_set_new(&bundle), CACHAIN_OK);
    for (const Issued* cert : {&pki_->server, &pki_->issuing, &pki_->policy, &pki_->root}) {
        const auto der = cert->der();
        ASSERT_EQ(cachain_set_add_bytes(bundle, der.data(), der.size(), "chain.p7b", nullptr), CACHAIN_OK);
    }
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, bundle, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    cachain_set_free(bundle);
    size_t skipped = 0;
    for (size_t i = 0; i < cachain_placement_count(placement_); ++i) {
        if (cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_ACTION) != CACHAIN_ACTION_SKIPPED) continue;
        ++skipped;
        EXPECT_EQ(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_STATUS), CACHAIN_OK);
        EXPECT_EQ(std::string(cachain_placement_text(placement_, i, CACHAIN_PLACEMENT_TEXT_MESSAGE)),
                  "Leaving out 'pool1.schertz.lab' from chain.p7b: it is not a CA certificate (a server's own certificate "
                  "that came with its chain), so it belongs in no trust store (use -Force to trust it directly)");
    }
    EXPECT_EQ(skipped, 1u);
}

TEST_F(CApiStores, WarnsThatAnExpiredRootWasPlacedAndStillPlacesIt) {
    CertSpec spec = ca_spec("OldLabRootCA");
    spec.not_before_days = -400;
    spec.not_after_days = -30;
    const Issued old = self_signed(spec);
    std::tm expiry{};
    ASSERT_EQ(ASN1_TIME_to_tm(X509_get0_notAfter(old.cert.get()), &expiry), 1);
    std::array<char, 32> date{};
    std::strftime(date.data(), date.size(), "%Y-%m-%d %H:%M:%S", &expiry);
    cachain_set* set = nullptr;
    ASSERT_EQ(cachain_set_new(&set), CACHAIN_OK);
    add(set, old);
    const std::string thumbprint = cachain_cert_text(cachain_set_cert(set, 0), CACHAIN_TEXT_THUMBPRINT);
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, set, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_placement_number(placement_, 0, CACHAIN_PLACEMENT_ACTION), CACHAIN_ACTION_ADDED);
    EXPECT_EQ(warnings_of(placement_),
              std::vector<std::string>{"the root 'OldLabRootCA' (" + thumbprint + ") expired on " + date.data() +
                                       " UTC; it was imported, but no chain that ends in it is trusted until it is renewed"});
    cachain_placement_free(placement_);
    placement_ = nullptr;
    ASSERT_EQ(cachain_place(store_, set, 0, &placement_), CACHAIN_OK);  // already there: nothing new to warn about
    EXPECT_TRUE(warnings_of(placement_).empty());
    cachain_set_free(set);
}

TEST_F(CApiStores, WarnsThatAStoreFolderThatDidNotExistWasCreated) {
    const fs::path missing = folder_ / "typo";
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(missing).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_DRY_RUN, &placement_), CACHAIN_OK);
    EXPECT_TRUE(warnings_of(placement_).empty());
    EXPECT_FALSE(fs::exists(missing));
    cachain_placement_free(placement_);
    placement_ = nullptr;
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK);
    EXPECT_EQ(warnings_of(placement_), std::vector<std::string>{"the store folder " + utf8_from_path(missing) + " did not exist and was created"});
}

TEST_F(CApiStores, RefusesToEvaluateTrustAgainstAStoreFolderThatDoesNotExist) {
    const fs::path missing = folder_ / "typo";
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(missing).c_str(), &store_), CACHAIN_OK);
    EXPECT_EQ(cachain_evaluate(store_, server_, cas_, &verdicts_), CACHAIN_E_PATH_NOT_FOUND);
    EXPECT_EQ(std::string(cachain_last_error()), utf8_from_path(missing) + ": the store does not exist (no such folder)");
    EXPECT_EQ(verdicts_, nullptr);
    EXPECT_FALSE(fs::exists(missing));
}

TEST_F(CApiStores, SkipsTheServerCertificateAndSaysWhy) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, server_, 0, &placement_), CACHAIN_OK);
    ASSERT_EQ(cachain_placement_count(placement_), 1u);
    EXPECT_EQ(cachain_placement_number(placement_, 0, CACHAIN_PLACEMENT_ACTION), CACHAIN_ACTION_SKIPPED);
    EXPECT_EQ(cachain_placement_number(placement_, 0, CACHAIN_PLACEMENT_STATUS), CACHAIN_E_REFUSED);
    EXPECT_NE(std::string(cachain_placement_text(placement_, 0, CACHAIN_PLACEMENT_TEXT_MESSAGE)).find("not a CA"),
              std::string::npos);
}

TEST_F(CApiStores, TestSaysWhyItIsNotTrustedAndThenThatItIs) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    const cachain_verdicts* before = evaluate();
    ASSERT_EQ(cachain_verdicts_count(before), 1u);
    EXPECT_EQ(cachain_verdict_number(before, 0, CACHAIN_VERDICT_TRUSTED), 0);
    EXPECT_EQ(cachain_verdict_number(before, 0, CACHAIN_VERDICT_CHAIN_ERROR), 0x800B010A);  // CERT_E_CHAINING
    EXPECT_EQ(cachain_verdict_number(before, 0, CACHAIN_VERDICT_TLS_ERROR), 0x80090325);    // SEC_E_UNTRUSTED_ROOT
    EXPECT_EQ(cachain_verdict_number(before, 0, CACHAIN_VERDICT_OPENSSL_CODE), 20);         // unable to get local issuer
    EXPECT_NE(std::string(cachain_verdict_text(before, 0, CACHAIN_VERDICT_TEXT_REASON)).find("SchertzLabIssuingCA"),
              std::string::npos);
    EXPECT_NE(std::string(cachain_verdict_text(before, 0, CACHAIN_VERDICT_TEXT_FIX)).find("Import-CaChain"),
              std::string::npos);

    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK);
    const cachain_verdicts* after = evaluate();
    EXPECT_EQ(cachain_verdict_number(after, 0, CACHAIN_VERDICT_TRUSTED), 1);
    EXPECT_EQ(cachain_verdict_number(after, 0, CACHAIN_VERDICT_OPENSSL_CODE), 0);
    EXPECT_EQ(cachain_chain_length(cachain_verdict_chain(after, 0)), 4u);
}

TEST_F(CApiStores, NamesTheUntrustedRootWhenOnlyTheIntermediatesArePresent) {
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_ROOT_NOT_IN_CA, &placement_), CACHAIN_OK);
    fs::remove_all(folder_ / "Root");
    cachain_store_free(store_);
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    cachain_set* with_root = nullptr;
    ASSERT_EQ(cachain_set_new(&with_root), CACHAIN_OK);
    add(with_root, pki_->root);
    ASSERT_EQ(cachain_evaluate(store_, server_, with_root, &verdicts_), CACHAIN_OK);
    cachain_set_free(with_root);
    EXPECT_EQ(cachain_verdict_number(verdicts_, 0, CACHAIN_VERDICT_CHAIN_ERROR), 0x800B0109);  // CERT_E_UNTRUSTEDROOT
    EXPECT_NE(std::string(cachain_verdict_text(verdicts_, 0, CACHAIN_VERDICT_TEXT_REASON)).find("'SchertzLabRootCA' is not in"),
              std::string::npos);
}

#ifndef _WIN32
TEST_F(CApiStores, OpensTheLinuxSystemTrustUnderASystemRoot) {
    for (const char* folder : {"etc/ssl/certs", "usr/share/ca-certificates", "usr/local/share/ca-certificates"})
        fs::create_directories(folder_ / folder);
    write_file(folder_ / "etc/ca-certificates.conf", std::string());
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK)
        << cachain_last_error();
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    // With the chain's intermediates sent along: Linux clients never read
    // CaChain's intermediates file (issue 16), so the leaf alone is not trusted.
    ASSERT_EQ(cachain_evaluate(store_, server_, cas_, &verdicts_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_verdict_number(verdicts_, 0, CACHAIN_VERDICT_TRUSTED), 1)
        << cachain_verdict_text(verdicts_, 0, CACHAIN_VERDICT_TEXT_REASON);
}
#else
// On Windows a system root cannot stand for LocalMachine: refused, never
// taken for this machine's own stores, which it would then read or change.
TEST_F(CApiStores, RefusesASystemRootOnWindowsInsteadOfUsingThisMachinesStores) {
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, "D:\\images\\web01", &store_), CACHAIN_E_NOT_SUPPORTED);
    EXPECT_EQ(store_, nullptr);
    EXPECT_NE(std::string(cachain_last_error()).find("D:\\images\\web01"), std::string::npos) << cachain_last_error();
    EXPECT_NE(std::string(cachain_last_error()).find("leave the system root out"), std::string::npos) << cachain_last_error();

    cachain_set* issuers = nullptr;
    ASSERT_EQ(cachain_set_new(&issuers), CACHAIN_OK);
    EXPECT_EQ(cachain_set_add_local_issuers(issuers, "D:\\images\\web01"), CACHAIN_E_NOT_SUPPORTED);
    EXPECT_EQ(cachain_set_count(issuers), 0u);
    cachain_set_free(issuers);

    // Without one, LocalMachine is this machine's, as before.
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, nullptr, &store_), CACHAIN_OK) << cachain_last_error();
}
#endif

TEST_F(CApiStores, CarriesTheCommandToRunInsideAnImageWhoseToolCannotRunHere) {
#ifndef _WIN32
    fs::create_directories(folder_ / "etc/pki/ca-trust/source/anchors");
    write_file(folder_ / "etc/os-release", std::string("ID=\"centos\"\nID_LIKE=\"rhel fedora\"\n"));
    const std::string root = utf8_from_path(folder_.path());
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, root.c_str(), &store_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)), root + "/etc/pki/ca-trust/source/anchors");
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_DRY_RUN, &placement_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_placement_warning_count(placement_), 0u);
    cachain_placement_free(placement_);
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_warning_count(placement_), 1u);
    EXPECT_EQ(std::string(cachain_placement_warning(placement_, 0)),
              root + " is a RHEL image whose own tool cannot run from this machine: run 'update-ca-trust extract' "
                     "inside the image (for example: chroot " + root + " update-ca-trust extract) so that its trust "
                     "bundle reflects the change in " + root + "/etc/pki/ca-trust/source/anchors");
    EXPECT_EQ(cachain_placement_warning(placement_, 1), nullptr);
    EXPECT_EQ(cachain_placement_warning(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_placement_warning_count(nullptr), 0u);
#endif
}

TEST_F(CApiStores, SaysCurrentUserBelongsToDotNetOutsideWindows) {
#ifndef _WIN32
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_CURRENT_USER, nullptr, &store_), CACHAIN_E_NOT_SUPPORTED);
    EXPECT_NE(std::string(cachain_last_error()).find("X509Store"), std::string::npos);
#endif
}

// What a managed caller (the module, over .NET's X509Store) does with the
// callbacks: here an in-memory store that can be told to fail.
struct MemoryStore {
    std::map<std::pair<int, std::string>, std::vector<uint8_t>> entries;
    bool fail_ca_writes = false;

    static MemoryStore& of(void* context) { return *static_cast<MemoryStore*>(context); }
    static cachain_status contains(void* context, cachain_store_name name, const char* thumbprint, int* present) {
        *present = of(context).entries.count({name, thumbprint}) ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status add(void* context, cachain_store_name name, const uint8_t* der, size_t length,
                              const char* thumbprint, int* added) {
        if (name == CACHAIN_STORE_CA && of(context).fail_ca_writes) return CACHAIN_E_ACCESS_DENIED;
        *added = of(context).entries.emplace(std::make_pair(int(name), std::string(thumbprint)),
                                             std::vector<uint8_t>(der, der + length)).second ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status remove(void* context, cachain_store_name name, const char* thumbprint, int* removed) {
        *removed = of(context).entries.erase({name, thumbprint}) ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status list(void* context, cachain_store_name name, cachain_set* into) {
        for (const auto& [key, der] : of(context).entries)
            if (key.first == name) cachain_set_add_bytes(into, der.data(), der.size(), "memory", nullptr);
        return CACHAIN_OK;
    }
    cachain_store_callbacks callbacks() { return {CACHAIN_STORE_CALLBACKS_VERSION, this, contains, add, remove, list}; }
};

TEST_F(CApiStores, AppliesTheRuleToAStoreTheCallerReachesThroughCallbacks) {
    MemoryStore memory;
    const cachain_store_callbacks callbacks = memory.callbacks();
    ASSERT_EQ(cachain_store_open_callbacks(&callbacks, "CurrentUser\\Root", "CurrentUser\\CA", &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(memory.entries.size(), 4u);
    EXPECT_STREQ(cachain_placement_text(placement_, 0, CACHAIN_PLACEMENT_TEXT_LOCATION), "CurrentUser\\Root");
    EXPECT_EQ(cachain_verdict_number(evaluate(), 0, CACHAIN_VERDICT_TRUSTED), 1);
}

TEST_F(CApiStores, RollsBackThroughCallbacksWhenTheCallersStoreRefusesAWrite) {
    MemoryStore memory;
    memory.fail_ca_writes = true;
    const cachain_store_callbacks callbacks = memory.callbacks();
    ASSERT_EQ(cachain_store_open_callbacks(&callbacks, "CurrentUser\\Root", "CurrentUser\\CA", &store_), CACHAIN_OK);
    EXPECT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_E_ACCESS_DENIED);
    EXPECT_EQ(placement_, nullptr);
    EXPECT_TRUE(memory.entries.empty()) << "the root added first was not taken back";
    EXPECT_NE(std::string(cachain_last_error()).find("CurrentUser\\CA"), std::string::npos) << cachain_last_error();
}

TEST_F(CApiStores, RefusesCallbacksOfAnUnknownVersion) {
    MemoryStore memory;
    cachain_store_callbacks callbacks = memory.callbacks();
    callbacks.version = CACHAIN_STORE_CALLBACKS_VERSION + 1;
    EXPECT_EQ(cachain_store_open_callbacks(&callbacks, "CurrentUser\\Root", "CurrentUser\\CA", &store_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(store_, nullptr);
    EXPECT_STREQ(cachain_last_error(), "cachain_store_callbacks version 2 is not one this library knows (it knows 1): "
                                       "start from the header's _INIT macro");
    const cachain_store_callbacks zeroed = {};
    EXPECT_EQ(cachain_store_open_callbacks(&zeroed, "CurrentUser\\Root", "CurrentUser\\CA", &store_), CACHAIN_E_ARGUMENT);
}

TEST_F(CApiStores, RefusesBadArgumentsWithoutCrashing) {
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, nullptr, &store_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_store_open(static_cast<cachain_store_location>(9), "x", &store_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, "x", nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_place(nullptr, cas_, 0, &placement_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_unplace(nullptr, nullptr, nullptr, 0, 0, &placement_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_evaluate(nullptr, server_, nullptr, &verdicts_), CACHAIN_E_ARGUMENT);
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store_), CACHAIN_OK);
    const char* empty[] = {""};
    EXPECT_EQ(cachain_unplace(store_, nullptr, empty, 1, 0, &placement_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_store_list(store_, static_cast<cachain_store_name>(5), nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_placement_count(nullptr), 0u);
    EXPECT_EQ(cachain_placement_cert(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_placement_text(nullptr, 0, CACHAIN_PLACEMENT_TEXT_MESSAGE), nullptr);
    EXPECT_EQ(cachain_verdicts_count(nullptr), 0u);
    EXPECT_EQ(cachain_verdict_chain(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_store_location_text(nullptr, CACHAIN_STORE_ROOT), nullptr);
    cachain_store_free(nullptr);
    cachain_placement_free(nullptr);
    cachain_verdicts_free(nullptr);
}

}  // namespace
