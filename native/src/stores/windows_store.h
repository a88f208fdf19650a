// The Windows certificate stores: CryptoAPI's system stores "ROOT" (Trusted
// Root Certification Authorities) and "CA" (Intermediate Certification
// Authorities) of the computer or of the current user, the stores the MMC
// Certificates snap-in and Import-Certificate write to.
//
// Free of OpenSSL: thumbprints come from CryptoAPI itself, so this backend
// is cross-built with mingw-w64 and tested under Wine on its own
// (tests/windows, scripts/test-windows-store.sh).
#pragma once

#include <memory>

#include "stores/trust_store.h"

namespace cachain {

struct CryptoApi;  // stores/windows_crypto_api.h: the calls, as a seam for tests

enum class WindowsStoreLocation { LocalMachine, CurrentUser };

// "LocalMachine" or "CurrentUser", as PowerShell's Cert: drive names them.
inline const char* windows_store_location_name(WindowsStoreLocation location) {
    return location == WindowsStoreLocation::LocalMachine ? "LocalMachine" : "CurrentUser";
}

// The real stores, through crypt32.
std::unique_ptr<TrustStore> make_windows_system_store(WindowsStoreLocation location);

// The same store over other CryptoAPI functions: for tests that make one
// call fail as it does on Windows.
std::unique_ptr<TrustStore> make_windows_system_store(WindowsStoreLocation location, const CryptoApi& api);

}  // namespace cachain
