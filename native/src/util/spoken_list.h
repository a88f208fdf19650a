// Lists in messages, as a person writes them: "a", "a and b", "a, b and c".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cachain {

// items joined by separator, the last two by last_separator.
inline std::string spoken_list(const std::vector<std::string>& items, const char* last_separator = " and ",
                               const char* separator = ", ") {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) text += i + 1 == items.size() ? last_separator : separator;
        text += items[i];
    }
    return text;
}

}  // namespace cachain
