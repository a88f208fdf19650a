// A PEM bundle as a trust store: one file of trusted CAs that CaChain keeps,
// for the tools that take such a file instead of reading the system's
// trust (curl --cacert, git's http.sslCAInfo, NODE_EXTRA_CA_CERTS, a
// proxy's CA file). Roots and intermediates share the file, each in a block
// marked with its thumbprint (pem_bundle.h); the rest of the file is kept
// byte for byte, and removal takes out exactly CaChain's blocks.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pem_bundle.h"
#include "trust_store.h"

namespace cachain {

// The bundle a user's tools are pointed at when no file is named:
// $XDG_DATA_HOME/cachain/ca-bundle.pem (~/.local/share/...) on Linux,
// %LOCALAPPDATA%\CaChain\ca-bundle.pem on Windows. Throws Failure(ARGUMENT)
// when neither the variable nor a home folder is set.
std::filesystem::path default_bundle_path();

class PemBundleStore : public TrustStore {
public:
    explicit PemBundleStore(std::filesystem::path file);

    std::string location(StoreKind kind) const override;
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_BUNDLE; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    // Root: CaChain's roots and every certificate others put in the file
    // (a client trusts each one); CA: CaChain's intermediates.
    std::vector<StoredCertificate> list(StoreKind kind) override;
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    // Writes the file in one step (a symbolic link's target; the mode kept),
    // unless another program changed it since it was read: then nothing is
    // written, and Failure says to run again. A bundle left empty is deleted.
    void commit() override;
    std::string missing_folder() const override;
    const char* missing_noun() const override { return "file"; }
    // One file: a root is in it once, never again as an intermediate.
    bool root_also_in_ca() const override { return false; }

private:
    PemBundle& bundle();
    std::optional<std::string> read_text() const;  // none: no file
    void write(const std::string& text);
    Failure changed_meanwhile() const;

    std::filesystem::path file_;
    std::optional<PemBundle> bundle_;
    std::optional<std::string> loaded_;  // the file as read, to see another program's change at commit
    std::vector<UnreadableEntry> unreadable_;
    bool changed_ = false;
};

}  // namespace cachain
