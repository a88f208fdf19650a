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

#include "stores/trust_store.h"

namespace cachain {

struct LinuxTrustLayout {
    std::string distribution;                   // "Debian", "RHEL", "SUSE"
    std::filesystem::path anchors;              // our folder inside the distribution's anchors folder
    std::filesystem::path intermediates;        // our folder for CA certificates (never anchors)
    std::filesystem::path bundle;               // the file the refresh regenerates: proof of the outcome
    std::vector<std::string> refresh;           // the command that regenerates it
    std::vector<std::string> refresh_after_removal;
    std::vector<std::filesystem::path> required_folders;  // made before the refresh runs
};

// Debian and Ubuntu: /usr/local/share/ca-certificates + update-ca-certificates.
// With a system root other than "/", every folder and the configuration are
// passed to the tool explicitly (--certsconf, --certsdir, --localcertsdir,
// --etccertsdir, --hooksdir), so it touches nothing outside that root.
LinuxTrustLayout debian_layout(const std::filesystem::path& system_root);

// The layout of the distribution found under system_root ("/" for this
// machine): SUSE (/etc/pki/trust/anchors), RHEL and Fedora
// (/etc/pki/ca-trust/source/anchors + update-ca-trust), else Debian.
// Throws Failure(NOT_SUPPORTED) when none of their tools is installed.
LinuxTrustLayout detect_linux_trust_layout(const std::filesystem::path& system_root);

class LinuxSystemTrust : public TrustStore {
public:
    explicit LinuxSystemTrust(LinuxTrustLayout layout);

    std::string location(StoreKind kind) const override;
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;
    void commit() override;

private:
    std::filesystem::path file_for(StoreKind kind, const std::string& thumbprint) const;
    const std::set<std::string>& bundle_thumbprints();
    void refresh_anchors();
    void rewrite_intermediates_bundle();

    LinuxTrustLayout layout_;
    std::optional<std::set<std::string>> bundle_thumbprints_;
    std::set<std::string> added_roots_, removed_roots_;
    bool intermediates_changed_ = false;
};

}  // namespace cachain
