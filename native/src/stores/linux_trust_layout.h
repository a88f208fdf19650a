// Where a Linux distribution keeps its trust anchors, which bundle its tool
// regenerates from them, and whether that tool can run from here. Read from
// the system root itself (its os-release and its folders), never from the
// tools this machine happens to have: a RHEL image mounted on a Debian host
// is still RHEL, and Debian's update-ca-certificates must not be run on it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cachain {

struct DebianCertificateSources {
    std::filesystem::path configuration;  // etc/ca-certificates.conf: the shipped certificates in use
    std::filesystem::path certificates;   // usr/share/ca-certificates, which its lines name files in
    std::filesystem::path local;          // usr/local/share/ca-certificates: every *.crt below it
};

struct LinuxTrustLayout {
    std::string distribution;                   // "Debian", "RHEL", "SUSE"
    std::filesystem::path system_root;          // "/" for this machine, else an image's folder
    std::filesystem::path anchors;              // where our roots go: a folder the refresh tool reads
    std::filesystem::path intermediates;        // our folder for CA certificates (never anchors)
    std::filesystem::path bundle;               // the file the refresh regenerates: proof of the outcome
    std::vector<std::string> refresh;           // the command that regenerates it
    std::vector<std::string> refresh_after_removal;
    std::vector<std::filesystem::path> required_folders;  // made before the refresh runs
    // An image's own update hooks (Debian's etc/ca-certificates/update.d):
    // never run from here, only named; empty for this machine.
    std::filesystem::path image_hooks;
    // False for an image whose tool cannot run from this machine (RHEL's
    // update-ca-trust and SUSE's update-ca-certificates know no system root;
    // Debian's needs a Debian host): the files are written, and the caller is
    // told to run the refresh inside the image: refresh and
    // refresh_after_removal are then the commands as typed there.
    bool refresh_runs_here = true;
    // Debian's update-ca-certificates: where it reads certificates from.
    // It replaces the bundle only with a non-empty one, so when none is left
    // the bundle must be emptied by us (see LinuxSystemTrust::refresh_anchors).
    std::optional<DebianCertificateSources> debian_sources;
};

// Debian and Ubuntu: /usr/local/share/ca-certificates + update-ca-certificates.
// With a system root other than "/", every folder and the configuration are
// passed to the tool explicitly, so it touches nothing outside that root, and
// the links it makes are relative (see the .cpp).
LinuxTrustLayout debian_layout(const std::filesystem::path& system_root);

// RHEL, Fedora and their kin: /etc/pki/ca-trust/source/anchors + update-ca-trust extract.
LinuxTrustLayout rhel_layout(const std::filesystem::path& system_root);

// SUSE and openSUSE: /etc/pki/trust/anchors + (SUSE's) update-ca-certificates.
LinuxTrustLayout suse_layout(const std::filesystem::path& system_root);

// The layout of the distribution under system_root ("/" for this machine):
// by its os-release ID, then ID_LIKE; else by the anchors folder it has
// (SUSE's, then RHEL's); else Debian. For this machine, throws
// Failure(NOT_SUPPORTED) when the distribution's tool is not installed.
LinuxTrustLayout detect_linux_trust_layout(const std::filesystem::path& system_root);

// The command to run inside the image, as the user would type it
// ("update-ca-trust extract").
std::string command_line(const std::vector<std::string>& command);

}  // namespace cachain
