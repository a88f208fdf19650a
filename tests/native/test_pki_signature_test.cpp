// The test PKI's signatures must be ones Wine's crypt32 can verify, since
// Wine's chain engine judges "Windows trusts it" (full_width_signature.h).
#include <utility>

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/x509.h>

#include "test_pki.h"

using namespace cachain::testing;

namespace {

// The byte widths of r and s in the certificate's ECDSA signature, as OpenSSL
// decodes them: DER's sign byte is not counted, and a leading zero is dropped.
std::pair<int, int> signature_widths(const Issued& issued) {
    const ASN1_BIT_STRING* value = nullptr;
    X509_get0_signature(&value, nullptr, issued.cert.get());
    const unsigned char* cursor = ASN1_STRING_get0_data(value);
    ECDSA_SIG* signature = d2i_ECDSA_SIG(nullptr, &cursor, ASN1_STRING_length(value));
    if (signature == nullptr) return {0, 0};
    const std::pair<int, int> widths{BN_num_bytes(ECDSA_SIG_get0_r(signature)), BN_num_bytes(ECDSA_SIG_get0_s(signature))};
    ECDSA_SIG_free(signature);
    return widths;
}

}  // namespace

// 300 lab PKIs hold 1,200 signatures. Signed only once each, 13 of 3,000
// were narrow when measured (1 in 230), so all 1,200 at full width by chance
// has odds of about 1 in 180.
TEST(TestPki, EveryEcdsaSignatureIsFullWidthSoWineCanVerifyIt) {
    int narrow = 0;
    for (int round = 0; round < 300; ++round) {
        const SeedPki pki = make_seed_pki();
        for (const Issued* issued : {&pki.root, &pki.policy, &pki.issuing, &pki.server})
            if (signature_widths(*issued) != std::pair{32, 32}) ++narrow;
    }
    EXPECT_EQ(narrow, 0);
}
