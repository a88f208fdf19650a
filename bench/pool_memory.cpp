#include "pool_memory.h"

#include "bench_data.h"
#include "cachain/cachain.h"
#include "certificate_parser.h"
#include "issuer_index.h"

namespace cachain::bench {
namespace {

// Heap bytes the load step keeps while its result is alive, beyond the DER.
template <typename Load>
double retained_per_cert(const PoolMemory& pool, Load&& load) {
    const std::size_t before = heap_in_use();
    [[maybe_unused]] const auto kept = load();
    const std::size_t after = heap_in_use();
    const double beyond_der = static_cast<double>(after) - static_cast<double>(before) - static_cast<double>(pool.der_bytes);
    return beyond_der / static_cast<double>(pool.certificates);
}

}  // namespace

PoolMemory measure_pool_memory(const std::vector<std::uint8_t>& pool_der) {
    PoolMemory pool;
    pool.der_bytes = pool_der.size();
    pool.certificates = split_der(pool_der).size();

    pool.x509_per_cert = retained_per_cert(pool, [&] { return parse_x509s(pool_der); });
    pool.engine_per_cert = retained_per_cert(pool, [&] {
        auto certs = parse_certificates(pool_der, "pool", nullptr);
        auto index = std::make_shared<IssuerIndex>();
        for (const auto& cert : certs) index->add(cert);
        return std::make_pair(std::move(certs), index);
    });
    pool.c_set_per_cert = retained_per_cert(pool, [&] {
        cachain_set* set = nullptr;
        cachain_set_new(&set);
        cachain_set_add_bytes(set, pool_der.data(), pool_der.size(), "pool", nullptr);
        return std::unique_ptr<cachain_set, void (*)(cachain_set*)>(set, cachain_set_free);
    });
    return pool;
}

}  // namespace cachain::bench
