#include "path_loader.h"

#include <algorithm>
#include <system_error>

#include "certificate_parser.h"
#include "utf8_path.h"
#include "whole_file.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::vector<std::uint8_t> read_certificate_file(const fs::path& path) {
    const std::string item = utf8_from_path(path);
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) throw Failure(CACHAIN_E_IO, item, "cannot read the file (" + error.message() + ")");
    if (size > max_certificate_file_bytes) {
        throw Failure(CACHAIN_E_TOO_LARGE, item,
                      "the file is " + std::to_string(size) + " bytes; certificate files over " +
                          std::to_string(max_certificate_file_bytes) + " bytes are refused");
    }
    return read_whole_file(path, size);
}

namespace {

cachain_status load_file(const fs::path& path, const char* password, CertificateSet& set) {
    try {
        const std::string item = utf8_from_path(path);
        set.add_all(parse_certificates(read_certificate_file(path), item, password), item);
        return CACHAIN_OK;
    } catch (const Failure& failure) {
        set.record(to_problem(failure));
        return failure.status();
    }
}

std::vector<fs::path> files_in(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const auto name = entry.path().filename().native();
        if (!name.empty() && name[0] == '.') continue;
        std::error_code error;
        if (entry.is_regular_file(error)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

cachain_status load_path(const fs::path& path, const char* password, CertificateSet& set) {
    const std::string item = utf8_from_path(path);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) {
        set.record(to_problem(Failure(CACHAIN_E_PATH_NOT_FOUND, item, "no such file or folder")));
        return CACHAIN_E_PATH_NOT_FOUND;
    }
    if (error || !fs::exists(status)) {  // a folder on the way cannot be searched, for example
        set.record(to_problem(Failure(CACHAIN_E_IO, item, "cannot read it (" + error.message() + ")")));
        return CACHAIN_E_IO;
    }
    if (!fs::is_directory(status)) return load_file(path, password, set);

    std::vector<fs::path> files;
    try {
        files = files_in(path);
    } catch (const fs::filesystem_error& failure) {
        set.record(to_problem(Failure(CACHAIN_E_IO, item, std::string("cannot list the folder (") + failure.code().message() + ")")));
        return CACHAIN_E_IO;
    }
    if (files.empty()) {
        set.record(to_problem(Failure(CACHAIN_E_EMPTY, item, "the folder holds no files")));
        return CACHAIN_E_EMPTY;
    }
    cachain_status first = CACHAIN_OK;
    for (const auto& file : files) {
        const cachain_status status = load_file(file, password, set);
        if (first == CACHAIN_OK) first = status;
    }
    return first;
}

}  // namespace cachain
