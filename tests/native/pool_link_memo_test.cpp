// The pool remembers the links it has proven: a link between two of its own
// certificates is checked by the first cachain_discover that needs it, and
// taken from the pool by every later call, from any thread. Signatures are
// counted as they are really checked (signature_checks_on_this_thread).
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "certificate.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;

struct SetDeleter {
    void operator()(cachain_set* set) const noexcept { cachain_set_free(set); }
};
using SetPtr = std::unique_ptr<cachain_set, SetDeleter>;

struct ChainsDeleter {
    void operator()(cachain_chains* chains) const noexcept { cachain_chains_free(chains); }
};
using ChainsPtr = std::unique_ptr<cachain_chains, ChainsDeleter>;

SetPtr set_of(const std::vector<const Issued*>& certs) {
    cachain_set* set = nullptr;
    EXPECT_EQ(cachain_set_new(&set), CACHAIN_OK);
    SetPtr owner(set);
    for (const Issued* cert : certs) {
        const auto der = cert->der();
        EXPECT_EQ(cachain_set_add_bytes(set, der.data(), der.size(), "test", nullptr), CACHAIN_OK) << cachain_last_error();
    }
    return owner;
}

// The common names of the best path, leaf first, and its status last.
std::vector<std::string> best_path(const cachain_set* inputs, const cachain_set* pool) {
    cachain_chains* found = nullptr;
    if (cachain_discover(inputs, pool, &found) != CACHAIN_OK) return {cachain_last_error()};
    const ChainsPtr chains(found);
    const cachain_chain* best = cachain_chains_get(chains.get(), 0);
    std::vector<std::string> names;
    for (std::size_t depth = 0; depth < cachain_chain_length(best); ++depth)
        names.push_back(cachain_cert_text(cachain_chain_cert(best, depth), CACHAIN_TEXT_COMMON_NAME));
    names.push_back(cachain_chain_number(best, CACHAIN_CHAIN_FIELD_STATUS) == CACHAIN_CHAIN_COMPLETE ? "complete"
                                                                                                       : "incomplete");
    return names;
}

std::vector<std::string> whole_path_of(const std::string& leaf) {
    return {leaf, "SchertzLabIssuingCA", "SchertzLabPolicyCA", "SchertzLabRootCA", "complete"};
}

// The seed PKI's CAs, and a policy CA's name with another key: the issuing
// CA's link to it fails, and the pool remembers that answer too.
struct Pool {
    SeedPki pki = make_seed_pki();
    Issued other_policy = issue(pki.root, ca_spec("SchertzLabPolicyCA"));
    SetPtr set = set_of({&pki.root, &pki.policy, &other_policy, &pki.issuing});
};

// Signatures checked by one call on this thread.
template <typename Call>
std::uint64_t checks_made_by(Call call) {
    const std::uint64_t before = cachain::signature_checks_on_this_thread();
    call();
    return cachain::signature_checks_on_this_thread() - before;
}

TEST(PoolLinkMemo, ALaterCallChecksOnlyItsOwnLeafAndTakesThePoolsLinksFromThePool) {
    const Pool pool;
    const Issued second = issue(pool.pki.issuing, server_spec("pool2.schertz.lab"));
    const auto first_input = set_of({&pool.pki.server});
    const auto second_input = set_of({&second});

    std::vector<std::string> first_path, second_path, again_path;
    // pool1 -> issuing CA, issuing CA -> each policy CA's key, policy CA -> root,
    // and the root's own signature, checked when the search first asks.
    EXPECT_EQ(checks_made_by([&] { first_path = best_path(first_input.get(), pool.set.get()); }), 5u);
    EXPECT_EQ(first_path, whole_path_of("pool1.schertz.lab"));
    // pool2 -> issuing CA only: the pool's three links were proven by the first call.
    EXPECT_EQ(checks_made_by([&] { second_path = best_path(second_input.get(), pool.set.get()); }), 1u);
    EXPECT_EQ(second_path, whole_path_of("pool2.schertz.lab"));
    // A leaf's own link is not the pool's to keep: asked again, it is checked again.
    EXPECT_EQ(checks_made_by([&] { again_path = best_path(first_input.get(), pool.set.get()); }), 1u);
    EXPECT_EQ(again_path, whole_path_of("pool1.schertz.lab"));
}

TEST(PoolLinkMemo, TwoThreadsDiscoveringWithOnePoolSetAtOnceBothGetEveryChainWhole) {
    const Pool pool;
    constexpr int kLeavesPerThread = 25;
    std::vector<Issued> leaves[2];
    for (int thread = 0; thread < 2; ++thread) {
        for (int i = 0; i < kLeavesPerThread; ++i)
            leaves[thread].push_back(
                issue(pool.pki.issuing, server_spec("host" + std::to_string(thread) + "-" + std::to_string(i) + ".schertz.lab")));
    }

    std::vector<std::vector<std::string>> paths[2];
    const auto discover_each = [&](int thread) {
        for (const Issued& leaf : leaves[thread]) {
            const auto input = set_of({&leaf});
            paths[thread].push_back(best_path(input.get(), pool.set.get()));
        }
    };
    std::thread first(discover_each, 0), second(discover_each, 1);
    first.join();
    second.join();

    for (int thread = 0; thread < 2; ++thread) {
        ASSERT_EQ(paths[thread].size(), static_cast<std::size_t>(kLeavesPerThread));
        for (int i = 0; i < kLeavesPerThread; ++i) {
            EXPECT_EQ(paths[thread][i],
                      whole_path_of("host" + std::to_string(thread) + "-" + std::to_string(i) + ".schertz.lab"));
        }
    }
    // What the two threads proved was kept whole: a new leaf costs its own link only.
    const Issued later = issue(pool.pki.issuing, server_spec("later.schertz.lab"));
    const auto later_input = set_of({&later});
    std::vector<std::string> later_path;
    EXPECT_EQ(checks_made_by([&] { later_path = best_path(later_input.get(), pool.set.get()); }), 1u);
    EXPECT_EQ(later_path, whole_path_of("later.schertz.lab"));
}

}  // namespace

// A machine's store of roots is read on every Test-CaChain and Get-CaChain
// call; loading one checks no signature, not even a root's own, until
// something asks whether it is self-signed.
TEST(PoolLinkMemo, LoadingRootsChecksNoSignatureUntilOneIsAskedWhetherItSignedItself) {
    const SeedPki pki = make_seed_pki();
    const Issued other_root = self_signed(ca_spec("AnotherLabRootCA"));
    SetPtr roots;
    EXPECT_EQ(checks_made_by([&] { roots = set_of({&pki.root, &other_root}); }), 0u);
    ASSERT_EQ(cachain_set_count(roots.get()), 2u);
    const cachain_cert* first = cachain_set_cert(roots.get(), 0);
    std::int64_t answer = 0;
    EXPECT_EQ(checks_made_by([&] { answer = cachain_cert_number(first, CACHAIN_NUMBER_SELF_SIGNED); }), 1u);
    EXPECT_EQ(answer, 1);
    // Asked again, the answer is remembered.
    EXPECT_EQ(checks_made_by([&] { answer = cachain_cert_number(first, CACHAIN_NUMBER_SELF_SIGNED); }), 0u);
    EXPECT_EQ(answer, 1);
}
