// Placement on Windows through the public C interface, into CryptoAPI's
// LocalMachine and CurrentUser ROOT and CA stores (under Wine: its real,
// registry-backed crypt32), with Windows' own chain engine as the judge of
// "Windows trusts it". Each verdict is taken in a fresh process, because the
// chain engine caches the stores per process.
#include <algorithm>
#include <string>
#include <vector>

// Windows' headers before OpenSSL's: wincrypt.h defines X509_NAME and
// friends as macros, which OpenSSL's headers undefine when they come after.
#include "windows_crypto_api.h"
#include "windows_store.h"

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "certificate_parser.h"
#include "placement.h"
#include "test_pki.h"
#include "windows_chain_engine.h"

namespace cachain {
namespace {

using namespace cachain::testing;

constexpr const char* server_name = "pool1.schertz.lab";

std::string thumbprint_of(const Issued& issued) {
    return parse_certificates(issued.der(), "test", nullptr).at(0)->thumbprint();
}

// Whether CryptoAPI itself holds the certificate in that system store, read
// without CaChain's backend. A store that cannot be opened fails the test:
// "not there" must not come from "could not look".
bool in_system_store(cachain_store_location location, const wchar_t* store_name, const Issued& issued) {
    const DWORD where = location == CACHAIN_LOCATION_CURRENT_USER ? CERT_SYSTEM_STORE_CURRENT_USER
                                                                 : CERT_SYSTEM_STORE_LOCAL_MACHINE;
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, where | CERT_STORE_READONLY_FLAG, store_name);
    if (store == nullptr) {
        ADD_FAILURE() << "cannot open the system store: error " << GetLastError();
        return false;
    }
    const auto der = issued.der();
    PCCERT_CONTEXT wanted = CertCreateCertificateContext(X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size()));
    PCCERT_CONTEXT found = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, wanted, nullptr);
    const bool present = found != nullptr;
    if (found) CertFreeCertificateContext(found);
    CertFreeCertificateContext(wanted);
    CertCloseStore(store, 0);
    return present;
}

struct PlacedEntry {
    std::string common_name;
    cachain_store_name store;
    cachain_placement_action action;
    cachain_status status;
};

class WindowsPlacement : public ::testing::TestWithParam<cachain_store_location> {
protected:
    void SetUp() override {
        ASSERT_EQ(cachain_store_open(location(), nullptr, &store_), CACHAIN_OK) << cachain_last_error();
        remove_the_lab();
    }
    void TearDown() override {
        remove_the_lab();
        cachain_store_free(store_);
    }

    cachain_store_location location() const { return GetParam(); }
    ChainEngine engine() const {
        return location() == CACHAIN_LOCATION_CURRENT_USER ? ChainEngine::CurrentUser : ChainEngine::LocalMachine;
    }

    // What a TLS client of this machine decides about the lab server, which
    // sends its intermediates but not its root.
    ChainEngineVerdict windows_verdict() const {
        return ask_windows_chain_engine(server_name, {pki_.server.der(), pki_.issuing.der(), pki_.policy.der()},
                                        engine());
    }

    std::vector<PlacedEntry> place(const std::vector<const Issued*>& certs, uint32_t flags = 0) {
        cachain_set* set = nullptr;
        EXPECT_EQ(cachain_set_new(&set), CACHAIN_OK);
        // Each certificate as a file of its own, as an administrator gives
        // them: a leaf then came alone, and is refused rather than left out.
        for (std::size_t i = 0; i < certs.size(); ++i) {
            const auto der = certs[i]->der();
            const std::string item = "certificate-" + std::to_string(i) + ".cer";
            EXPECT_EQ(cachain_set_add_bytes(set, der.data(), der.size(), item.c_str(), nullptr), CACHAIN_OK);
        }
        cachain_placement* placed = nullptr;
        EXPECT_EQ(cachain_place(store_, set, flags, &placed), CACHAIN_OK) << cachain_last_error();
        std::vector<PlacedEntry> entries = entries_of(placed);
        cachain_placement_free(placed);
        cachain_set_free(set);
        return entries;
    }

    static std::vector<PlacedEntry> entries_of(const cachain_placement* placed) {
        std::vector<PlacedEntry> entries;
        for (size_t i = 0; i < cachain_placement_count(placed); ++i) {
            entries.push_back({cachain_cert_text(cachain_placement_cert(placed, i), CACHAIN_TEXT_COMMON_NAME),
                               static_cast<cachain_store_name>(cachain_placement_number(placed, i, CACHAIN_PLACEMENT_STORE)),
                               static_cast<cachain_placement_action>(cachain_placement_number(placed, i, CACHAIN_PLACEMENT_ACTION)),
                               static_cast<cachain_status>(cachain_placement_number(placed, i, CACHAIN_PLACEMENT_STATUS))});
        }
        return entries;
    }

    void unplace(const std::vector<std::pair<cachain_store_name, std::string>>& entries) {
        std::vector<cachain_store_name> names;
        std::vector<const char*> thumbprints;
        for (const auto& [name, thumbprint] : entries) {
            names.push_back(name);
            thumbprints.push_back(thumbprint.c_str());
        }
        cachain_placement* removed = nullptr;
        ASSERT_EQ(cachain_unplace(store_, names.data(), thumbprints.data(), names.size(), 0, &removed), CACHAIN_OK)
            << cachain_last_error();
        cachain_placement_free(removed);
    }

    void remove_the_lab() {
        std::vector<std::string> thumbprints;
        for (const Issued* cert : {&pki_.root, &pki_.policy, &pki_.issuing, &pki_.server})
            thumbprints.push_back(thumbprint_of(*cert));
        std::vector<const char*> pointers;
        for (const auto& thumbprint : thumbprints) pointers.push_back(thumbprint.c_str());
        cachain_placement* removed = nullptr;
        cachain_unplace(store_, nullptr, pointers.data(), pointers.size(), 0, &removed);
        cachain_placement_free(removed);
    }

    bool in(const wchar_t* store_name, const Issued& cert) const { return in_system_store(location(), store_name, cert); }

    // RSA: Wine's chain engine now and then rejects a valid ECDSA signature
    // (CERT_TRUST_IS_NOT_SIGNATURE_VALID, about one chain in a hundred here),
    // which would make Windows' verdict flaky for reasons of Wine's own.
    SeedPki pki_ = make_seed_pki(KeyType::Rsa2048);
    cachain_store* store_ = nullptr;
};

INSTANTIATE_TEST_SUITE_P(Locations, WindowsPlacement,
                         ::testing::Values(CACHAIN_LOCATION_LOCAL_MACHINE, CACHAIN_LOCATION_CURRENT_USER),
                         [](const auto& info) {
                             return std::string(info.param == CACHAIN_LOCATION_LOCAL_MACHINE ? "LocalMachine"
                                                                                             : "CurrentUser");
                         });

TEST_P(WindowsPlacement, WindowsDoesNotTrustTheLabBeforeThePlacementAndDoesAfter) {
    const auto before = windows_verdict();
    EXPECT_FALSE(before.trusted) << before.output;
    // The server sends no root and no store holds it: the chain ends short.
    EXPECT_NE(before.output.find("chain status 0x00010000"), std::string::npos)
        << "CERT_TRUST_IS_PARTIAL_CHAIN: " << before.output;

    place({&pki_.root, &pki_.policy, &pki_.issuing});

    const auto after = windows_verdict();
    EXPECT_TRUE(after.trusted) << after.output;
    EXPECT_NE(after.output.find("pool1.schertz.lab <- SchertzLabIssuingCA <- SchertzLabPolicyCA <- SchertzLabRootCA"),
              std::string::npos)
        << after.output;
}

TEST_P(WindowsPlacement, PutsTheRootInRootAndCAAndTheSubordinatesInCAOnly) {
    const auto placed = place({&pki_.issuing, &pki_.root, &pki_.policy});  // roles come from the certificates
    ASSERT_EQ(placed.size(), 4u);
    for (const auto& entry : placed) EXPECT_EQ(entry.action, CACHAIN_ACTION_ADDED) << entry.common_name;
    EXPECT_TRUE(in(L"ROOT", pki_.root));
    EXPECT_TRUE(in(L"CA", pki_.root));
    EXPECT_FALSE(in(L"ROOT", pki_.policy));
    EXPECT_TRUE(in(L"CA", pki_.policy));
    EXPECT_FALSE(in(L"ROOT", pki_.issuing));
    EXPECT_TRUE(in(L"CA", pki_.issuing));
}

TEST_P(WindowsPlacement, ASecondPlacementReportsAlreadyPresentAndChangesNothing) {
    place({&pki_.root, &pki_.policy, &pki_.issuing});
    const auto again = place({&pki_.root, &pki_.policy, &pki_.issuing});
    ASSERT_EQ(again.size(), 4u);
    for (const auto& entry : again) EXPECT_EQ(entry.action, CACHAIN_ACTION_ALREADY_PRESENT) << entry.common_name;
    EXPECT_TRUE(in(L"ROOT", pki_.root));
    EXPECT_FALSE(in(L"ROOT", pki_.policy));
    EXPECT_TRUE(in(L"CA", pki_.issuing));
}

TEST_P(WindowsPlacement, RemovingWhatWasAddedUndoesExactlyThatAndWindowsStopsTrusting) {
    place({&pki_.policy});  // there before: the undo must leave it
    const auto placed = place({&pki_.root, &pki_.policy, &pki_.issuing});
    std::vector<std::pair<cachain_store_name, std::string>> added;
    for (const auto& entry : placed) {
        if (entry.action != CACHAIN_ACTION_ADDED) continue;
        const Issued& cert = entry.common_name == "SchertzLabRootCA"     ? pki_.root
                             : entry.common_name == "SchertzLabPolicyCA" ? pki_.policy
                                                                          : pki_.issuing;
        added.emplace_back(entry.store, thumbprint_of(cert));
    }
    ASSERT_EQ(added.size(), 3u) << "Root and CA for the root, CA for the issuing CA";
    const auto placed_verdict = windows_verdict();
    ASSERT_TRUE(placed_verdict.trusted) << placed_verdict.output;

    unplace(added);

    EXPECT_FALSE(in(L"ROOT", pki_.root));
    EXPECT_FALSE(in(L"CA", pki_.root));
    EXPECT_FALSE(in(L"CA", pki_.issuing));
    EXPECT_TRUE(in(L"CA", pki_.policy)) << "what was there before stays";
    const auto after = windows_verdict();
    EXPECT_FALSE(after.trusted) << after.output;
}

TEST_P(WindowsPlacement, ALeafIsRefusedAndTheCAsArePlaced) {
    const auto placed = place({&pki_.server, &pki_.root, &pki_.policy, &pki_.issuing});
    const auto leaf = std::find_if(placed.begin(), placed.end(),
                                   [](const PlacedEntry& entry) { return entry.common_name == server_name; });
    ASSERT_NE(leaf, placed.end());
    EXPECT_EQ(leaf->action, CACHAIN_ACTION_SKIPPED);
    EXPECT_EQ(leaf->status, CACHAIN_E_REFUSED);
    EXPECT_FALSE(in(L"ROOT", pki_.server));
    EXPECT_FALSE(in(L"CA", pki_.server));
    EXPECT_TRUE(in(L"ROOT", pki_.root));
    for (const Issued* ca : {&pki_.root, &pki_.policy, &pki_.issuing}) EXPECT_TRUE(in(L"CA", *ca));
}

// --- One transaction: a write that fails takes back the ones before it. ---

int adds_before_failure = 0;

BOOL WINAPI add_then_fail(HCERTSTORE store, DWORD encoding, const BYTE* der, DWORD length, DWORD disposition,
                          PCCERT_CONTEXT* added) {
    if (adds_before_failure-- > 0) return CertAddEncodedCertificateToStore(store, encoding, der, length, disposition, added);
    SetLastError(ERROR_DISK_FULL);
    return FALSE;
}

TEST(WindowsPlacementTransaction, AFailedWriteRemovesWhatTheCallAddedAndKeepsWhatWasThere) {
    const SeedPki pki = make_seed_pki();
    const std::vector<CertificatePtr> chain{parse_certificates(pki.root.der(), "root", nullptr).at(0),
                                            parse_certificates(pki.policy.der(), "policy", nullptr).at(0),
                                            parse_certificates(pki.issuing.der(), "issuing", nullptr).at(0)};
    {
        const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine);
        store->add(StoreKind::CA, chain[1]->der(), chain[1]->thumbprint());  // there before
        store->commit();
    }
    CryptoApi failing;
    failing.add_encoded_certificate = &add_then_fail;
    adds_before_failure = 2;  // the third write of four fails
    const auto store = make_windows_system_store(WindowsStoreLocation::LocalMachine, failing);
    EXPECT_THROW(place(*store, chain, PlacementOptions{}), Failure);

    EXPECT_FALSE(in_system_store(CACHAIN_LOCATION_LOCAL_MACHINE, L"ROOT", pki.root));
    EXPECT_FALSE(in_system_store(CACHAIN_LOCATION_LOCAL_MACHINE, L"CA", pki.root));
    EXPECT_FALSE(in_system_store(CACHAIN_LOCATION_LOCAL_MACHINE, L"CA", pki.issuing));
    EXPECT_TRUE(in_system_store(CACHAIN_LOCATION_LOCAL_MACHINE, L"CA", pki.policy)) << "what was there before stays";

    const auto cleanup = make_windows_system_store(WindowsStoreLocation::LocalMachine);
    cleanup->remove(StoreKind::CA, chain[1]->thumbprint());
    cleanup->commit();
}

}  // namespace
}  // namespace cachain
