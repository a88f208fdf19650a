// Fuzzes the file names made from certificate subjects, and checks the
// promise itself: whatever the subject, the name stays in its folder, is
// legal on Windows, macOS and Linux, and fits every file system.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "file_name_rules.h"
#include "file_names.h"

namespace {

bool legal(std::string_view stem) {
    if (stem.empty() || stem.size() > cachain::max_file_stem_bytes) return false;
    if (stem.front() == '.' || stem.back() == '.' || stem.back() == ' ') return false;
    return !cachain::testing::has_forbidden_character(stem) && cachain::testing::valid_utf8(stem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string stem = cachain::safe_file_stem({reinterpret_cast<const char*>(data), size});
    if (!legal(stem)) std::abort();
    return 0;
}
