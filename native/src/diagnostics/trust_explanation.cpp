#include "trust_explanation.h"

#include <vector>

#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "chain_summary.h"
#include "path_builder.h"
#include "purpose_usage.h"
#include "spoken_list.h"
#include "trust_cause.h"
#include "utc_text.h"

namespace cachain {
namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr const char* cannot_import = " (importing CA certificates cannot fix this)";
constexpr const char* ask_ca_administrator = "; the CA hierarchy itself is wrong, so ask its administrator";

// "'A'", "'A' and 'B'", "'A', 'B' and 'C'".
std::string listed(const std::vector<const Certificate*>& certs) {
    std::vector<std::string> names;
    for (const Certificate* cert : certs) names.push_back(quoted_name(*cert));
    return spoken_list(names);
}

std::string purpose_words(cachain_purpose purpose) {
    return purpose == CACHAIN_PURPOSE_CLIENT_AUTH ? "TLS client authentication" : "TLS server authentication";
}

std::string usage_name(cachain_purpose purpose) {
    return purpose == CACHAIN_PURPOSE_CLIENT_AUTH ? "Client Authentication" : "Server Authentication";
}

class Explainer {
public:
    explicit Explainer(const VerdictFacts& facts) : f_(facts), chain_(facts.judgement.chain) {}

    VerdictWords explain() {
        VerdictWords result;
        result.cause = cause();
        if (result.cause == CACHAIN_CAUSE_NONE) {
            result.reason = trusted_reason();
            return result;
        }
        words(result);
        return result;
    }

private:
    // The certificate the judge's code is about, and its neighbours in the judge's chain.
    const Certificate& subject() const {
        const int depth = f_.judgement.depth;
        if (depth >= 0 && static_cast<std::size_t>(depth) < chain_.size()) return *chain_[depth];
        return *f_.path.elements.front().certificate;
    }
    const Certificate* below() const {
        const int depth = f_.judgement.depth;
        return depth > 0 && static_cast<std::size_t>(depth) <= chain_.size() ? chain_[depth - 1].get() : nullptr;
    }
    const Certificate* above() const {
        const auto next = static_cast<std::size_t>(f_.judgement.depth + 1);
        return f_.judgement.depth >= 0 && next < chain_.size() ? chain_[next].get() : nullptr;
    }
    const Certificate& path_top() const { return *f_.path.elements.back().certificate; }
    std::string root_store() const { return f_.store.location(StoreKind::Root); }
    // Where the store holds root: Root itself, or the file it came from
    // (the system bundle, for a root another tool or a package put there).
    std::string held_in(const Certificate& root) const {
        const auto found = f_.root_sources.find(root.thumbprint());
        return found == f_.root_sources.end() ? root_store() : found->second;
    }
    std::string ca_store() const { return f_.store.location(StoreKind::CA); }
    // "in neither <Root> nor <CA>", or "not in <file>" for a store that is one file.
    std::string absent_from_stores() const {
        return root_store() == ca_store() ? "not in " + root_store() : "in neither " + root_store() + " nor " + ca_store();
    }

    bool path_reaches_anchor() const {
        return f_.path.status == CACHAIN_CHAIN_COMPLETE && f_.anchors.count(path_top().thumbprint());
    }

    // The intermediates of CaChain's path that clients do not have: on Linux
    // they came from CaChain's intermediates file, which clients never read.
    std::vector<const Certificate*> left_out() const {
        std::vector<const Certificate*> missing;
        for (std::size_t i = 1; i + 1 < f_.path.elements.size(); ++i) {
            const Certificate& cert = *f_.path.elements[i].certificate;
            if (!f_.offered.count(cert.thumbprint()) && !f_.anchors.count(cert.thumbprint())) missing.push_back(&cert);
        }
        return missing;
    }

    // The certificates of CaChain's path that it downloaded (clients where
    // OpenSSL judges never would), each with its URL.
    std::vector<std::pair<const Certificate*, std::string>> downloaded_on_path() const {
        std::vector<std::pair<const Certificate*, std::string>> downloaded;
        for (const auto& element : f_.path.elements) {
            const auto url = f_.downloaded_from.find(element.certificate->thumbprint());
            if (url != f_.downloaded_from.end()) downloaded.emplace_back(element.certificate.get(), url->second);
        }
        return downloaded;
    }

    cachain_trust_cause cause() const {
        const cachain_trust_cause by_code = cause_of_openssl_code(f_.judgement.code);
        if (by_code == CACHAIN_CAUSE_ISSUER_MISSING) return cause_of_missing_issuer();
        // OpenSSL says "invalid CA certificate" both for a certificate that is
        // not a CA and for a CA whose keyUsage forbids signing certificates.
        if (by_code == CACHAIN_CAUSE_INVALID_CA && subject().is_ca() && subject().key_usage() >= 0 &&
            !(subject().key_usage() & KU_KEY_CERT_SIGN))
            return CACHAIN_CAUSE_CA_KEY_USAGE;
        return by_code;
    }

    // OpenSSL found no issuer; CaChain's own path says why.
    cachain_trust_cause cause_of_missing_issuer() const {
        if (!chain_.empty() && f_.anchors.count(chain_.back()->thumbprint()) && !chain_.back()->self_signed())
            return CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED;
        // The path reached the root only through what CaChain downloaded.
        if (path_reaches_anchor() && !downloaded_on_path().empty()) return CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES;
        if (!f_.clients_read_ca && path_reaches_anchor() && !left_out().empty())
            return CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES;
        if (f_.path.status == CACHAIN_CHAIN_LIMIT_REACHED) return CACHAIN_CAUSE_SEARCH_LIMIT;
        if (f_.path.status == CACHAIN_CHAIN_MISSING_ISSUER) {
            const MissingIssuer& missing = f_.path.missing;
            if (missing.too_deep) return CACHAIN_CAUSE_PATH_LENGTH;
            if (missing.not_ca) return CACHAIN_CAUSE_INVALID_CA;
            if (missing.looping) return CACHAIN_CAUSE_PATH_LOOP;
        }
        return CACHAIN_CAUSE_ISSUER_MISSING;
    }

    std::string trusted_reason() const {
        const Certificate& root = chain_.empty() ? path_top() : *chain_.back();
        std::string reason = "trusted: the chain ends at the root " + quoted_name(root) + " in " + held_in(root);
        // The judge decides; a path of CaChain's that stops short is said, never hidden.
        if (!path_reaches_anchor())
            reason += " (CaChain's own path stops at " + quoted_name(path_top()) + ": " + summary_of(f_.path) + ")";
        return reason;
    }

    void words(VerdictWords& out) const {
        const Certificate& cert = subject();
        switch (out.cause) {
        case CACHAIN_CAUSE_ISSUER_MISSING: return issuer_missing(out);
        case CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES: return server_omits(out);
        case CACHAIN_CAUSE_ROOT_NOT_TRUSTED: return root_not_trusted(out);
        case CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED: return anchor_not_self_signed(out);
        case CACHAIN_CAUSE_EXPIRED:
            out.reason = quoted_name(cert) + " expired on " + utc_time(cert.not_after());
            out.fix = "renew the certificate " + quoted_name(cert) + cannot_import;
            return;
        case CACHAIN_CAUSE_NOT_YET_VALID:
            out.reason = quoted_name(cert) + " is not valid before " + utc_time(cert.not_before());
            out.fix = "correct this machine's clock if it is wrong, or use " + quoted_name(cert) + " from " +
                      utc_time(cert.not_before()) + " on" + cannot_import;
            return;
        case CACHAIN_CAUSE_CRITICAL_EXTENSION:
            out.reason = quoted_name(cert) + " has a critical extension that clients do not know, so they must refuse it";
            out.fix = "have " + quoted_name(cert) + " reissued without the unknown extension, or with it marked "
                      "non-critical" + cannot_import;
            return;
        case CACHAIN_CAUSE_HOST_NAME_MISMATCH:
            out.reason = "the name '" + f_.options.dns_name + "' is not one that " + quoted_name(cert) +
                         " is issued for (its Subject Alternative Names)";
            out.fix = "connect with a name that " + quoted_name(cert) + " lists in its Subject Alternative Names, or have "
                      "it reissued for '" + f_.options.dns_name + "'" + cannot_import;
            return;
        case CACHAIN_CAUSE_WRONG_PURPOSE: return wrong_purpose(out);
        case CACHAIN_CAUSE_NAME_CONSTRAINTS:
            out.reason = "a name of " + quoted_name(cert) + " is outside the name constraints of a CA above it";
            out.fix = "have " + quoted_name(cert) + " reissued with a name the CA's name constraints permit, or the CA "
                      "certificate reissued with constraints that permit it" + cannot_import;
            return;
        case CACHAIN_CAUSE_INVALID_CA: return invalid_ca(out);
        case CACHAIN_CAUSE_PATH_LENGTH: return path_length(out);
        case CACHAIN_CAUSE_CA_KEY_USAGE:
            out.reason = quoted_name(cert) + " is a CA, but its keyUsage lacks keyCertSign, so it may not sign " +
                         (below() ? quoted_name(*below()) : std::string("certificates")) + ask_ca_administrator;
            out.fix = "have " + quoted_name(cert) + " reissued with keyUsage keyCertSign" + cannot_import;
            return;
        case CACHAIN_CAUSE_BAD_SIGNATURE:
            out.reason = "the signature of " + quoted_name(cert) + " does not verify with the key of its issuer " +
                         (above() ? quoted_name(*above()) : "'" + cert.issuer() + "'");
            out.fix = "replace " + quoted_name(cert) + " with the certificate its CA issued: this one was altered, or "
                      "signed by another key" + cannot_import;
            return;
        case CACHAIN_CAUSE_PATH_LOOP:
            out.reason = "the only issuers found for " + quoted_name(path_top()) + " would close a loop" +
                         (f_.path.missing.why.empty() ? "" : ": " + f_.path.missing.why);
            out.fix = "supply the chain's self-signed root, or ask the CA's administrator: its CA certificates "
                      "only cross-sign each other";
            return;
        case CACHAIN_CAUSE_SEARCH_LIMIT:
            out.reason = "the search for the chain of " + quoted_name(*f_.path.elements.front().certificate) +
                         " stopped at its limit before it reached a root, after " +
                         std::to_string(f_.path.elements.size()) + " certificates (it follows at most " +
                         std::to_string(SearchLimits{}.max_depth) + " deep, and a bounded number of candidate "
                         "issuers)";
            out.fix = "supply only the chain's own CA certificates; a chain deeper than " +
                      std::to_string(SearchLimits{}.max_depth) + " certificates is itself too long, so ask the CA's "
                      "administrator";
            return;
        case CACHAIN_CAUSE_NONE:
        case CACHAIN_CAUSE_REVOKED:  // only the revocation check finds it (revocation_words.cpp)
        case CACHAIN_CAUSE_OTHER: break;
        }
        out.reason = "clients refuse " + quoted_name(cert) + ": " + f_.judgement.text + " (OpenSSL code " +
                     std::to_string(f_.judgement.code) + ")";
        out.fix = "see Resolve-CaChainError " + std::to_string(f_.judgement.code);
    }

    // OpenSSL's one code for either usage extension; the certificate says which.
    void wrong_purpose(VerdictWords& out) const {
        const Certificate& cert = subject();
        const cachain_purpose purpose = f_.options.purpose;
        if (usage_fault(cert, purpose) == UsageFault::KeyUsage) {
            out.reason = quoted_name(cert) + " is not valid for " + purpose_words(purpose) + ": its keyUsage is " +
                         key_usage_names(cert.key_usage()) + ", but " + purpose_words(purpose) + " needs " +
                         key_usage_needed(purpose);
            out.fix = "have " + quoted_name(cert) + " reissued with a keyUsage that includes " +
                      key_usage_needed(purpose) + cannot_import;
            return;
        }
        out.reason = quoted_name(cert) + " is not valid for " + purpose_words(purpose) +
                     ": its extended key usage does not allow it";
        out.fix = "have " + quoted_name(cert) + " reissued with the " + usage_name(purpose) + " extended key usage" +
                  cannot_import;
    }

    void issuer_missing(VerdictWords& out) const {
        const MissingIssuer& missing = f_.path.missing;
        const Certificate& child = f_.path.status == CACHAIN_CHAIN_MISSING_ISSUER ? path_top() : subject();
        if (missing.wrong_key) {
            // A renewed root: the name is there, the key is another.
            out.reason = "the chain is incomplete: no certificate that signed " + quoted_name(child) + " is in " +
                         root_store() + ", " + ca_store() + " or what was supplied; " + missing.why;
            out.fix = "import the CA certificate that signed " + quoted_name(child) + ": when its CA was renewed with a "
                      "new key, export the chain again on a machine that trusts the server (Get-CaChain | "
                      "Export-CaChain) and run Import-CaChain here";
            return;
        }
        const std::string name = missing.name.empty() ? child.issuer() : missing.name;
        out.fix = "export the whole CA chain on a machine that has it (Get-CaChain | Export-CaChain) and run "
                  "Import-CaChain here";
        if (const std::string why = f_.store.why_no_intermediates(); !why.empty())
            // Importing can add a missing root here, never a missing intermediate.
            out.fix = "have the server send its intermediate CA certificates with its own (" + why +
                      "); only a missing root can be imported here, with Import-CaChain";
        if (!f_.unreadable.empty()) {
            // The issuer may be the entry that could not be read: say so, not that it is absent.
            out.reason = "the chain is incomplete: the issuer '" + name + "' of " + quoted_name(child) + " is not among "
                         "the certificates of " + root_store() + " and " + ca_store() + " that could be read, and "
                         "was not supplied; " + unreadable_words(f_.unreadable);
            out.fix = "replace what could not be read: " + out.fix;
            return;
        }
        out.reason = "the chain is incomplete: the issuer '" + name + "' of " + quoted_name(child) + " is " +
                     absent_from_stores() + ", and was not supplied";
        if (!missing.url.empty()) out.reason += " (it is published at " + missing.url + ")";
    }

    // "<where> could not be read (<why>)", each; the store's entries
    // OpenSSL cannot parse anchor nothing.
    static std::string unreadable_words(const std::vector<UnreadableEntry>& entries) {
        std::string text;
        for (const auto& entry : entries)
            text += (text.empty() ? "" : "; ") + entry.where + " could not be read (" + entry.why + ")";
        return text;
    }

    void anchor_not_self_signed(VerdictWords& out) const {
        const Certificate& anchor = *chain_.back();
        out.reason = quoted_name(anchor) + " is in " + held_in(anchor) + " but is not self-signed: OpenSSL clients (curl, "
                     "openssl s_client) do not accept it as a trust anchor without its own root, and its issuer '" +
                     anchor.issuer() + "' is not in " + root_store();
        if (!f_.unreadable_roots.empty()) out.reason += "; " + unreadable_words(f_.unreadable_roots);
        out.fix = "import the root that issued " + quoted_name(anchor) + ": its issuer '" + anchor.issuer() + "' (and, if "
                  "that is not self-signed, the CAs above it up to their root), with Import-CaChain";
    }

    void server_omits(VerdictWords& out) const {
        if (const auto downloaded = downloaded_on_path(); !downloaded.empty()) return server_omits_downloaded(out, downloaded);
        const auto missing = left_out();
        const bool one = missing.size() == 1;
        out.reason = std::string("the server does not send its intermediate CA certificate") + (one ? " " : "s ") +
                     listed(missing) + ": " + (one ? "it is" : "they are") + " only in CaChain's intermediates folder " + ca_store() +
                     ", which TLS clients on Linux (curl, openssl s_client) never read, so they cannot build the "
                     "chain to the root " + quoted_name(path_top());
        out.fix = "configure the server to send its full chain: its certificate followed by " + listed(missing) +
                  " (importing cannot fix this)";
    }

    // The issuers were neither sent nor in the store, and the clients do not
    // download them: the reason names each one CaChain downloaded, and its URL.
    void server_omits_downloaded(VerdictWords& out,
                                 const std::vector<std::pair<const Certificate*, std::string>>& downloaded) const {
        std::string published, names;
        for (const auto& [cert, url] : downloaded) {
            published += std::string(published.empty() ? "" : ", ") + quoted_name(*cert) + " (published at " + url + ")";
            names += std::string(names.empty() ? "" : " and ") + quoted_name(*cert);
        }
        const bool one = downloaded.size() == 1;
        out.reason = "the chain is incomplete: " + published + (one ? " was" : " were") + " not sent and " +
                     (one ? "is" : "are") + " not in " + ca_store() + "; CaChain downloaded " + (one ? "it" : "them") +
                     ", but clients here (OpenSSL, as curl and openssl s_client use it) never download issuers, so "
                     "they cannot build the chain to the root " + quoted_name(path_top());
        out.fix = "configure the server to send its full chain: its certificate followed by " + names +
                  (f_.clients_read_ca ? ", or run Import-CaChain with the chain (Get-CaChain | Import-CaChain)"
                                      : " (importing cannot fix this)");
    }

    void root_not_trusted(VerdictWords& out) const {
        const Certificate& root = chain_.empty() ? path_top() : *chain_.back();
        if (f_.judgement.code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT) {
            out.reason = "the self-signed certificate " + quoted_name(root) + " is not in " + root_store();
            out.fix = "give the server a certificate from a CA, or, to trust this self-signed certificate on "
                      "purpose, run Import-CaChain -Force with it";
            return;
        }
        out.fix = "run Import-CaChain with the chain's CA certificates";
        if (!f_.unreadable_roots.empty()) {
            out.reason = "the root " + quoted_name(root) + " is not among the certificates of " + root_store() +
                         " that could be read; " + unreadable_words(f_.unreadable_roots);
            out.fix = "replace what could not be read: " + out.fix;
            return;
        }
        out.reason = "the root " + quoted_name(root) + " is not in " + root_store();
    }

    void invalid_ca(VerdictWords& out) const {
        if (cause_of_openssl_code(f_.judgement.code) == CACHAIN_CAUSE_INVALID_CA) {
            const Certificate& ca = subject();
            out.reason = quoted_name(ca) + " is not a CA (its basicConstraints do not say CA:TRUE), yet it is the issuer "
                         "of " + (below() ? quoted_name(*below()) : std::string("the certificate below it")) +
                         ask_ca_administrator;
            out.fix = "have " + quoted_name(ca) + " reissued as a CA (basicConstraints CA:TRUE), or the certificate "
                      "below it issued by a real CA" + cannot_import;
            return;
        }
        out.reason = "the issuing CA '" + f_.path.missing.name + "' of " + quoted_name(path_top()) + " was found, but " +
                     "it may not issue certificates (it is not a CA, or its keyUsage lacks keyCertSign): " +
                     f_.path.missing.why + ask_ca_administrator;
        out.fix = "have '" + f_.path.missing.name + "' reissued as a CA (basicConstraints CA:TRUE, keyUsage "
                  "keyCertSign)" + cannot_import;
    }

    void path_length(VerdictWords& out) const {
        if (cause_of_openssl_code(f_.judgement.code) == CACHAIN_CAUSE_PATH_LENGTH) {
            const Certificate& constrained = subject();
            const std::int64_t allowed = constrained.path_length();
            out.reason = "the issuing CA " + (below() ? quoted_name(*below()) : std::string("below it")) +
                         " was found, but the pathLenConstraint " + std::to_string(allowed) + " of " +
                         quoted_name(constrained) + " forbids " +
                         (allowed == 0 ? std::string("a CA") : "more than " + std::to_string(allowed) + " CAs") +
                         " below it" + ask_ca_administrator;
            out.fix = "have " + quoted_name(constrained) + " reissued with a pathLenConstraint that allows the CA tiers "
                      "below it" + cannot_import;
            return;
        }
        out.reason = "the issuing CA '" + f_.path.missing.name + "' of " + quoted_name(path_top()) + " was found, but " +
                     "its pathLenConstraint forbids a path this long: " + f_.path.missing.why + ask_ca_administrator;
        out.fix = "have '" + f_.path.missing.name + "' reissued with a pathLenConstraint that allows the CA tiers "
                  "below it" + cannot_import;
    }

    const VerdictFacts& f_;
    const std::vector<CertificatePtr>& chain_;
};

}  // namespace

VerdictWords explain_verdict(const VerdictFacts& facts) { return Explainer(facts).explain(); }

std::string expiry_warnings(const Chain& path, const EvaluationOptions& options) {
    if (options.warn_within_days == 0) return {};
    const std::int64_t window = static_cast<std::int64_t>(options.warn_within_days) * seconds_per_day;
    std::string warnings;
    for (const auto& element : path.elements) {
        const Certificate& cert = *element.certificate;
        const std::int64_t left = cert.not_after() - options.at;
        if (element.role == CACHAIN_ROLE_LEAF || left < 0 || left > window) continue;
        const std::int64_t days = left / seconds_per_day;
        if (!warnings.empty()) warnings += "\n";
        warnings += quoted_name(cert) + " expires on " + utc_date(cert.not_after()) + " (in " + std::to_string(days) +
                    (days == 1 ? " day)" : " days)");
    }
    return warnings;
}

}  // namespace cachain
