#include "status_fetcher.h"

namespace cachain {

std::vector<std::uint8_t> StatusFetcher::crl(const std::string& url) {
    return exchange(url, url, limits_.max_crl_bytes, {});
}

std::vector<std::uint8_t> StatusFetcher::ocsp(const std::string& url, const std::vector<std::uint8_t>& request) {
    // One responder answers for many certificates: the question is the key.
    const std::string key = url + '\n' + std::string(request.begin(), request.end());
    return exchange(key, url, limits_.max_ocsp_bytes, {"application/ocsp-request", request});
}

std::vector<std::uint8_t> StatusFetcher::exchange(const std::string& key, const std::string& url,
                                                  std::size_t max_bytes, const HttpBody& body) {
    return once_.get(key, url, [&] {
        return http_exchange(url, "revocation", HttpLimits{limits_.timeout_seconds, max_bytes, 3}, body);
    });
}

}  // namespace cachain
