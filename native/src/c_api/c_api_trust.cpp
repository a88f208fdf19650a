// The C interface to trust evaluation: Test-CaChain's question.
#include <ctime>
#include <memory>
#include <vector>

#include "c_api_handles.h"
#include "c_api_shell.h"
#include "trust_evaluation.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;

const cachain::TrustVerdict* verdict_at(const cachain_verdicts* verdicts, size_t index) {
    return verdicts && index < verdicts->verdicts.size() ? &verdicts->verdicts[index] : nullptr;
}

}  // namespace

extern "C" {

cachain_status cachain_evaluate(cachain_store* store, const cachain_set* inputs, const cachain_set* issuers,
                                cachain_verdicts** verdicts) {
    return guarded([&] {
        if (verdicts) *verdicts = nullptr;  // whichever argument is refused, no handle leaves
        if (!store) return missing_argument("store");
        if (!inputs) return missing_argument("inputs");
        if (!verdicts) return missing_argument("verdicts");
        // An absent store trusts nothing; saying "not trusted" would hide a mistyped folder.
        if (const std::string missing = store->store->missing_folder(); !missing.empty())
            return fail(CACHAIN_E_PATH_NOT_FOUND, missing + ": the store does not exist (no such folder)");
        const std::vector<cachain::CertificatePtr> none;
        auto result = std::make_unique<cachain_verdicts>();
        result->verdicts = cachain::evaluate_trust(*store->store, inputs->set.certificates(),
                                                   issuers ? issuers->set.certificates() : none,
                                                   static_cast<std::int64_t>(std::time(nullptr)));
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
    }
    return nullptr;
}

}  // extern "C"
