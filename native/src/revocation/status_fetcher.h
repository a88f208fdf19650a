// Fetches CRLs and OCSP answers for one run, within the bounds an untrusted
// certificate's URLs get (bounded_http.h): each CRL URL once, each OCSP
// question once, and at most max_fetches exchanges in all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bounded_http.h"
#include "failure.h"
#include "fetch_once.h"

namespace cachain {

struct StatusLimits {
    int timeout_seconds = 10;
    std::size_t max_crl_bytes = 16 * 1024 * 1024;  // large enterprise CRLs run to a few MiB
    std::size_t max_ocsp_bytes = 64 * 1024;
    std::size_t max_fetches = 32;
};

class StatusFetcher {
public:
    explicit StatusFetcher(StatusLimits limits = {}) : limits_(limits) {}

    // The CRL at url. Throws Failure naming url.
    std::vector<std::uint8_t> crl(const std::string& url);
    // The responder's answer to request (DER), POSTed to url. Throws Failure naming url.
    std::vector<std::uint8_t> ocsp(const std::string& url, const std::vector<std::uint8_t>& request);

private:
    std::vector<std::uint8_t> exchange(const std::string& key, const std::string& url, std::size_t max_bytes,
                                       const HttpBody& body);

    StatusLimits limits_;
    FetchOnce<std::vector<std::uint8_t>> once_{limits_.max_fetches};
};

}  // namespace cachain
