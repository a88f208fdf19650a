// Turns bytes into certificates, whatever the encoding: DER, PEM, bare
// base64, PKCS#7 or PKCS#12. Private keys are skipped, never decoded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "certificate.h"
#include "failure.h"

namespace cachain {

// Every certificate in data, in the order it holds them. item names the data
// in error messages. password is for PKCS#12 and may be null.
// Throws Failure (EMPTY, TRUNCATED, NOT_CERTIFICATE, UNSUPPORTED_FORMAT,
// PASSWORD_NEEDED, WRONG_PASSWORD) naming item and the reason; then nothing is returned.
std::vector<CertificatePtr> parse_certificates(gsl::span<const std::uint8_t> data, const std::string& item,
                                               const char* password);

// For a file OpenSSL's clients load certificate by certificate (the Linux
// system bundle): as parse_certificates, except that a certificate that
// decodes but cannot be used (malformed extensions) is left out, with its
// failure added to left_out (its item "<item> (certificate 2)"), where parse_certificates
// refuses the whole file; OpenSSL loads the others. Damaged PEM still
// refuses the whole file, as it does for OpenSSL (X509_load_cert_crl_file).
std::vector<CertificatePtr> parse_certificate_bundle(gsl::span<const std::uint8_t> data, const std::string& item,
                                                     std::vector<Failure>& left_out);

}  // namespace cachain
