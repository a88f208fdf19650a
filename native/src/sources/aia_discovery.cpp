#include "aia_discovery.h"

#include <map>
#include <set>
#include <vector>

#include "chain_discovery.h"
#include "download_source.h"

namespace cachain {
namespace {

// Missing issuers of the best chains that name a URL not tried yet.
std::set<std::string> urls_to_try(const std::vector<Chain>& chains, const std::set<std::string>& tried) {
    std::set<std::string> urls;
    for (const auto& chain : chains) {
        if (chain.rank == 0 && chain.status == CACHAIN_CHAIN_MISSING_ISSUER && !chain.missing.url.empty() &&
            !tried.count(chain.missing.url))
            urls.insert(chain.missing.url);
    }
    return urls;
}

void label_sources(std::vector<Chain>& chains, const CertificateSet& inputs, const CertificateSet& pool,
                   const CertificateSet& downloaded) {
    for (auto& chain : chains) {
        for (auto& element : chain.elements) {
            for (const CertificateSet* set : {&inputs, &pool, &downloaded}) {
                if (element.source.empty()) element.source = set->origin_of(*element.certificate);
            }
        }
    }
}

// Done after the downloads, whose choice of URLs needs every target's full
// ranking (urls_to_try reads rank 0 of each), and before labelling, which
// is the work a caller asking for fewer paths is spared.
void keep_best_paths(std::vector<Chain>& chains, std::size_t paths_per_target) {
    if (paths_per_target == 0) return;
    std::erase_if(chains, [&](const Chain& chain) { return chain.rank >= paths_per_target; });
}

// A chain still missing an issuer says why the download did not help.
void explain_failed_downloads(std::vector<Chain>& chains, const std::map<std::string, std::string>& failures) {
    for (auto& chain : chains) {
        if (chain.status != CACHAIN_CHAIN_MISSING_ISSUER) continue;
        const auto failure = failures.find(chain.missing.url);
        if (failure == failures.end()) continue;
        chain.missing.why += (chain.missing.why.empty() ? "" : "; ") + std::string("downloading it failed: ") + failure->second;
    }
}

}  // namespace

std::vector<Chain> discover_with_sources(const CertificateSet& inputs, const CertificateSet& pool,
                                         const DiscoveryOptions& options, std::int64_t now) {
    AiaFetcher fetcher(options.aia);
    CertificateSet downloaded;
    std::set<std::string> tried;
    std::map<std::string, std::string> failures;
    std::vector<CertificatePtr> downloads;  // the pool is indexed already: only these are added per search

    std::vector<Chain> chains = discover_chains(inputs.certificates(), pool.issuer_index(), downloads, now);
    while (!options.offline) {
        const auto urls = urls_to_try(chains, tried);
        if (urls.empty()) break;
        for (const auto& url : urls) {
            tried.insert(url);
            try {
                for (const auto& cert : fetcher.fetch(url)) {
                    if (downloaded.add(cert, downloaded_source(url))) downloads.push_back(cert);
                }
            } catch (const Failure& failure) {
                failures.emplace(url, failure.reason());
            }
        }
        chains = discover_chains(inputs.certificates(), pool.issuer_index(), downloads, now);
    }
    keep_best_paths(chains, options.paths_per_target);
    explain_failed_downloads(chains, failures);
    label_sources(chains, inputs, pool, downloaded);
    return chains;
}

}  // namespace cachain
