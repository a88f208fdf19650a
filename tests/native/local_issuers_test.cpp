// The machine's own stores as an issuer source, through the C interface: a
// chain completes from what the machine already holds, and each element
// says which store it came from.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "temp_folder.h"
#include "test_pki.h"

#ifdef _WIN32
#include "promise_support.h"  // thumbprint_of
#include "windows_store.h"
#endif

namespace {

using namespace cachain::testing;

std::string source_of(const cachain_chain* chain, const char* common_name) {
    for (size_t depth = 0; depth < cachain_chain_length(chain); ++depth) {
        if (std::string(cachain_cert_text(cachain_chain_cert(chain, depth), CACHAIN_TEXT_COMMON_NAME)) == common_name)
            return cachain_chain_source(chain, depth);
    }
    return "(not in the chain)";
}

class LocalIssuers : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(cachain_set_new(&inputs_), CACHAIN_OK);
        ASSERT_EQ(cachain_set_new(&local_), CACHAIN_OK);
        const auto der = pki_.server.der();
        ASSERT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), "pool1.cer", nullptr), CACHAIN_OK);
    }
    void TearDown() override {
        cachain_chains_free(chains_);
        cachain_set_free(local_);
        cachain_set_free(inputs_);
    }

    const cachain_chain* best_chain(const cachain_set* pool) {
        cachain_chains_free(chains_);
        chains_ = nullptr;
        EXPECT_EQ(cachain_discover_ex(inputs_, pool, CACHAIN_DISCOVER_OFFLINE, 0, &chains_), CACHAIN_OK);
        return cachain_chains_get(chains_, 0);
    }

    SeedPki pki_ = make_seed_pki();
    cachain_set* inputs_ = nullptr;
    cachain_set* local_ = nullptr;
    cachain_chains* chains_ = nullptr;
    TempFolder folder_;
};

TEST_F(LocalIssuers, AnotherSetsCertificatesKeepTheirSources) {
    cachain_set* pool = nullptr;
    ASSERT_EQ(cachain_set_new(&pool), CACHAIN_OK);
    const std::string pem = pem_of({&pki_.issuing, &pki_.policy, &pki_.root});
    ASSERT_EQ(cachain_set_add_bytes(local_, reinterpret_cast<const uint8_t*>(pem.data()), pem.size(), "LocalMachine\\CA", nullptr),
              CACHAIN_OK);
    ASSERT_EQ(cachain_set_add_set(pool, local_), CACHAIN_OK);
    ASSERT_EQ(cachain_set_add_set(pool, local_), CACHAIN_OK);
    EXPECT_EQ(cachain_set_count(pool), 3u) << "each certificate once";
    const cachain_chain* chain = best_chain(pool);
    EXPECT_EQ(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_STATUS), CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(source_of(chain, "SchertzLabRootCA"), "LocalMachine\\CA");
    EXPECT_EQ(cachain_set_add_set(pool, nullptr), CACHAIN_E_ARGUMENT);
    cachain_set_free(pool);
}

#ifndef _WIN32
// A Debian-shaped system root: the lab root in the system bundle, the policy
// CA where Import-CaChain keeps intermediates. The issuing CA is not there.
TEST_F(LocalIssuers, CompleteAChainFromTheSystemBundleAndCaChainsIntermediatesNamingEach) {
    const auto bundle = folder_ / "etc/ssl/certs/ca-certificates.crt";
    const auto intermediates = folder_ / "usr/local/share/cachain/intermediates";
    std::filesystem::create_directories(bundle.parent_path());
    std::filesystem::create_directories(intermediates);
    const Issued unrelated = self_signed(ca_spec("PublicRootCA"));
    write_file(bundle, pem_of({&unrelated, &pki_.root}));
    write_file(intermediates / "policy.pem", pki_.policy.pem());
    const auto issuing = pki_.issuing.der();
    ASSERT_EQ(cachain_set_add_bytes(local_, issuing.data(), issuing.size(), "issuing.cer", nullptr), CACHAIN_OK);

    ASSERT_EQ(cachain_set_add_local_issuers(local_, utf8_from_path(folder_.path()).c_str()), CACHAIN_OK);
    EXPECT_EQ(cachain_set_count(local_), 4u);
    EXPECT_EQ(cachain_set_problem_count(local_), 0u);
    const cachain_chain* chain = best_chain(local_);
    EXPECT_EQ(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_STATUS), CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(source_of(chain, "SchertzLabRootCA"), utf8_from_path(bundle));
    EXPECT_EQ(source_of(chain, "SchertzLabPolicyCA"), utf8_from_path(intermediates / "policy.pem"));
}

TEST_F(LocalIssuers, AMachineWithoutASystemBundleIsAProblemNotAFailure) {
    ASSERT_EQ(cachain_set_add_local_issuers(local_, utf8_from_path(folder_.path()).c_str()), CACHAIN_OK);
    EXPECT_EQ(cachain_set_count(local_), 0u);
    ASSERT_EQ(cachain_set_problem_count(local_), 1u);
    cachain_status code{};
    const char* item = nullptr;
    const char* message = nullptr;
    ASSERT_EQ(cachain_set_problem(local_, 0, &code, &item, &message), CACHAIN_OK);
    EXPECT_EQ(std::string(item), utf8_from_path(folder_.path()));
    EXPECT_NE(std::string(message).find("no system trust bundle"), std::string::npos) << message;
}
#else
// The lab root in LocalMachine\Root, the policy CA in CurrentUser\CA.
TEST_F(LocalIssuers, CompleteAChainFromTheWindowsStoresNamingEach) {
    const auto machine = cachain::make_windows_system_store(cachain::WindowsStoreLocation::LocalMachine);
    const auto user = cachain::make_windows_system_store(cachain::WindowsStoreLocation::CurrentUser);
    const std::string root = thumbprint_of(pki_.root), policy = thumbprint_of(pki_.policy);
    machine->add(cachain::StoreKind::Root, pki_.root.der(), root);
    machine->commit();
    user->add(cachain::StoreKind::CA, pki_.policy.der(), policy);
    user->commit();
    const auto issuing = pki_.issuing.der();
    ASSERT_EQ(cachain_set_add_bytes(local_, issuing.data(), issuing.size(), "issuing.cer", nullptr), CACHAIN_OK);

    ASSERT_EQ(cachain_set_add_local_issuers(local_, nullptr), CACHAIN_OK);
    EXPECT_EQ(cachain_set_problem_count(local_), 0u);
    const cachain_chain* chain = best_chain(local_);
    EXPECT_EQ(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_STATUS), CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(source_of(chain, "SchertzLabRootCA"), "LocalMachine\\Root");
    EXPECT_EQ(source_of(chain, "SchertzLabPolicyCA"), "CurrentUser\\CA");

    machine->remove(cachain::StoreKind::Root, root);
    machine->commit();
    user->remove(cachain::StoreKind::CA, policy);
    user->commit();
}
#endif

}  // namespace
