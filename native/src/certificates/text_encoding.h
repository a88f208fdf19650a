// Certificate text in the encodings Windows writes it in. Windows
// PowerShell 5.1's Out-File and `>` write UTF-16 LE with a byte-order mark;
// other tools write UTF-16 without one, or UTF-8 with one. PEM and base64
// are ASCII underneath, so such text is turned into UTF-8 before parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <gsl/gsl>

namespace cachain {

// The text as UTF-8 without a byte-order mark, when data is UTF-16 (LE or
// BE, with or without a byte-order mark) or UTF-8 with a byte-order mark;
// nullopt for anything else (binary DER included, which never looks like
// either). Throws Failure(UNSUPPORTED_FORMAT) naming item for UTF-16 that
// does not decode.
std::optional<std::vector<std::uint8_t>> text_as_plain_utf8(gsl::span<const std::uint8_t> data, const std::string& item);

}  // namespace cachain
