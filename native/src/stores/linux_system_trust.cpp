#include "linux_system_trust.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <utility>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "atomic_file.h"
#include "certificate_encoding.h"
#include "certificate_parser.h"
#include "path_loader.h"
#include "process_runner.h"
#include "trusted_folder.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

// Adds the fix for a user who is not root; root itself is refused only by
// the file system (read-only), where that advice would mislead.
Failure permission_failure(const Failure& failure) {
    if (failure.status() != CACHAIN_E_ACCESS_DENIED || geteuid() == 0) return failure;
    return Failure(CACHAIN_E_ACCESS_DENIED, failure.item(),
                   failure.reason() + "; the system trust store needs root: run as root (sudo pwsh), "
                                      "or use -StoreLocation CurrentUser or -StorePath <folder>");
}

// Serialises commits between processes: two refreshes at once could each
// write a bundle missing the other's change, and two rewrites of
// intermediates.pem could each miss the other's file. The lock is taken on
// the folder itself, so it leaves no file behind for a removal to undo.
class FolderLock {
public:
    explicit FolderLock(const fs::path& folder) {
        std::error_code error;
        if (fs::exists(fs::symlink_status(folder, error))) refuse_symlinked_folder(folder);
        else make_trusted_folder(folder);
        fd_ = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd_ >= 0) flock(fd_, LOCK_EX);
    }
    int descriptor() const { return fd_; }
    ~FolderLock() {
        if (fd_ >= 0) close(fd_);  // closing releases the lock
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_ = -1;
};

// The file's identity, to tell whether a tool replaced it; nothing when absent.
std::optional<std::pair<dev_t, ino_t>> file_identity(const fs::path& path) {
    struct stat status {};
    if (stat(path.c_str(), &status) != 0) return std::nullopt;
    return std::make_pair(status.st_dev, status.st_ino);
}

// Whether Debian's update-ca-certificates has no certificate left to put in
// its bundle, by its own rules: a line of its configuration (not "!" or "#")
// naming a file in the certificates folder, or any *.crt below the local one.
bool no_certificate_left(const DebianCertificateSources& sources) {
    std::ifstream configuration(sources.configuration);
    std::string line;
    while (std::getline(configuration, line)) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#' || line[first] == '!') continue;
        const auto last = line.find_last_not_of(" \t\r");
        std::error_code error;
        // Joined as the tool joins them ("$CERTSDIR/$crt"): a line never leaves the folder.
        const fs::path named = sources.certificates.string() + "/" + line.substr(first, last - first + 1);
        if (fs::is_regular_file(named, error)) return false;
    }
    std::error_code error;
    for (fs::recursive_directory_iterator it(sources.local, fs::directory_options::follow_directory_symlink, error), end;
         !error && it != end; it.increment(error)) {
        std::error_code ignored;
        if (it->path().extension() == ".crt" && fs::is_regular_file(it->path(), ignored)) return false;
    }
    return true;
}

std::string last_lines(const std::string& output) {
    constexpr std::size_t keep = 400;
    return output.size() <= keep ? output : "..." + output.substr(output.size() - keep);
}

}  // namespace

LinuxSystemTrust::LinuxSystemTrust(LinuxTrustLayout layout) : layout_(std::move(layout)) {}

std::string LinuxSystemTrust::location(StoreKind kind) const {
    return utf8_from_path(kind == StoreKind::Root ? layout_.anchors : layout_.intermediates);
}

fs::path LinuxSystemTrust::file_for(StoreKind kind, const std::string& thumbprint) const {
    // update-ca-certificates reads only *.crt files, and concatenates them
    // as they are: they must be PEM, or the bundle is corrupt.
    return kind == StoreKind::Root ? layout_.anchors / (thumbprint + ".crt") : layout_.intermediates / (thumbprint + ".pem");
}

// The CA store's certificates in one file, beside their folder, for tools
// that take an untrusted chain file.
fs::path LinuxSystemTrust::intermediates_file() const { return layout_.intermediates.parent_path() / "intermediates.pem"; }

// The folders kind's files go in, from the top: CaChain's intermediates
// folder sits in a cachain folder of its own, which must be as safe.
std::vector<fs::path> LinuxSystemTrust::own_folders(StoreKind kind) const {
    if (kind == StoreKind::Root) return {layout_.anchors};
    return {layout_.intermediates.parent_path(), layout_.intermediates};
}

namespace {

// The certificates of a bundle file that clients load, as OpenSSL loads
// them: one it cannot use leaves the others usable (its reason goes to
// left_out). Throws Failure when the file cannot be read at all.
std::vector<CertificatePtr> certificates_in(const fs::path& file, std::vector<Failure>& left_out) {
    return parse_certificate_bundle(read_certificate_file(file), utf8_from_path(file), left_out);
}

// The thumbprints of the certificates in file; none when it is absent or unreadable.
std::set<std::string> thumbprints_in(const fs::path& file) {
    std::set<std::string> thumbprints;
    try {
        std::vector<Failure> left_out;
        for (const auto& cert : certificates_in(file, left_out)) thumbprints.insert(cert->thumbprint());
    } catch (const Failure&) {
        // No bundle yet (a fresh system root): nothing is in it.
    }
    return thumbprints;
}

}  // namespace

const std::set<std::string>& LinuxSystemTrust::bundle_thumbprints() {
    if (!bundle_thumbprints_) bundle_thumbprints_ = thumbprints_in(layout_.bundle);
    return *bundle_thumbprints_;
}

const std::set<std::string>& LinuxSystemTrust::offered_intermediates() {
    if (!offered_intermediates_) offered_intermediates_ = thumbprints_in(intermediates_file());
    return *offered_intermediates_;
}

// Whether the file of thumbprint is in the file the tools read: the bundle
// (when its refresh runs here), intermediates.pem. An import killed between
// writing the file and the refresh leaves one that is not, and that the
// next import must take in rather than call already present.
bool LinuxSystemTrust::taken_in(StoreKind kind, const std::string& thumbprint) {
    if (kind == StoreKind::CA) return offered_intermediates().count(thumbprint) > 0;
    return !layout_.refresh_runs_here || bundle_thumbprints().count(thumbprint) > 0;
}

bool LinuxSystemTrust::contains(StoreKind kind, const std::string& thumbprint) {
    std::error_code error;
    if (fs::exists(file_for(kind, thumbprint), error)) return taken_in(kind, thumbprint);
    return kind == StoreKind::Root && bundle_thumbprints().count(thumbprint) > 0;
}

bool LinuxSystemTrust::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    const auto cert = parse_certificates(der, thumbprint, nullptr).at(0);
    const fs::path file = file_for(kind, thumbprint);
    WriteOutcome outcome{};
    try {
        for (const auto& folder : own_folders(kind)) make_trusted_folder(folder);
        outcome = write_file_atomically(file, encode_pem(*cert), false);
    } catch (const Failure& failure) {
        throw permission_failure(failure);
    }
    if (outcome != WriteOutcome::Written && taken_in(kind, thumbprint)) return false;
    if (kind == StoreKind::Root) {
        added_roots_.insert(thumbprint);
        removed_roots_.erase(thumbprint);  // a removal being rolled back: the bundle must hold it again
    } else {
        intermediates_changed_ = true;
    }
    return true;
}

bool LinuxSystemTrust::remove(StoreKind kind, const std::string& thumbprint) {
    const fs::path file = file_for(kind, thumbprint);
    for (const auto& folder : own_folders(kind)) refuse_symlinked_folder(folder);
    std::error_code error;
    if (!fs::remove(file, error)) {
        if (!error) return false;
        const bool denied = error == std::errc::permission_denied || error == std::errc::read_only_file_system;
        throw permission_failure(Failure(denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, utf8_from_path(file),
                                         "cannot remove the file (" + error.message() + ")"));
    }
    if (kind == StoreKind::Root) {
        removed_roots_.insert(thumbprint);
        added_roots_.erase(thumbprint);
    } else {
        intermediates_changed_ = true;
    }
    return true;
}

// The files kind's certificates are read from: for Root the bundle first
// (roots another tool or a package put there), then CaChain's own folder.
std::vector<fs::path> LinuxSystemTrust::files_of(StoreKind kind) const {
    std::vector<fs::path> files;
    if (kind == StoreKind::Root) files.push_back(layout_.bundle);
    std::error_code error;
    const fs::path folder = kind == StoreKind::Root ? layout_.anchors : layout_.intermediates;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        // A hidden file is a write's temporary file, left whole or not by a killed import: never ours to offer.
        if (it->path().filename().string().rfind('.', 0) != 0) files.push_back(it->path());
    }
    return files;
}

std::vector<StoredCertificate> LinuxSystemTrust::list(StoreKind kind) {
    std::vector<StoredCertificate> stored;
    std::map<std::string, std::size_t> seen;
    for (const auto& file : files_of(kind)) {
        const bool in_bundle = file == layout_.bundle;
        try {
            std::vector<Failure> left_out;  // unreadable() names them
            const auto certs = in_bundle ? certificates_in(file, left_out)
                                         : parse_certificates(read_certificate_file(file), utf8_from_path(file), nullptr);
            for (const auto& cert : certs) {
                const auto [at, added] = seen.emplace(cert->thumbprint(), stored.size());
                // A root of CaChain's folder is in the bundle too: it is ours.
                if (!added && !in_bundle) stored[at->second].source.clear();
                if (!added) continue;
                const auto der = cert->der();
                stored.push_back({{der.begin(), der.end()}, cert->thumbprint(), in_bundle ? utf8_from_path(file) : ""});
            }
        } catch (const Failure&) {
            // A missing bundle or a stray file holds no trusted certificate (unreadable() names them).
        }
    }
    return stored;
}

std::vector<UnreadableEntry> LinuxSystemTrust::unreadable(StoreKind kind) {
    std::vector<UnreadableEntry> entries;
    for (const auto& file : files_of(kind)) {
        std::error_code error;
        if (file == layout_.bundle && !fs::exists(file, error)) continue;  // no bundle yet: nothing unread
        try {
            if (file != layout_.bundle) {
                parse_certificates(read_certificate_file(file), utf8_from_path(file), nullptr);
                continue;
            }
            std::vector<Failure> left_out;
            certificates_in(file, left_out);
            for (const auto& failure : left_out) entries.push_back({failure.item(), failure.reason()});
        } catch (const Failure& failure) {
            // An empty bundle is what a refresh leaves when no root is left.
            if (file == layout_.bundle && failure.status() == CACHAIN_E_EMPTY) continue;
            entries.push_back({utf8_from_path(file), failure.reason()});
        }
    }
    return entries;
}

// The roots a refresh has taken in, when it runs here: a .crt the bundle
// lacks is not trusted by anything that reads the bundle.
std::vector<StoredCertificate> LinuxSystemTrust::trusted(StoreKind kind) {
    auto stored = list(kind);
    if (kind == StoreKind::CA || !layout_.refresh_runs_here) return stored;
    bundle_thumbprints_.reset();  // what the bundle holds now, not when this object first looked
    const auto& bundle = bundle_thumbprints();
    stored.erase(std::remove_if(stored.begin(), stored.end(), [&](const StoredCertificate& entry) { return !bundle.count(entry.thumbprint); }),
                 stored.end());
    return stored;
}

void LinuxSystemTrust::commit() {
    const FolderLock lock(layout_.intermediates.parent_path());
    if (intermediates_changed_) rewrite_intermediates_bundle();
    if (added_roots_.empty() && removed_roots_.empty()) return;
    if (layout_.refresh_runs_here) refresh_anchors(lock.descriptor());
    else leave_refresh_to_the_image();
}

std::string LinuxSystemTrust::missing_folder() const {
    std::error_code error;
    if (layout_.system_root == "/" || fs::is_directory(layout_.system_root, error)) return {};
    return utf8_from_path(layout_.system_root);
}

std::vector<std::string> LinuxSystemTrust::take_warnings() { return std::exchange(warnings_, {}); }

// The tool runs holding our lock (held_lock, inherited), so that a refresh
// outliving a killed import still excludes the next one.
void LinuxSystemTrust::refresh_anchors(int held_lock) {
    for (const auto& folder : layout_.required_folders) {
        // The tool writes the bundle there: made as safe as our own folders.
        std::error_code error;
        if (!fs::exists(folder, error)) make_trusted_folder(folder);
    }
    if (layout_.debian_sources) {
        // Debian's tool appends to <bundle>.new and removes it only when it
        // ends by itself: one killed mid-way (Ctrl+C) leaves it, and the next
        // run would add its stale content, removed roots too, to the bundle.
        // No tool runs now (each holds the lock), so it is a leftover.
        std::error_code ignored;
        fs::remove(layout_.bundle.string() + ".new", ignored);
    }
    const auto& command = removed_roots_.empty() ? layout_.refresh : layout_.refresh_after_removal;
    const auto bundle_before = file_identity(layout_.bundle);
    const ProcessResult result = run_system_tool(command, held_lock);
    bundle_thumbprints_.reset();
    const std::string tool = command.front();
    if (result.exit_code != 0) {
        throw Failure(result.exit_code == -1 ? CACHAIN_E_NOT_SUPPORTED : CACHAIN_E_IO, tool,
                      "failed with exit code " + std::to_string(result.exit_code) + " regenerating " +
                          utf8_from_path(layout_.bundle) + ": " + last_lines(result.output));
    }
    // Debian's tool replaces the bundle only with a non-empty one: after the
    // last certificate is removed it leaves the old bundle, which still
    // trusts everything removed. Both conditions, so that a tool that did
    // nothing for another reason (below) never costs a machine its bundle.
    if (layout_.debian_sources && file_identity(layout_.bundle) == bundle_before &&
        no_certificate_left(*layout_.debian_sources)) {
        try {
            write_file_atomically(layout_.bundle, {}, true);
        } catch (const Failure& failure) {
            throw permission_failure(failure);
        }
    }
    // The tool exits 0 even on an unknown option: believe the bundle, not the exit code.
    const auto& trusted = bundle_thumbprints();
    for (const auto& thumbprint : added_roots_) {
        if (!trusted.count(thumbprint)) {
            throw Failure(CACHAIN_E_IO, tool,
                          "ran, but the root " + thumbprint + " is not in " + utf8_from_path(layout_.bundle) +
                              " afterwards: " + last_lines(result.output));
        }
    }
    for (const auto& thumbprint : removed_roots_) {
        if (trusted.count(thumbprint)) {
            throw Failure(CACHAIN_E_IO, tool,
                          "ran, but the root " + thumbprint + " is still in " + utf8_from_path(layout_.bundle) +
                              " afterwards: " + last_lines(result.output));
        }
    }
    added_roots_.clear();
    removed_roots_.clear();
    warn_of_image_hooks();
}

// The image's update hooks were not run (linux_trust_layout.cpp says why):
// name them, and where they can run.
void LinuxSystemTrust::warn_of_image_hooks() {
    if (layout_.image_hooks.empty()) return;
    std::set<std::string> hooks;
    std::error_code error;
    for (fs::directory_iterator it(layout_.image_hooks, error), end; !error && it != end; it.increment(error))
        hooks.insert(utf8_from_path(it->path().filename()));
    if (hooks.empty()) return;
    std::string names;
    for (const auto& hook : hooks) names += (names.empty() ? "" : ", ") + hook;
    const std::string root = utf8_from_path(layout_.system_root);
    warnings_.push_back(root + "'s own update hooks in " + utf8_from_path(layout_.image_hooks) + " (" + names +
                        ") were not run: they are the image's programs, which must not run as root on this "
                        "machine; run 'update-ca-certificates' inside the image to run them (for example: chroot " +
                        root + " update-ca-certificates)");
}

// The image's tool cannot run from here: the anchors are written, and the
// caller is told the one command that makes the image trust them.
void LinuxSystemTrust::leave_refresh_to_the_image() {
    const std::string root = utf8_from_path(layout_.system_root);
    const std::string command = command_line(removed_roots_.empty() ? layout_.refresh : layout_.refresh_after_removal);
    warnings_.assign(1, root + " is a " + layout_.distribution + " image whose own tool cannot run from this machine: run '" +
                            command + "' inside the image (for example: chroot " + root + " " + command +
                            ") so that its trust bundle reflects the change in " + utf8_from_path(layout_.anchors));
    added_roots_.clear();
    removed_roots_.clear();
}

// When the last intermediate is removed, the file stays, empty, rather than
// going: a path an administrator configured (a proxy's chain file, a script's
// -untrusted) is then still there, and holds exactly what the folder holds,
// nothing. A missing file fails every tool that opens it; an empty one only
// those that demand at least one certificate (OpenSSL's loaders do: there,
// both fail alike).
void LinuxSystemTrust::rewrite_intermediates_bundle() {
    std::vector<std::uint8_t> bundle;
    for (const auto& stored : list(StoreKind::CA)) {
        const auto pem = encode_pem(*parse_certificates(stored.der, stored.thumbprint, nullptr).at(0));
        bundle.insert(bundle.end(), pem.begin(), pem.end());
    }
    const fs::path file = intermediates_file();
    std::error_code error;
    if (!intermediates_file_was_there_) intermediates_file_was_there_ = fs::exists(file, error);
    // But an import undone leaves none where there was none.
    if (bundle.empty() && !*intermediates_file_was_there_) {
        fs::remove(file, error);
        if (error) throw Failure(CACHAIN_E_IO, utf8_from_path(file), "cannot remove the file (" + error.message() + ")");
        offered_intermediates_.reset();
        intermediates_changed_ = false;
        return;
    }
    try {
        write_file_atomically(file, bundle, true);
    } catch (const Failure& failure) {
        throw permission_failure(failure);
    }
    offered_intermediates_.reset();
    intermediates_changed_ = false;
}

}  // namespace cachain
