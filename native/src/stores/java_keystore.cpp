#include "java_keystore.h"

#include <optional>
#include <sstream>
#include <system_error>

#include "environment_variable.h"
#include "failure.h"
#include "process_runner.h"
#include "tool_input_file.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

constexpr const char* password_variable = "CACHAIN_KEYSTORE_PASSWORD";

bool says(const std::string& output, const char* words) { return output.find(words) != std::string::npos; }

Failure keytool_missing(const std::string& keytool) {
    return Failure(CACHAIN_E_NOT_SUPPORTED, keytool,
                   "is not installed, and Java keystores are changed only through it: install a Java runtime "
                   "(Debian and Ubuntu: default-jre-headless), then run again");
}

// What keytool's failure means for the person who ran the command.
Failure keytool_failure(const std::string& shown_as, const std::string& keytool, const std::string& doing,
                        const ProcessResult& result) {
    if (result.exit_code == -1 && says(result.output, " is not in ")) return keytool_missing(keytool);
    if (says(result.output, "password was incorrect") || says(result.output, "Integrity check failed"))
        return Failure(CACHAIN_E_WRONG_PASSWORD, shown_as,
                       "the keystore refused the password: give its password with -KeystorePassword (a JDK's cacerts "
                       "uses changeit unless someone changed it)");
    if (says(result.output, "keystore format") || says(result.output, "Keystore file exists, but is empty") ||
        says(result.output, "toDerInputStream") || says(result.output, "DerInputStream"))
        return Failure(CACHAIN_E_UNSUPPORTED_FORMAT, shown_as,
                       "is not a keystore keytool can read (damaged, or not JKS or PKCS#12)");
    std::string said = result.output;
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    return Failure(CACHAIN_E_IO, shown_as, "keytool failed to " + doing + " the keystore: " + said);
}

// keytool -list -rfc: each entry starts "Alias name: <alias>", then says
// its type ("Entry type: trustedCertEntry"), then, for a trusted
// certificate, its PEM block.
std::vector<KeystoreEntry> parse_listing(const std::string& output) {
    std::vector<KeystoreEntry> entries;
    std::istringstream lines(output);
    std::string line;
    bool in_pem = false;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("Alias name: ", 0) == 0) {
            entries.push_back({line.substr(12), false, ""});
        } else if (entries.empty()) {
            continue;
        } else if (line == "Entry type: trustedCertEntry") {
            entries.back().trusted_certificate = true;
        } else if (entries.back().trusted_certificate && line == "-----BEGIN CERTIFICATE-----") {
            in_pem = true;
        }
        if (in_pem) entries.back().pem += line + "\n";
        if (line == "-----END CERTIFICATE-----") in_pem = false;
    }
    return entries;
}

}  // namespace

JavaKeystore::JavaKeystore(fs::path file, std::string shown_as, std::string password, std::string keytool)
    : file_(std::move(file)), shown_as_(std::move(shown_as)), password_(std::move(password)), keytool_(std::move(keytool)) {}

std::string JavaKeystore::run(std::vector<std::string> arguments, const char* doing) const {
    arguments.insert(arguments.begin(), keytool_);
    arguments.insert(arguments.end(), {"-keystore", utf8_from_path(file_), "-storepass:env", password_variable});
    const ProcessResult result = run_system_tool_with(arguments, {std::string(password_variable) + "=" + password_});
    if (result.exit_code != 0) throw keytool_failure(shown_as_, keytool_, doing, result);
    return result.output;
}

std::vector<KeystoreEntry> JavaKeystore::entries() const { return parse_listing(run({"-list", "-rfc"}, "read")); }

void JavaKeystore::add(const std::string& alias, gsl::span<const std::uint8_t> der) {
    const ToolInputFile file("keytool", der);
    run({"-importcert", "-noprompt", "-alias", alias, "-file", file.path()}, "change");
}

void JavaKeystore::remove(const std::string& alias) { run({"-delete", "-alias", alias}, "change"); }

namespace {

// A JDK's cacerts: lib/security/cacerts, or jre/lib/security/cacerts for Java 8.
std::optional<fs::path> cacerts_of(const fs::path& java_home) {
    std::error_code error;
    for (const fs::path& candidate : {java_home / "lib" / "security" / "cacerts", java_home / "jre" / "lib" / "security" / "cacerts"})
        if (fs::exists(candidate, error)) return candidate;
    return std::nullopt;
}

}  // namespace

fs::path default_java_keystore(const std::string& keytool) {
    const auto program = find_system_tool(keytool);
    if (!program) throw keytool_missing(keytool);
    // JAVA_HOME when set, as Java's own start scripts (Tomcat's, Jenkins')
    // choose their JDK by it; one without a cacerts is a mistake to say,
    // not a reason to make a keystore there. (A relative JAVA_HOME means
    // nothing outside the shell that set it, and is not followed.)
    if (const auto java_home = environment_variable("JAVA_HOME"); !java_home.empty() && java_home.front() == '/') {
        if (const auto cacerts = cacerts_of(java_home)) return *cacerts;
        throw Failure(CACHAIN_E_PATH_NOT_FOUND, java_home,
                      "JAVA_HOME names this JDK, which has no lib/security/cacerts: correct JAVA_HOME, or name the "
                      "keystore with -KeystorePath");
    }
    std::error_code error;
    const fs::path java_home = fs::canonical(*program, error).parent_path().parent_path();
    if (error) throw Failure(CACHAIN_E_IO, *program, "cannot follow it to its JDK (" + error.message() + ")");
    // A JDK without one yet gets one, created at first write as any keystore is.
    return cacerts_of(java_home).value_or(java_home / "lib" / "security" / "cacerts");
}

}  // namespace cachain
