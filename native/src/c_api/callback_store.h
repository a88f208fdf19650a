// A trust store whose reads and writes are done by the caller, through C
// function pointers, so that stores only a managed runtime can reach (.NET's
// per-user X509Store on Linux and macOS) still get the native placement
// rule and transaction.
#pragma once

#include <string>

#include "cachain/cachain.h"
#include "trust_store.h"

namespace cachain {

// How the C interface names a store kind, to callbacks and in placements.
inline cachain_store_name store_name_of(StoreKind kind) {
    return kind == StoreKind::Root ? CACHAIN_STORE_ROOT : CACHAIN_STORE_CA;
}

class CallbackStore : public TrustStore {
public:
    CallbackStore(const cachain_store_callbacks& callbacks, std::string root_location, std::string ca_location);

    std::string location(StoreKind kind) const override;
    // What the module uses callbacks for: .NET's per-user store.
    cachain_store_location store_location() const override { return CACHAIN_LOCATION_CURRENT_USER; }
    bool contains(StoreKind kind, const std::string& thumbprint) override;
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) override;
    bool remove(StoreKind kind, const std::string& thumbprint) override;
    std::vector<StoredCertificate> list(StoreKind kind) override;

private:
    void check(cachain_status status, StoreKind kind, const char* doing) const;

    cachain_store_callbacks callbacks_;
    std::string root_location_, ca_location_;
};

}  // namespace cachain
