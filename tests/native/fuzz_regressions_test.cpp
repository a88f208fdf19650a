// Inputs the fuzzers in fuzz/ found to break a promise, kept so the fix
// stays fixed. Each test says what the input was and what went wrong.
#include <string>

#include <gtest/gtest.h>

#include "file_names.h"

namespace cachain {
namespace {

// file_names_fuzzer: "CON.t", 120 NUL bytes, "xt". The NULs became '_', the
// stem was cut to the 100-byte limit, and the device-name prefix then made
// it 101 bytes.
TEST(FuzzRegressions, ADeviceNameCutToTheLimitStaysWithinIt) {
    const std::string subject = "CON.t" + std::string(120, '\0') + "xt";
    const std::string stem = safe_file_stem(subject);
    EXPECT_LE(stem.size(), max_file_stem_bytes);
    EXPECT_EQ(stem.rfind("_CON.t", 0), 0u) << stem;
}

}  // namespace
}  // namespace cachain
