// The Windows judge: CryptoAPI's chain engine and its SSL policy, run by
// Wine's real crypt32 against the LocalMachine stores of the throwaway
// prefix the suite runs in. Codes are Windows' (winerror.h), asserted
// exactly; where Wine's crypt32 differs from what Microsoft documents, the
// test says so at the assertion.
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

// Windows' headers before OpenSSL's: wincrypt.h defines X509_NAME and
// friends as macros, which OpenSSL's headers undefine when they come after.
#include "windows_crypto_api.h"
#include "windows_store.h"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include "cryptoapi_judge.h"
#include "openssl_judge.h"
#include "test_pki.h"
#include "trust_judge.h"

namespace cachain {
namespace {

using testing::Issued;

constexpr std::uint32_t cert_e_expired = 0x800B0101;
constexpr std::uint32_t cert_e_untrustedroot = 0x800B0109;
constexpr std::uint32_t cert_e_chaining = 0x800B010A;
constexpr std::uint32_t cert_e_cn_no_match = 0x800B010F;
constexpr std::uint32_t cert_e_wrong_usage = 0x800B0110;

CertificatePtr certificate(const Issued& issued) {
    X509_up_ref(issued.cert.get());
    return std::make_shared<const Certificate>(ossl::X509Ptr(issued.cert.get()));
}

std::unique_ptr<TrustStore> local_machine() { return make_windows_system_store(WindowsStoreLocation::LocalMachine); }

// A root and an issuing CA of names no other test uses, and a server whose
// extended key usage is serverAuth only. RSA keys: Wine's crypt32 rejects
// some valid ECDSA P-256 signatures, a different one each run
// (cryptoapi_corpus_test.cpp), which Windows documents nowhere.
struct JudgePki {
    JudgePki()
        : root(testing::self_signed(testing::ca_spec("CryptoApiJudgeRootCA", rsa))),
          issuing(testing::issue(root, testing::ca_spec("CryptoApiJudgeIssuingCA", rsa))),
          server(testing::issue(issuing, server_only("judge.schertz.lab"))) {}

    static constexpr testing::KeyType rsa = testing::KeyType::Rsa2048;

    static testing::CertSpec server_only(const std::string& name) {
        testing::CertSpec spec = testing::server_spec(name, rsa);
        spec.extended_key_usage_value = "serverAuth";
        spec.subject_alt_names = "DNS:" + name;
        return spec;
    }

    Issued root, issuing, server;
};

// Every test starts and ends with none of its PKI in LocalMachine.
class CryptoApiJudge : public ::testing::Test {
protected:
    void TearDown() override {
        const auto store = local_machine();
        for (const Issued* ca : {&pki.root, &pki.issuing}) {
            const auto thumbprint = certificate(*ca)->thumbprint();
            store->remove(StoreKind::Root, thumbprint);
            store->remove(StoreKind::CA, thumbprint);
        }
        store->commit();
    }

    // The seed's rule, as Import-CaChain applies it: the root into Root and
    // CA, the issuing CA into CA.
    void place_the_chain() {
        const auto store = local_machine();
        const auto root = certificate(pki.root), issuing = certificate(pki.issuing);
        ASSERT_TRUE(store->add(StoreKind::Root, root->der(), root->thumbprint()));
        ASSERT_TRUE(store->add(StoreKind::CA, root->der(), root->thumbprint()));
        ASSERT_TRUE(store->add(StoreKind::CA, issuing->der(), issuing->thumbprint()));
        store->commit();
    }

    Judgement judge(const std::vector<CertificatePtr>& sent, const EvaluationOptions& options) const {
        return cryptoapi_judge(CryptoApiEngine::LocalMachine, *certificate(pki.server), sent,
                               {certificate(pki.root)}, options);
    }

    EvaluationOptions now_for(const std::string& name) const {
        EvaluationOptions options;
        options.at = static_cast<std::int64_t>(std::time(nullptr));
        options.dns_name = name;
        return options;
    }

    std::vector<std::string> subjects(const Judgement& judgement) const {
        std::vector<std::string> names;
        for (const auto& cert : judgement.chain) names.push_back(cert->common_name());
        return names;
    }

    JudgePki pki;
};

TEST(CryptoApiJudgeSeam, JudgesWindowsSystemStoresWithCryptoApiAndDirectoryStoresWithOpenSsl) {
    EXPECT_EQ(client_model_of(*local_machine()).judge, &cryptoapi_machine_judge);
    EXPECT_EQ(client_model_of(*make_windows_system_store(WindowsStoreLocation::CurrentUser)).judge,
              &cryptoapi_user_judge);
    EXPECT_TRUE(client_model_of(*local_machine()).reads_ca_store);
}

TEST_F(CryptoApiJudge, TrustsTheChainPlacedIntoLocalMachineRootAndCA) {
    place_the_chain();
    const Judgement judgement = judge({certificate(pki.issuing)}, now_for("judge.schertz.lab"));
    EXPECT_EQ(judgement.windows_chain_error, 0u);
    EXPECT_EQ(judgement.code, X509_V_OK);
    EXPECT_EQ(judgement.depth, -1);
    EXPECT_EQ(subjects(judgement),
              (std::vector<std::string>{"judge.schertz.lab", "CryptoApiJudgeIssuingCA", "CryptoApiJudgeRootCA"}));
}

TEST_F(CryptoApiJudge, RefusesTheSameChainBeforeItsRootIsPlaced) {
    const Judgement judgement =
        judge({certificate(pki.issuing), certificate(pki.root)}, now_for("judge.schertz.lab"));
    EXPECT_EQ(judgement.windows_chain_error, cert_e_untrustedroot);
    EXPECT_EQ(judgement.code, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
}

// The seed's own mistake: the server sends only its leaf. Windows clients
// read LocalMachine\CA, so on Windows this is trusted once the chain is placed
// (on Linux, OpenSSL's clients refuse it: see trust_judge_test.cpp).
TEST_F(CryptoApiJudge, TrustsALeafSentAloneBecauseWindowsReadsTheCAStore) {
    const Judgement before = judge({}, now_for("judge.schertz.lab"));
    EXPECT_EQ(before.windows_chain_error, cert_e_chaining);
    EXPECT_EQ(before.code, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    // Wine differs: its SSL policy passes the partial chain (0), whose
    // status is CERT_TRUST_IS_PARTIAL_CHAIN; Windows documents
    // CERT_E_CHAINING. The judge goes by the status, and shows both.
    EXPECT_EQ(before.text, "Windows error 2148204810 (SSL policy 0x00000000, chain status 0x00010000)");

    place_the_chain();
    const Judgement after = judge({}, now_for("judge.schertz.lab"));
    EXPECT_EQ(after.windows_chain_error, 0u);
    EXPECT_EQ(after.code, X509_V_OK);
    EXPECT_EQ(subjects(after),
              (std::vector<std::string>{"judge.schertz.lab", "CryptoApiJudgeIssuingCA", "CryptoApiJudgeRootCA"}));
}

TEST_F(CryptoApiJudge, RefusesAnotherHostNameWithCnNoMatch) {
    place_the_chain();
    const Judgement judgement = judge({certificate(pki.issuing)}, now_for("other.schertz.lab"));
    EXPECT_EQ(judgement.windows_chain_error, cert_e_cn_no_match);
    EXPECT_EQ(judgement.code, X509_V_ERR_HOSTNAME_MISMATCH);
    EXPECT_EQ(judgement.depth, 0);
}

TEST_F(CryptoApiJudge, RefusesALeafThatHasExpiredAtTheEvaluationTime) {
    place_the_chain();
    EvaluationOptions options = now_for("judge.schertz.lab");
    // The leaf lives 365 days, its CAs ten years: a day after the leaf's end.
    options.at = certificate(pki.server)->not_after() + 86400;
    const Judgement judgement = judge({certificate(pki.issuing)}, options);
    EXPECT_EQ(judgement.windows_chain_error, cert_e_expired);
    EXPECT_EQ(judgement.code, X509_V_ERR_CERT_HAS_EXPIRED);
    EXPECT_EQ(judgement.depth, 0);
}

TEST_F(CryptoApiJudge, TrustsTheLeafOnItsLastSecondAtTheEvaluationTime) {
    place_the_chain();
    EvaluationOptions options = now_for("judge.schertz.lab");
    options.at = certificate(pki.server)->not_after();
    const Judgement judgement = judge({certificate(pki.issuing)}, options);
    EXPECT_EQ(judgement.windows_chain_error, 0u);
}

TEST_F(CryptoApiJudge, RefusesAServerOnlyLeafForClientAuthenticationWithWrongUsage) {
    place_the_chain();
    EvaluationOptions options = now_for("");
    options.purpose = CACHAIN_PURPOSE_CLIENT_AUTH;
    const Judgement judgement = judge({certificate(pki.issuing)}, options);
    EXPECT_EQ(judgement.windows_chain_error, cert_e_wrong_usage);
    EXPECT_EQ(judgement.code, X509_V_ERR_INVALID_PURPOSE);
    EXPECT_EQ(judgement.depth, 0);
}

}  // namespace
}  // namespace cachain
