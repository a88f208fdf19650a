// What makes a file name legal on Windows, macOS and Linux, shared by the
// names promise test and the file-name fuzzer, which both check the names
// CaChain makes from certificate subjects.
#pragma once

#include <cstddef>
#include <string_view>

namespace cachain::testing {

// Whole UTF-8 characters only: Windows converts names to UTF-16.
inline bool valid_utf8(std::string_view text) {
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

// Control characters and the characters Windows forbids in names.
inline bool has_forbidden_character(std::string_view name) {
    for (const unsigned char c : name)
        if (c < 0x20 || c == 0x7F || std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos)
            return true;
    return false;
}

}  // namespace cachain::testing
