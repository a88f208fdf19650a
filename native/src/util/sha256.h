// SHA-256 of bytes, with the algorithm fetched from OpenSSL's provider once
// per process instead of on every call.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <gsl/gsl>

namespace cachain {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Why: EVP_sha256() hands OpenSSL 3.0 a legacy descriptor, which it fetches
// from the provider again on each digest, behind the provider store's lock;
// loading a certificate takes two digests, and the fetches were 5% of its
// time in a profile. Empty when OpenSSL cannot digest (no provider offers
// SHA-256).
std::optional<Sha256Digest> sha256_of(gsl::span<const std::uint8_t> bytes);

}  // namespace cachain
