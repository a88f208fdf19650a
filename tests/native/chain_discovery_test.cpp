// Chain discovery: the Certification Path tab's answer, and the right one
// when the pool holds twins, decoys, loops and expired alternates.
#include <algorithm>

#include <gtest/gtest.h>

#include "chain_summary.h"

#include "certificate_set.h"
#include "discovery_helpers.h"

namespace cachain {
namespace {

using namespace testing;

TEST(ChainDiscovery, WalksTheSeedsThreeTierChainUpToTheRoot) {
    for (const KeyType key : {KeyType::EcP256, KeyType::Rsa2048}) {
        const SeedPki pki = make_seed_pki(key);
        const Chain chain = best_chain(pki.server, {&pki.issuing, &pki.root, &pki.policy});
        EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
        EXPECT_EQ(thumbprints(chain), thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root}));
        ASSERT_EQ(chain.elements.size(), 4u);
        EXPECT_EQ(chain.elements[0].role, CACHAIN_ROLE_LEAF);
        EXPECT_EQ(chain.elements[1].role, CACHAIN_ROLE_INTERMEDIATE);
        EXPECT_EQ(chain.elements[2].role, CACHAIN_ROLE_INTERMEDIATE);
        EXPECT_EQ(chain.elements[3].role, CACHAIN_ROLE_ROOT);
        EXPECT_NE(summary_of(chain).find("Complete"), std::string::npos);
    }
}

TEST(ChainDiscovery, WalksASingleTierChain) {
    const Issued root = self_signed(ca_spec("SingleRootCA"));
    const Issued server = issue(root, server_spec("web.schertz.lab"));
    const Chain chain = best_chain(server, {&root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(thumbprints(chain), thumbprints({&server, &root}));
}

TEST(ChainDiscovery, TakesTheLeafOfABundleThatHoldsTheWholeChain) {
    const SeedPki pki = make_seed_pki();
    const auto chains = discover_chains(load_all({&pki.root, &pki.server, &pki.policy, &pki.issuing}), {}, now());
    ASSERT_FALSE(chains.empty());
    EXPECT_TRUE(std::all_of(chains.begin(), chains.end(), [](const Chain& c) { return c.target == 0; }));
    EXPECT_EQ(chains[0].elements.size(), 4u);
    EXPECT_EQ(chains[0].elements[0].certificate->common_name(), "pool1.schertz.lab");
}

TEST(ChainDiscovery, IgnoresADecoyRootWithTheSameNameAndAnotherKeyInEitherOrder) {
    const SeedPki pki = make_seed_pki();
    const Issued decoy = self_signed(ca_spec("SchertzLabRootCA"));
    const auto expected = thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root});
    EXPECT_EQ(thumbprints(best_chain(pki.server, {&decoy, &pki.root, &pki.policy, &pki.issuing})), expected);
    EXPECT_EQ(thumbprints(best_chain(pki.server, {&pki.issuing, &pki.policy, &pki.root, &decoy})), expected);
}

TEST(ChainDiscovery, ProvesTheIssuerBySignatureWhenTheLeafHasNoKeyIdentifier) {
    // OpenSSL's own verifier picks the first same-named issuer here and then
    // reports a signature failure, depending on input order.
    // The twin wins every tie-break (its thumbprint sorts first), so only
    // the signature check can keep it out.
    const Issued root = self_signed(ca_spec("RootCA"));
    const Issued issuing = in_the_upper_half([&] { return issue(root, ca_spec("IssuingCA")); });
    const Issued twin = sorting_before(issuing, [&] { return issue(root, ca_spec("IssuingCA")); });
    CertSpec spec = server_spec("noaki.schertz.lab");
    spec.authority_key_id = false;
    const Issued server = issue(issuing, spec);
    const auto expected = thumbprints({&server, &issuing, &root});
    for (const auto& pool : {std::vector<const Issued*>{&twin, &issuing, &root},
                             std::vector<const Issued*>{&root, &issuing, &twin}}) {
        const Chain chain = best_chain(server, pool);
        EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
        EXPECT_EQ(thumbprints(chain), expected);
    }
}

TEST(ChainDiscovery, UsesAnIssuerWhoseKeyIdentifierDisagreesWhenTheSignatureProvesIt) {
    const Issued root = self_signed(ca_spec("RootCA"));
    const Issued issuing = issue(root, ca_spec("IssuingCA"));
    const Issued server = issue(issuing, server_spec("akimismatch.schertz.lab"));
    // The CA certificate re-issued for the same key, with a subject key
    // identifier computed another way: the leaf's AKI no longer matches it,
    // yet it is the right issuer, because its key signed the leaf.
    CertSpec reissue = ca_spec("IssuingCA");
    reissue.subject_key_id_value = "DE:AD:BE:EF";
    const Issued reissued = issue_with_key(root, reissue, share(issuing.key));
    const Chain chain = best_chain(server, {&reissued, &root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(thumbprints(chain), thumbprints({&server, &reissued, &root}));
}

TEST(ChainDiscovery, MatchesIssuerNamesThatDifferOnlyInCaseSpacingAndStringType) {
    CertSpec root_spec = ca_spec("RootCA");
    root_spec.subject = Name{{{"O", "Schertz  Lab"}, {"CN", "Lab Root CA"}}, V_ASN1_PRINTABLESTRING};
    const Issued root = self_signed(root_spec);
    const Name written_differently{{{"O", "schertz lab"}, {"CN", " LAB   root ca "}}, V_ASN1_UTF8STRING};
    CertSpec leaf_spec = server_spec("names.schertz.lab");
    leaf_spec.issuer_name = &written_differently;
    const Issued server = issue(root, leaf_spec);
    const Chain chain = best_chain(server, {&root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(chain.elements.size(), 2u);
}

TEST(ChainDiscovery, EndsCrossSignedLoopsAndStillFindsTheRoot) {
    const Issued root_a = self_signed(ca_spec("RootA"));
    const Issued root_b = self_signed(ca_spec("RootB"));
    const Issued a_by_b = issue_with_key(root_b, ca_spec("RootA"), share(root_a.key));
    const Issued b_by_a = issue_with_key(root_a, ca_spec("RootB"), share(root_b.key));
    const Issued server = issue(root_a, server_spec("loop.schertz.lab"));

    // Only the cross-signs: a loop with no way out must end, incomplete.
    const Chain looped = best_chain(server, {&a_by_b, &b_by_a});
    EXPECT_EQ(looped.status, CACHAIN_CHAIN_MISSING_ISSUER);
    EXPECT_LE(looped.elements.size(), 3u);

    // With the self-signed roots too, the shortest complete path wins.
    const Chain chain = best_chain(server, {&a_by_b, &b_by_a, &root_b, &root_a});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(thumbprints(chain), thumbprints({&server, &root_a}));
}

TEST(ChainDiscovery, KeepsTheOtherPathsAvailableBestFirst) {
    const Issued root_a = self_signed(ca_spec("RootA"));
    const Issued root_b = self_signed(ca_spec("RootB"));
    const Issued a_by_b = issue_with_key(root_b, ca_spec("RootA"), share(root_a.key));
    const Issued server = issue(root_a, server_spec("paths.schertz.lab"));
    const auto chains = discover_chains({load(server)}, load_all({&a_by_b, &root_b, &root_a}), now());
    ASSERT_GE(chains.size(), 2u);
    EXPECT_EQ(chains[0].rank, 0u);
    EXPECT_EQ(chains[1].rank, 1u);
    EXPECT_EQ(thumbprints(chains[0]), thumbprints({&server, &root_a}));
    EXPECT_EQ(thumbprints(chains[1]), thumbprints({&server, &a_by_b, &root_b}));
}

TEST(ChainDiscovery, PrefersAValidIntermediateToAnExpiredAlternateInEitherOrder) {
    const SeedPki pki = make_seed_pki();
    CertSpec expired_spec = ca_spec("SchertzLabIssuingCA");
    expired_spec.not_before_days = -400;
    expired_spec.not_after_days = -30;
    const Issued expired = issue_with_key(pki.policy, expired_spec, share(pki.issuing.key));
    const auto expected = thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root});
    for (const auto& pool : {std::vector<const Issued*>{&expired, &pki.issuing, &pki.policy, &pki.root},
                             std::vector<const Issued*>{&pki.root, &pki.policy, &pki.issuing, &expired}}) {
        const Chain chain = best_chain(pki.server, pool);
        EXPECT_EQ(thumbprints(chain), expected);
        EXPECT_EQ(chain.elements[1].validity, CACHAIN_VALIDITY_VALID);
    }
}

TEST(ChainDiscovery, ReportsAnExpiredElementWhenNoValidAlternateExists) {
    const Issued root = self_signed(ca_spec("RootCA"));
    CertSpec expired_spec = ca_spec("OldIssuingCA");
    expired_spec.not_before_days = -400;
    expired_spec.not_after_days = -30;
    const Issued expired = issue(root, expired_spec);
    const Issued server = issue(expired, server_spec("old.schertz.lab"));
    const Chain chain = best_chain(server, {&expired, &root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(chain.elements[1].validity, CACHAIN_VALIDITY_EXPIRED);
    EXPECT_NE(summary_of(chain).find("expired"), std::string::npos);
}

TEST(ChainDiscovery, NeverAcceptsANonCaOrACaWithoutKeyCertSignAsIssuer) {
    const Issued root = self_signed(ca_spec("RootCA"));
    CertSpec not_ca = ca_spec("IssuingCA");
    not_ca.ca = false;
    CertSpec no_cert_sign = ca_spec("IssuingCA");
    no_cert_sign.key_cert_sign = false;
    for (const CertSpec& spec : {not_ca, no_cert_sign}) {
        const Issued bad_issuer = issue(root, spec);
        const Issued server = issue(bad_issuer, server_spec("bad.schertz.lab"));
        const Chain chain = best_chain(server, {&bad_issuer, &root});
        EXPECT_EQ(chain.status, CACHAIN_CHAIN_MISSING_ISSUER);
        EXPECT_EQ(chain.elements.size(), 1u);
        EXPECT_NE(chain.missing.why.find("may not issue"), std::string::npos) << chain.missing.why;
    }
}

TEST(ChainDiscovery, HonoursPathLengthConstraints) {
    CertSpec root_spec = ca_spec("RootCA");
    root_spec.path_length = 0;  // may sign end entities only
    const Issued root = self_signed(root_spec);
    const Issued issuing = issue(root, ca_spec("IssuingCA"));
    const Issued server = issue(issuing, server_spec("deep.schertz.lab"));
    const Chain chain = best_chain(server, {&issuing, &root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_MISSING_ISSUER);
    EXPECT_NE(chain.missing.why.find("forbid"), std::string::npos) << chain.missing.why;
}

TEST(ChainDiscovery, NamesTheMissingIssuerItsKeyIdAndWhereToDownloadIt) {
    const SeedPki pki = make_seed_pki();
    CertSpec spec = server_spec("aia.schertz.lab");
    spec.ca_issuers_url = "http://pki.schertz.lab/SchertzLabIssuingCA.crt";
    const Issued server = issue(pki.issuing, spec);
    const Chain chain = best_chain(server, {&pki.root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_MISSING_ISSUER);
    EXPECT_EQ(chain.missing.name, "CN=SchertzLabIssuingCA, DC=schertz, DC=lab");
    EXPECT_EQ(chain.missing.key_id, load(pki.issuing)->subject_key_id());
    EXPECT_EQ(chain.missing.url, spec.ca_issuers_url);
    EXPECT_NE(summary_of(chain).find("SchertzLabIssuingCA"), std::string::npos);
    EXPECT_NE(summary_of(chain).find(spec.ca_issuers_url), std::string::npos);
}

TEST(ChainDiscovery, SaysTheWrongKeyTwinDidNotSignTheCertificate) {
    const SeedPki pki = make_seed_pki();
    const Issued twin = issue(pki.policy, ca_spec("SchertzLabIssuingCA"));
    const Chain chain = best_chain(pki.server, {&twin, &pki.policy, &pki.root});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_MISSING_ISSUER);
    EXPECT_NE(chain.missing.why.find("did not sign it"), std::string::npos) << chain.missing.why;
}

TEST(ChainDiscovery, AKeptPoolFindsIssuersAddedAfterItsFirstSearch) {
    const SeedPki pki = make_seed_pki();
    CertificateSet pool;  // indexed once, as a C caller's pool set is, and kept up to date
    pool.add_all(load_all({&pki.root, &pki.policy}));
    const auto server = load(pki.server);
    EXPECT_EQ(discover_chains({server}, pool.issuer_index(), {}, now()).at(0).status, CACHAIN_CHAIN_MISSING_ISSUER);

    pool.add(load(pki.issuing));
    pool.add(load(pki.root));  // already there: still one candidate, one path
    const auto chains = discover_chains({server}, pool.issuer_index(), {}, now());
    EXPECT_EQ(chains.size(), 1u);
    EXPECT_EQ(thumbprints(chains.at(0)), thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root}));
}

TEST(ChainDiscovery, AnInputAlsoInThePoolIsOneCandidate) {
    const SeedPki pki = make_seed_pki();
    CertificateSet pool;
    pool.add_all(load_all({&pki.root, &pki.policy, &pki.issuing}));
    const auto chains = discover_chains(load_all({&pki.server, &pki.issuing}), pool.issuer_index(), {}, now());
    ASSERT_EQ(chains.size(), 1u);
    EXPECT_EQ(thumbprints(chains.at(0)), thumbprints({&pki.server, &pki.issuing, &pki.policy, &pki.root}));
}

TEST(ChainDiscovery, ExplainsASelfSignedServerCertificate) {
    CertSpec spec = server_spec("selfsigned.schertz.lab");
    const Issued server = self_signed(spec);
    const Chain chain = best_chain(server, {});
    EXPECT_EQ(chain.status, CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(chain.elements.size(), 1u);
    EXPECT_EQ(chain.elements[0].role, CACHAIN_ROLE_LEAF);
    EXPECT_NE(summary_of(chain).find("self-signed"), std::string::npos);
}

}  // namespace
}  // namespace cachain
