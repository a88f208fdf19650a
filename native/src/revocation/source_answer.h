// What one published source (a CRL or an OCSP responder) said about one
// certificate, and how that answer counts.
#pragma once

#include <cstdint>
#include <string>

#include "cachain/cachain.h"
#include "certificate.h"

namespace cachain {

// Why a source gave no usable answer; each has its own fix.
enum class SourceTrouble {
    none,
    ldap_only,    // an ldap: address: only domain members reach it
    unreachable,  // refused, timed out, too large, an error status, another scheme
    stale,        // fetched, but out of date (an expired CRL, an old OCSP answer)
    refused       // fetched, but it fails its checks (another key, not a CRL, unknown)
};

struct SourceAnswer {
    std::string url;
    cachain_revocation_status status = CACHAIN_REVOCATION_NOT_CHECKED;
    SourceTrouble trouble = SourceTrouble::none;
    std::string what;          // what happened, for "<url>: <what>"
    int openssl_code = 0;      // X509_V_ERR_* as OpenSSL's verifier would report it
    std::int64_t revoked_at = 0;
    std::string reason_code;   // "keyCompromise", when revoked
};

// A certificate as messages name it: 'its common name', else its subject.
inline std::string quoted(const Certificate& cert) {
    return "'" + (cert.common_name().empty() ? cert.subject() : cert.common_name()) + "'";
}

inline SourceAnswer make_answer(std::string url, cachain_revocation_status status, SourceTrouble trouble,
                                std::string what, int openssl_code) {
    SourceAnswer result;
    result.url = std::move(url);
    result.status = status;
    result.trouble = trouble;
    result.what = std::move(what);
    result.openssl_code = openssl_code;
    return result;
}

}  // namespace cachain
