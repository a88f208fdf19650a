#include "chain_discovery.h"

#include <unordered_map>

namespace cachain {

std::vector<CertificatePtr> chain_ends(const std::vector<CertificatePtr>& inputs) {
    std::unordered_multimap<unsigned long, const Certificate*> by_issuer;
    for (const auto& cert : inputs) by_issuer.emplace(cert->issuer_hash(), cert.get());

    std::vector<CertificatePtr> ends;
    for (const auto& cert : inputs) {
        bool issued_another = false;
        const auto [first, last] = by_issuer.equal_range(cert->subject_hash());
        for (auto it = first; it != last && !issued_another; ++it) {
            const Certificate& child = *it->second;
            issued_another = &child != cert.get() && !child.same_entity(*cert) && cert->names_issuer_of(child) &&
                             cert->signed_child(child);
        }
        if (!issued_another) ends.push_back(cert);
    }
    // Certificates that only sign each other (a cross-signed loop) have no
    // end: then each of them is a target of its own.
    return ends.empty() ? inputs : ends;
}

std::vector<Chain> discover_chains(const std::vector<CertificatePtr>& inputs, const std::vector<CertificatePtr>& pool,
                                   std::int64_t now, SearchLimits limits) {
    IssuerIndex pool_index;
    for (const auto& cert : pool) pool_index.add(cert);
    return discover_chains(inputs, pool_index, {}, now, limits);
}

std::vector<Chain> discover_chains(const std::vector<CertificatePtr>& inputs, const IssuerIndex& pool,
                                   const std::vector<CertificatePtr>& extra, std::int64_t now, SearchLimits limits) {
    IssuerIndex index(&pool);
    for (const auto& cert : inputs) index.add(cert);
    for (const auto& cert : extra) index.add(cert);

    PathBuilder builder(index, now, limits);
    std::vector<Chain> chains;
    const auto ends = chain_ends(inputs);
    for (std::size_t target = 0; target < ends.size(); ++target) {
        for (auto& chain : builder.build(ends[target])) {
            chain.target = target;
            chains.push_back(std::move(chain));
        }
    }
    return chains;
}

}  // namespace cachain
