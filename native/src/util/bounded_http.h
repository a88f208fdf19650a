// One HTTP exchange with a URL that an untrusted certificate chose (an AIA
// caIssuers, CRL distribution point or OCSP address): plain http:// only,
// never through a proxy from the environment, with a time limit that covers
// every redirect, a size limit and a redirect limit. OpenSSL's HTTP client
// does the protocol; this file only bounds it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "failure.h"

namespace cachain {

struct HttpLimits {
    int timeout_seconds = 10;  // the whole exchange, all redirects included
    std::size_t max_response_bytes = 64 * 1024;
    int max_redirects = 3;
};

// A POST body with its media type ("application/ocsp-request"); an empty
// body makes the request a GET.
struct HttpBody {
    std::string content_type;
    std::vector<std::uint8_t> bytes;
};

// The response body of url. kind names the URL in the refusal of another
// scheme ("only http:// <kind> URLs are fetched"). Throws Failure naming url:
// CACHAIN_E_NOT_SUPPORTED for another scheme, CACHAIN_E_TOO_LARGE over the
// size limit, CACHAIN_E_TIMED_OUT past the time limit, CACHAIN_E_IO for an
// error status, a refused connection or too many redirects.
std::vector<std::uint8_t> http_exchange(const std::string& url, const std::string& kind, const HttpLimits& limits,
                                        const HttpBody& body = {});

}  // namespace cachain
