// What a CRL says about a certificate: OpenSSL parses the CRL, checks its
// issuer's signature and finds the serial; this file decides what counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "certificate.h"
#include "source_answer.h"

namespace cachain {

// The answer of the CRL fetched from url (DER or PEM) about cert, whose
// issuer is issuer, at now (seconds since 1970 UTC). A CRL counts only when
// issuer named and signed it and now lies between its thisUpdate and
// nextUpdate.
SourceAnswer crl_answer(const std::string& url, const std::vector<std::uint8_t>& bytes, const Certificate& cert,
                        const Certificate& issuer, std::int64_t now);

}  // namespace cachain
