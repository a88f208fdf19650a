#include "path_builder.h"

#include <algorithm>
#include <optional>

#include "chain_summary.h"
#include "path_ranking.h"

namespace cachain {
namespace {

bool in_path(const std::vector<CertificatePtr>& path, const Certificate& candidate) {
    return std::any_of(path.begin(), path.end(), [&](const CertificatePtr& c) { return c->same_entity(candidate); });
}

std::string plural(std::size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

}  // namespace

PathBuilder::PathBuilder(const IssuerIndex& index, std::int64_t now, SearchLimits limits)
    : index_(index), now_(now), limits_(limits) {}

std::vector<Chain> PathBuilder::build(const CertificatePtr& target) {
    Expects(target != nullptr);
    found_.clear();
    complete_found_ = 0;
    signature_checks_ = 0;
    limit_reached_ = false;

    std::vector<CertificatePtr> path{target};
    extend(path);

    std::stable_sort(found_.begin(), found_.end(), better_path);
    if (found_.size() > limits_.max_paths) found_.resize(limits_.max_paths);
    // Sentences are written when asked for (summary_of), except a stopped
    // search's, which records its count of checks at the moment it stopped.
    for (std::size_t rank = 0; rank < found_.size(); ++rank) found_[rank].rank = rank;
    return std::move(found_);
}

void PathBuilder::extend(std::vector<CertificatePtr>& path) {
    const Certificate& current = *path.back();
    if (current.self_signed()) return record(path, CACHAIN_CHAIN_COMPLETE);
    if (path.size() >= limits_.max_depth) {
        limit_reached_ = true;
        return record(path, CACHAIN_CHAIN_LIMIT_REACHED);
    }

    std::vector<CertificatePtr> scratch;
    const auto& candidates = candidates_of(current, scratch);
    std::size_t not_ca = 0, wrong_key = 0, looping = 0, too_deep = 0;
    bool extended = false;
    for (const auto& candidate : candidates) {
        if (enough_found() || limit_reached_) break;
        if (!candidate->may_issue_certificates()) { ++not_ca; continue; }
        if (in_path(path, *candidate)) { ++looping; continue; }
        if (!path_length_allows(path, *candidate)) { ++too_deep; continue; }
        if (!signature_links(current, *candidate)) { ++wrong_key; continue; }
        path.push_back(candidate);
        extend(path);
        path.pop_back();
        extended = true;
    }
    if (extended) return;
    if (limit_reached_) return record(path, CACHAIN_CHAIN_LIMIT_REACHED);

    MissingIssuer missing{current.issuer(), current.authority_key_id(),
                          current.ca_issuers_urls().empty() ? std::string{} : current.ca_issuers_urls().front(), {},
                          wrong_key, not_ca, looping, too_deep};
    if (!candidates.empty()) {
        std::string why = plural(candidates.size(), "certificate") + " named '" + current.issuer() + "' found, but";
        std::vector<std::string> reasons;
        if (wrong_key) reasons.push_back(" " + std::to_string(wrong_key) + " did not sign it (another key)");
        if (not_ca) reasons.push_back(" " + std::to_string(not_ca) + " may not issue certificates");
        if (looping) reasons.push_back(" " + std::to_string(looping) + " would make a loop");
        if (too_deep) reasons.push_back(" " + std::to_string(too_deep) + " forbid a path this long");
        for (std::size_t i = 0; i < reasons.size(); ++i) why += (i ? "," : "") + reasons[i];
        missing.why = why;
    }
    record(path, CACHAIN_CHAIN_MISSING_ISSUER, std::move(missing));
}

const std::vector<CertificatePtr>& PathBuilder::candidates_of(const Certificate& child,
                                                             std::vector<CertificatePtr>& scratch) {
    if (!child.may_issue_certificates()) return scratch = ordered_candidates(child);
    const auto known = ca_candidates_.find(&child);
    if (known != ca_candidates_.end()) return known->second;
    return ca_candidates_.emplace(&child, ordered_candidates(child)).first->second;
}

std::vector<CertificatePtr> PathBuilder::ordered_candidates(const Certificate& child) {
    auto candidates = index_.candidates_for(child);
    std::map<const Certificate*, CandidateContext> contexts;
    for (const auto& candidate : candidates) contexts[candidate.get()] = {issuer_is_held_root(*candidate)};
    std::sort(candidates.begin(), candidates.end(), [&](const CertificatePtr& a, const CertificatePtr& b) {
        return try_before(child, *a, *b, now_, contexts[a.get()], contexts[b.get()]);
    });
    return candidates;
}

// Cached by issuer name: a thousand candidates with one issuer name cost one
// lookup, however hostile the pool.
bool PathBuilder::issuer_is_held_root(const Certificate& candidate) {
    const auto known = held_roots_by_name_.find(candidate.issuer_hash());
    if (known != held_roots_by_name_.end()) return known->second;
    const auto issuers = index_.candidates_for(candidate);
    const bool held = std::any_of(issuers.begin(), issuers.end(), [](const CertificatePtr& c) { return c->self_signed(); });
    held_roots_by_name_.emplace(candidate.issuer_hash(), held);
    return held;
}

// RFC 5280 pathLenConstraint: how many non-self-issued intermediates may
// stand between this CA and the target.
bool PathBuilder::path_length_allows(const std::vector<CertificatePtr>& path, const Certificate& issuer) const {
    if (issuer.path_length() < 0) return true;
    const auto intermediates = std::count_if(path.begin() + 1, path.end(),
                                             [](const CertificatePtr& c) { return !c->self_issued(); });
    return intermediates <= issuer.path_length();
}

bool PathBuilder::signature_links(const Certificate& child, const Certificate& issuer) {
    const LinkOrder::View key{&child, issuer.public_key_digest()};
    if (const auto known = verified_links_.find(key); known != verified_links_.end()) return known->second;
    if (signature_checks_ >= limits_.max_signature_checks) {
        limit_reached_ = true;
        return false;
    }
    // Counted even when the pool remembers the answer, so the limit, and
    // what a search finds, never depend on what earlier calls proved.
    ++signature_checks_;
    std::optional<bool> linked = index_.proven_link(child, issuer);
    if (!linked) {
        linked = issuer.signed_child(child);
        index_.remember_link(child, issuer, *linked);
    }
    verified_links_.emplace(std::make_pair(&child, issuer.public_key_digest()), *linked);
    return *linked;
}

void PathBuilder::record(const std::vector<CertificatePtr>& path, cachain_chain_status status, MissingIssuer missing) {
    if (status == CACHAIN_CHAIN_COMPLETE) ++complete_found_;
    else if (found_.size() >= limits_.max_paths * 4) return;  // enough dead ends to explain the failure
    Chain chain;
    chain.status = status;
    chain.missing = std::move(missing);
    for (const auto& cert : path) chain.elements.push_back({cert, role_of(*cert), cert->validity_at(now_), {}});
    // A search stopped at its limit says how many checks it had made by then;
    // any other path's sentence does not depend on the moment: see build().
    if (status == CACHAIN_CHAIN_LIMIT_REACHED) chain.summary = summarize(chain, signature_checks_, limits_.max_depth);
    found_.push_back(std::move(chain));
}

bool PathBuilder::enough_found() const { return complete_found_ >= limits_.max_paths; }

}  // namespace cachain
