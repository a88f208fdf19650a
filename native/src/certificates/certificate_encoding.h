// The encodings certificates are written in: DER as it is, PEM, and a
// certificates-only PKCS#7 bundle.
#pragma once

#include <cstdint>
#include <vector>

#include "certificate.h"

namespace cachain {

std::vector<std::uint8_t> encode_pem(const Certificate& cert);

// A degenerate PKCS#7 SignedData holding only certificates (what Windows
// writes as .p7b), DER encoded.
std::vector<std::uint8_t> encode_pkcs7(const std::vector<CertificatePtr>& certs);

}  // namespace cachain
