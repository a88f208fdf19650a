#include "directory_store.h"

#include <algorithm>
#include <cstdio>
#include <regex>

#include "certificate_encoding.h"
#include "certificate_parser.h"
#include "path_loader.h"
#include "trusted_folder.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

// Hashed names as `openssl rehash` makes them: 8 hex digits, a dot, a number.
bool is_hashed_name(const fs::path& path) {
    static const std::regex pattern("[0-9a-f]{8}\\.[0-9]+");
    return std::regex_match(path.filename().string(), pattern);
}

std::string hash_prefix(const Certificate& cert) {
    char text[16];
    std::snprintf(text, sizeof text, "%08lx", cert.subject_hash());
    return text;
}

// Adds the fix to a permission problem; other failures pass unchanged.
Failure write_failure(const Failure& failure, const fs::path& folder) {
    if (failure.status() != CACHAIN_E_ACCESS_DENIED) return failure;
    return Failure(CACHAIN_E_ACCESS_DENIED, utf8_from_path(folder),
                   "cannot write to the folder (" + failure.reason() + "); give your account write access to it, "
                   "or choose another -StorePath");
}

}  // namespace

DirectoryStore::DirectoryStore(fs::path folder) : folder_(std::move(folder)) {}

fs::path DirectoryStore::folder_of(StoreKind kind) const { return folder_ / store_kind_name(kind); }

std::string DirectoryStore::location(StoreKind kind) const { return utf8_from_path(folder_of(kind)); }

std::map<std::string, fs::path>& DirectoryStore::index(StoreKind kind) {
    if (const auto found = indexes_.find(kind); found != indexes_.end()) return found->second;
    auto& entries = indexes_[kind];
    std::error_code error;
    for (fs::directory_iterator it(folder_of(kind), error), end; !error && it != end; it.increment(error)) {
        if (!is_hashed_name(it->path())) continue;
        try {
            const auto certs = parse_certificates(read_certificate_file(it->path()), utf8_from_path(it->path()), nullptr);
            if (certs.size() == 1) entries.emplace(certs[0]->thumbprint(), it->path());
        } catch (const Failure& failure) {
            // Left alone, but said: OpenSSL's -CApath reads a hashed name as
            // a certificate, so one it cannot read may be a missing root.
            unreadable_[kind].push_back({utf8_from_path(it->path()), failure.reason()});
        }
    }
    return entries;
}

std::vector<UnreadableEntry> DirectoryStore::unreadable(StoreKind kind) {
    index(kind);
    return unreadable_[kind];
}

std::string DirectoryStore::missing_folder() const {
    std::error_code error;
    return fs::is_directory(folder_, error) ? std::string{} : utf8_from_path(folder_);
}

bool DirectoryStore::contains(StoreKind kind, const std::string& thumbprint) {
    return index(kind).count(thumbprint) > 0 || unnamed_.count({kind, thumbprint}) > 0;
}

// Only writes the file under a temporary name: commit() names it, so that
// one flush to disk serves every file of the import.
bool DirectoryStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    if (contains(kind, thumbprint)) return false;
    const auto cert = parse_certificates(der, thumbprint, nullptr).at(0);
    const auto pem = encode_pem(*cert);
    const fs::path folder = folder_of(kind);
    try {
        make_trusted_folder(folder);
        pending_.push_back({kind, thumbprint, hash_prefix(*cert), batch_.stage(folder, hash_prefix(*cert), pem)});
        unnamed_.emplace(kind, thumbprint);
    } catch (const Failure& failure) {
        throw write_failure(failure, folder);
    }
    return true;
}

// Try <hash>.0, <hash>.1, ... : a name holding the same bytes means another
// process placed it first; a different certificate with the same subject
// hash moves us on to the next number.
void DirectoryStore::publish(const Pending& file) {
    const fs::path folder = folder_of(file.kind);
    for (int n = 0; n < 1000; ++n) {
        const fs::path path = folder / (file.hash + "." + std::to_string(n));
        try {
            if (batch_.publish(file.staged, path) == WriteOutcome::Unchanged) placed_by_others_.emplace(file.kind, file.thumbprint);
            index(file.kind).emplace(file.thumbprint, path);
            return;
        } catch (const Failure& failure) {
            if (failure.status() != CACHAIN_E_EXISTS) throw write_failure(failure, folder);
        }
    }
    throw Failure(CACHAIN_E_IO, utf8_from_path(folder), "too many certificates share the subject hash " + file.hash);
}

// When naming fails part-way, the caller undoes the transaction: remove()
// then drops the files not yet named, deletes those named, and leaves the
// ones another process placed. Only then does placed_by_others_ reset.
void DirectoryStore::commit() {
    if (pending_.empty()) {
        placed_by_others_.clear();
        return;
    }
    try {
        batch_.make_durable();
    } catch (const Failure& failure) {
        throw write_failure(failure, folder_);
    }
    while (!pending_.empty()) {
        publish(pending_.front());
        unnamed_.erase({pending_.front().kind, pending_.front().thumbprint});
        pending_.pop_front();
    }
    try {
        batch_.sync_folders();
    } catch (const Failure& failure) {
        throw write_failure(failure, folder_);
    }
    placed_by_others_.clear();
}

bool DirectoryStore::remove(StoreKind kind, const std::string& thumbprint) {
    if (unnamed_.erase({kind, thumbprint}) > 0) {
        const auto file = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& unnamed) {
            return unnamed.kind == kind && unnamed.thumbprint == thumbprint;
        });
        batch_.discard(file->staged);
        pending_.erase(file);
        return true;
    }
    if (placed_by_others_.erase({kind, thumbprint}) > 0) return false;
    auto& entries = index(kind);
    const auto found = entries.find(thumbprint);
    if (found == entries.end()) return false;
    refuse_symlinked_folder(folder_of(kind));
    std::error_code error;
    if (!fs::remove(found->second, error) && error) {
        const bool denied = error == std::errc::permission_denied || error == std::errc::read_only_file_system;
        throw write_failure(Failure(denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO, utf8_from_path(found->second),
                                    "cannot remove the file (" + error.message() + ")"),
                            folder_of(kind));
    }
    entries.erase(found);
    return true;
}

std::vector<StoredCertificate> DirectoryStore::list(StoreKind kind) {
    std::vector<StoredCertificate> stored;
    for (const auto& [thumbprint, path] : index(kind)) {
        const auto certs = parse_certificates(read_certificate_file(path), utf8_from_path(path), nullptr);
        const auto der = certs.at(0)->der();
        stored.push_back({{der.begin(), der.end()}, thumbprint});
    }
    return stored;
}

}  // namespace cachain
