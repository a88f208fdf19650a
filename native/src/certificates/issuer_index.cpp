#include "issuer_index.h"

namespace cachain {

void IssuerIndex::add(const CertificatePtr& cert) {
    if (base_ && base_->contains(cert->sha256())) return;
    if (!sha256s_.insert(cert->sha256()).second) return;
    by_subject_.emplace(cert->subject_hash(), cert);
}

std::vector<CertificatePtr> IssuerIndex::candidates_for(const Certificate& child) const {
    std::vector<CertificatePtr> candidates;
    collect(child, candidates);
    return candidates;
}

bool IssuerIndex::contains(const std::string& sha256) const {
    return sha256s_.count(sha256) > 0 || (base_ && base_->contains(sha256));
}

void IssuerIndex::collect(const Certificate& child, std::vector<CertificatePtr>& candidates) const {
    if (base_) base_->collect(child, candidates);
    const auto [first, last] = by_subject_.equal_range(child.issuer_hash());
    for (auto it = first; it != last; ++it) {
        // The hash only narrows the search; the canonical comparison decides.
        if (it->second->names_issuer_of(child)) candidates.push_back(it->second);
    }
}

}  // namespace cachain
