// The search's limits at their documented numbers (SECURITY.md, "Deep and
// looping chains end quickly"), with the library's defaults: a path of 16
// certificates, target and root included, is found whole and one of 17 is
// cut at 16; a target needing 4,096 signature checks gets its chain and one
// needing 4,097 stops and says so. The numbers are written out here on
// purpose: a test that read them from the code would follow any change.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chain_summary.h"

#include "discovery_helpers.h"

namespace cachain {
namespace {

using namespace testing;

// A server under a root with tiers-2 intermediates: certificates in all.
struct Tower {
    std::vector<Issued> cas;  // the root first
    Issued server;
    std::vector<const Issued*> pool() const {
        std::vector<const Issued*> result;
        for (const auto& ca : cas) result.push_back(&ca);
        return result;
    }
};

Tower tower_of(int certificates) {
    Tower tower;
    tower.cas.reserve(static_cast<std::size_t>(certificates));
    tower.cas.push_back(self_signed(ca_spec("TowerRootCA")));
    for (int i = 1; i < certificates - 1; ++i) tower.cas.push_back(issue(tower.cas.back(), ca_spec("TowerCA" + std::to_string(i))));
    tower.server = issue(tower.cas.back(), server_spec("tower.schertz.lab"));
    return tower;
}

TEST(SearchLimits, AChainOf16CertificatesIsFoundWhole) {
    const Tower tower = tower_of(16);
    const Chain chain = best_chain(tower.server, tower.pool());
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(chain.elements.size(), 16u);
    EXPECT_EQ(summary_of(chain), "Complete: 16 certificates up to the root 'TowerRootCA'.");
}

// A search keeps up to 8 paths per target and most sentences are never read:
// a complete path's is written when asked for; a stopped search's is kept
// from the moment it stopped, since it counts the checks made by then.
TEST(SearchLimits, ASentenceIsWrittenWhenAskedForExceptAStoppedSearchsOwn) {
    const Tower small = tower_of(3);
    const Chain complete = best_chain(small.server, small.pool());
    EXPECT_EQ(complete.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_TRUE(complete.summary.empty());
    EXPECT_EQ(summary_of(complete), "Complete: 3 certificates up to the root 'TowerRootCA'.");

    const Tower too_tall = tower_of(17);
    const Chain stopped = best_chain(too_tall.server, too_tall.pool());
    EXPECT_EQ(stopped.status, CACHAIN_CHAIN_LIMIT_REACHED);
    EXPECT_EQ(stopped.summary, summary_of(stopped));
    EXPECT_NE(stopped.summary.find("15 signature checks"), std::string::npos);
}

TEST(SearchLimits, AChainOf17CertificatesIsCutAt16AndSaysTheLimitWasReached) {
    const Tower tower = tower_of(17);
    const Chain chain = best_chain(tower.server, tower.pool());
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_LIMIT_REACHED);
    ASSERT_EQ(chain.elements.size(), 16u);
    EXPECT_EQ(chain.elements.back().certificate->thumbprint(), sha1_thumbprint(tower.cas[1]));
    // 15 links proved, from the server up to the 16th certificate.
    EXPECT_EQ(summary_of(chain),
              "The search stopped at its limit (15 signature checks, at most 16 certificates deep) before reaching a "
              "root, after 16 certificates.");
}

// A server whose issuer hides behind same-named decoys: each decoy claims
// the issuer's key identifier, has a key of its own (one signature check
// each) and starts later, so the ranking tries every decoy before the real
// issuer. Reaching the root then takes decoys + 2 checks: the real issuer's
// signature on the server, and the root's on the issuer.
class SignatureCheckLimit : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        pki_ = new Pki;
        pki_->root = self_signed(ca_spec("RootCA"));
        CertSpec issuing = ca_spec("IssuingCA");
        issuing.not_before_days = -10;
        pki_->issuing = issue(pki_->root, issuing);
        pki_->server = issue(pki_->issuing, server_spec("hidden.schertz.lab"));
        CertSpec decoy = ca_spec("IssuingCA");
        decoy.subject_key_id_value = subject_key_id_of(pki_->issuing);
        pki_->decoys.reserve(4095);
        for (int i = 0; i < 4095; ++i) pki_->decoys.push_back(issue(pki_->root, decoy));
    }
    static void TearDownTestSuite() { delete pki_; }

    static std::vector<const Issued*> pool_with_decoys(std::size_t decoys) {
        std::vector<const Issued*> pool{&pki_->root, &pki_->issuing};
        for (std::size_t i = 0; i < decoys; ++i) pool.push_back(&pki_->decoys[i]);
        return pool;
    }

    struct Pki {
        Issued root, issuing, server;
        std::vector<Issued> decoys;
    };
    static Pki* pki_;
};
SignatureCheckLimit::Pki* SignatureCheckLimit::pki_ = nullptr;

TEST_F(SignatureCheckLimit, ATargetNeedingExactly4096ChecksGetsItsChain) {
    const Chain chain = best_chain(pki_->server, pool_with_decoys(4094));  // 4,094 + 2 checks
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE) << summary_of(chain);
    EXPECT_EQ(thumbprints(chain), thumbprints({&pki_->server, &pki_->issuing, &pki_->root}));
    EXPECT_EQ(summary_of(chain), "Complete: 3 certificates up to the root 'RootCA'.");
}

TEST_F(SignatureCheckLimit, ATargetNeeding4097ChecksStopsAt4096AndSaysTheLimitWasReached) {
    const Chain chain = best_chain(pki_->server, pool_with_decoys(4095));  // 4,095 + 2 checks
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_LIMIT_REACHED);
    EXPECT_EQ(thumbprints(chain), thumbprints({&pki_->server, &pki_->issuing}));
    EXPECT_EQ(summary_of(chain),
              "The search stopped at its limit (4096 signature checks, at most 16 certificates deep) before reaching a "
              "root, after 2 certificates.");
}

TEST(SearchLimits, ChecksAKeySharedByFiveThousandSameNamedCandidatesOnce) {
    // Checked one by one, 5,000 candidates would pass the 4,096-check limit;
    // one check disproves the shared key for all of them.
    const SeedPki pki = make_seed_pki();
    const auto key = make_key(KeyType::EcP256);
    std::vector<Issued> decoys;
    decoys.reserve(5000);
    for (int i = 0; i < 5000; ++i) decoys.push_back(issue_with_key(pki.policy, ca_spec("SchertzLabIssuingCA"), share(key)));
    std::vector<const Issued*> pool{&pki.root, &pki.policy};
    for (const auto& decoy : decoys) pool.push_back(&decoy);

    const Chain chain = best_chain(pki.server, pool);
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_MISSING_ISSUER) << summary_of(chain);
    EXPECT_EQ(chain.missing.why,
              "5000 certificates named 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' found, but 5000 did not sign it "
              "(another key)");
}

}  // namespace
}  // namespace cachain
