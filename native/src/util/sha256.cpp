#include "sha256.h"

#include <atomic>

#include <openssl/evp.h>

namespace cachain {
namespace {

// Fetched once and kept for the life of the process, like the default
// library context it comes from; thread-safe to share once fetched. A fetch
// that failed is not kept: the next digest asks again.
const EVP_MD* fetched_sha256() {
    static std::atomic<EVP_MD*> kept{nullptr};
    if (EVP_MD* algorithm = kept.load(std::memory_order_acquire)) return algorithm;
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!fetched) return nullptr;
    EVP_MD* expected = nullptr;
    if (!kept.compare_exchange_strong(expected, fetched, std::memory_order_acq_rel)) {
        EVP_MD_free(fetched);  // another thread kept its own first
        return expected;
    }
    return fetched;
}

}  // namespace

std::optional<Sha256Digest> sha256_of(gsl::span<const std::uint8_t> bytes) {
    const EVP_MD* algorithm = fetched_sha256();
    Sha256Digest digest{};
    unsigned int length = 0;
    if (!algorithm || EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, algorithm, nullptr) != 1 ||
        length != digest.size())
        return std::nullopt;
    return digest;
}

}  // namespace cachain
