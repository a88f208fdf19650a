// Certificates read from bytes are indexed without their public key (OpenSSL
// 3.0 decodes it eagerly, and that is most of a load) and decode themselves
// in full on first use: what they hand out must be the whole certificate,
// decoded once, whichever thread asks first.
#include <thread>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;

class KeylessLoading : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }
    static const SeedPki& pki() { return *pki_; }

    static CertificatePtr read(const Issued& issued) {
        auto certs = parse_certificates(issued.der(), "cert.cer", nullptr);
        EXPECT_EQ(certs.size(), 1u);
        return certs.at(0);
    }

    static SeedPki* pki_;
};
SeedPki* KeylessLoading::pki_ = nullptr;

TEST_F(KeylessLoading, ACertificateReadFromDerHandsOutItsPublicKey) {
    const auto issuing = read(pki().issuing);
    const EVP_PKEY* key = X509_get0_pubkey(issuing->x509());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(EVP_PKEY_eq(key, pki().issuing.key.get()), 1);
}

TEST_F(KeylessLoading, ACertificateReadFromPemHandsOutItsPublicKey) {
    const std::string pem = pki().issuing.pem();
    const auto certs = parse_certificates(std::vector<std::uint8_t>(pem.begin(), pem.end()), "cert.pem", nullptr);
    ASSERT_EQ(certs.size(), 1u);
    const EVP_PKEY* key = X509_get0_pubkey(certs[0]->x509());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(EVP_PKEY_eq(key, pki().issuing.key.get()), 1);
}

TEST_F(KeylessLoading, ACertificateReadFromDerChecksTheSignatureOfItsChild) {
    const auto issuing = read(pki().issuing);
    EXPECT_TRUE(issuing->signed_child(*read(pki().server)));
    EXPECT_FALSE(read(pki().policy)->signed_child(*read(pki().server)));
}

TEST_F(KeylessLoading, HandsOutTheSameDecodedCertificateToTwoThreadsAskingAtOnce) {
    const auto issuing = read(pki().issuing);
    X509* seen[2] = {nullptr, nullptr};
    std::thread first([&] { seen[0] = issuing->x509(); });
    std::thread second([&] { seen[1] = issuing->x509(); });
    first.join();
    second.join();
    ASSERT_NE(seen[0], nullptr);
    EXPECT_EQ(seen[0], seen[1]);
    EXPECT_EQ(seen[0], issuing->x509());
}

// A search compares names far more often than it checks signatures: names
// written with the same bytes match without decoding either certificate.
// (Names equal only canonically still match, after decoding: see
// ChainDiscovery.MatchesIssuerNamesThatDifferOnlyInCaseSpacingAndStringType.)
TEST_F(KeylessLoading, ComparingNamesWrittenWithTheSameBytesDecodesNeitherCertificate) {
    const auto issuing = read(pki().issuing);
    const auto policy = read(pki().policy);
    const auto server = read(pki().server);
    const auto also_issuing = read(pki().issuing);
    const std::uint64_t before = full_decodes_on_this_thread();
    EXPECT_TRUE(issuing->names_issuer_of(*server));
    EXPECT_FALSE(policy->names_issuer_of(*server));
    EXPECT_TRUE(issuing->same_entity(*also_issuing));
    EXPECT_FALSE(issuing->same_entity(*policy));
    EXPECT_EQ(full_decodes_on_this_thread() - before, 0u);
}

TEST_F(KeylessLoading, KeepsTheCertificateBytesExactly) {
    const auto der = pki().server.der();
    const auto server = read(pki().server);
    EXPECT_EQ(std::vector<std::uint8_t>(server->der().begin(), server->der().end()), der);
    unsigned char* encoded = nullptr;
    const int length = i2d_X509(server->x509(), &encoded);
    ASSERT_GT(length, 0);
    const std::vector<std::uint8_t> reencoded(encoded, encoded + length);
    OPENSSL_free(encoded);
    EXPECT_EQ(reencoded, der);
}

}  // namespace
}  // namespace cachain
