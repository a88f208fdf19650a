// Windows' own sentence for an error code (a Win32 error, a Winsock error or
// an HRESULT), as UTF-8 without the line break and final period Windows ends
// it with: "Access is denied". "" when the system has no text for it.
// Windows only.
#pragma once

#include <cstdint>
#include <string>

namespace cachain {

std::string windows_error_text(std::uint32_t code);

// The text, or "Windows error <code>" when the system has none.
std::string windows_error_text_or_code(std::uint32_t code);

}  // namespace cachain
