#include "nss_database.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "failure.h"
#include "process_runner.h"
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

// The database argument: NSS's SQL format ("sql:"), the only one current
// browsers write.
std::string database_argument(const fs::path& folder) { return "sql:" + utf8_from_path(folder); }

// A certificate handed to certutil -A, which reads one from a file: a
// private temporary file, deleted when done. Certificates are public.
class TemporaryDer {
public:
    explicit TemporaryDer(gsl::span<const std::uint8_t> der) {
        std::string pattern = (fs::temp_directory_path() / "cachain-nss-XXXXXX").string();
        const int descriptor = mkstemp(pattern.data());
        if (descriptor < 0) throw Failure(CACHAIN_E_IO, pattern, "cannot create a temporary file for certutil");
        path_ = pattern;
        const auto written = write(descriptor, der.data(), der.size());
        close(descriptor);
        if (written != static_cast<ssize_t>(der.size()))
            throw Failure(CACHAIN_E_IO, path_, "cannot write a temporary file for certutil");
    }
    ~TemporaryDer() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    TemporaryDer(const TemporaryDer&) = delete;
    TemporaryDer& operator=(const TemporaryDer&) = delete;
    std::string path() const { return path_; }

private:
    std::string path_;
};

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

std::string NssDatabase::run(std::vector<std::string> arguments, const char* doing) const {
    arguments.insert(arguments.begin(), {certutil_, "-d", database_argument(folder_)});
    const ProcessResult result = run_system_tool(arguments);
    if (result.exit_code != 0) throw certutil_failure(folder_, certutil_, doing, result);
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

void NssDatabase::add(const std::string& nickname, const std::string& trust, gsl::span<const std::uint8_t> der) {
    const TemporaryDer file(der);
    try {
        run({"-A", "-n", nickname, "-t", trust, "-i", file.path()}, "change");
    } catch (const Failure&) {
        // certutil adds the certificate before it sets the trust: when the
        // second step fails (a password), the first is taken back.
        const ProcessResult listed = run_system_tool({certutil_, "-d", database_argument(folder_), "-L", "-n", nickname});
        if (listed.exit_code == 0) run_system_tool({certutil_, "-d", database_argument(folder_), "-D", "-n", nickname});
        throw;
    }
}

void NssDatabase::remove(const std::string& nickname) { run({"-D", "-n", nickname}, "change"); }

}  // namespace cachain
