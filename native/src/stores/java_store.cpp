#include "java_store.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <system_error>

#include "atomic_file.h"
#include "certificate_parser.h"
#include "store_file.h"
#include "utf8_path.h"
#include "whole_file.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

// A truststore holds a few hundred certificates at most.
constexpr std::uintmax_t largest_keystore = 64u << 20;

std::optional<std::vector<std::uint8_t>> read_keystore(const fs::path& keystore) {
    return read_store_file(keystore, largest_keystore, "keystore of CAs");
}

}  // namespace

std::string java_alias(const std::string& thumbprint) {
    std::string alias = "cachain-" + thumbprint;
    std::transform(alias.begin(), alias.end(), alias.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return alias;
}

JavaStore::JavaStore(fs::path keystore, std::string password, std::string keytool)
    : keystore_(std::move(keystore)), password_(std::move(password)), keytool_(std::move(keytool)) {}

JavaStore::~JavaStore() { discard_working_copy(); }

std::string JavaStore::location(StoreKind) const { return utf8_from_path(keystore_); }

std::string JavaStore::why_no_intermediates() const {
    return "Java trusts every certificate of a keystore as a root of its own, so CaChain puts only roots in "
           "one; the server must send its intermediates";
}

// keytool's copy of the keystore, made at first use from the keystore as read.
JavaKeystore JavaStore::working_copy() {
    if (work_folder_.empty()) {
        loaded_ = read_keystore(keystore_);
        std::string pattern = (fs::temp_directory_path() / "cachain-keystore-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw Failure(CACHAIN_E_IO, pattern, "cannot create a private folder for keytool's copy");
        work_folder_ = pattern;
        if (loaded_) write_file_atomically(work_folder_ / "keystore", *loaded_, false);
    }
    return JavaKeystore(work_folder_ / "keystore", location(StoreKind::Root), password_, keytool_);
}

void JavaStore::discard_working_copy() {
    std::error_code ignored;
    if (!work_folder_.empty()) fs::remove_all(work_folder_, ignored);
    work_folder_.clear();
    held_.reset();
    changed_ = false;
}

std::vector<JavaStore::Held>& JavaStore::held() {
    if (held_) return *held_;
    JavaKeystore keystore = working_copy();
    std::vector<Held> found;
    unreadable_.clear();
    if (loaded_) {
        for (const KeystoreEntry& entry : keystore.entries()) {
            if (!entry.trusted_certificate) continue;  // a key of the application's own: no trust anchor
            const std::string where = location(StoreKind::Root) + " (alias " + entry.alias + ")";
            try {
                const auto cert = parse_certificates({reinterpret_cast<const std::uint8_t*>(entry.pem.data()), entry.pem.size()}, where, nullptr).at(0);
                const auto der = cert->der();
                const bool ours = entry.alias == java_alias(cert->thumbprint());
                found.push_back({{{der.begin(), der.end()}, cert->thumbprint(),
                                  ours ? std::string{} : location(StoreKind::Root) + " (not placed by CaChain: alias " + entry.alias + ")"},
                                 entry.alias});
            } catch (const Failure& failure) {
                unreadable_.push_back({where, failure.reason()});
            }
        }
    }
    held_ = std::move(found);
    return *held_;
}

bool JavaStore::contains(StoreKind kind, const std::string& thumbprint) {
    if (kind != StoreKind::Root) return false;
    const auto& entries = held();
    return std::any_of(entries.begin(), entries.end(), [&](const Held& entry) { return entry.certificate.thumbprint == thumbprint; });
}

bool JavaStore::owns(StoreKind kind, const std::string& thumbprint) {
    if (kind != StoreKind::Root) return false;
    const auto& entries = held();
    return std::any_of(entries.begin(), entries.end(), [&](const Held& entry) { return entry.alias == java_alias(thumbprint); });
}

void JavaStore::read_again() {
    if (!changed_) discard_working_copy();
}

bool JavaStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    if (kind != StoreKind::Root) throw Failure(CACHAIN_E_REFUSED, location(kind), why_no_intermediates());
    if (contains(kind, thumbprint)) return false;
    working_copy().add(java_alias(thumbprint), der);
    held_->push_back({{{der.begin(), der.end()}, thumbprint, ""}, java_alias(thumbprint)});
    changed_ = true;
    return true;
}

bool JavaStore::remove(StoreKind kind, const std::string& thumbprint) {
    if (kind != StoreKind::Root) return false;
    auto& entries = held();
    const auto ours = std::find_if(entries.begin(), entries.end(), [&](const Held& entry) { return entry.alias == java_alias(thumbprint); });
    if (ours == entries.end()) return false;
    working_copy().remove(ours->alias);
    entries.erase(ours);
    changed_ = true;
    return true;
}

std::vector<StoredCertificate> JavaStore::list(StoreKind kind) {
    std::vector<StoredCertificate> listed;
    if (kind != StoreKind::Root) return listed;
    for (const auto& entry : held()) listed.push_back(entry.certificate);
    return listed;
}

std::vector<UnreadableEntry> JavaStore::unreadable(StoreKind kind) {
    if (kind != StoreKind::Root) return {};
    held();
    return unreadable_;
}

void JavaStore::commit() {
    if (!changed_) return;
    try {
        if (read_keystore(keystore_) != loaded_)
            throw Failure(CACHAIN_E_IO, location(StoreKind::Root),
                          "another program changed the keystore while CaChain worked on it; nothing was written: run the command again");
        const fs::path target = store_file_target(keystore_);
        const auto bytes = read_whole_file(work_folder_ / "keystore", fs::file_size(work_folder_ / "keystore"));
        std::error_code error;
        if (working_copy().entries().empty()) {
            // Like a PEM bundle: a keystore the removal left with nothing in it is deleted.
            if (fs::remove(target, error); error)
                throw Failure(CACHAIN_E_IO, utf8_from_path(target), "cannot delete the emptied keystore (" + error.message() + ")");
            loaded_.reset();
        } else {
            rewrite_store_file(target, bytes, loaded_.has_value());
            loaded_ = bytes;
        }
        changed_ = false;
    } catch (const Failure&) {
        // Nothing was written: the keystore is read anew, so the caller's
        // undo finds what it added absent and writes nothing.
        discard_working_copy();
        throw;
    }
}

std::string JavaStore::missing_folder() const {
    std::error_code error;
    return fs::exists(keystore_, error) ? std::string{} : utf8_from_path(keystore_);
}

}  // namespace cachain
