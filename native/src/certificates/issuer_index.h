// Candidate issuers, looked up by the canonical form of the issuer name, so
// a lookup costs the same for a pool of ten or a hundred thousand.
#pragma once

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "certificate.h"

namespace cachain {

class IssuerIndex {
public:
    IssuerIndex() = default;
    // An index layered over base (which must outlive it): lookups see both,
    // so a large pool indexed once serves many searches, each adding only
    // its own few certificates on top.
    explicit IssuerIndex(const IssuerIndex* base) : base_(base) {}

    // Adds a candidate; the same certificate (by SHA-256) is kept once,
    // counting those in the base.
    void add(const CertificatePtr& cert);

    // Every candidate whose subject names child's issuer, compared as
    // OpenSSL's canonical names (string type, case and spacing folded).
    // In no particular order: the path builder decides the preference.
    std::vector<CertificatePtr> candidates_for(const Certificate& child) const;

    std::size_t size() const noexcept { return by_subject_.size() + (base_ ? base_->size() : 0); }

private:
    bool contains(const std::string& sha256) const;
    void collect(const Certificate& child, std::vector<CertificatePtr>& candidates) const;

    const IssuerIndex* base_ = nullptr;
    std::unordered_multimap<unsigned long, CertificatePtr> by_subject_;
    std::unordered_set<std::string> sha256s_;
};

}  // namespace cachain
