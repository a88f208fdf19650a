#include "aia_fetcher.h"

#include "aia_response.h"
#include "bounded_http.h"

namespace cachain {

AiaFetcher::AiaFetcher(AiaLimits limits) : limits_(limits) {}

std::vector<CertificatePtr> AiaFetcher::fetch(const std::string& url) {
    if (const auto done = fetched_.find(url); done != fetched_.end()) return done->second;
    if (const auto failed = failed_.find(url); failed != failed_.end()) throw failed->second;
    if (fetches_ >= limits_.max_fetches) {
        throw Failure(CACHAIN_E_TOO_LARGE, url,
                      "not fetched: the limit of " + std::to_string(limits_.max_fetches) + " downloads per run was reached");
    }
    ++fetches_;
    try {
        return fetched_[url] = download(url);
    } catch (const Failure& failure) {
        failed_.emplace(url, failure);
        throw;
    }
}

std::vector<CertificatePtr> AiaFetcher::download(const std::string& url) {
    return certificates_in_aia_response(http_exchange(url, "issuer", limits_.http()), url);
}

}  // namespace cachain
