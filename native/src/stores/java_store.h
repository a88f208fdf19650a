// A Java keystore as a trust store: the JDK's cacerts, or an application's
// own truststore (Tomcat, Jenkins, Elasticsearch...), JKS or PKCS#12,
// changed through the real keytool (java_keystore.h).
//
// Only roots go in, as trusted certificates under the alias
// "cachain-<thumbprint>": Java trusts every trusted certificate of a
// keystore as a trust anchor of its own, so an intermediate placed there
// would be trusted even without its root, beyond the root's reach.
//
// keytool rewrites a keystore in place, so CaChain lets it work on a copy
// and puts the copy in place in one step at commit, only if nobody changed
// the keystore meanwhile: a failed or undone call leaves it untouched.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certificate.h"
#include "java_keystore.h"
#include "trust_store.h"

namespace cachain {

// The alias CaChain gives a root: "cachain-<thumbprint>", in lower case
// (JKS keeps aliases in lower case).
std::string java_alias(const std::string& thumbprint);

class JavaStore : public TrustStore {
public:
    JavaStore(std::filesystem::path keystore, std::string password, std::string keytool = "keytool");
    ~JavaStore() override;
    JavaStore(const JavaStore&) = delete;
    JavaStore& operator=(const JavaStore&) = delete;

    std::string location(StoreKind kind) const override;
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_JAVA; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    // Only CaChain's own alias for it.
    bool owns(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    // Deletes CaChain's own alias only; false when there is none.
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    // Root: every trusted certificate (others' with a source naming their
    // alias); CA: nothing, ever.
    std::vector<StoredCertificate> list(StoreKind kind) override;
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    // Puts the changed copy in place in one step (a symbolic link's target,
    // the mode kept), unless another program changed the keystore since it
    // was read: then nothing is written, and Failure says to run again.
    void commit() override;
    // Reads the keystore anew, unless changes wait for commit.
    void read_again() override;
    std::string missing_folder() const override;
    const char* missing_noun() const override { return "keystore"; }
    bool root_also_in_ca() const override { return false; }
    std::string why_no_intermediates() const override;

private:
    struct Held {
        StoredCertificate certificate;
        std::string alias;
    };
    std::vector<Held>& held();
    JavaKeystore working_copy();
    void discard_working_copy();

    std::filesystem::path keystore_;
    std::string password_, keytool_;
    std::optional<std::vector<std::uint8_t>> loaded_;  // the keystore as read; none: no keystore yet
    std::filesystem::path work_folder_;                // the copy keytool changes, in a private folder
    std::optional<std::vector<Held>> held_;
    std::vector<UnreadableEntry> unreadable_;
    bool changed_ = false;
};

}  // namespace cachain
