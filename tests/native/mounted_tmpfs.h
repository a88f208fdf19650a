// A small tmpfs of a test's own, mounted on a fresh folder and unmounted
// when the test ends, pass or fail: a disk that fills up, or that is
// remounted read-only, without touching any real one. Needs root (mount(2)).
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "temp_folder.h"

namespace cachain::testing {

class MountedTmpfs {
public:
    explicit MountedTmpfs(const std::string& size) : at_(folder_ / "mnt") {
        std::filesystem::create_directories(at_);
        const std::string options = "size=" + size + ",mode=0755";
        if (mount("tmpfs", at_.c_str(), "tmpfs", 0, options.c_str()) == 0) mounted_ = true;
        else error_ = "cannot mount a tmpfs on " + at_.string() + " (" + std::strerror(errno) + "); this test needs root";
    }
    ~MountedTmpfs() {
        if (mounted_) umount2(at_.c_str(), MNT_DETACH);
    }
    MountedTmpfs(const MountedTmpfs&) = delete;
    MountedTmpfs& operator=(const MountedTmpfs&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& error() const { return error_; }
    const std::filesystem::path& path() const { return at_; }

    // Remounts it read-only: "" on success, else why not.
    std::string remount_read_only() {
        if (mount(nullptr, at_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0) return {};
        return std::string("cannot remount read-only (") + std::strerror(errno) + ")";
    }

    // Free blocks, and their size.
    unsigned long free_blocks() const {
        struct statvfs status {};
        statvfs(at_.c_str(), &status);
        return status.f_bavail;
    }
    unsigned long block_size() const {
        struct statvfs status {};
        statvfs(at_.c_str(), &status);
        return status.f_bsize;
    }

    // Fills it with a file until exactly blocks_left blocks are free: "" on
    // success, else why not.
    std::string fill_leaving(unsigned long blocks_left) {
        const unsigned long free = free_blocks();
        if (free < blocks_left) return "only " + std::to_string(free) + " blocks are free";
        const int fd = open((at_ / "filler").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) return std::string("cannot create the filler (") + std::strerror(errno) + ")";
        const int error = posix_fallocate(fd, 0, static_cast<off_t>((free - blocks_left) * block_size()));
        close(fd);
        if (error != 0) return std::string("cannot fill (") + std::strerror(error) + ")";
        if (free_blocks() != blocks_left) return std::to_string(free_blocks()) + " blocks are free after filling";
        return {};
    }

private:
    TempFolder folder_;
    std::filesystem::path at_;
    bool mounted_ = false;
    std::string error_;
};

}  // namespace cachain::testing
