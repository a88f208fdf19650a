// Candidate issuers, looked up by the canonical form of the issuer name, so
// a lookup costs the same for a pool of ten or a hundred thousand.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "certificate.h"
#include "link_memo.h"

namespace cachain {

class IssuerIndex {
public:
    IssuerIndex() : links_(std::make_unique<LinkMemo>()) {}
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

    // Signature links whose child this index (or its base) holds, proven by
    // earlier searches: the pool keeps them, so each of its links is proven
    // once however many calls search it. Safe from several threads at once,
    // though the index is const to them. A layered index passes its base's
    // links through and remembers none of its own: its certificates (one
    // call's inputs) go when the call ends.
    std::optional<bool> proven_link(const Certificate& child, const Certificate& issuer) const;
    void remember_link(const Certificate& child, const Certificate& issuer, bool linked) const;
    std::size_t remembered_links() const;

private:
    bool contains(const std::string& sha256) const;
    const IssuerIndex* holder_of(const Certificate& child) const;
    void collect(const Certificate& child, std::vector<CertificatePtr>& candidates) const;

    const IssuerIndex* base_ = nullptr;
    std::unordered_multimap<unsigned long, CertificatePtr> by_subject_;
    std::unordered_set<std::string> sha256s_;
    // Only for children held here, so it grows with the pool, not with the
    // calls; held behind a pointer so the index stays movable.
    std::unique_ptr<LinkMemo> links_;
};

}  // namespace cachain
