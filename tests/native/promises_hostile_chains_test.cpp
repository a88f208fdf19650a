// Promise: deep and looping chains end quickly with a clear result. A chain
// deeper than the depth limit, and a web of 50 CAs that all cross-sign one
// another, are searched through the C interface in bounded time.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
using Clock = std::chrono::steady_clock;

struct Outcome {
    int64_t status = -1;
    std::string summary;
    std::size_t length = 0;
    std::string last_subject;
    double seconds = 0;
};

// Discovers the chain of target with pool as candidates, timing it.
Outcome discover(const Issued& target, const std::vector<const Issued*>& pool) {
    cachain_set* targets = nullptr;
    cachain_set* candidates = nullptr;
    cachain_set_new(&targets);
    cachain_set_new(&candidates);
    const auto der = target.der();
    cachain_set_add_bytes(targets, der.data(), der.size(), "server.cer", nullptr);
    const std::string pem = pem_of(pool);
    cachain_set_add_bytes(candidates, reinterpret_cast<const uint8_t*>(pem.data()), pem.size(), "pool.pem", nullptr);

    Outcome outcome;
    cachain_chains* chains = nullptr;
    const auto started = Clock::now();
    const cachain_status status = cachain_discover(targets, candidates, &chains);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (status == CACHAIN_OK && cachain_chains_count(chains) > 0) {
        const cachain_chain* best = cachain_chains_get(chains, 0);
        outcome.status = cachain_chain_number(best, CACHAIN_CHAIN_FIELD_STATUS);
        outcome.summary = cachain_chain_text(best, CACHAIN_CHAIN_TEXT_SUMMARY);
        outcome.length = cachain_chain_length(best);
        outcome.last_subject = cachain_cert_text(cachain_chain_cert(best, outcome.length - 1), CACHAIN_TEXT_COMMON_NAME);
    }
    cachain_chains_free(chains);
    cachain_set_free(candidates);
    cachain_set_free(targets);
    return outcome;
}

// Seconds allowed for one search: it stops at 4,096 signature checks, well
// under a second; sanitizers and a loaded CI machine get room.
constexpr double quickly = 10.0;

TEST(HostileChains, AChainDeeperThanTheLimitStopsThereAndSaysSo) {
    std::vector<Issued> tiers;
    tiers.push_back(self_signed(ca_spec("DeepRootCA")));
    for (int i = 1; i <= 40; ++i) tiers.push_back(issue(tiers.back(), ca_spec("DeepTier" + std::to_string(i) + "CA")));
    const Issued server = issue(tiers.back(), server_spec("deep.schertz.lab"));
    std::vector<const Issued*> pool;
    for (const auto& tier : tiers) pool.push_back(&tier);

    const Outcome outcome = discover(server, pool);
    EXPECT_EQ(outcome.status, CACHAIN_CHAIN_LIMIT_REACHED);
    EXPECT_NE(outcome.summary.find("limit"), std::string::npos) << outcome.summary;
    EXPECT_EQ(outcome.length, 16u);
    EXPECT_LT(outcome.seconds, quickly);
}

class CrossSignWeb : public ::testing::Test {
protected:
    static constexpr int cas = 50;

    // Every CA's key certified by every other CA: 2,450 cross-certificates,
    // and not one self-signed root among them.
    static void SetUpTestSuite() {
        web_ = new std::vector<Issued>;
        keys_ = new std::vector<Issued>;
        for (int i = 0; i < cas; ++i) keys_->push_back(self_signed(ca_spec(name(i))));  // holds each CA's key
        for (int subject = 0; subject < cas; ++subject)
            for (int issuer = 0; issuer < cas; ++issuer)
                if (subject != issuer)
                    web_->push_back(issue_with_key((*keys_)[issuer], ca_spec(name(subject)), share((*keys_)[subject].key)));
        server_ = new Issued(issue((*keys_)[0], server_spec("web.schertz.lab")));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete keys_;
        delete web_;
    }
    static std::string name(int i) { return "WebCA" + std::to_string(i); }
    static std::vector<const Issued*> web() {
        std::vector<const Issued*> pool;
        for (const auto& cert : *web_) pool.push_back(&cert);
        return pool;
    }

    static std::vector<Issued>* web_;
    static std::vector<Issued>* keys_;
    static Issued* server_;
};
std::vector<Issued>* CrossSignWeb::web_ = nullptr;
std::vector<Issued>* CrossSignWeb::keys_ = nullptr;
Issued* CrossSignWeb::server_ = nullptr;

TEST_F(CrossSignWeb, WithoutARootTheSearchEndsQuicklyAndSaysWhy) {
    const Outcome outcome = discover(*server_, web());
    EXPECT_TRUE(outcome.status == CACHAIN_CHAIN_LIMIT_REACHED || outcome.status == CACHAIN_CHAIN_MISSING_ISSUER)
        << outcome.status << ": " << outcome.summary;
    EXPECT_FALSE(outcome.summary.empty());
    EXPECT_LT(outcome.seconds, quickly);
}

TEST_F(CrossSignWeb, WithOneSelfSignedRootTheSearchFindsTheShortWayOutQuickly) {
    auto pool = web();
    pool.push_back(&(*keys_)[cas - 1]);  // WebCA49 self-signed: a root somewhere in the web
    // server <- WebCA0 (cross-signed by WebCA49) <- WebCA49: three steps,
    // however many wrong turns the web offers.
    const Outcome outcome = discover(*server_, pool);
    EXPECT_EQ(outcome.status, CACHAIN_CHAIN_COMPLETE) << outcome.summary;
    EXPECT_EQ(outcome.length, 3u) << outcome.summary;
    EXPECT_EQ(outcome.last_subject, name(cas - 1));
    EXPECT_LT(outcome.seconds, quickly);
}

}  // namespace
