#include "sha256.h"

#include <openssl/evp.h>

namespace cachain {
namespace {

// Fetched once and kept for the life of the process, like the default
// library context it comes from; thread-safe to share once fetched.
const EVP_MD* fetched_sha256() {
    static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
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
