#include "atomic_file.h"

#include <algorithm>
#include <cerrno>
#include <random>
#include <vector>

#ifdef _WIN32
#include <chrono>
#include <thread>

#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "failure.h"
#include "io_failure.h"
#include "utf8_path.h"
#include "whole_file.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;
using Bytes = gsl::span<const std::uint8_t>;

enum class Existing { None, Same, Different };

// What is at path now, compared with bytes. The sizes are compared before
// any content, so an empty bytes never matches a file that holds something.
Existing compare_existing(const fs::path& path, Bytes bytes) {
    std::error_code error;
    const auto status = fs::symlink_status(path, error);
    if (error || !fs::exists(status)) return Existing::None;
    if (!fs::is_regular_file(status))
        throw Failure(CACHAIN_E_EXISTS, utf8_from_path(path), "something that is not a regular file is in the way");
    const auto size = fs::file_size(path, error);
    if (error) throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot read the existing file (" + error.message() + ")");
    if (size != bytes.size()) return Existing::Different;  // whatever it holds
    const auto content = read_whole_file(path, size);
    return std::equal(content.begin(), content.end(), bytes.begin()) ? Existing::Same : Existing::Different;
}

Failure refused_overwrite(const fs::path& path) {
    return Failure(CACHAIN_E_EXISTS, utf8_from_path(path),
                   "a different file with this name already exists; it was left as it is (use -Force to replace it)");
}

#ifndef _WIN32
// The temporary file: created exclusively beside the target, written and
// flushed. Removed again by its destructor unless released.
class TemporaryFile {
public:
    TemporaryFile(const fs::path& target, Bytes bytes, const std::optional<KeptFileAttributes>& kept) {
        std::string pattern = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw io_failure(target, "create a temporary file in the folder", errno);
        path_ = pattern;
        const auto close_file = gsl::finally([fd] { close(fd); });
        // A constructor that throws runs no destructor: remove the half-written file here.
        auto remove_on_failure = gsl::finally([this] { if (!written_) unlink(path_.c_str()); });
        // Certificates are public (mkstemp makes files private), unless the
        // file replaced was someone's with a mode and owner of its own: a
        // keystore may hold keys, and is never readable by others meanwhile.
        fchmod(fd, kept ? static_cast<mode_t>(kept->mode & 07777) : 0644);
        if (kept && geteuid() == 0 && fchown(fd, kept->uid, kept->gid) != 0) throw io_failure(target, "keep the file's owner", errno);
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t written = write(fd, bytes.data() + done, bytes.size() - done);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) throw io_failure(target, "write the file", errno);
            done += static_cast<std::size_t>(written);
        }
        if (fsync(fd) != 0) throw io_failure(target, "flush the file to disk", errno);
        written_ = true;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (!path_.empty()) unlink(path_.c_str());
    }
    const std::string& path() const { return path_; }
    void release() { path_.clear(); }

private:
    std::string path_;
    bool written_ = false;
};

// link() refuses to replace an existing name, which makes "create only if
// absent" one atomic step even when two exports race.
bool publish_without_replacing(TemporaryFile& temporary, const fs::path& path) {
    if (link(temporary.path().c_str(), path.c_str()) == 0) return true;
    if (errno == EEXIST) return false;
    throw io_failure(path, "create the file", errno);
}

void publish_replacing(TemporaryFile& temporary, const fs::path& path) {
    if (rename(temporary.path().c_str(), path.c_str()) != 0) throw io_failure(path, "replace the file", errno);
    temporary.release();
}
#else
// The temporary file: created new beside the target under a random name,
// written and flushed. Deleted again by its destructor unless released.
class TemporaryFile {
public:
    TemporaryFile(const fs::path& target, Bytes bytes, const std::optional<KeptFileAttributes>&) {
        HANDLE file = INVALID_HANDLE_VALUE;
        for (int attempt = 0; attempt < 16 && file == INVALID_HANDLE_VALUE; ++attempt) {
            path_ = target.parent_path() / (L"." + target.filename().wstring() + L"." + random_suffix() + L".tmp");
            file = CreateFileW(path_.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
            if (file == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) break;
        }
        if (file == INVALID_HANDLE_VALUE) {
            const DWORD error = GetLastError();
            path_.clear();
            throw io_failure(target, "create a temporary file in the folder", error);
        }
        // A constructor that throws runs no destructor: delete the half-written
        // file here (after closing it, which the later-declared guard's turn ensures).
        auto delete_on_failure = gsl::finally([this] { if (!written_) DeleteFileW(path_.c_str()); });
        auto close_file = gsl::finally([file] { CloseHandle(file); });
        std::size_t done = 0;
        while (done < bytes.size()) {
            const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
            DWORD written = 0;
            if (!WriteFile(file, bytes.data() + done, chunk, &written, nullptr) || written == 0)
                throw io_failure(target, "write the file", GetLastError());
            done += written;
        }
        if (!FlushFileBuffers(file)) throw io_failure(target, "flush the file to disk", GetLastError());
        written_ = true;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (!path_.empty()) DeleteFileW(path_.c_str());
    }
    const fs::path& path() const { return path_; }
    void release() { path_.clear(); }

private:
    static std::wstring random_suffix() {
        static thread_local std::mt19937 random{std::random_device{}()};
        return std::to_wstring(random());
    }

    fs::path path_;
    bool written_ = false;
};

// Without MOVEFILE_REPLACE_EXISTING the move fails when the name exists,
// which makes "create only if absent" one step even when two exports race.
bool publish_without_replacing(TemporaryFile& temporary, const fs::path& path) {
    if (MoveFileExW(temporary.path().c_str(), path.c_str(), MOVEFILE_WRITE_THROUGH)) {
        temporary.release();
        return true;
    }
    const DWORD error = GetLastError();
    if (error == ERROR_ALREADY_EXISTS || error == ERROR_FILE_EXISTS) return false;
    throw io_failure(path, "create the file", error);
}

// Replaces the file in one step: readers see the old file or the new one. A
// reader that holds the file without sharing deletion (an antivirus scanner,
// an indexer) blocks the move for a moment, so a sharing violation is retried.
void publish_replacing(TemporaryFile& temporary, const fs::path& path) {
    constexpr int attempts = 20;  // 20 x 10 ms
    for (int attempt = 1;; ++attempt) {
        if (MoveFileExW(temporary.path().c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) break;
        const DWORD error = GetLastError();
        if (error != ERROR_SHARING_VIOLATION || attempt == attempts) throw io_failure(path, "replace the file", error);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    temporary.release();
}
#endif

}  // namespace

WriteOutcome plan_write(const fs::path& path, Bytes bytes, bool replace) {
    const Existing existing = compare_existing(path, bytes);
    if (existing == Existing::None) return WriteOutcome::Written;
    if (existing == Existing::Same) return WriteOutcome::Unchanged;
    if (!replace) throw refused_overwrite(path);
    return WriteOutcome::Replaced;
}

WriteOutcome write_file_atomically(const fs::path& path, Bytes bytes, bool replace,
                                   const std::optional<KeptFileAttributes>& kept) {
    const WriteOutcome planned = plan_write(path, bytes, replace);
    if (planned == WriteOutcome::Unchanged) return planned;
    TemporaryFile temporary(path, bytes, kept);
    if (planned == WriteOutcome::Written && publish_without_replacing(temporary, path)) return WriteOutcome::Written;
    // Someone created the file since we looked: decide again on what is there now.
    const WriteOutcome now = plan_write(path, bytes, replace);
    if (now == WriteOutcome::Unchanged) return now;
    publish_replacing(temporary, path);
    return WriteOutcome::Replaced;
}

}  // namespace cachain
