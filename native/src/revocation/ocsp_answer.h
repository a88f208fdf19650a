// OCSP through OpenSSL's OCSP client: the request for a certificate, and
// what the responder's answer says about it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "certificate.h"
#include "source_answer.h"

namespace cachain {

// The DER request for cert's status (its CertID hashed with SHA-1, as
// Windows and most responders expect), without a nonce: Windows sends
// none, and many responders answer from a cache that cannot echo one.
std::vector<std::uint8_t> ocsp_request_for(const Certificate& cert, const Certificate& issuer);

// The answer about cert that a responder at url gave (DER). It counts only
// when issuer, or a responder certificate issuer signed for OCSP signing,
// signed it, and it is current now (OCSP_check_validity reads the clock,
// with five minutes of leeway).
SourceAnswer ocsp_answer(const std::string& url, const std::vector<std::uint8_t>& bytes, const Certificate& cert,
                         const Certificate& issuer);

}  // namespace cachain
