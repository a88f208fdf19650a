#include "chain_summary.h"

namespace cachain {
namespace {

std::string outcome(const Chain& chain, std::size_t signature_checks, std::size_t max_depth) {
    const Certificate& last = *chain.elements.back().certificate;
    const auto count = std::to_string(chain.elements.size());
    switch (chain.status) {
    case CACHAIN_CHAIN_COMPLETE:
        if (chain.elements.size() == 1 && chain.elements.front().role == CACHAIN_ROLE_LEAF)
            return "The certificate " + quoted_name(last) + " is self-signed and not a CA: there is no CA chain to trust.";
        return "Complete: " + count + " certificate" + (chain.elements.size() == 1 ? "" : "s") + " up to the root " +
               quoted_name(last) + ".";
    case CACHAIN_CHAIN_MISSING_ISSUER: {
        std::string text = "Incomplete: the issuer '" + chain.missing.name + "' of " + quoted_name(last) + " was not found";
        if (!chain.missing.key_id.empty()) text += " (key identifier " + chain.missing.key_id + ")";
        if (!chain.missing.why.empty()) text += "; " + chain.missing.why;
        text += ".";
        if (!chain.missing.url.empty()) text += " Its certificate is published at " + chain.missing.url + ".";
        else text += " Export it from a machine that trusts it, and add it as an issuer source.";
        return text;
    }
    case CACHAIN_CHAIN_LIMIT_REACHED:
        return "The search stopped at its limit (" + std::to_string(signature_checks) + " signature checks, at most " +
               std::to_string(max_depth) + " certificates deep) before reaching a root, after " + count +
               " certificates.";
    }
    return {};
}

std::string validity_warnings(const Chain& chain) {
    std::string text;
    for (const auto& element : chain.elements) {
        if (element.validity == CACHAIN_VALIDITY_EXPIRED) text += " " + quoted_name(*element.certificate) + " has expired.";
        if (element.validity == CACHAIN_VALIDITY_NOT_YET_VALID)
            text += " " + quoted_name(*element.certificate) + " is not valid yet.";
    }
    return text;
}

}  // namespace

std::string summarize(const Chain& chain, std::size_t signature_checks, std::size_t max_depth) {
    if (chain.elements.empty()) return "No certificate.";
    return outcome(chain, signature_checks, max_depth) + validity_warnings(chain);
}

std::string summary_of(const Chain& chain) { return chain.summary.empty() ? summarize(chain, 0, 0) : chain.summary; }

}  // namespace cachain
