// From loaded certificates to chains: which certificates are the targets,
// and the ranked paths of each.
#pragma once

#include <cstdint>
#include <vector>

#include "path_builder.h"

namespace cachain {

// The certificates of inputs that signed no other certificate of inputs:
// the ends of whatever chains the inputs hold, in input order. When every
// input signed another (a loop of cross-signs), all of them.
std::vector<CertificatePtr> chain_ends(const std::vector<CertificatePtr>& inputs);

// Paths for every end of inputs, with inputs and pool as issuer candidates,
// ordered by target and then by rank.
std::vector<Chain> discover_chains(const std::vector<CertificatePtr>& inputs, const std::vector<CertificatePtr>& pool,
                                   std::int64_t now, SearchLimits limits = {});

// The same, with a pool indexed beforehand (a CertificateSet's), plus extra
// candidates (downloads): each call indexes only inputs and extra, so its
// cost does not grow with the pool.
std::vector<Chain> discover_chains(const std::vector<CertificatePtr>& inputs, const IssuerIndex& pool,
                                   const std::vector<CertificatePtr>& extra, std::int64_t now, SearchLimits limits = {});

}  // namespace cachain
