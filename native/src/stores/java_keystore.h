// One Java keystore file (JKS or PKCS#12), read and changed through the
// real keytool, which knows both formats and their integrity checks;
// CaChain parses neither. The password reaches keytool through a variable
// of its own environment, never its command line. POSIX only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gsl/gsl>

namespace cachain {

struct KeystoreEntry {
    std::string alias;
    bool trusted_certificate = false;  // a trustedCertEntry: what Java's default trust manager trusts
    std::string pem;                   // its certificate ("" for other entries)
};

class JavaKeystore {
public:
    // file: the keystore keytool works on; shown_as: how messages name it
    // (the user's keystore, when file is a working copy of it).
    JavaKeystore(std::filesystem::path file, std::string shown_as, std::string password,
                 std::string keytool = "keytool");

    std::vector<KeystoreEntry> entries() const;
    // Adds der as a trusted certificate under alias; keytool creates the
    // keystore (PKCS#12) when the file does not exist.
    void add(const std::string& alias, gsl::span<const std::uint8_t> der);
    void remove(const std::string& alias);

private:
    std::string run(std::vector<std::string> arguments, const char* doing) const;

    std::filesystem::path file_;
    std::string shown_as_, password_, keytool_;
};

// The keystore of the running JDK, $JAVA_HOME's when it is set (Failure
// PATH_NOT_FOUND when that JDK has none), else the one whose keytool the
// system runs: its lib/security/cacerts, or jre/lib/security/cacerts for
// Java 8. Throws Failure(NOT_SUPPORTED) naming the package when there is
// no keytool.
std::filesystem::path default_java_keystore(const std::string& keytool = "keytool");

}  // namespace cachain
