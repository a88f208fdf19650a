// Loads certificates from a file, or from every file in a folder, so that a
// bad file is reported without stopping the good ones.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "certificate_set.h"

namespace cachain {

// Files larger than this are refused before they are read: certificate
// files are kilobytes, and a huge file is a mistake or an attack.
constexpr std::uintmax_t max_certificate_file_bytes = 64u * 1024u * 1024u;

// The bytes of one certificate file. Throws Failure(IO) when it cannot be
// read, Failure(TOO_LARGE) past max_certificate_file_bytes.
std::vector<std::uint8_t> read_certificate_file(const std::filesystem::path& path);

// Adds what path holds to set and records each failure in it. A folder is
// read one level deep, in name order; hidden files (".name") are skipped.
// Returns the status of the first failure, or CACHAIN_OK.
cachain_status load_path(const std::filesystem::path& path, const char* password, CertificateSet& set);

}  // namespace cachain
