// A trust store in an ordinary folder: Root/ and CA/ beside each other,
// each certificate a PEM file under OpenSSL's hashed name (<hash>.<n>), so
// `openssl verify -CApath <folder>/Root -untrusted ...` works on it as is.
// For air-gapped staging, containers and tests.
#pragma once

#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "certificate.h"
#include "file_batch.h"
#include "trust_store.h"

namespace cachain {

class DirectoryStore : public TrustStore {
public:
    explicit DirectoryStore(std::filesystem::path folder);

    std::string location(StoreKind kind) const override;
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_DIRECTORY; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    std::string missing_folder() const override;
    // Gives every file add() wrote its hashed name, after one flush to disk
    // for all of them (file_batch.h).
    void commit() override;

private:
    // A file add() wrote under a temporary name, for commit() to name.
    struct Pending {
        StoreKind kind;
        std::string thumbprint;
        std::string hash;  // the subject hash: the name is <hash>.<n>
        std::size_t staged;
    };

    void publish(const Pending& file);

    // Thumbprint -> file, read from the folder once and kept up to date by
    // this object. Another process's changes are caught by add(), whose
    // exclusive create never trusts this cache.
    std::map<std::string, std::filesystem::path>& index(StoreKind kind);
    std::filesystem::path folder_of(StoreKind kind) const;

    std::filesystem::path folder_;
    std::map<StoreKind, std::map<std::string, std::filesystem::path>> indexes_;
    std::map<StoreKind, std::vector<UnreadableEntry>> unreadable_;  // found while indexing
    FileBatch batch_;
    std::deque<Pending> pending_;  // in the order they were added
    std::set<std::pair<StoreKind, std::string>> unnamed_;  // (kind, thumbprint) of each in pending_
    // Files another process placed while ours waited for commit(): reported
    // as added by this call, but not ours to remove when it is undone.
    std::set<std::pair<StoreKind, std::string>> placed_by_others_;
};

}  // namespace cachain
