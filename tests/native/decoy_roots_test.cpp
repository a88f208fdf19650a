// A decoy cannot stand in for a root: a self-signed certificate with the
// real root's name and a copy of its subject key identifier, but another
// key, must never end a chain, however the pool is ordered and however the
// ranking would prefer it. Each decoy is made to win every tie-break (its
// thumbprint sorts first), so only the signature check keeps it out.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include "discovery_helpers.h"

namespace cachain {
namespace {

using namespace testing;

// A root named as real is, claiming its key identifier, with a key of its own.
Issued forged_root(const Issued& real, long not_before_days) {
    return sorting_before(real, [&] {
        CertSpec spec = ca_spec("SchertzLabRootCA");
        spec.subject_key_id_value = subject_key_id_of(real);
        spec.not_before_days = not_before_days;
        return self_signed(spec);
    });
}

// The seed's PKI, remade until its root leaves room for a decoy below it.
SeedPki pki_with_a_root_in_the_upper_half() {
    return in_the_upper_half([] { return make_seed_pki(); }, [](const SeedPki& pki) { return sha1_thumbprint(pki.root); });
}

void expect_the_real_root_in_either_order(const SeedPki& pki, const Issued& decoy) {
    const auto expected = thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root});
    for (const auto& pool : {std::vector<const Issued*>{&decoy, &pki.root, &pki.policy, &pki.issuing},
                             std::vector<const Issued*>{&pki.issuing, &pki.policy, &pki.root, &decoy}}) {
        const Chain chain = best_chain(pki.server, pool);
        EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
        EXPECT_EQ(thumbprints(chain), expected);
        ASSERT_EQ(chain.elements.size(), 4u);
        EXPECT_EQ(chain.elements[3].certificate->thumbprint(), sha1_thumbprint(pki.root));
    }
}

TEST(DecoyRoots, TheDecoyReallyCopiesTheRootsNameAndKeyIdentifier) {
    // The premise of the tests below, checked with the library's own reading.
    const SeedPki pki = pki_with_a_root_in_the_upper_half();
    const Issued decoy = forged_root(pki.root, -1);
    const auto real = load(pki.root), forged = load(decoy);
    EXPECT_EQ(forged->subject(), real->subject());
    EXPECT_EQ(forged->subject_key_id(), real->subject_key_id());
    EXPECT_EQ(load(pki.policy)->authority_key_id(), forged->subject_key_id());
    EXPECT_NE(forged->public_key_digest(), real->public_key_digest());
    EXPECT_TRUE(forged->self_signed());
    EXPECT_LT(sha1_thumbprint(decoy), sha1_thumbprint(pki.root));
}

TEST(DecoyRoots, ARootWithACopiedKeyIdentifierAndAnotherKeyNeverEndsTheChain) {
    const SeedPki pki = pki_with_a_root_in_the_upper_half();
    expect_the_real_root_in_either_order(pki, forged_root(pki.root, -1));
}

TEST(DecoyRoots, ANewerDecoyWithACopiedKeyIdentifierIsNotPreferred) {
    // The seed's root starts a day ago; the decoy starts now, and the
    // ranking tries the later notBefore first.
    const SeedPki pki = pki_with_a_root_in_the_upper_half();
    expect_the_real_root_in_either_order(pki, forged_root(pki.root, 0));
}

}  // namespace
}  // namespace cachain
