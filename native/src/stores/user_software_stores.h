// What -StoreLocation All opens on Linux: every store this user's software
// reads that this machine has, to be changed as one transaction.
#pragma once

#include <string>

#include "store_factory.h"

namespace cachain {

// In this order: the system trust (of system_root, "" for this machine);
// the user's NSS databases (those that exist, or ~/.pki/nssdb, made as
// Chromium would make it, when none does and certutil is installed); the
// running JDK's cacerts when keytool is installed and the file exists; the
// user's own bundle when it exists. Run as root through sudo for another
// user, that user's NSS databases and bundle are left out with a note:
// root's would be the wrong ones, and files root made in the user's home
// would be root's.
OpenedStores open_user_software_stores(const std::string& system_root);

}  // namespace cachain
