// Fuzzes the C interface the PowerShell module calls with whatever bytes a
// user hands it: load, read every field of every certificate, find chains
// and decide export file names (dry run: nothing is written). A status code
// is the only acceptable way to fail.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "cachain/cachain.h"

namespace {

void read_every_field(const cachain_cert* cert) {
    for (int field = CACHAIN_TEXT_SUBJECT; field <= CACHAIN_TEXT_CA_ISSUERS_URL; ++field) {
        if (!cachain_cert_text(cert, static_cast<cachain_text_field>(field))) std::abort();
    }
    for (int field = CACHAIN_NUMBER_NOT_BEFORE; field <= CACHAIN_NUMBER_ROLE; ++field)
        (void)cachain_cert_number(cert, static_cast<cachain_number_field>(field));
    const std::uint8_t* der = nullptr;
    std::size_t length = 0;
    if (cachain_cert_der(cert, &der, &length) != CACHAIN_OK || !der || length == 0) std::abort();
}

void walk_chains(const cachain_set* set) {
    cachain_chains* chains = nullptr;
    if (cachain_discover(set, nullptr, &chains) != CACHAIN_OK) return;
    for (std::size_t i = 0; i < cachain_chains_count(chains); ++i) {
        const cachain_chain* chain = cachain_chains_get(chains, i);
        (void)cachain_chain_text(chain, CACHAIN_CHAIN_TEXT_SUMMARY);
        for (std::size_t depth = 0; depth < cachain_chain_length(chain); ++depth)
            (void)cachain_chain_role(chain, depth);
        cachain_export* result = nullptr;
        (void)cachain_export_chain(chain, "/nonexistent/cachain-fuzz", CACHAIN_FORMAT_DER,
                                   CACHAIN_EXPORT_DRY_RUN | CACHAIN_EXPORT_INCLUDE_LEAF, &result);
        cachain_export_free(result);
    }
    cachain_chains_free(chains);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cachain_set* set = nullptr;
    if (cachain_set_new(&set) != CACHAIN_OK) std::abort();
    const cachain_status status = cachain_set_add_bytes(set, data, size, "fuzz", "fuzz");
    if (status == CACHAIN_E_INTERNAL) std::abort();  // "a bug: please report it"
    if ((status == CACHAIN_OK) != (cachain_set_problem_count(set) == 0)) std::abort();
    for (std::size_t i = 0; i < cachain_set_count(set); ++i) read_every_field(cachain_set_cert(set, i));
    walk_chains(set);
    cachain_set_free(set);
    return 0;
}
