// Reading a generated PKI back: raw bundles, OpenSSL objects for the
// baselines, and how much heap a step costs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include <gsl/gsl>

#include "ossl.h"

namespace cachain::bench {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path);

// Each certificate of a concatenated-DER bundle, as OpenSSL parses it.
std::vector<ossl::X509Ptr> parse_x509s(gsl::span<const std::uint8_t> bundle);

// Each certificate's DER bytes, as separate buffers (one input per call).
std::vector<std::vector<std::uint8_t>> split_der(gsl::span<const std::uint8_t> bundle);

// Bytes in use on the heap (glibc's malloc, which OpenSSL uses too).
std::size_t heap_in_use();

// This process's peak resident set, in KiB.
long peak_rss_kib();

}  // namespace cachain::bench
