// Our engine, timed the ways an application can drive it. The internal API
// lets a pool be indexed once and then serve every leaf; the C ABI's
// cachain_discover indexes its inputs on every call, over the pool set's
// index (and its remembered links).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "certificate.h"

namespace cachain::bench {

struct Measurement {
    double micros_per_chain = 0;
    std::size_t complete = 0;  // leaves whose best path reached a root (a sanity check)
};

// Internal API, one IssuerIndex for the run and one PathBuilder per pass:
// links above the leaves are proven once and remembered, as a batch does.
Measurement engine_shared_builder(const std::vector<CertificatePtr>& pool, const std::vector<CertificatePtr>& leaves,
                                  std::int64_t now, int passes);

// Internal API, one IssuerIndex, a new PathBuilder per leaf: every link of
// every path is proven again, as X509_verify_cert does.
Measurement engine_builder_per_leaf(const std::vector<CertificatePtr>& pool, const std::vector<CertificatePtr>& leaves,
                                    std::int64_t now, int passes);

// C ABI: every leaf as the inputs of one discovery call, offline, keeping
// max_paths paths per leaf (0: every path found, as cachain_discover does;
// 1: the best alone, as Get-CaChain asks without -All).
Measurement c_abi_one_call(const std::vector<std::uint8_t>& pool_der, const std::vector<std::uint8_t>& leaves_der,
                           int passes, std::uint32_t max_paths = 0);

// C ABI: one cachain_discover call per leaf, every pass with the same pool
// set, which remembers the links between its certificates from the first
// calls on.
Measurement c_abi_call_per_leaf(const std::vector<std::uint8_t>& pool_der,
                                const std::vector<std::vector<std::uint8_t>>& leaf_ders, int passes,
                                std::uint32_t max_paths = 0);

// The same, each pass with a pool set loaded anew (untimed), so its first
// call per CA proves the links above it: what a fresh process pays.
Measurement c_abi_call_per_leaf_new_pool(const std::vector<std::uint8_t>& pool_der,
                                         const std::vector<std::vector<std::uint8_t>>& leaf_ders, int passes);

}  // namespace cachain::bench
