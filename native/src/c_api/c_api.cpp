// The C interface: thin shells that check arguments, call the C++ code, and
// turn every exception into a status code and a per-thread message.
#include "cachain/cachain.h"

#include <memory>
#include <string>

#include "c_api_handles.h"
#include "c_api_shell.h"
#include "certificate_parser.h"
#include "chain_exporter.h"
#include "path_loader.h"
#include "utf8_path.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;

const char* text_or_empty(const std::string& text) { return text.c_str(); }

const char* cert_text(const cachain::Certificate& c, cachain_text_field field) {
    switch (field) {
    case CACHAIN_TEXT_SUBJECT: return text_or_empty(c.subject());
    case CACHAIN_TEXT_ISSUER: return text_or_empty(c.issuer());
    case CACHAIN_TEXT_COMMON_NAME: return text_or_empty(c.common_name());
    case CACHAIN_TEXT_THUMBPRINT: return text_or_empty(c.thumbprint());
    case CACHAIN_TEXT_SHA256: return text_or_empty(c.sha256());
    case CACHAIN_TEXT_SERIAL: return text_or_empty(c.serial());
    case CACHAIN_TEXT_SUBJECT_KEY_ID: return text_or_empty(c.subject_key_id());
    case CACHAIN_TEXT_AUTHORITY_KEY_ID: return text_or_empty(c.authority_key_id());
    case CACHAIN_TEXT_CA_ISSUERS_URL: return c.ca_issuers_urls().empty() ? "" : c.ca_issuers_urls().front().c_str();
    }
    return nullptr;
}

}  // namespace

extern "C" {

const char* cachain_last_error(void) {
    try {
        return cachain::capi::last_error().c_str();
    } catch (...) {
        return "";  // a thread's first use could not allocate its message: it has none yet
    }
}

const char* cachain_version(void) { return CACHAIN_VERSION; }

/* Certificates ------------------------------------------------------- */

const char* cachain_cert_text(const cachain_cert* cert, cachain_text_field field) {
    if (!cert) return nullptr;
    try {
        return cert_text(*cert->certificate, field);
    } catch (...) {
        return "";  // the subject or issuer, written on first use, could not allocate
    }
}

int64_t cachain_cert_number(const cachain_cert* cert, cachain_number_field field) {
    if (!cert) return 0;
    const cachain::Certificate& c = *cert->certificate;
    switch (field) {
    case CACHAIN_NUMBER_NOT_BEFORE: return c.not_before();
    case CACHAIN_NUMBER_NOT_AFTER: return c.not_after();
    case CACHAIN_NUMBER_IS_CA: return c.is_ca() ? 1 : 0;
    case CACHAIN_NUMBER_PATH_LENGTH: return c.path_length();
    case CACHAIN_NUMBER_KEY_USAGE: return c.key_usage();
    case CACHAIN_NUMBER_SELF_SIGNED: return c.self_signed() ? 1 : 0;
    case CACHAIN_NUMBER_ROLE: return cachain::role_of(c);
    }
    return 0;
}

cachain_status cachain_cert_der(const cachain_cert* cert, const uint8_t** der, size_t* length) {
    return guarded([&] {
        if (!cert) return missing_argument("cert");
        if (!der || !length) return missing_argument("der/length");
        const auto bytes = cert->certificate->der();
        *der = bytes.data();
        *length = bytes.size();
        return CACHAIN_OK;
    });
}

/* Sets ---------------------------------------------------------------- */

cachain_status cachain_set_new(cachain_set** set) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        *set = new cachain_set();
        return CACHAIN_OK;
    });
}

void cachain_set_free(cachain_set* set) { delete set; }

cachain_status cachain_set_add_bytes(cachain_set* set, const uint8_t* data, size_t length, const char* item,
                                     const char* password) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        if (!data && length > 0) return missing_argument("data");
        const std::string name = item ? item : "data";
        try {
            set->set.add_all(cachain::parse_certificates({data, length}, name, password), name);
        } catch (const cachain::Failure& failure) {
            set->set.record(cachain::to_problem(failure));
            throw;
        }
        set->sync_handles();
        return CACHAIN_OK;
    });
}

cachain_status cachain_set_add_path(cachain_set* set, const char* path, const char* password) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        if (!path) return missing_argument("path");
        const std::size_t problems_before = set->set.problems().size();
        const cachain_status status = cachain::load_path(cachain::path_from_utf8(path), password, set->set);
        set->sync_handles();
        if (status != CACHAIN_OK) return fail(status, set->set.problems().at(problems_before).message);
        return CACHAIN_OK;
    });
}

cachain_status cachain_set_add_set(cachain_set* set, const cachain_set* other) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        if (!other) return missing_argument("other");
        for (const auto& cert : other->set.certificates()) set->set.add(cert, other->set.origin_of(*cert));
        set->sync_handles();
        return CACHAIN_OK;
    });
}

size_t cachain_set_count(const cachain_set* set) { return set ? set->handles.size() : 0; }

const cachain_cert* cachain_set_cert(const cachain_set* set, size_t index) {
    return set && index < set->handles.size() ? &set->handles[index] : nullptr;
}

size_t cachain_set_problem_count(const cachain_set* set) { return set ? set->set.problems().size() : 0; }

cachain_status cachain_set_problem(const cachain_set* set, size_t index, cachain_status* code, const char** item,
                                   const char** message) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        if (index >= set->set.problems().size()) return fail(CACHAIN_E_ARGUMENT, "problem index out of range");
        const cachain::Problem& problem = set->set.problems()[index];
        if (code) *code = problem.status;
        if (item) *item = problem.item.c_str();
        if (message) *message = problem.message.c_str();
        return CACHAIN_OK;
    });
}

/* Chains -------------------------------------------------------------- */

cachain_status cachain_discover(const cachain_set* inputs, const cachain_set* pool, cachain_chains** chains) {
    cachain_discover_options options = CACHAIN_DISCOVER_OPTIONS_INIT;
    options.flags = CACHAIN_DISCOVER_OFFLINE;
    return cachain_discover_with_options(inputs, pool, &options, chains);
}

void cachain_chains_free(cachain_chains* chains) { delete chains; }

size_t cachain_chains_count(const cachain_chains* chains) { return chains ? chains->chains.size() : 0; }

const cachain_chain* cachain_chains_get(const cachain_chains* chains, size_t index) {
    return chains && index < chains->chains.size() ? &chains->chains[index] : nullptr;
}

int64_t cachain_chain_number(const cachain_chain* chain, cachain_chain_field field) {
    if (!chain) return 0;
    switch (field) {
    case CACHAIN_CHAIN_FIELD_STATUS: return chain->chain.status;
    case CACHAIN_CHAIN_FIELD_TARGET: return static_cast<int64_t>(chain->chain.target);
    case CACHAIN_CHAIN_FIELD_RANK: return static_cast<int64_t>(chain->chain.rank);
    }
    return 0;
}

const char* cachain_chain_text(const cachain_chain* chain, cachain_chain_text_field field) {
    if (!chain) return nullptr;
    switch (field) {
    case CACHAIN_CHAIN_TEXT_SUMMARY: return chain->summary_text().c_str();
    case CACHAIN_CHAIN_TEXT_MISSING_ISSUER: return chain->chain.missing.name.c_str();
    case CACHAIN_CHAIN_TEXT_MISSING_KEY_ID: return chain->chain.missing.key_id.c_str();
    case CACHAIN_CHAIN_TEXT_MISSING_ISSUER_URL: return chain->chain.missing.url.c_str();
    }
    return nullptr;
}

size_t cachain_chain_length(const cachain_chain* chain) { return chain ? chain->handles.size() : 0; }

const cachain_cert* cachain_chain_cert(const cachain_chain* chain, size_t depth) {
    return chain && depth < chain->handles.size() ? &chain->handles[depth] : nullptr;
}

cachain_role cachain_chain_role(const cachain_chain* chain, size_t depth) {
    return chain && depth < chain->chain.elements.size() ? chain->chain.elements[depth].role : CACHAIN_ROLE_LEAF;
}

cachain_validity cachain_chain_validity(const cachain_chain* chain, size_t depth) {
    return chain && depth < chain->chain.elements.size() ? chain->chain.elements[depth].validity
                                                         : CACHAIN_VALIDITY_VALID;
}

const char* cachain_chain_source(const cachain_chain* chain, size_t depth) {
    return chain && depth < chain->chain.elements.size() ? chain->chain.elements[depth].source.c_str() : nullptr;
}

/* Export -------------------------------------------------------------- */

cachain_status cachain_export_chain(const cachain_chain* chain, const char* directory, cachain_format format,
                                    uint32_t flags, cachain_export** result) {
    return guarded([&] {
        if (result) *result = nullptr;  // whichever argument is refused, no handle leaves
        if (!chain) return missing_argument("chain");
        if (!directory || !*directory) return missing_argument("directory");
        if (!result) return missing_argument("result");
        if (format != CACHAIN_FORMAT_DER && format != CACHAIN_FORMAT_PEM && format != CACHAIN_FORMAT_P7B)
            return fail(CACHAIN_E_ARGUMENT, "unknown export format " + std::to_string(format));
        const cachain::ExportOptions options{format, (flags & CACHAIN_EXPORT_INCLUDE_LEAF) != 0,
                                             (flags & CACHAIN_EXPORT_FORCE) != 0, (flags & CACHAIN_EXPORT_DRY_RUN) != 0};
        auto exported = std::make_unique<cachain_export>();
        exported->files = cachain::export_chain(chain->chain, cachain::path_from_utf8(directory), options);
        cachain_status first = CACHAIN_OK;
        std::string first_message;
        for (const auto& file : exported->files) {
            exported->paths.push_back(cachain::utf8_from_path(file.path));
            exported->handles.push_back({file.certificate});
            if (first == CACHAIN_OK && file.status != CACHAIN_OK) {
                first = file.status;
                first_message = file.message;
            }
        }
        *result = exported.release();
        return first == CACHAIN_OK ? CACHAIN_OK : fail(first, first_message);
    });
}

void cachain_export_free(cachain_export* result) { delete result; }

size_t cachain_export_count(const cachain_export* result) { return result ? result->files.size() : 0; }

cachain_status cachain_export_file(const cachain_export* result, size_t index, const char** path,
                                   cachain_file_action* action, cachain_status* status, const char** message) {
    return guarded([&] {
        if (!result) return missing_argument("result");
        if (index >= result->files.size()) return fail(CACHAIN_E_ARGUMENT, "file index out of range");
        const auto& file = result->files[index];
        if (path) *path = result->paths[index].c_str();
        if (action) *action = file.action;
        if (status) *status = file.status;
        if (message) *message = file.message.c_str();
        return CACHAIN_OK;
    });
}

const cachain_cert* cachain_export_cert(const cachain_export* result, size_t index) {
    if (!result || index >= result->handles.size() || !result->handles[index].certificate) return nullptr;
    return &result->handles[index];
}

}  // extern "C"
