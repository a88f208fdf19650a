#include "pem_bundle_store.h"

#include <system_error>

#include "certificate_parser.h"
#include "environment_variable.h"
#include "store_file.h"
#include "utf8_path.h"
#include "whole_file.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

// A bundle holds a few hundred certificates at most; a file far larger is
// not one (a wrong path), and is not read into memory.
constexpr std::uintmax_t largest_bundle = 64u << 20;

gsl::span<const std::uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

fs::path default_bundle_path() {
#ifdef _WIN32
    const std::string local = environment_variable("LOCALAPPDATA");
    if (local.empty()) throw Failure(CACHAIN_E_ARGUMENT, "LOCALAPPDATA", "is not set: name the bundle file with -StorePath");
    return path_from_utf8(local) / "CaChain" / "ca-bundle.pem";
#else
    if (const std::string data = environment_variable("XDG_DATA_HOME"); !data.empty() && data.front() == '/')
        return fs::path(data) / "cachain" / "ca-bundle.pem";
    const std::string home = environment_variable("HOME");
    if (home.empty()) throw Failure(CACHAIN_E_ARGUMENT, "HOME", "is not set: name the bundle file with -StorePath");
    return fs::path(home) / ".local" / "share" / "cachain" / "ca-bundle.pem";
#endif
}

PemBundleStore::PemBundleStore(fs::path file) : file_(std::move(file)) {}

std::string PemBundleStore::location(StoreKind) const { return utf8_from_path(file_); }

std::optional<std::string> PemBundleStore::read_text() const {
    const auto bytes = read_store_file(file_, largest_bundle, "bundle of CAs");
    if (!bytes) return std::nullopt;
    return std::string(bytes->begin(), bytes->end());
}

PemBundle& PemBundleStore::bundle() {
    if (!bundle_) {
        loaded_ = read_text();
        bundle_.emplace(loaded_.value_or(""));
    }
    return *bundle_;
}

bool PemBundleStore::contains(StoreKind kind, const std::string& thumbprint) { return bundle().holds(kind, thumbprint); }

bool PemBundleStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    const bool added = bundle().add(kind, der, thumbprint);
    changed_ = changed_ || added;
    return added;
}

bool PemBundleStore::remove(StoreKind kind, const std::string& thumbprint) {
    const bool removed = bundle().remove(kind, thumbprint);
    changed_ = changed_ || removed;
    return removed;
}

std::vector<StoredCertificate> PemBundleStore::list(StoreKind kind) {
    std::vector<StoredCertificate> stored = bundle().ours(kind);
    if (kind != StoreKind::Root) return stored;
    unreadable_.clear();
    // Each piece on its own: two pieces meet where a block of CaChain's was,
    // and need not make one readable text together.
    for (const std::string& piece : bundle().others()) {
        std::vector<Failure> left_out;
        try {
            for (const auto& cert : parse_certificate_bundle(bytes_of(piece), location(kind), left_out)) {
                const auto der = cert->der();
                stored.push_back({{der.begin(), der.end()}, cert->thumbprint(), location(kind) + " (not placed by CaChain)"});
            }
        } catch (const Failure& failure) {
            // No certificate at all (comments only) is nothing; damage is reported.
            if (failure.status() != CACHAIN_E_EMPTY && failure.status() != CACHAIN_E_UNSUPPORTED_FORMAT)
                unreadable_.push_back({location(kind), failure.reason()});
        }
        for (const auto& failure : left_out) unreadable_.push_back({failure.item(), failure.reason()});
    }
    return stored;
}

std::vector<UnreadableEntry> PemBundleStore::unreadable(StoreKind kind) {
    if (kind != StoreKind::Root) return {};
    list(kind);
    return unreadable_;
}

// Creates the bundle's folder when missing (the default bundle's, at first).
void PemBundleStore::write(const std::string& text) {
    try {
        // A file that appeared since it was read is another program's: never replaced.
        rewrite_store_file(store_file_target(file_), bytes_of(text), loaded_.has_value());
    } catch (const Failure& failure) {
        if (failure.status() == CACHAIN_E_EXISTS) throw changed_meanwhile();
        if (failure.status() != CACHAIN_E_ACCESS_DENIED) throw;
        throw Failure(CACHAIN_E_ACCESS_DENIED, failure.item(),
                      failure.reason() + "; give your account write access to it, or choose another -StorePath");
    }
}

Failure PemBundleStore::changed_meanwhile() const {
    return Failure(CACHAIN_E_IO, utf8_from_path(file_),
                   "another program changed the bundle while CaChain worked on it; nothing was written: run the command again");
}

void PemBundleStore::commit() {
    // Back where it started (an undo): nothing to write, whatever others did.
    if (!changed_ || bundle().text() == loaded_.value_or("")) {
        changed_ = false;
        return;
    }
    try {
        // Checked just before writing; a change in the instant between the
        // check and the rename is not seen (there is no lock all writers share).
        if (read_text() != loaded_) throw changed_meanwhile();
        const std::string text = bundle().text();
        if (text.empty()) {
            std::error_code error;
            if (fs::remove(store_file_target(file_), error); error)
                throw Failure(CACHAIN_E_IO, utf8_from_path(file_), "cannot delete the emptied bundle (" + error.message() + ")");
            loaded_.reset();
        } else {
            write(text);
            loaded_ = text;
        }
        changed_ = false;
    } catch (const Failure&) {
        // Nothing was written: the file is read anew, so the caller's undo
        // finds what it added absent (or what it removed present) and writes nothing.
        bundle_.reset();
        changed_ = false;
        throw;
    }
}

std::string PemBundleStore::missing_folder() const {
    std::error_code error;
    return fs::exists(file_, error) ? std::string{} : utf8_from_path(file_);
}

}  // namespace cachain
