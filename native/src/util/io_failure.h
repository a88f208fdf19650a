// A failed system call on a file or folder, as the Failure a user reads:
// "<path>: cannot <doing> (<the system's own words>)". ACCESS_DENIED when
// the system refused permission (or the disk is read-only), so that a caller
// can add how to get the right; IO otherwise.
#pragma once

#include <filesystem>
#include <string>

#include "failure.h"

namespace cachain {

#ifndef _WIN32
// error_number: the errno the call left.
Failure io_failure(const std::filesystem::path& path, const std::string& doing, int error_number);
#else
// error: GetLastError()'s answer (a DWORD). A file another program holds
// open gets words of its own: Windows' say only "used by another process".
Failure io_failure(const std::filesystem::path& path, const std::string& doing, unsigned long error);
#endif

}  // namespace cachain
