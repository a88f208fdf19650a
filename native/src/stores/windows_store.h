// The Windows certificate stores: CryptoAPI's system stores "ROOT" (Trusted
// Root Certification Authorities) and "CA" (Intermediate Certification
// Authorities) of the computer or of the current user, the stores the MMC
// Certificates snap-in and Import-Certificate write to.
//
// Free of OpenSSL: thumbprints come from CryptoAPI itself. Tested under
// Wine's crypt32 (tests/native/windows_store_test.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "trust_store.h"

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

// The location of store when it is one of these system stores (not a
// directory store, not the caller's callbacks): the one whose chain engine
// judges it.
std::optional<WindowsStoreLocation> windows_system_store_location(const TrustStore& store);

// Every certificate in the system store called name ("ROOT", "CA",
// "AuthRoot") of location, as DER, read without opening it for writing. A
// store that does not exist is empty. Throws Failure naming the store
// ("CurrentUser\AuthRoot") when it cannot be read.
std::vector<std::vector<std::uint8_t>> read_windows_system_store(WindowsStoreLocation location, const wchar_t* name);

}  // namespace cachain
