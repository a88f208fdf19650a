// The Linux system trust: what "LocalMachine" means on Linux. Roots become
// trust anchors the way the distribution expects (a PEM .crt file in its
// anchors folder, then its refresh tool); intermediates never do.
//
// Why intermediates stay out of the anchors: an anchor is trusted on its
// own, so an intermediate there would make every certificate it issued
// trusted even with its root removed or distrusted. Linux has no system
// store for intermediates, so CaChain keeps them, as PEM, in
// /usr/local/share/cachain/intermediates/ and concatenated in
// /usr/local/share/cachain/intermediates.pem, for tools that take an
// untrusted chain file (openssl verify -untrusted, s_client
// -verify_untrusted... ) and for Test-CaChain.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linux_trust_layout.h"
#include "trust_store.h"

namespace cachain {

class LinuxSystemTrust : public TrustStore {
public:
    explicit LinuxSystemTrust(LinuxTrustLayout layout);

    std::string location(StoreKind kind) const override;
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_LOCAL_MACHINE; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;
    std::vector<StoredCertificate> trusted(StoreKind kind) override;
    std::vector<UnreadableEntry> unreadable(StoreKind kind) override;
    void commit() override;
    std::vector<std::string> take_warnings() override;
    std::string missing_folder() const override;

private:
    std::filesystem::path file_for(StoreKind kind, const std::string& thumbprint) const;
    std::vector<std::filesystem::path> own_folders(StoreKind kind) const;
    std::vector<std::filesystem::path> files_of(StoreKind kind) const;
    std::filesystem::path intermediates_file() const;
    const std::set<std::string>& bundle_thumbprints();
    const std::set<std::string>& offered_intermediates();
    bool taken_in(StoreKind kind, const std::string& thumbprint);
    void refresh_anchors(int held_lock);
    void leave_refresh_to_the_image();
    void warn_of_image_hooks();
    void rewrite_intermediates_bundle();

    LinuxTrustLayout layout_;
    std::optional<std::set<std::string>> bundle_thumbprints_;
    std::optional<std::set<std::string>> offered_intermediates_;
    std::set<std::string> added_roots_, removed_roots_;
    bool intermediates_changed_ = false;
    std::optional<bool> intermediates_file_was_there_;  // before this store first rewrote it
    std::vector<std::string> warnings_;
};

}  // namespace cachain
