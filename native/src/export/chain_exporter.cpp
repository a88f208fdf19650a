#include "chain_exporter.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "atomic_file.h"
#include "certificate_encoding.h"
#include "failure.h"
#include "file_names.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

struct PlannedFile {
    std::string file_name;
    std::vector<std::uint8_t> bytes;
    CertificatePtr certificate;
};

std::string name_source(const Certificate& cert) {
    if (!cert.common_name().empty()) return cert.common_name();
    return cert.subject().empty() ? cert.thumbprint() : cert.subject();
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

// Root first, as the Certification Path tab lists them.
std::vector<CertificatePtr> certificates_to_write(const Chain& chain, bool include_leaf) {
    std::vector<CertificatePtr> certs;
    for (auto it = chain.elements.rbegin(); it != chain.elements.rend(); ++it) {
        if (it->role != CACHAIN_ROLE_LEAF || include_leaf) certs.push_back(it->certificate);
    }
    return certs;
}

// Names that collide once case is folded (Windows and macOS fold it) are
// told apart by the start of the thumbprint.
std::vector<std::string> unique_stems(const std::vector<CertificatePtr>& certs) {
    std::vector<std::string> stems;
    std::map<std::string, int> uses;
    for (const auto& cert : certs) {
        stems.push_back(safe_file_stem(name_source(*cert)));
        ++uses[lowercase(stems.back())];
    }
    for (std::size_t i = 0; i < certs.size(); ++i) {
        if (uses[lowercase(stems[i])] > 1) stems[i] += "_" + certs[i]->thumbprint().substr(0, 8);
    }
    return stems;
}

std::vector<PlannedFile> plan_files(const Chain& chain, const ExportOptions& options) {
    const auto certs = certificates_to_write(chain, options.include_leaf);
    if (certs.empty()) {
        throw Failure(CACHAIN_E_EMPTY, chain.elements.front().certificate->subject(),
                      "the chain holds no CA certificate to export (include the leaf to write it)");
    }
    if (options.format == CACHAIN_FORMAT_P7B) {
        const auto stem = safe_file_stem(name_source(*chain.elements.front().certificate));
        return {PlannedFile{stem + "-chain.p7b", encode_pkcs7(certs), nullptr}};
    }
    const auto stems = unique_stems(certs);
    std::vector<PlannedFile> files;
    for (std::size_t i = 0; i < certs.size(); ++i) {
        if (options.format == CACHAIN_FORMAT_PEM) {
            files.push_back({stems[i] + ".pem", encode_pem(*certs[i]), certs[i]});
        } else {
            const auto der = certs[i]->der();
            files.push_back({stems[i] + ".cer", {der.begin(), der.end()}, certs[i]});
        }
    }
    return files;
}

cachain_file_action action_for(WriteOutcome outcome, bool dry_run) {
    switch (outcome) {
    case WriteOutcome::Unchanged: return CACHAIN_FILE_UNCHANGED;
    case WriteOutcome::Written: return dry_run ? CACHAIN_FILE_WOULD_WRITE : CACHAIN_FILE_WRITTEN;
    case WriteOutcome::Replaced: return dry_run ? CACHAIN_FILE_WOULD_WRITE : CACHAIN_FILE_REPLACED;
    }
    return CACHAIN_FILE_FAILED;
}

ExportedFile write_one(const PlannedFile& file, const fs::path& directory, const ExportOptions& options) {
    ExportedFile result{directory / path_from_utf8(file.file_name), CACHAIN_FILE_FAILED, CACHAIN_OK, {}, file.certificate};
    try {
        const WriteOutcome outcome = options.dry_run ? plan_write(result.path, file.bytes, options.force)
                                                     : write_file_atomically(result.path, file.bytes, options.force);
        result.action = action_for(outcome, options.dry_run);
    } catch (const Failure& failure) {
        result.status = failure.status();
        result.message = failure.what();
    }
    return result;
}

void ensure_directory(const fs::path& directory, bool dry_run) {
    std::error_code error;
    if (fs::is_directory(directory, error)) return;
    if (fs::exists(directory, error))
        throw Failure(CACHAIN_E_IO, utf8_from_path(directory), "the destination exists and is not a folder");
    if (dry_run) return;
    fs::create_directories(directory, error);
    if (error) throw Failure(CACHAIN_E_IO, utf8_from_path(directory), "cannot create the folder (" + error.message() + ")");
}

}  // namespace

std::vector<ExportedFile> export_chain(const Chain& chain, const fs::path& directory, const ExportOptions& options) {
    Expects(!chain.elements.empty());
    const auto files = plan_files(chain, options);
    ensure_directory(directory, options.dry_run);
    std::vector<ExportedFile> results;
    for (const auto& file : files) results.push_back(write_one(file, directory, options));
    return results;
}

}  // namespace cachain
