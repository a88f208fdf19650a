// File names made from certificate subjects stay names: no folders, no
// devices, no hidden files, no tricks, on any OS.
#include <gtest/gtest.h>

#include "file_names.h"

namespace cachain {
namespace {

TEST(SafeFileNames, KeepsAnOrdinaryNameAsItIs) {
    EXPECT_EQ(safe_file_stem("SchertzLabRootCA"), "SchertzLabRootCA");
    EXPECT_EQ(safe_file_stem("pool1.schertz.lab"), "pool1.schertz.lab");
    EXPECT_EQ(safe_file_stem("Zertifizierungsstelle Müller"), "Zertifizierungsstelle Müller");
}

TEST(SafeFileNames, ReplacesPathSeparatorsAndCharactersWindowsForbids) {
    EXPECT_EQ(safe_file_stem("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
}

TEST(SafeFileNames, NeverStepsUpAFolder) {
    for (const char* text : {"..", ".", "../../etc/passwd", "..\\..\\boot.ini", "a/../../b"}) {
        const std::string stem = safe_file_stem(text);
        EXPECT_EQ(stem.find(".."), std::string::npos) << text << " -> " << stem;
        EXPECT_EQ(stem.find('/'), std::string::npos);
        EXPECT_EQ(stem.find('\\'), std::string::npos);
        EXPECT_NE(stem.front(), '.');
    }
    EXPECT_EQ(safe_file_stem(".."), "certificate");
}

TEST(SafeFileNames, ReplacesControlCharactersAndNulBytes) {
    EXPECT_EQ(safe_file_stem(std::string("a\0b\nc\x7f", 6)), "a_b_c_");
}

TEST(SafeFileNames, PrefixesWindowsDeviceNames) {
    for (const char* name : {"CON", "con", "NUL", "Aux", "PRN", "COM1", "lpt9", "NUL.txt", "CON "}) {
        EXPECT_EQ(safe_file_stem(name).front(), '_') << name;
    }
    EXPECT_EQ(safe_file_stem("CONSOLE"), "CONSOLE");
    EXPECT_EQ(safe_file_stem("COM10"), "COM10");
}

TEST(SafeFileNames, RemovesInvisibleBidiControls) {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "evil\u202Erec.exe" as "evilexe.cer".
    EXPECT_EQ(safe_file_stem("evil\xE2\x80\xAErec.exe"), "evil_rec.exe");
    EXPECT_EQ(safe_file_stem("a\xE2\x80\x8F" "b"), "a_b");
}

TEST(SafeFileNames, ReplacesBrokenUtf8) {
    EXPECT_EQ(safe_file_stem("bad\xC3(utf8"), "bad_(utf8");
    EXPECT_EQ(safe_file_stem("overlong\xC0\xAF"), "overlong__");
}

// The limit is written out, not read from the code: 100 bytes kept, the
// 101st cut.
TEST(SafeFileNames, KeepsAStemOfExactly100Bytes) {
    EXPECT_EQ(safe_file_stem(std::string(100, 'x')), std::string(100, 'x'));
}

TEST(SafeFileNames, CutsAStemOf101BytesTo100) {
    EXPECT_EQ(safe_file_stem(std::string(101, 'x')), std::string(100, 'x'));
    EXPECT_EQ(safe_file_stem(std::string(300, 'x')), std::string(100, 'x'));
}

TEST(SafeFileNames, CutsOverLongNamesOnACharacterBoundary) {
    std::string umlauts;
    for (int i = 0; i < 120; ++i) umlauts += "\xC3\xBC";  // ü, two bytes each
    EXPECT_EQ(safe_file_stem(umlauts), umlauts.substr(0, 100));  // 50 whole characters
    // "x" then ü: byte 100 would split the 50th ü, so only 49 are kept.
    EXPECT_EQ(safe_file_stem("x" + umlauts), "x" + umlauts.substr(0, 98));
}

TEST(SafeFileNames, GivesANameWhenNothingIsLeft) {
    EXPECT_EQ(safe_file_stem(""), "certificate");
    EXPECT_EQ(safe_file_stem(" . . "), "certificate");
}

}  // namespace
}  // namespace cachain
