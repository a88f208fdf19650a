// A Windows command line from an argument list, for CreateProcessW: each
// argument quoted so that the program's C runtime (CommandLineToArgvW rules)
// reads back exactly the same list, spaces, quotes and backslashes included.
// Arguments are UTF-8, as everywhere in CaChain. Windows only.
#pragma once

#include <string>
#include <vector>

#include "utf8_path.h"

namespace cachain {

// Quoted when it is empty or has a space, tab or quote; backslashes are
// doubled only where a quote follows them.
inline std::wstring quoted_argument(const std::string& argument) {
    const std::wstring text = path_from_utf8(argument).native();  // the one UTF-8 to UTF-16 conversion
    if (!text.empty() && text.find_first_of(L" \t\"") == std::wstring::npos) return text;
    std::wstring out = L"\"";
    std::size_t backslashes = 0;
    for (const wchar_t c : text) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        out += c;
    }
    out.append(backslashes * 2, L'\\');
    return out + L"\"";
}

inline std::wstring windows_command_line(const std::vector<std::string>& arguments) {
    std::wstring line;
    for (const auto& argument : arguments) line += (line.empty() ? L"" : L" ") + quoted_argument(argument);
    return line;
}

}  // namespace cachain
