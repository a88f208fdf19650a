// Turns bytes into certificates, whatever the encoding: DER, PEM, bare
// base64, PKCS#7 or PKCS#12. Private keys are skipped, never decoded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "certificate.h"

namespace cachain {

// Every certificate in data, in the order it holds them. item names the data
// in error messages. password is for PKCS#12 and may be null.
// Throws Failure (EMPTY, TRUNCATED, NOT_CERTIFICATE, UNSUPPORTED_FORMAT,
// PASSWORD_NEEDED, WRONG_PASSWORD) naming item and the reason; then nothing is returned.
std::vector<CertificatePtr> parse_certificates(gsl::span<const std::uint8_t> data, const std::string& item,
                                               const char* password);

}  // namespace cachain
