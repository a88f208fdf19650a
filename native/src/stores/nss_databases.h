// Which NSS databases a user's browsers read on Linux, when none is named.
#pragma once

#include <filesystem>
#include <vector>

namespace cachain {

// Every NSS database of the user whose home folder is home:
// - ~/.pki/nssdb, Chromium's (and other NSS programs'): always listed, so
//   that placing creates it when Chromium has not yet, as Chromium would;
// - each Firefox profile folder that holds a cert9.db, under
//   ~/.mozilla/firefox and ~/snap/firefox/common/.mozilla/firefox
//   (Ubuntu's snap), in name order.
std::vector<std::filesystem::path> user_nss_databases(const std::filesystem::path& home);

// $HOME. Throws Failure(ARGUMENT) when it is not set.
std::filesystem::path home_folder();

}  // namespace cachain
