#include "trusted_folder.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl>
#endif

#include "failure.h"
#include "io_failure.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

Failure symlink_refused(const fs::path& path, const std::string& doing) {
    return Failure(CACHAIN_E_REFUSED, utf8_from_path(path),
                   "a symbolic link stands where CaChain's folder should be; CaChain will not " + doing + " through it");
}

#ifndef _WIN32
constexpr mode_t folder_mode = 0755;

std::string octal(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// sshd's StrictModes rule, for one folder: whoever may write to it may add
// a certificate, or replace one of ours, before the next refresh.
void check_no_one_else_can_write(const fs::path& path, const struct stat& status) {
    if (!S_ISDIR(status.st_mode)) throw Failure(CACHAIN_E_IO, utf8_from_path(path), "is not a folder");
    if (status.st_uid != 0 && status.st_uid != geteuid()) {
        throw Failure(CACHAIN_E_REFUSED, utf8_from_path(path),
                      "is owned by another user (uid " + std::to_string(status.st_uid) +
                          "), who could add a certificate to it; CaChain will not place trust there");
    }
    // Allowed: a root-owned folder with the sticky bit (/tmp). Others may add
    // entries there, but cannot rename, replace or remove ours, and an entry
    // of theirs on our path is refused by the owner check above.
    const bool sticky_and_roots = status.st_uid == 0 && (status.st_mode & S_ISVTX) != 0;
    if ((status.st_mode & (S_IWGRP | S_IWOTH)) != 0 && !sticky_and_roots) {
        throw Failure(CACHAIN_E_REFUSED, utf8_from_path(path),
                      "is writable by other users (mode " + octal(status.st_mode) +
                          "); CaChain will not place trust there");
    }
}

// The existing folder and every folder above it up to "/", as the kernel
// resolves them: a symbolic link on the way is judged by where it leads.
void check_up_to_the_root(const fs::path& existing) {
    char* real = realpath(existing.c_str(), nullptr);
    if (real == nullptr) throw io_failure(existing, "resolve the folder", errno);
    const fs::path resolved(real);
    std::free(real);
    fs::path walked;
    for (const auto& part : resolved) {
        walked /= part;
        struct stat status {};
        if (stat(walked.c_str(), &status) != 0) throw io_failure(walked, "inspect the folder", errno);
        check_no_one_else_can_write(walked, status);
    }
}

// One missing folder, made with its mode set in full: mkdir's mode passes
// through the umask, which can only remove bits (umask 077 would hide the
// certificates from services), so fchmod sets them after.
void create_own_folder(const fs::path& path) {
    const bool created = mkdir(path.c_str(), folder_mode) == 0;
    if (!created && errno != EEXIST) throw io_failure(path, "create the folder", errno);
    // O_NOFOLLOW: something made in its place since we looked is not followed.
    const int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP || errno == ENOTDIR) throw symlink_refused(path, "place trust");
        throw io_failure(path, "open the folder", errno);
    }
    const auto close_folder = gsl::finally([fd] { close(fd); });
    if (created && fchmod(fd, folder_mode) != 0) throw io_failure(path, "set the folder's mode", errno);
    struct stat status {};
    if (fstat(fd, &status) != 0) throw io_failure(path, "inspect the folder", errno);
    check_no_one_else_can_write(path, status);
}

// The absolute form of folder, without a trailing separator.
fs::path absolute_folder(const fs::path& folder) {
    fs::path target = fs::absolute(folder).lexically_normal();
    if (!target.has_filename() && target.has_relative_path()) target = target.parent_path();
    return target;
}
#endif

}  // namespace

#ifndef _WIN32
void make_trusted_folder(const fs::path& folder) {
    const fs::path target = absolute_folder(folder);
    fs::path existing = target;
    struct stat status {};
    while (lstat(existing.c_str(), &status) != 0) {
        if (errno != ENOENT) throw io_failure(existing, "inspect the folder", errno);
        existing = existing.parent_path();
    }
    if (existing == target && S_ISLNK(status.st_mode)) throw symlink_refused(target, "place trust");
    check_up_to_the_root(existing);
    fs::path made = existing;
    for (const auto& part : target.lexically_relative(existing)) {
        if (part == ".") continue;
        made /= part;
        create_own_folder(made);
    }
}

void refuse_symlinked_folder(const fs::path& folder) {
    struct stat status {};
    if (lstat(absolute_folder(folder).c_str(), &status) == 0 && S_ISLNK(status.st_mode))
        throw symlink_refused(folder, "remove certificates");
}
#else
void make_trusted_folder(const fs::path& folder) {
    std::error_code error;
    if (fs::is_symlink(folder, error)) throw symlink_refused(folder, "place trust");
    fs::create_directories(folder, error);
    if (error) {
        const bool denied = error == std::errc::permission_denied || error == std::errc::read_only_file_system;
        throw Failure(denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, utf8_from_path(folder),
                      "cannot create the folder (" + error.message() + ")");
    }
}

void refuse_symlinked_folder(const fs::path& folder) {
    std::error_code error;
    if (fs::is_symlink(folder, error)) throw symlink_refused(folder, "remove certificates");
}
#endif

}  // namespace cachain
