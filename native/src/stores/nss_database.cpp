#include "nss_database.h"

#include <algorithm>
#include <sstream>
#include <system_error>

#include "failure.h"
#include "process_runner.h"
#include "tool_input_file.h"
#include "utf8_path.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

bool says(const std::string& output, const char* words) { return output.find(words) != std::string::npos; }

std::string last_line(const std::string& output) {
    std::string text = output;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    const auto start = text.rfind('\n');
    return start == std::string::npos ? text : text.substr(start + 1);
}

// What certutil's failure means for the person who ran the command. NSS
// gives a locked database (another program in the middle of a write) and a
// damaged one the same words, so the message names both.
Failure certutil_failure(const fs::path& folder, const std::string& tool, const std::string& doing,
                         const ProcessResult& result) {
    const std::string where = utf8_from_path(folder);
    if (result.exit_code == -1 && says(result.output, " is not in "))
        return Failure(CACHAIN_E_NOT_SUPPORTED, tool,
                       "is not installed, and NSS databases (Chromium, Firefox) are changed only through it: install "
                       "Debian's or Ubuntu's libnss3-tools (Fedora: nss-tools), then run again");
    if (says(result.output, "SEC_ERROR_BAD_PASSWORD") || says(result.output, "could not authenticate"))
        return Failure(CACHAIN_E_PASSWORD_NEEDED, where,
                       "the NSS database is protected by a password (Firefox's Primary Password), which CaChain "
                       "cannot give certutil: remove the password in the browser's settings, or add the CAs with "
                       "certutil yourself");
    if (says(result.output, "SEC_ERROR_BAD_DATABASE") || says(result.output, "SEC_ERROR_PKCS11_GENERAL_ERROR") ||
        says(result.output, "SEC_ERROR_LEGACY_DATABASE"))
        return Failure(CACHAIN_E_IO, where,
                       "certutil cannot " + doing + " the NSS database (" + last_line(result.output) +
                           "): another program holds it locked (close the browser that uses it and run again), or "
                           "cert9.db is damaged");
    return Failure(CACHAIN_E_IO, where, "certutil failed to " + doing + " the NSS database: " + last_line(result.output));
}

// Every change passes "-f /dev/null" as the password file: certutil then
// never asks for a password on the terminal (a database with one is an
// error, not a prompt that waits).

// The database argument: NSS's SQL format ("sql:"), the only one current
// browsers write.
std::string database_argument(const fs::path& folder) { return "sql:" + utf8_from_path(folder); }

// certutil -L prints each entry as its nickname, padded, then the trust
// flags as one word ("C,,", ",,", "CT,C,C"), under two heading lines.
std::vector<NssEntry> parse_listing(const std::string& output) {
    std::vector<NssEntry> entries;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
        const auto gap = line.find_last_of(' ');
        if (gap == std::string::npos) continue;
        const std::string trust = line.substr(gap + 1);
        if (std::count(trust.begin(), trust.end(), ',') != 2) continue;  // a heading line
        std::string nickname = line.substr(0, gap);
        while (!nickname.empty() && nickname.back() == ' ') nickname.pop_back();
        if (!nickname.empty()) entries.push_back({nickname, trust});
    }
    return entries;
}

}  // namespace

bool NssEntry::trusted_for_servers() const {
    const std::string ssl = trust.substr(0, trust.find(','));
    return ssl.find('C') != std::string::npos;
}

NssDatabase::NssDatabase(fs::path folder, std::string certutil) : folder_(std::move(folder)), certutil_(std::move(certutil)) {}

bool NssDatabase::exists() const {
    std::error_code error;
    return fs::is_regular_file(folder_ / "cert9.db", error);
}

void NssDatabase::check_tool() const {
    if (!find_system_tool(certutil_)) throw certutil_failure(folder_, certutil_, "create", run_system_tool({certutil_}));
}

std::string NssDatabase::run(std::vector<std::string> arguments, const char* doing) const {
    arguments.insert(arguments.begin(), {certutil_, "-d", database_argument(folder_)});
    const ProcessResult result = run_system_tool(arguments);
    if (result.exit_code != 0) throw certutil_failure(folder_, certutil_, doing, result);
    if (result.truncated)
        throw Failure(CACHAIN_E_TOO_LARGE, utf8_from_path(folder_), "certutil listed more than 16 MiB: is it the right database?");
    return result.output;
}

void NssDatabase::create() {
    std::error_code error;
    if (fs::create_directories(folder_, error); error)
        throw Failure(error == std::errc::permission_denied ? CACHAIN_E_ACCESS_DENIED : CACHAIN_E_IO,
                      utf8_from_path(folder_), "cannot create the folder (" + error.message() + ")");
    run({"-N", "--empty-password"}, "create");
}

std::vector<NssEntry> NssDatabase::entries() const { return parse_listing(run({"-L"}, "read")); }

std::string NssDatabase::pem(const std::string& nickname) const { return run({"-L", "-n", nickname, "-a"}, "read"); }

// certutil -L -n prints each certificate with "Fingerprint (SHA1):" and the
// hex on the next line, then "Certificate Trust Flags:" with "SSL Flags:"
// and its flags, one per line, up to "Email Flags:".
std::vector<std::string> NssDatabase::trusted_for_servers(const std::string& nickname) const {
    std::istringstream lines(run({"-L", "-n", nickname}, "read"));
    std::vector<std::string> trusted;
    std::string line, thumbprint;
    bool next_is_sha1 = false, in_ssl_flags = false;
    while (std::getline(lines, line)) {
        const auto start = line.find_first_not_of(' ');
        const std::string text = start == std::string::npos ? "" : line.substr(start);
        if (next_is_sha1) {
            thumbprint.clear();
            for (char c : text) if (c != ':') thumbprint += c;
            next_is_sha1 = false;
        } else if (text == "Fingerprint (SHA1):") {
            next_is_sha1 = true;
        } else if (text == "SSL Flags:") {
            in_ssl_flags = true;
        } else if (text.rfind("Email Flags:", 0) == 0) {
            in_ssl_flags = false;
        } else if (in_ssl_flags && (text == "Trusted CA" || text == "Trusted") && !thumbprint.empty()) {
            trusted.push_back(thumbprint);
        }
    }
    return trusted;
}

void NssDatabase::add(const std::string& nickname, const std::string& trust, gsl::span<const std::uint8_t> der) {
    const ToolInputFile file("certutil", der);
    try {
        run({"-A", "-n", nickname, "-t", trust, "-i", file.path(), "-f", "/dev/null"}, "change");
    } catch (const Failure& failure) {
        // certutil adds the certificate before it sets the trust: when the
        // second step fails (a password), the first is taken back.
        const std::string database = database_argument(folder_);
        if (run_system_tool({certutil_, "-d", database, "-L", "-n", nickname}).exit_code != 0) throw;
        if (run_system_tool({certutil_, "-d", database, "-D", "-n", nickname, "-f", "/dev/null"}).exit_code == 0) throw;
        throw Failure(failure.status(), failure.item(),
                      failure.reason() + "; certutil had stored the certificate without its trust, and deleting it "
                                         "failed: delete it with certutil -d '" + database + "' -D -n '" + nickname + "'");
    }
}

void NssDatabase::remove(const std::string& nickname) { run({"-D", "-n", nickname, "-f", "/dev/null"}, "change"); }

}  // namespace cachain
