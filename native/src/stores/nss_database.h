// One NSS certificate database (a folder with cert9.db: Chromium's
// ~/.pki/nssdb, a Firefox profile), read and changed through the real
// certutil from Debian's libnss3-tools, as mkcert does: NSS's own tool
// knows its database format, locking and trust flags; CaChain writes none
// of them itself. POSIX only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gsl/gsl>

namespace cachain {

struct NssEntry {
    std::string nickname;
    std::string trust;  // certutil's "SSL,S/MIME,JAR/XPI" flags: "C,,", ",,", "CT,C,C"
    // Whether the SSL flags make it a trust anchor for TLS servers.
    bool trusted_for_servers() const;
};

class NssDatabase {
public:
    // certutil: the tool's name, looked up only in the system folders
    // (process_runner.h); tests name a missing one.
    explicit NssDatabase(std::filesystem::path folder, std::string certutil = "certutil");

    const std::filesystem::path& folder() const { return folder_; }
    // Whether the folder holds an SQL database (cert9.db).
    bool exists() const;
    // Throws Failure(NOT_SUPPORTED), naming the package, when certutil is
    // not installed.
    void check_tool() const;
    // Makes an empty database without a password, as Chromium does on its
    // first start, creating the folder when missing.
    void create();

    std::vector<NssEntry> entries() const;
    // The certificates certutil finds under nickname, as PEM: NSS finds
    // certificates by subject, so every certificate sharing the subject of
    // the named one comes back too.
    std::string pem(const std::string& nickname) const;
    // The SHA-1 thumbprints (upper-case hex) of the certificates certutil
    // finds under nickname that NSS trusts for TLS servers ("Trusted CA",
    // or "Trusted" for a server certificate trusted directly, among their
    // SSL flags): per certificate, since those sharing a
    // subject share a nickname lookup but not their trust.
    std::vector<std::string> trusted_for_servers(const std::string& nickname) const;
    // trust: "C,," for a root, ",," for an intermediate. An entry certutil
    // stored before it failed to set its trust is deleted again.
    void add(const std::string& nickname, const std::string& trust, gsl::span<const std::uint8_t> der);
    // Deletes exactly the entry of this nickname.
    void remove(const std::string& nickname);

private:
    std::string run(std::vector<std::string> arguments, const char* doing) const;

    std::filesystem::path folder_;
    std::string certutil_;
};

}  // namespace cachain
