#include "path_ranking.h"

#include <algorithm>
#include <tuple>

namespace cachain {
namespace {

int status_order(cachain_chain_status status) {
    switch (status) {
    case CACHAIN_CHAIN_COMPLETE: return 0;
    case CACHAIN_CHAIN_MISSING_ISSUER: return 1;
    case CACHAIN_CHAIN_LIMIT_REACHED: return 2;
    }
    return 3;
}

std::size_t elements_out_of_validity(const Chain& chain) {
    return static_cast<std::size_t>(std::count_if(chain.elements.begin(), chain.elements.end(),
                                                  [](const ChainElement& e) { return e.validity != CACHAIN_VALIDITY_VALID; }));
}

std::size_t key_id_mismatches(const Chain& chain) {
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i + 1 < chain.elements.size(); ++i) {
        if (key_id_match(*chain.elements[i].certificate, *chain.elements[i + 1].certificate) == KeyIdMatch::Differs)
            ++mismatches;
    }
    return mismatches;
}

// Shorter is better for complete paths, longer for incomplete ones.
long long length_order(const Chain& chain) {
    const auto length = static_cast<long long>(chain.elements.size());
    return chain.status == CACHAIN_CHAIN_COMPLETE ? length : -length;
}

bool smaller_thumbprints(const Chain& a, const Chain& b) {
    return std::lexicographical_compare(a.elements.begin(), a.elements.end(), b.elements.begin(), b.elements.end(),
                                        [](const ChainElement& x, const ChainElement& y) {
                                            return x.certificate->thumbprint() < y.certificate->thumbprint();
                                        });
}

}  // namespace

KeyIdMatch key_id_match(const Certificate& child, const Certificate& issuer) noexcept {
    if (child.authority_key_id().empty() || issuer.subject_key_id().empty()) return KeyIdMatch::Unknown;
    return child.authority_key_id() == issuer.subject_key_id() ? KeyIdMatch::Matches : KeyIdMatch::Differs;
}

bool try_before(const Certificate& child, const Certificate& a, const Certificate& b, std::int64_t now,
                CandidateContext a_context, CandidateContext b_context) noexcept {
    const auto key = [&](const Certificate& c, CandidateContext context) {
        return std::make_tuple(static_cast<int>(key_id_match(child, c)),
                               c.validity_at(now) == CACHAIN_VALIDITY_VALID ? 0 : 1,
                               c.self_signed() ? 0 : 1,
                               context.issuer_is_held_root ? 0 : 1,
                               -c.not_before());
    };
    const auto ka = key(a, a_context), kb = key(b, b_context);
    if (ka != kb) return ka < kb;
    return a.thumbprint() < b.thumbprint();
}

bool better_path(const Chain& a, const Chain& b) noexcept {
    const auto key = [](const Chain& c) {
        return std::make_tuple(status_order(c.status), elements_out_of_validity(c), key_id_mismatches(c), length_order(c));
    };
    const auto ka = key(a), kb = key(b);
    if (ka != kb) return ka < kb;
    return smaller_thumbprints(a, b);
}

}  // namespace cachain
