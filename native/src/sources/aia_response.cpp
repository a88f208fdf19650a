#include "aia_response.h"

#include "certificate_parser.h"
#include "failure.h"

namespace cachain {

std::vector<CertificatePtr> certificates_in_aia_response(gsl::span<const std::uint8_t> body, const std::string& url) {
    try {
        // No password: an issuer download is never a PKCS#12 file worth opening.
        return parse_certificates(body, url, nullptr);
    } catch (const Failure& failure) {
        throw Failure(failure.status(), url, "the download is not a certificate: " + failure.reason());
    }
}

}  // namespace cachain
