// Builds certification paths from a target up to a self-signed root, depth
// first with backtracking, proving every link by its signature as it goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chain.h"
#include "issuer_index.h"

namespace cachain {

// Bounds on one target's search, so a hostile pool (a thousand same-named
// CAs, a web of cross-signs) ends quickly with an answer instead of stalling.
struct SearchLimits {
    std::size_t max_depth = 16;               // certificates in one path
    std::size_t max_signature_checks = 4096;  // per target
    std::size_t max_paths = 8;                // kept per target, best first
};

class PathBuilder {
public:
    PathBuilder(const IssuerIndex& index, std::int64_t now, SearchLimits limits = {});

    // Every path found for target, best first (rank 0), at most
    // limits.max_paths. Never empty: a target with no issuer at all yields
    // one incomplete path that says what is missing.
    std::vector<Chain> build(const CertificatePtr& target);

private:
    void extend(std::vector<CertificatePtr>& path);
    const std::vector<CertificatePtr>& candidates_of(const Certificate& child, std::vector<CertificatePtr>& scratch);
    std::vector<CertificatePtr> ordered_candidates(const Certificate& child);
    bool issuer_is_held_root(const Certificate& candidate);
    bool path_length_allows(const std::vector<CertificatePtr>& path, const Certificate& issuer) const;
    bool signature_links(const Certificate& child, const Certificate& issuer);
    void record(const std::vector<CertificatePtr>& path, cachain_chain_status status, MissingIssuer missing = {});
    bool enough_found() const;

    const IssuerIndex& index_;
    std::int64_t now_;
    SearchLimits limits_;
    std::size_t signature_checks_ = 0;
    bool limit_reached_ = false;
    std::size_t complete_found_ = 0;
    // Keyed by the issuer's public key, not its certificate: a signature
    // checks against a key, so a cross-sign, a renewal or an expired
    // alternate of the same key proves (or disproves) the link for free.
    // This call's links; the pool's index keeps those of its own
    // certificates across calls (IssuerIndex::proven_link).
    // Looked up by a view of the key digest, so a lookup copies no string.
    struct LinkOrder {
        using is_transparent = void;
        using View = std::pair<const Certificate*, std::string_view>;
        static View view(const View& key) noexcept { return key; }
        static View view(const std::pair<const Certificate*, std::string>& key) noexcept { return {key.first, key.second}; }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const noexcept { return view(a) < view(b); }
    };
    std::map<std::pair<const Certificate*, std::string>, bool, LinkOrder> verified_links_;
    std::vector<Chain> found_;
    std::map<unsigned long, bool> held_roots_by_name_;  // issuer name hash -> a self-signed one is in the pool
    // Each CA's issuer candidates in the order they are tried, for the
    // builder's life: the index does not change meanwhile, and in a call
    // with many targets every leaf reaches the same few issuing and policy
    // CAs. Leaves are searched once each and are not kept. extend() holds a
    // reference into this map while it recurses and adds to it: that relies
    // on std::unordered_map keeping references valid through a rehash.
    std::unordered_map<const Certificate*, std::vector<CertificatePtr>> ca_candidates_;
};

}  // namespace cachain
