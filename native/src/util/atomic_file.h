// Writing a file so that nobody ever sees half of it, and never replacing a
// different file unless asked to.
#pragma once

#include <cstdint>
#include <filesystem>

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

// Writes bytes to a temporary file beside path, flushes it to disk, and
// moves it into place in one step; on any failure the temporary file is
// removed and path is as it was. Throws Failure(EXISTS) when a different
// file is there and replace is false, Failure(IO) when the disk refuses.
WriteOutcome write_file_atomically(const std::filesystem::path& path, gsl::span<const std::uint8_t> bytes,
                                   bool replace);

}  // namespace cachain
