#include "file_batch.h"

#include <algorithm>
#include <cerrno>
#include <set>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "failure.h"
#include "io_failure.h"

namespace cachain {

namespace fs = std::filesystem;

#ifndef _WIN32
namespace {

// mkstemp's file, written whole and closed, or removed again and Failure.
fs::path write_temporary(const fs::path& folder, const std::string& name, gsl::span<const std::uint8_t> bytes) {
    std::string pattern = (folder / ("." + name + ".XXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw io_failure(folder / name, "create a temporary file in the folder", errno);
    bool written = false;
    const auto close_file = gsl::finally([&] {
        close(fd);
        if (!written) unlink(pattern.c_str());
    });
    fchmod(fd, 0644);  // certificates are public; mkstemp makes files private
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t count = write(fd, bytes.data() + done, bytes.size() - done);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) throw io_failure(folder / name, "write the file", errno);
        done += static_cast<std::size_t>(count);
    }
    written = true;
    return pattern;
}

}  // namespace

FileBatch::~FileBatch() {
    for (const auto& staged : staged_)
        if (staged.pending) unlink(staged.temporary.c_str());
    for (const auto& [folder, fd] : folders_) close(fd);
}

int FileBatch::folder_descriptor(const fs::path& folder) {
    if (const auto found = folders_.find(folder); found != folders_.end()) return found->second;
    const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw io_failure(folder, "open the folder", errno);
    folders_.emplace(folder, fd);
    return fd;
}

std::size_t FileBatch::stage(const fs::path& folder, const std::string& name, gsl::span<const std::uint8_t> bytes) {
    folder_descriptor(folder);
    Staged staged{folder, write_temporary(folder, name, bytes), {bytes.begin(), bytes.end()}};
    staged_.push_back(std::move(staged));
    return staged_.size() - 1;
}

// One syncfs per file system flushes every staged file at once: for a
// thousand small files, tens of times faster than an fsync of each, which
// waits for a journal commit each time. It flushes the rest of that file
// system too, which costs this call time but nobody correctness.
void FileBatch::make_durable() {
    std::set<dev_t> synced;
    for (auto& staged : staged_) {
        if (!staged.pending || staged.durable) continue;
        const int fd = folders_.at(staged.folder);
        struct stat status {};
        if (fstat(fd, &status) != 0) throw io_failure(staged.folder, "read the folder", errno);
        if (synced.insert(status.st_dev).second && syncfs(fd) != 0)
            throw io_failure(staged.folder, "flush the files to disk", errno);
        staged.durable = true;
    }
}

WriteOutcome FileBatch::publish(std::size_t index, const fs::path& path) {
    Staged& staged = staged_.at(index);
    Expects(staged.pending && staged.durable);
    WriteOutcome outcome = plan_write(path, staged.bytes, false);
    // link() refuses to replace an existing name, which makes "create only
    // if absent" one atomic step even when two imports race.
    if (outcome == WriteOutcome::Written && link(staged.temporary.c_str(), path.c_str()) != 0) {
        if (errno != EEXIST) throw io_failure(path, "create the file", errno);
        outcome = plan_write(path, staged.bytes, false);  // someone was quicker: the same bytes, or Failure(EXISTS)
    }
    if (outcome == WriteOutcome::Written) renamed_in_.push_back(staged.folder);
    discard(index);
    return outcome;
}

void FileBatch::discard(std::size_t index) {
    Staged& staged = staged_.at(index);
    if (!staged.pending) return;
    unlink(staged.temporary.c_str());
    staged.pending = false;
    staged.bytes.clear();
}

void FileBatch::sync_folders() {
    std::sort(renamed_in_.begin(), renamed_in_.end());
    renamed_in_.erase(std::unique(renamed_in_.begin(), renamed_in_.end()), renamed_in_.end());
    for (const auto& folder : renamed_in_)
        if (fsync(folders_.at(folder)) != 0) throw io_failure(folder, "flush the folder to disk", errno);
    renamed_in_.clear();
}
#else
// Windows keeps the bytes until publish, which writes them through
// write_file_atomically: MoveFileEx has no hard-link step to defer to.
FileBatch::~FileBatch() = default;

std::size_t FileBatch::stage(const fs::path& folder, const std::string&, gsl::span<const std::uint8_t> bytes) {
    staged_.push_back({folder, {}, {bytes.begin(), bytes.end()}});
    return staged_.size() - 1;
}

void FileBatch::make_durable() {
    for (auto& staged : staged_) staged.durable = true;
}

WriteOutcome FileBatch::publish(std::size_t index, const fs::path& path) {
    Staged& staged = staged_.at(index);
    Expects(staged.pending && staged.durable);
    const WriteOutcome outcome = write_file_atomically(path, staged.bytes, false);
    discard(index);
    return outcome;
}

void FileBatch::discard(std::size_t index) {
    Staged& staged = staged_.at(index);
    staged.pending = false;
    staged.bytes.clear();
}

void FileBatch::sync_folders() {}
#endif

}  // namespace cachain
