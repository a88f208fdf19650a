#include "engine_runs.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>

#include "cachain/cachain.h"
#include "issuer_index.h"
#include "path_builder.h"
#include "stopwatch.h"

namespace cachain::bench {
namespace {

IssuerIndex index_of(const std::vector<CertificatePtr>& pool) {
    IssuerIndex index;
    for (const auto& cert : pool) index.add(cert);
    return index;
}

bool best_is_complete(const std::vector<Chain>& paths) {
    return !paths.empty() && paths.front().status == CACHAIN_CHAIN_COMPLETE;
}

struct SetDeleter {
    void operator()(cachain_set* set) const noexcept { cachain_set_free(set); }
};
using SetPtr = std::unique_ptr<cachain_set, SetDeleter>;

SetPtr set_of(const std::vector<std::uint8_t>& der) {
    cachain_set* set = nullptr;
    if (cachain_set_new(&set) != CACHAIN_OK) throw std::runtime_error(cachain_last_error());
    SetPtr owner(set);
    if (cachain_set_add_bytes(set, der.data(), der.size(), "bench", nullptr) != CACHAIN_OK)
        throw std::runtime_error(cachain_last_error());
    return owner;
}

// Discovers offline, as cachain_discover does, keeping max_paths paths per
// target (0: all); counts the targets whose best path is complete, frees.
std::size_t discover_complete(const cachain_set* inputs, const cachain_set* pool, std::uint32_t max_paths) {
    cachain_discover_options options = CACHAIN_DISCOVER_OPTIONS_INIT;
    options.flags = CACHAIN_DISCOVER_OFFLINE;
    options.max_paths = max_paths;
    cachain_chains* chains = nullptr;
    if (cachain_discover_with_options(inputs, pool, &options, &chains) != CACHAIN_OK)
        throw std::runtime_error(cachain_last_error());
    std::size_t complete = 0;
    for (std::size_t i = 0; i < cachain_chains_count(chains); ++i) {
        const cachain_chain* chain = cachain_chains_get(chains, i);
        complete += cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_RANK) == 0 &&
                    cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_STATUS) == CACHAIN_CHAIN_COMPLETE;
    }
    cachain_chains_free(chains);
    return complete;
}

}  // namespace

Measurement engine_shared_builder(const std::vector<CertificatePtr>& pool, const std::vector<CertificatePtr>& leaves,
                                  std::int64_t now, int passes) {
    const IssuerIndex index = index_of(pool);
    Measurement result;
    const double total = best_pass_micros(passes, [&] {
        PathBuilder builder(index, now);
        result.complete = 0;
        for (const auto& leaf : leaves) result.complete += best_is_complete(builder.build(leaf));
    });
    result.micros_per_chain = total / static_cast<double>(leaves.size());
    return result;
}

Measurement engine_builder_per_leaf(const std::vector<CertificatePtr>& pool, const std::vector<CertificatePtr>& leaves,
                                    std::int64_t now, int passes) {
    const IssuerIndex index = index_of(pool);
    Measurement result;
    result.micros_per_chain = micros_per_item(leaves.size(), passes, [&](std::size_t i) {
        if (i == 0) result.complete = 0;
        PathBuilder builder(index, now);
        result.complete += best_is_complete(builder.build(leaves[i]));
    });
    return result;
}

Measurement c_abi_one_call(const std::vector<std::uint8_t>& pool_der, const std::vector<std::uint8_t>& leaves_der,
                           int passes, std::uint32_t max_paths) {
    const SetPtr pool = set_of(pool_der);
    const SetPtr leaves = set_of(leaves_der);
    Measurement result;
    const double total = best_pass_micros(passes, [&] { result.complete = discover_complete(leaves.get(), pool.get(), max_paths); });
    result.micros_per_chain = total / static_cast<double>(cachain_set_count(leaves.get()));
    return result;
}

Measurement c_abi_call_per_leaf(const std::vector<std::uint8_t>& pool_der,
                                const std::vector<std::vector<std::uint8_t>>& leaf_ders, int passes,
                                std::uint32_t max_paths) {
    const SetPtr pool = set_of(pool_der);
    std::vector<SetPtr> inputs;
    for (const auto& der : leaf_ders) inputs.push_back(set_of(der));
    Measurement result;
    result.micros_per_chain = micros_per_item(inputs.size(), passes, [&](std::size_t i) {
        if (i == 0) result.complete = 0;
        result.complete += discover_complete(inputs[i].get(), pool.get(), max_paths);
    });
    return result;
}

Measurement c_abi_call_per_leaf_new_pool(const std::vector<std::uint8_t>& pool_der,
                                        const std::vector<std::vector<std::uint8_t>>& leaf_ders, int passes) {
    std::vector<SetPtr> inputs;
    for (const auto& der : leaf_ders) inputs.push_back(set_of(der));
    Measurement result;
    double best = std::numeric_limits<double>::max();
    for (int pass = 0; pass < passes; ++pass) {
        const SetPtr pool = set_of(pool_der);  // loaded untimed: only the calls count
        result.complete = 0;
        best = std::min(best, best_pass_micros(1, [&] {
            for (const auto& input : inputs) result.complete += discover_complete(input.get(), pool.get(), 0);
        }));
    }
    result.micros_per_chain = best / static_cast<double>(inputs.size());
    return result;
}

}  // namespace cachain::bench
