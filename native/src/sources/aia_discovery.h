// Chain discovery that can go online: when a chain stops at a missing
// issuer whose certificate names a caIssuers URL, download it and search
// again. Every element is labelled with where it came from, so the seed's
// mistake (a server that sends only its own certificate) shows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aia_fetcher.h"
#include "certificate_set.h"
#include "chain.h"

namespace cachain {

struct DiscoveryOptions {
    bool offline = false;  // never download: missing issuers are only named
    AiaLimits aia;
    // Paths returned per target, best first; 0 returns every path found.
    // The search itself is the same whatever the number (its ranking needs
    // the alternates), so the best path never depends on it; fewer paths
    // spare the work of labelling and handing out the rest.
    std::size_t paths_per_target = 0;
};

std::vector<Chain> discover_with_sources(const CertificateSet& inputs, const CertificateSet& pool,
                                         const DiscoveryOptions& options, std::int64_t now);

}  // namespace cachain
