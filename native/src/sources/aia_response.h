// What an AIA caIssuers download holds: the body of the HTTP answer, turned
// into certificates. Kept apart from the download so that the part that
// reads bytes a stranger chose can be tested and fuzzed without a network.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "certificate.h"
#include "failure.h"

namespace cachain {

// The certificates in body (DER, PEM or PKCS#7, as RFC 5280 §4.2.2.1 allows
// and as servers actually answer). Throws Failure naming url, with "the
// download is not a certificate" and the reason, when body holds none.
std::vector<CertificatePtr> certificates_in_aia_response(gsl::span<const std::uint8_t> body, const std::string& url);

}  // namespace cachain
