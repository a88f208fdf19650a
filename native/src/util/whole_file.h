// Reading a whole file of a known size, the one way both loading and the
// atomic writer's "is the same file there already?" read files.
//
// On Windows a file is opened sharing read, write and delete, so a reader
// never blocks a writer's atomic rename, and a sharing violation is retried
// for a moment: another process (an export running at the same time, an
// antivirus scanner) may briefly hold a file it has just created.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cachain {

// The size bytes of path. Throws Failure(IO) naming the file and the reason
// when it cannot be opened or read, or no longer has that size.
std::vector<std::uint8_t> read_whole_file(const std::filesystem::path& path, std::uintmax_t size);

// A store's own file (a bundle, a keystore), or nothing when there is no
// file. One larger than largest is not what it should be (a wrong path) and
// is refused unread: Failure(TOO_LARGE) naming it, "larger than any <what>".
std::optional<std::vector<std::uint8_t>> read_store_file(const std::filesystem::path& path, std::uintmax_t largest,
                                                         const std::string& what);

}  // namespace cachain
