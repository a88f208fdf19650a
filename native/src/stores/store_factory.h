// Opens the store a location means on this platform. The only place that
// knows which backend serves which platform.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cachain/cachain.h"
#include "trust_store.h"

namespace cachain {

// path: the folder of a directory store, the file of a PEM bundle ("" for
// the user's default bundle), the folder of an NSS database, a Java keystore
// ("" for the JDK's cacerts, password changeit), or the system root for the Linux system trust
// ("" for this machine). Throws Failure(NOT_SUPPORTED) for a
// location this platform does not have, and for a system root on Windows.
std::unique_ptr<TrustStore> open_store(cachain_store_location location, const std::string& path);

// A Java keystore (path "" for the JDK's cacerts) with its password.
std::unique_ptr<TrustStore> open_java_store(const std::string& path, const std::string& password);

// Stores opened to be changed together.
struct OpenedStores {
    std::vector<std::unique_ptr<TrustStore>> stores;
    // What was left out that the user may have expected, and why, one
    // sentence each: said as a warning on every call with these stores.
    std::vector<std::string> notes;
};

// Like open_store, but NSS without a path opens every NSS database of the
// user (nss_databases.h), one store each, to be changed together, and ALL
// (path: the system root) every kind of store the user's software reads
// that this machine has (cachain.h says which).
OpenedStores open_stores(cachain_store_location location, const std::string& path);

// Throws Failure(NOT_SUPPORTED) on Windows when a system root is given.
// There LocalMachine is this machine's own registry stores: a folder cannot
// redirect them, and ignoring it would read or change this machine when
// the caller meant an image. Does nothing elsewhere.
void refuse_system_root_on_windows(const std::string& system_root);

}  // namespace cachain
