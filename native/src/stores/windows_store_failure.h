// Turns a failed CryptoAPI call into a Failure that names the store, says
// what went wrong in the user's words, and says how to fix it.
#pragma once

#include <cstdint>
#include <string>

#include "failure.h"
#include "trust_store.h"
#include "windows_store.h"

namespace cachain {

// "LocalMachine\Root", "CurrentUser\CA": the store as PowerShell's Cert:
// drive names it.
std::string windows_store_name(WindowsStoreLocation location, StoreKind kind);

// action: what was being done, "cannot add the certificate".
// error: GetLastError() right after the failed call, a Win32 code (5) or
// an HRESULT (0x80070005); both forms mean the same.
Failure windows_store_failure(WindowsStoreLocation location, StoreKind kind, const std::string& action,
                              std::uint32_t error);

}  // namespace cachain
