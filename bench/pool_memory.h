// What a loaded pool costs in heap, per certificate, beyond its DER bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cachain::bench {

struct PoolMemory {
    std::size_t certificates = 0;
    std::size_t der_bytes = 0;
    double engine_per_cert = 0;  // parsed Certificates plus the IssuerIndex
    double c_set_per_cert = 0;   // a cachain_set holding the pool (what a C caller keeps)
    double x509_per_cert = 0;    // OpenSSL's parsed X509 alone, for comparison
};

// Heap in use before and after each way of loading pool_der (concatenated
// DER), minus the DER bytes, divided by the number of certificates.
PoolMemory measure_pool_memory(const std::vector<std::uint8_t>& pool_der);

}  // namespace cachain::bench
