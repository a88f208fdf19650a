// The C interface to the error catalogue: Resolve-CaChainError's question,
// "what does 0x80090325 mean, and what do I run?".
#include <memory>
#include <string>

#include "c_api_handles.h"
#include "c_api_shell.h"
#include "error_catalog.h"
#include "error_code_parser.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;

}  // namespace

extern "C" {

cachain_status cachain_explain(const char* code, cachain_explanation** result) {
    return guarded([&] {
        if (!result) return missing_argument("result");
        *result = nullptr;
        if (!code) return missing_argument("code");
        auto explained = std::make_unique<cachain_explanation>();
        explained->explanation = cachain::explain_code(code);
        *result = explained.release();
        return CACHAIN_OK;
    });
}

size_t cachain_catalog_count(void) { return cachain::error_catalog().size(); }

cachain_status cachain_catalog_entry(size_t index, cachain_explanation** result) {
    return guarded([&] {
        if (!result) return missing_argument("result");
        *result = nullptr;
        const auto rows = cachain::error_catalog();
        if (index >= rows.size()) return fail(CACHAIN_E_ARGUMENT, "catalogue index out of range");
        auto explained = std::make_unique<cachain_explanation>();
        explained->explanation = cachain::explain(rows[index]);
        *result = explained.release();
        return CACHAIN_OK;
    });
}

void cachain_explanation_free(cachain_explanation* explanation) { delete explanation; }

const char* cachain_explanation_text(const cachain_explanation* explanation, cachain_explanation_field field) {
    if (!explanation) return "";
    const cachain::Explanation& e = explanation->explanation;
    switch (field) {
    case CACHAIN_EXPLANATION_CODE: return e.code.c_str();
    case CACHAIN_EXPLANATION_NAME: return e.name.c_str();
    case CACHAIN_EXPLANATION_KIND: return e.kind.c_str();
    case CACHAIN_EXPLANATION_DESCRIPTION: return e.description.c_str();
    case CACHAIN_EXPLANATION_CAUSES: return e.causes.c_str();
    case CACHAIN_EXPLANATION_FIX: return e.fix.c_str();
    }
    return "";
}

int64_t cachain_explanation_value(const cachain_explanation* explanation) {
    return explanation ? explanation->explanation.value : -1;
}

}  // extern "C"
