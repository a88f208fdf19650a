// An NSS certificate database as a trust store: what Chromium (in
// ~/.pki/nssdb) and Firefox (in each profile) trust on Linux, beside the
// system's trust. Changed only through the real certutil (nss_database.h).
//
// Roots go in as "CaChain Root <thumbprint>" with trust "C,," (a CA trusted
// to issue TLS server certificates); intermediates as "CaChain CA
// <thumbprint>" with no trust at all, so that NSS uses them to build paths
// but never trusts them on their own. Removal deletes exactly those
// nicknames; an entry of someone else's is never changed or removed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certificate.h"
#include "nss_database.h"
#include "trust_store.h"

namespace cachain {

// The nickname CaChain gives a certificate of kind: "CaChain Root <thumbprint>".
std::string nss_nickname(StoreKind kind, const std::string& thumbprint);

class NssStore : public TrustStore {
public:
    explicit NssStore(NssDatabase database);

    // The database's folder, for both kinds: one database holds both.
    std::string location(StoreKind kind) const override;
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_NSS; }
    // Root: some entry holds it trusted for TLS servers; CA: some entry
    // holds it at all (NSS keeps one entry per certificate, so adding it
    // again would change another's entry).
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    // Only CaChain's own nickname for it.
    bool owns(StoreKind kind, const std::string& thumbprint) override;
    // Refused (CACHAIN_E_REFUSED) for a root the database holds under
    // another nickname without trust: trusting it would change someone
    // else's entry. Creates the database when it does not exist yet.
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    // Deletes CaChain's own entry only; false when there is none. A
    // database this store created is deleted again when its last entry
    // goes, so that an undone call leaves no empty database behind.
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    // Root: every certificate trusted for TLS servers; CA: every other
    // certificate. Those under others' nicknames have a source naming them.
    std::vector<StoredCertificate> list(StoreKind kind) override;
    // Root: the entries certutil could not hand over as certificates.
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    void read_again() override { held_.reset(); }
    std::string missing_folder() const override;
    const char* missing_noun() const override { return "NSS database"; }
    bool root_also_in_ca() const override { return false; }

private:
    struct Held {
        StoredCertificate certificate;
        std::string nickname;
        bool trusted = false;
    };
    std::vector<Held>& held();
    const Held* find(const std::string& thumbprint);
    std::vector<CertificatePtr> read_entry(const NssEntry& entry, std::vector<std::string>& trusted);
    void create_database();
    void delete_created_database();

    NssDatabase database_;
    std::optional<std::vector<Held>> held_;  // read once, then kept up to date by add and remove
    std::vector<UnreadableEntry> unreadable_;
    // What create_database made: the outermost folder it created, or else
    // the database's own files in a folder that was there.
    std::vector<std::filesystem::path> created_;
};

}  // namespace cachain
