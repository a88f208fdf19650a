// Fuzzes the file names made from certificate subjects, and checks the
// promise itself: whatever the subject, the name stays in its folder, is
// legal on Windows, macOS and Linux, and fits every file system.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "file_names.h"

namespace {

// Whole UTF-8 characters only: Windows converts names to UTF-16.
bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

bool legal(std::string_view stem) {
    if (stem.empty() || stem.size() > cachain::max_file_stem_bytes) return false;
    if (stem.front() == '.' || stem.back() == '.' || stem.back() == ' ') return false;
    for (const unsigned char c : stem) {
        if (c < 0x20 || c == 0x7f || std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    }
    return valid_utf8(stem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string stem = cachain::safe_file_stem({reinterpret_cast<const char*>(data), size});
    if (!legal(stem)) std::abort();
    return 0;
}
