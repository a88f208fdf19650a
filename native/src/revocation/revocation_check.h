// Whether a path's certificates are revoked, as a client that checks
// revocation finds out: per certificate but the root, every OCSP responder
// and CRL distribution point it names, each answer checked against its
// issuer (the next certificate of the path).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain.h"
#include "source_answer.h"
#include "status_fetcher.h"

namespace cachain {

struct CertificateRevocation {
    CertificatePtr certificate;
    bool root = false;          // trusted by being in Root: never asked about
    bool issuer_known = true;   // false at the end of a path that stops short
    cachain_revocation_status status = CACHAIN_REVOCATION_NOT_CHECKED;
    std::int64_t revoked_at = 0;
    std::string reason_code;
    int openssl_code = 0;
    std::vector<SourceAnswer> answers;  // one per published URL, OCSP first
    std::string summary;
    std::string published_text;  // the URLs, one a line (the C interface lends these)
    std::string reached_text;    // "<url>: <what>", one a line
};

struct RevocationReport {
    std::vector<CertificateRevocation> certificates;  // path order, the root last
    cachain_revocation_status status = CACHAIN_REVOCATION_NOT_CHECKED;
    std::uint32_t windows_error = 0;  // CRYPT_E_*, CERT_E_REVOCATION_FAILURE; 0 when good or not checked
    int openssl_code = 0;
    std::string reason;
    std::string fix;
};

// fetcher null: fetch nothing, and say only where the status is published
// and what is out of reach anyway (ldap:). now: seconds since 1970 UTC.
RevocationReport check_revocation(const Chain& path, StatusFetcher* fetcher, std::int64_t now);

}  // namespace cachain
