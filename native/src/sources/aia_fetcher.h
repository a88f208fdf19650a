// Downloads missing issuers from the caIssuers URLs in certificates. The
// URLs come from certificates nobody trusts yet, so every fetch is bounded:
// http only, few redirects, a time-out, a size limit, a fetch budget.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bounded_http.h"
#include "certificate.h"
#include "failure.h"
#include "fetch_once.h"

namespace cachain {

struct AiaLimits {
    int timeout_seconds = 10;               // per fetch, all redirects included
    std::size_t max_response_bytes = 64 * 1024;
    std::size_t max_fetches = 8;            // per run
    int max_redirects = 3;

    HttpLimits http() const { return {timeout_seconds, max_response_bytes, max_redirects}; }
};

class AiaFetcher {
public:
    explicit AiaFetcher(AiaLimits limits = {});

    // The certificates at url (DER, PEM or PKCS#7). Each URL is fetched at
    // most once per fetcher; a repeated call returns the first answer, or
    // throws its failure again. Throws Failure naming the URL otherwise.
    std::vector<CertificatePtr> fetch(const std::string& url);

    std::size_t fetches() const noexcept { return once_.fetches(); }

private:
    std::vector<CertificatePtr> download(const std::string& url);

    AiaLimits limits_;
    FetchOnce<std::vector<CertificatePtr>> once_;
};

}  // namespace cachain
