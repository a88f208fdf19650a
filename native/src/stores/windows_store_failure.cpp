#include "windows_store_failure.h"

#include <cstdio>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include "windows_error_text.h"

namespace cachain {
namespace {

// HRESULT_FROM_WIN32 of ERROR_ACCESS_DENIED and ERROR_CANCELLED, the forms
// Import-Certificate and the MMC show.
constexpr std::uint32_t kAccessDenied = 0x80070005;
constexpr std::uint32_t kCancelled = 0x800704C7;

std::uint32_t as_hresult(std::uint32_t error) {
    return static_cast<std::uint32_t>(HRESULT_FROM_WIN32(static_cast<unsigned long>(error)));
}

std::string hex(std::uint32_t code) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(code));
    return text;
}

std::string code_and_message(std::uint32_t hresult) {
    const std::string message = windows_error_text(hresult);
    return message.empty() ? hex(hresult) : hex(hresult) + ", " + message;
}

}  // namespace

std::string windows_store_name(WindowsStoreLocation location, StoreKind kind) {
    return std::string(windows_store_location_name(location)) + "\\" + store_kind_name(kind);
}

Failure windows_store_failure(WindowsStoreLocation location, StoreKind kind, const std::string& action,
                              std::uint32_t error) {
    const std::string store = windows_store_name(location, kind);
    const std::uint32_t hresult = as_hresult(error);
    if (hresult == kAccessDenied) {
        const std::string fix = location == WindowsStoreLocation::LocalMachine
                                    ? "the computer's stores need an administrator: run PowerShell as Administrator, "
                                      "or use -StoreLocation CurrentUser"
                                    : "run PowerShell as Administrator, or ask an administrator to place the chain "
                                      "with -StoreLocation LocalMachine";
        return Failure(CACHAIN_E_ACCESS_DENIED, store, action + ": access is denied (" + hex(hresult) + "); " + fix);
    }
    if (hresult == kCancelled && location == WindowsStoreLocation::CurrentUser && kind == StoreKind::Root) {
        return Failure(CACHAIN_E_CANCELLED, store,
                       action + ": Windows asks the user to confirm every root added to CurrentUser\\Root, and the "
                                "prompt was cancelled or could not be shown (an unattended or remote session, " +
                           hex(hresult) +
                           "); place the chain into the computer's stores instead: -StoreLocation LocalMachine, "
                           "from PowerShell run as Administrator");
    }
    if (hresult == kCancelled) {
        return Failure(CACHAIN_E_CANCELLED, store, action + ": the operation was cancelled (" + hex(hresult) + ")");
    }
    return Failure(CACHAIN_E_IO, store, action + " (" + code_and_message(hresult) + ")");
}

}  // namespace cachain
