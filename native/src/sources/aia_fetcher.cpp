#include "aia_fetcher.h"

#include "aia_response.h"
#include "bounded_http.h"

namespace cachain {

AiaFetcher::AiaFetcher(AiaLimits limits) : limits_(limits), once_(limits.max_fetches) {}

std::vector<CertificatePtr> AiaFetcher::fetch(const std::string& url) {
    return once_.get(url, url, [&] { return download(url); });
}

std::vector<CertificatePtr> AiaFetcher::download(const std::string& url) {
    return certificates_in_aia_response(http_exchange(url, "issuer", limits_.http()), url);
}

}  // namespace cachain
