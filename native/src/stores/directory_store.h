// A trust store in an ordinary folder: Root/ and CA/ beside each other,
// each certificate a PEM file under OpenSSL's hashed name (<hash>.<n>), so
// `openssl verify -CApath <folder>/Root -untrusted ...` works on it as is.
// For air-gapped staging, containers and tests.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "certificate.h"
#include "trust_store.h"

namespace cachain {

class DirectoryStore : public TrustStore {
public:
    explicit DirectoryStore(std::filesystem::path folder);

    std::string location(StoreKind kind) const override;
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    std::string missing_folder() const override;

private:
    // Thumbprint -> file, read from the folder once and kept up to date by
    // this object. Another process's changes are caught by add(), whose
    // exclusive create never trusts this cache.
    std::map<std::string, std::filesystem::path>& index(StoreKind kind);
    std::filesystem::path folder_of(StoreKind kind) const;

    std::filesystem::path folder_;
    std::map<StoreKind, std::map<std::string, std::filesystem::path>> indexes_;
    std::map<StoreKind, std::vector<UnreadableEntry>> unreadable_;  // found while indexing
};

}  // namespace cachain
