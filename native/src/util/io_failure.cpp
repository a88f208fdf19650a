#include "io_failure.h"

#include <cerrno>
#include <cstring>

#ifdef _WIN32
#include <windows.h>

#include "windows_error_text.h"
#endif

#include "utf8_path.h"

namespace cachain {

#ifndef _WIN32
Failure io_failure(const std::filesystem::path& path, const std::string& doing, int error_number) {
    const bool denied = error_number == EACCES || error_number == EPERM || error_number == EROFS;
    return Failure(denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, utf8_from_path(path),
                   "cannot " + doing + " (" + std::strerror(error_number) + ")");
}
#else
Failure io_failure(const std::filesystem::path& path, const std::string& doing, unsigned long error) {
    if (error == ERROR_SHARING_VIOLATION)
        return Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot " + doing + ": another program has the file open");
    const bool denied = error == ERROR_ACCESS_DENIED || error == ERROR_WRITE_PROTECT;
    return Failure(denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, utf8_from_path(path),
                   "cannot " + doing + " (" + windows_error_text_or_code(error) + ")");
}
#endif

}  // namespace cachain
