// Writes the CA certificates of a chain into a folder, as the MMC export
// wizard would, one safe file name per certificate (or one bundle).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "chain.h"

namespace cachain {

struct ExportOptions {
    cachain_format format = CACHAIN_FORMAT_DER;
    bool include_leaf = false;  // write the target too when it is not a CA
    bool force = false;         // replace existing files whose bytes differ
    bool dry_run = false;       // decide everything, write nothing
};

struct ExportedFile {
    std::filesystem::path path;
    cachain_file_action action = CACHAIN_FILE_WRITTEN;
    cachain_status status = CACHAIN_OK;
    std::string message;          // "" on success
    CertificatePtr certificate;   // null for a bundle
};

// One entry per file, root first. A file that fails is reported in its
// entry and never stops the others. Throws Failure(EMPTY) when the chain has
// nothing to write, Failure(IO) when the folder cannot be made.
std::vector<ExportedFile> export_chain(const Chain& chain, const std::filesystem::path& directory,
                                       const ExportOptions& options);

}  // namespace cachain
