// The C interface to trust evaluation: Test-CaChain's question.
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "aia_discovery.h"
#include "c_api_handles.h"
#include "c_api_shell.h"
#include "download_source.h"
#include "trust_evaluation.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;
using cachain::capi::timeout_of;
using cachain::capi::unknown_version;

bool known_purpose(cachain_purpose purpose) {
    switch (purpose) {
    case CACHAIN_PURPOSE_SERVER_AUTH:
    case CACHAIN_PURPOSE_CLIENT_AUTH:
    case CACHAIN_PURPOSE_ANY: return true;
    }
    return false;
}

cachain::EvaluationOptions options_of(const cachain_evaluate_options& given) {
    cachain::EvaluationOptions options;
    options.at = given.at != 0 ? given.at : static_cast<std::int64_t>(std::time(nullptr));
    options.purpose = given.purpose;
    options.dns_name = given.dns_name ? given.dns_name : "";
    options.warn_within_days = given.warn_within_days;
    options.may_download = (given.flags & CACHAIN_EVALUATE_DOWNLOAD_ISSUERS) != 0;
    return options;
}

// The issuers the best paths lack, downloaded as cachain_discover_with_options
// downloads them (same bounds), each with its URL; none without
// CACHAIN_EVALUATE_DOWNLOAD_ISSUERS.
cachain::IssuerDownloader downloader_of(const cachain_evaluate_options& given, std::int64_t at) {
    if (!(given.flags & CACHAIN_EVALUATE_DOWNLOAD_ISSUERS)) return {};
    cachain::DiscoveryOptions discovery;
    discovery.aia.timeout_seconds = timeout_of(given.timeout_seconds);
    return [discovery, at](const std::vector<cachain::CertificatePtr>& inputs,
                           const std::vector<cachain::CertificatePtr>& issuers) {
        cachain::CertificateSet given_set, pool;
        given_set.add_all(inputs);
        pool.add_all(issuers);
        std::vector<cachain::DownloadedIssuer> found;
        std::set<std::string> seen;
        for (const auto& chain : cachain::discover_with_sources(given_set, pool, discovery, at)) {
            for (const auto& element : chain.elements) {
                const std::string url = cachain::download_url(element.source);
                if (!url.empty() && seen.insert(element.certificate->thumbprint()).second)
                    found.push_back({element.certificate, url});
            }
        }
        return found;
    };
}

// The revocation check of every verdict of one call: one fetcher, so each
// URL is fetched once per call; none when offline (nothing is fetched).
cachain::RevocationChecker revocation_checker_of(const cachain_evaluate_options& given) {
    if (!(given.flags & CACHAIN_EVALUATE_CHECK_REVOCATION)) return {};
    std::shared_ptr<cachain::StatusFetcher> fetcher;
    if (!(given.flags & CACHAIN_EVALUATE_REVOCATION_OFFLINE)) {
        cachain::StatusLimits limits;
        limits.timeout_seconds = timeout_of(given.timeout_seconds);
        fetcher = std::make_shared<cachain::StatusFetcher>(limits);
    }
    // Revocation is a question about now, whatever time the path is judged at.
    return [fetcher](const cachain::Chain& path) {
        return cachain::check_revocation(path, fetcher.get(), static_cast<std::int64_t>(std::time(nullptr)));
    };
}

const cachain::TrustVerdict* verdict_at(const cachain_verdicts* verdicts, size_t index) {
    return verdicts && index < verdicts->verdicts.size() ? &verdicts->verdicts[index] : nullptr;
}

const cachain::CertificateRevocation* revocation_at(const cachain_verdicts* verdicts, size_t index, size_t element) {
    const cachain::TrustVerdict* verdict = verdict_at(verdicts, index);
    if (!verdict || element >= verdict->revocation.certificates.size()) return nullptr;
    return &verdict->revocation.certificates[element];
}

}  // namespace

extern "C" {

cachain_status cachain_evaluate(cachain_store* store, const cachain_set* inputs, const cachain_set* issuers,
                                cachain_verdicts** verdicts) {
    return cachain_evaluate_with_options(store, inputs, issuers, nullptr, verdicts);
}

cachain_status cachain_evaluate_with_options(cachain_store* store, const cachain_set* inputs,
                                             const cachain_set* issuers, const cachain_evaluate_options* given,
                                             cachain_verdicts** verdicts) {
    return guarded([&] {
        if (verdicts) *verdicts = nullptr;  // whichever argument is refused, no handle leaves
        if (!store) return missing_argument("store");
        if (!inputs) return missing_argument("inputs");
        if (!verdicts) return missing_argument("verdicts");
        const cachain_evaluate_options defaults = CACHAIN_EVALUATE_OPTIONS_INIT;
        const cachain_evaluate_options& chosen = given ? *given : defaults;
        if (chosen.version != CACHAIN_EVALUATE_OPTIONS_VERSION)
            return unknown_version("cachain_evaluate_options", chosen.version, CACHAIN_EVALUATE_OPTIONS_VERSION);
        constexpr uint32_t known_flags = CACHAIN_EVALUATE_DOWNLOAD_ISSUERS | CACHAIN_EVALUATE_CHECK_REVOCATION |
                                         CACHAIN_EVALUATE_REVOCATION_OFFLINE;
        if (chosen.flags & ~known_flags)
            return fail(CACHAIN_E_ARGUMENT, "unknown flags " + std::to_string(chosen.flags));
        if (!known_purpose(chosen.purpose))
            return fail(CACHAIN_E_ARGUMENT, "unknown purpose " + std::to_string(chosen.purpose));
        // An absent store trusts nothing; saying "not trusted" would hide a mistyped folder.
        cachain::TrustStore& judged = store->single();
        if (const std::string missing = judged.missing_folder(); !missing.empty())
            return fail(CACHAIN_E_PATH_NOT_FOUND,
                        missing + ": the store does not exist (no such " + judged.missing_noun() + ")");
        const std::vector<cachain::CertificatePtr> none;
        auto result = std::make_unique<cachain_verdicts>();
        const cachain::EvaluationOptions options = options_of(chosen);
        result->verdicts = cachain::evaluate_trust(judged, inputs->set.certificates(),
                                                   issuers ? issuers->set.certificates() : none, options,
                                                   downloader_of(chosen, options.at), revocation_checker_of(chosen));
        for (const auto& verdict : result->verdicts) result->chains.push_back(cachain_chain::wrap(verdict.chain));
        *verdicts = result.release();
        return CACHAIN_OK;
    });
}

void cachain_verdicts_free(cachain_verdicts* verdicts) { delete verdicts; }

size_t cachain_verdicts_count(const cachain_verdicts* verdicts) { return verdicts ? verdicts->verdicts.size() : 0; }

const cachain_chain* cachain_verdict_chain(const cachain_verdicts* verdicts, size_t index) {
    return verdict_at(verdicts, index) ? &verdicts->chains[index] : nullptr;
}

int64_t cachain_verdict_number(const cachain_verdicts* verdicts, size_t index, cachain_verdict_field field) {
    const cachain::TrustVerdict* verdict = verdict_at(verdicts, index);
    if (!verdict) return 0;
    switch (field) {
    case CACHAIN_VERDICT_TRUSTED: return verdict->trusted ? 1 : 0;
    case CACHAIN_VERDICT_CHAIN_ERROR: return verdict->chain_error;
    case CACHAIN_VERDICT_TLS_ERROR: return verdict->tls_error;
    case CACHAIN_VERDICT_OPENSSL_CODE: return verdict->openssl_verify_code;
    case CACHAIN_VERDICT_CAUSE: return verdict->cause;
    case CACHAIN_VERDICT_REVOCATION_STATUS: return verdict->revocation.status;
    case CACHAIN_VERDICT_REVOCATION_ERROR: return verdict->revocation.windows_error;
    case CACHAIN_VERDICT_REVOCATION_OPENSSL_CODE: return verdict->revocation.openssl_code;
    }
    return 0;
}

const char* cachain_verdict_text(const cachain_verdicts* verdicts, size_t index, cachain_verdict_text_field field) {
    const cachain::TrustVerdict* verdict = verdict_at(verdicts, index);
    if (!verdict) return nullptr;
    switch (field) {
    case CACHAIN_VERDICT_TEXT_REASON: return verdict->reason.c_str();
    case CACHAIN_VERDICT_TEXT_FIX: return verdict->fix.c_str();
    case CACHAIN_VERDICT_TEXT_OPENSSL: return verdict->openssl_verify_text.c_str();
    case CACHAIN_VERDICT_TEXT_WARNINGS: return verdict->warnings.c_str();
    case CACHAIN_VERDICT_TEXT_UNREADABLE: return verdict->unreadable.c_str();
    case CACHAIN_VERDICT_TEXT_REVOCATION_REASON: return verdict->revocation.reason.c_str();
    case CACHAIN_VERDICT_TEXT_REVOCATION_FIX: return verdict->revocation.fix.c_str();
    }
    return nullptr;
}

size_t cachain_verdict_revocation_count(const cachain_verdicts* verdicts, size_t index) {
    const cachain::TrustVerdict* verdict = verdict_at(verdicts, index);
    return verdict ? verdict->revocation.certificates.size() : 0;
}

int64_t cachain_verdict_revocation_number(const cachain_verdicts* verdicts, size_t index, size_t element,
                                          cachain_revocation_field field) {
    const cachain::CertificateRevocation* entry = revocation_at(verdicts, index, element);
    if (!entry) return -1;
    switch (field) {
    case CACHAIN_REVOCATION_STATUS: return entry->status;
    case CACHAIN_REVOCATION_REVOKED_AT: return entry->revoked_at;
    case CACHAIN_REVOCATION_OPENSSL_CODE: return entry->openssl_code;
    }
    return -1;
}

const char* cachain_verdict_revocation_text(const cachain_verdicts* verdicts, size_t index, size_t element,
                                            cachain_revocation_text_field field) {
    const cachain::CertificateRevocation* entry = revocation_at(verdicts, index, element);
    if (!entry) return "";
    switch (field) {
    case CACHAIN_REVOCATION_TEXT_SUBJECT: return entry->certificate->subject().c_str();
    case CACHAIN_REVOCATION_TEXT_REASON_CODE: return entry->reason_code.c_str();
    case CACHAIN_REVOCATION_TEXT_PUBLISHED: return entry->published_text.c_str();
    case CACHAIN_REVOCATION_TEXT_REACHED: return entry->reached_text.c_str();
    case CACHAIN_REVOCATION_TEXT_SUMMARY: return entry->summary.c_str();
    }
    return "";
}

}  // extern "C"
