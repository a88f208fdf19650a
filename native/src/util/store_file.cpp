#include "store_file.h"

#include <system_error>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "atomic_file.h"
#include "failure.h"
#include "utf8_path.h"

namespace cachain {

namespace fs = std::filesystem;

namespace {

// The mode and owner of the file there now, none when there is none.
std::optional<KeptFileAttributes> attributes_of([[maybe_unused]] const fs::path& file) {
#ifdef _WIN32
    return std::nullopt;
#else
    struct stat status {};
    if (stat(file.c_str(), &status) != 0) return std::nullopt;
    return KeptFileAttributes{status.st_mode, status.st_uid, status.st_gid};
#endif
}

}  // namespace

fs::path store_file_target(const fs::path& path) {
    std::error_code error;
    return fs::is_symlink(path, error) ? fs::weakly_canonical(path, error) : path;
}

void rewrite_store_file(const fs::path& file, gsl::span<const std::uint8_t> bytes, bool replace) {
    std::error_code error;
    if (fs::create_directories(file.parent_path(), error); error)
        throw Failure(error == std::errc::permission_denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO,
                      utf8_from_path(file.parent_path()), "cannot create the folder (" + error.message() + ")");
    write_file_atomically(file, bytes, replace, attributes_of(file));
}

}  // namespace cachain
