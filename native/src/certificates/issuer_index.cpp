#include "issuer_index.h"

namespace cachain {
namespace {

// An honest pool links each CA to one issuer key, or a few (a renewal, a
// cross-sign, a same-named decoy): four per certificate on average leaves
// room for them all. The 4,096 on top is one hostile target's worth of
// checks (SearchLimits), so a small pool still remembers a whole search.
// About 200 bytes a link: at most 0.8 KB per pooled certificate. Past the
// bound, links are proven again each time: slower, never a different answer.
constexpr std::size_t kLinksPerCertificate = 4;
constexpr std::size_t kLinksBeyondThePool = 4096;

}  // namespace

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

std::optional<bool> IssuerIndex::proven_link(const Certificate& child, const Certificate& issuer) const {
    const IssuerIndex* holder = holder_of(child);
    return holder ? holder->links_->find(child, issuer) : std::nullopt;
}

void IssuerIndex::remember_link(const Certificate& child, const Certificate& issuer, bool linked) const {
    if (const IssuerIndex* holder = holder_of(child))
        holder->links_->remember(child, issuer, linked, kLinksBeyondThePool + kLinksPerCertificate * holder->size());
}

std::size_t IssuerIndex::remembered_links() const { return links_ ? links_->size() : base_->remembered_links(); }

// The index that keeps child's links: the bottom one (the pool), when it
// holds child.
const IssuerIndex* IssuerIndex::holder_of(const Certificate& child) const {
    if (base_) return base_->holder_of(child);
    return sha256s_.count(child.sha256()) > 0 ? this : nullptr;
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
