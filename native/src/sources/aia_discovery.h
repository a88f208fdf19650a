// Chain discovery that can go online: when a chain stops at a missing
// issuer whose certificate names a caIssuers URL, download it and search
// again. Every element is labelled with where it came from, so the seed's
// mistake (a server that sends only its own certificate) shows.
#pragma once

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
};

std::vector<Chain> discover_with_sources(const CertificateSet& inputs, const CertificateSet& pool,
                                         const DiscoveryOptions& options, std::int64_t now);

}  // namespace cachain
