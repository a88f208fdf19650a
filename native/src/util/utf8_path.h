// Paths cross the C interface as UTF-8 on every OS; these two helpers are
// the only place that converts, so Windows' UTF-16 paths come out right.
#pragma once

#include <filesystem>
#include <string>

namespace cachain {

inline std::filesystem::path path_from_utf8(const std::string& text) {
    return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

inline std::string utf8_from_path(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace cachain
