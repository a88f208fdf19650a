// Opens the store a location means on this platform. The only place that
// knows which backend serves which platform.
#pragma once

#include <memory>
#include <string>

#include "cachain/cachain.h"
#include "trust_store.h"

namespace cachain {

// path: the folder of a directory store, or the system root for the Linux
// system trust ("" for this machine). Throws Failure(NOT_SUPPORTED) for a
// location this platform does not have.
std::unique_ptr<TrustStore> open_store(cachain_store_location location, const std::string& path);

}  // namespace cachain
