#include "store_file.h"

#include <system_error>

#include "atomic_file.h"
#include "failure.h"
#include "utf8_path.h"

namespace cachain {

namespace fs = std::filesystem;

fs::path store_file_target(const fs::path& path) {
    std::error_code error;
    return fs::is_symlink(path, error) ? fs::weakly_canonical(path, error) : path;
}

void rewrite_store_file(const fs::path& file, gsl::span<const std::uint8_t> bytes, bool replace) {
    std::error_code error;
    if (fs::create_directories(file.parent_path(), error); error)
        throw Failure(error == std::errc::permission_denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO,
                      utf8_from_path(file.parent_path()), "cannot create the folder (" + error.message() + ")");
    const bool existed = fs::exists(file, error);
    const fs::perms mode = existed ? fs::status(file, error).permissions() : fs::perms::none;
    write_file_atomically(file, bytes, replace);
    if (existed) fs::permissions(file, mode, error);
}

}  // namespace cachain
