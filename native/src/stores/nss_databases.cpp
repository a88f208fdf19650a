#include "nss_databases.h"

#include <algorithm>
#include <system_error>

#include "environment_variable.h"
#include "failure.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

// The profile folders under one Firefox folder that hold an SQL database.
std::vector<fs::path> firefox_profiles(const fs::path& firefox) {
    std::vector<fs::path> profiles;
    std::error_code error;
    for (fs::directory_iterator it(firefox, error), end; !error && it != end; it.increment(error)) {
        std::error_code ignored;
        if (fs::is_regular_file(it->path() / "cert9.db", ignored)) profiles.push_back(it->path());
    }
    std::sort(profiles.begin(), profiles.end());
    return profiles;
}

}  // namespace

std::vector<fs::path> user_nss_databases(const fs::path& home) {
    std::vector<fs::path> databases{home / ".pki" / "nssdb"};
    for (const fs::path& firefox : {home / ".mozilla" / "firefox", home / "snap" / "firefox" / "common" / ".mozilla" / "firefox"}) {
        const auto profiles = firefox_profiles(firefox);
        databases.insert(databases.end(), profiles.begin(), profiles.end());
    }
    return databases;
}

fs::path home_folder() {
    const std::string home = environment_variable("HOME");
    if (home.empty())
        throw Failure(CACHAIN_E_ARGUMENT, "HOME", "is not set, so the user's NSS databases cannot be found: name one with -StorePath");
    return fs::path(home);
}

}  // namespace cachain
