// File names made from certificate text, safe on Windows, macOS and Linux:
// they can never name another folder, a device, or a hidden file.
#pragma once

#include <string>
#include <string_view>

namespace cachain {

// The longest stem, in bytes, leaving room for a thumbprint suffix and an
// extension well inside every file system's 255-unit limit.
constexpr std::size_t max_file_stem_bytes = 100;

// A file name without extension, made from text taken from a certificate.
// Path separators, characters Windows forbids, control characters, bidi
// controls and broken UTF-8 become '_'; leading and trailing dots and
// spaces go; device names (CON, NUL, COM1...) get a '_' prefix; over-long
// text is cut on a character boundary; nothing left gives "certificate".
std::string safe_file_stem(std::string_view text);

}  // namespace cachain
