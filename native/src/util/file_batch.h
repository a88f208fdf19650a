// Writing many files so that nobody ever sees half of one, with one flush
// to disk for all of them instead of one per file: each file is written
// under a hidden temporary name, the batch is flushed, and only then does
// each file get its final name (never replacing a different file), after
// which the folders' new entries are flushed once.
//
// A crash at any moment leaves each final name absent or whole; what it
// may leave are hidden temporary files (".<name>.XXXXXX"), which no one
// reads as a certificate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "atomic_file.h"

namespace cachain {

class FileBatch {
public:
    FileBatch() = default;
    FileBatch(const FileBatch&) = delete;
    FileBatch& operator=(const FileBatch&) = delete;
    // Removes every staged file that was not published.
    ~FileBatch();

    // Writes bytes to a hidden temporary file in folder named after name, not
    // yet flushed. Returns the file's number for publish and discard.
    // Throws Failure(ACCESS_DENIED / IO) naming folder / name.
    std::size_t stage(const std::filesystem::path& folder, const std::string& name, gsl::span<const std::uint8_t> bytes);

    // Flushes every staged file to disk. Throws Failure(IO) when the disk
    // reports that a write was lost.
    void make_durable();

    // Gives a staged, durable file its final name path, unless path exists:
    // Written, or Unchanged when path holds the same bytes already (another
    // process was quicker; the staged file is dropped). Throws
    // Failure(EXISTS) when a different file is there, which leaves the
    // staged file for another name; Failure(IO / ACCESS_DENIED) otherwise.
    WriteOutcome publish(std::size_t staged, const std::filesystem::path& path);

    // Drops a staged file that was not published.
    void discard(std::size_t staged);

    // Flushes the new names of the folders that got any to disk.
    void sync_folders();

private:
    struct Staged {
        std::filesystem::path folder;
        std::filesystem::path temporary;  // POSIX: the hidden file; Windows writes at publish
        std::vector<std::uint8_t> bytes;
        bool pending = true;              // neither published nor discarded
        bool durable = false;
    };

    std::vector<Staged> staged_;
#ifndef _WIN32
    // Opened before the first file in it is written, so that syncfs reports
    // any write-back error since then (Linux 5.8 and later).
    int folder_descriptor(const std::filesystem::path& folder);
    std::map<std::filesystem::path, int> folders_;  // folder -> its descriptor
    std::vector<std::filesystem::path> renamed_in_;  // folders that got a name since sync_folders
#endif
};

}  // namespace cachain
