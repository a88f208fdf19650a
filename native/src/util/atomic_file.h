// Writing a file so that nobody ever sees half of it, and never replacing a
// different file unless asked to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include <gsl/gsl>

namespace cachain {

enum class WriteOutcome {
    Written,    // the file did not exist
    Unchanged,  // the same bytes were there already; nothing was touched
    Replaced    // a different file was replaced (only when replace is true)
};

// What write_file_atomically would do, without touching anything.
// Throws Failure(EXISTS) when a different file is there and replace is false.
WriteOutcome plan_write(const std::filesystem::path& path, gsl::span<const std::uint8_t> bytes, bool replace);

// The permission bits and owner a rewritten file keeps (POSIX; ignored on
// Windows, where a replaced file's security comes from its folder).
struct KeptFileAttributes {
    std::uint32_t mode;
    std::uint32_t uid;
    std::uint32_t gid;
};

// Writes bytes to a temporary file beside path, flushes it to disk, and
// moves it into place in one step; on any failure the temporary file is
// removed and path is as it was. The file is 0644, owned by the caller,
// unless kept says otherwise (the owner is kept when running as root).
// Throws Failure(EXISTS) when a different file is there and replace is
// false, Failure(IO) when the disk refuses.
WriteOutcome write_file_atomically(const std::filesystem::path& path, gsl::span<const std::uint8_t> bytes,
                                   bool replace, const std::optional<KeptFileAttributes>& kept = std::nullopt);

}  // namespace cachain
