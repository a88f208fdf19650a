// The store handle, shared by the store and trust-evaluation C functions.
#pragma once

#include <memory>
#include <string>

#include "trust_store.h"

struct cachain_store {
    std::unique_ptr<cachain::TrustStore> store;
    std::string root_location, ca_location;
};
