// Small tools the promise tests share: every file under a folder, byte
// searches, thumbprints. Running code in a child process is in
// child_process.h (POSIX only).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cachain/cachain.h"
#include "test_pki.h"

namespace cachain::testing {

// Every regular file below folder, at any depth.
inline std::vector<std::filesystem::path> files_under(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    if (!std::filesystem::exists(folder, error)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

template <typename Haystack, typename Needle>
bool contains_bytes(const Haystack& haystack, const Needle& needle) {
    if (needle.empty()) return false;
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// The SHA-1 thumbprint the C interface gives for issued.
inline std::string thumbprint_of(const Issued& issued) {
    cachain_set* set = nullptr;
    cachain_set_new(&set);
    const auto der = issued.der();
    cachain_set_add_bytes(set, der.data(), der.size(), "cert", nullptr);
    std::string thumbprint = cachain_set_count(set) == 1 ? cachain_cert_text(cachain_set_cert(set, 0), CACHAIN_TEXT_THUMBPRINT) : "";
    cachain_set_free(set);
    return thumbprint;
}

}  // namespace cachain::testing
