// How candidates and whole paths are preferred. The order is documented in
// the README ("How a chain is chosen") and must stay deterministic: the same
// certificates in any input order give the same answer.
#pragma once

#include <cstdint>

#include "chain.h"

namespace cachain {

enum class KeyIdMatch { Matches = 0, Unknown = 1, Differs = 2 };

// How child's authority key identifier relates to issuer's subject key
// identifier. A mismatch makes a candidate less likely, never impossible
// (RFC 4158 section 5.3): the signature decides.
KeyIdMatch key_id_match(const Certificate& child, const Certificate& issuer) noexcept;

// What the search knows about a candidate beyond the certificate itself.
struct CandidateContext {
    bool issuer_is_held_root = false;  // a self-signed certificate named as its issuer is in the pool
};

// Strict weak order over candidate issuers of child: true when a should be
// tried before b. Prefers, in turn: matching key identifiers, validity at
// now, a self-signed root (the shorter path), a candidate whose own issuer
// is a root in the pool (one step of lookahead, so a web of cross-signs
// takes the way out instead of wandering), the later notBefore, and
// finally the smaller thumbprint so the order never depends on input order.
bool try_before(const Certificate& child, const Certificate& a, const Certificate& b, std::int64_t now,
                CandidateContext a_context = {}, CandidateContext b_context = {}) noexcept;

// Strict weak order over finished paths of one target: true when a is the
// better path. Prefers, in turn: complete over incomplete, fewer elements
// out of their validity period, fewer key identifier mismatches, the
// shorter complete path (the longer incomplete one: it got further), and
// finally the smaller thumbprints, element by element.
bool better_path(const Chain& a, const Chain& b) noexcept;

}  // namespace cachain
