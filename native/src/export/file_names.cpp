#include "file_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace cachain {
namespace {

constexpr std::string_view forbidden_ascii = "<>:\"/\\|?*";

// Length of the valid UTF-8 sequence starting at text[i], or 0 when the
// bytes there are not valid UTF-8 (overlong forms and surrogates included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const std::uint8_t lead = byte(i);
    std::size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF) { length = 2; code_point = lead & 0x1F; }
    else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; code_point = lead & 0x0F; }
    else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; code_point = lead & 0x07; }
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (byte(i + k) & 0x3F);
    }
    const bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    return overlong || surrogate || code_point > 0x10FFFF ? 0 : length;
}

// Characters that change how a name is displayed without being seen:
// bidi controls can make "cer.exe" look like "exe.cer".
bool invisible_control(char32_t c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x061C || c == 0xFEFF || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

std::string replace_unsafe_characters(std::string_view text) {
    std::string safe;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<std::uint8_t>(text[i]);
        if (c < 0x80) {
            const bool unsafe = c < 0x20 || c == 0x7F || forbidden_ascii.find(char(c)) != std::string_view::npos;
            safe += unsafe ? '_' : char(c);
            ++i;
            continue;
        }
        char32_t code_point = 0;
        const std::size_t length = utf8_sequence_length(text, i, code_point);
        if (length == 0 || invisible_control(code_point)) {
            safe += '_';
            i += length == 0 ? 1 : length;
            continue;
        }
        safe.append(text.substr(i, length));
        i += length;
    }
    return safe;
}

// "a..b" is harmless inside one name, but no name we make should even
// look like a step up a folder.
std::string collapse_dot_runs(const std::string& text) {
    std::string collapsed;
    for (const char c : text) {
        if (c == '.' && !collapsed.empty() && collapsed.back() == '.') continue;
        collapsed += c;
    }
    return collapsed;
}

std::string trim_dots_and_spaces(const std::string& text) {
    const auto keep = text.find_first_not_of(". ");
    if (keep == std::string::npos) return {};
    const auto last = text.find_last_not_of(". ");
    return text.substr(keep, last - keep + 1);
}

// Windows reserves these device names with any extension and any case.
bool is_reserved_device_name(const std::string& stem) {
    std::string base = stem.substr(0, stem.find('.'));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    static const std::array<std::string_view, 4> plain{"CON", "PRN", "AUX", "NUL"};
    if (std::find(plain.begin(), plain.end(), base) != plain.end()) return true;
    const bool numbered = base.size() == 4 && (base.rfind("COM", 0) == 0 || base.rfind("LPT", 0) == 0);
    return numbered && std::isdigit(static_cast<unsigned char>(base[3])) != 0;
}

std::string cut_on_character_boundary(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<std::uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    text.resize(cut);
    return text;
}

}  // namespace

std::string safe_file_stem(std::string_view text) {
    std::string stem = trim_dots_and_spaces(collapse_dot_runs(replace_unsafe_characters(text)));
    stem = trim_dots_and_spaces(cut_on_character_boundary(stem, max_file_stem_bytes));
    if (stem.empty()) return "certificate";
    // The prefix may push a name already cut to the limit one byte over it.
    if (is_reserved_device_name(stem)) stem = trim_dots_and_spaces(cut_on_character_boundary("_" + stem, max_file_stem_bytes));
    return stem;
}

}  // namespace cachain
