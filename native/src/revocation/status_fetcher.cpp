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
    if (const auto done = fetched_.find(key); done != fetched_.end()) return done->second;
    if (const auto failed = failed_.find(key); failed != failed_.end()) throw failed->second;
    if (fetches_ >= limits_.max_fetches)
        throw Failure(CACHAIN_E_TOO_LARGE, url,
                      "not fetched: the limit of " + std::to_string(limits_.max_fetches) + " downloads per run was reached");
    ++fetches_;
    try {
        return fetched_[key] = http_exchange(url, "revocation", HttpLimits{limits_.timeout_seconds, max_bytes, 3}, body);
    } catch (const Failure& failure) {
        failed_.emplace(key, failure);
        throw;
    }
}

}  // namespace cachain
