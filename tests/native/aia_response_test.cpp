// Reading what an AIA caIssuers download answered, without a network: the
// bytes come from a server the certificate chose, so anything may arrive.
#include <gtest/gtest.h>

#include "aia_response.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
using Bytes = std::vector<std::uint8_t>;

const std::string url = "http://pki.schertz.lab/SchertzLabIssuingCA.crt";

Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

TEST(AiaResponse, ReadsAnIssuerServedAsDerPemOrPkcs7) {
    const SeedPki pki = make_seed_pki();
    for (const Bytes& body : {pki.issuing.der(), bytes_of(pki.issuing.pem()), pkcs7_of({&pki.issuing})}) {
        const auto certs = certificates_in_aia_response(body, url);
        ASSERT_EQ(certs.size(), 1u);
        EXPECT_EQ(certs[0]->common_name(), "SchertzLabIssuingCA");
    }
}

TEST(AiaResponse, SaysAnHtmlPageIsNotACertificateAndNamesTheUrl) {
    try {
        certificates_in_aia_response(bytes_of("<html><body>Moved</body></html>"), url);
        FAIL() << "an HTML page was read as a certificate";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.item(), url);
        EXPECT_EQ(failure.reason(), "the download is not a certificate: the data is not DER, PEM, PKCS#7 or PKCS#12");
    }
}

TEST(AiaResponse, SaysAnEmptyAnswerIsEmpty) {
    try {
        certificates_in_aia_response({}, url);
        FAIL() << "an empty answer was read as a certificate";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_EMPTY);
        EXPECT_EQ(std::string(failure.what()), url + ": the download is not a certificate: the data is empty");
    }
}

}  // namespace
}  // namespace cachain
