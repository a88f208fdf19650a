// The error catalogue's HRESULTs against the Windows SDK's own definitions,
// as mingw-w64 ships them in winerror.h (scripts/setup.sh installs
// mingw-w64): each row's value must be the one winerror.h gives its name.
// The header is read as text, so the check runs on Linux, where a typo in a
// hand-copied value would otherwise go unnoticed until a user pasted it.
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "error_catalog.h"

namespace cachain {
namespace {

// Set by tests/native/CMakeLists.txt (CACHAIN_WINERROR_H).
constexpr const char* winerror_h = CACHAIN_WINERROR_H;

struct WinerrorH {
    bool opened = false;
    std::map<std::string, std::uint32_t, std::less<>> hresults;  // #define NAME _HRESULT_TYPEDEF_(0x...L)
    std::map<std::string, std::uint32_t, std::less<>> win32;     // #define ERROR_NAME __MSABI_LONG(1223) or 1223L
};

WinerrorH read_winerror_h() {
    static const std::regex hresult_line(R"(^\s*#\s*define\s+(\w+)\s+_HRESULT_TYPEDEF_\(\s*0x([0-9A-Fa-f]{8})L?\s*\))");
    static const std::regex win32_line(R"(^\s*#\s*define\s+(ERROR_\w+)\s+(?:__MSABI_LONG\(\s*(\d+)L?\s*\)|(\d+)L?)\s*$)");
    WinerrorH header;
    std::ifstream file(winerror_h);
    header.opened = file.is_open();
    std::string line;
    std::smatch match;
    while (std::getline(file, line)) {
        if (std::regex_search(line, match, hresult_line)) {
            header.hresults.emplace(match[1].str(), static_cast<std::uint32_t>(std::stoul(match[2].str(), nullptr, 16)));
        } else if (std::regex_search(line, match, win32_line)) {
            const std::string digits = match[2].matched ? match[2].str() : match[3].str();
            header.win32.emplace(match[1].str(), static_cast<std::uint32_t>(std::stoul(digits)));
        }
    }
    return header;
}

// HRESULT_FROM_WIN32 as winerror.h defines it, for codes above 0.
std::uint32_t hresult_from_win32(std::uint32_t code) { return 0x80070000u | (code & 0xFFFFu); }

TEST(ErrorCatalogAgainstWinerrorH, EveryHresultHasTheValueWinerrorHGivesItsName) {
    const WinerrorH header = read_winerror_h();
    ASSERT_TRUE(header.opened) << winerror_h << " cannot be read: install mingw-w64 (scripts/setup.sh does), or "
                               << "configure with -DCACHAIN_WINERROR_H=<path of winerror.h>";
    // mingw-w64 10 defines some 1,400; far fewer means the format changed and the regex no longer reads it.
    ASSERT_GT(header.hresults.size(), 1000u) << "the #define lines of " << winerror_h << " were not understood";
    ASSERT_EQ(header.hresults.at("SEC_E_UNTRUSTED_ROOT"), 0x80090325u) << "the reader itself is wrong";

    int checked = 0;
    for (const CatalogRow& row : error_catalog()) {
        if (row.kind != CodeKind::HResult) continue;
        SCOPED_TRACE(std::string(row.name));
        ++checked;
        if (const auto defined = header.hresults.find(row.name); defined != header.hresults.end()) {
            EXPECT_EQ(row.value, defined->second) << "winerror.h gives 0x" << std::hex << std::uppercase << defined->second;
        } else if (const auto win32 = header.win32.find(row.name); win32 != header.win32.end()) {
            // ERROR_CANCELLED: the catalogue holds the HRESULT users see, not the Win32 code.
            EXPECT_EQ(row.value, hresult_from_win32(win32->second)) << "winerror.h gives Win32 code " << win32->second;
        } else {
            ADD_FAILURE() << row.name << " is not defined in " << winerror_h;
        }
    }
    EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace cachain
