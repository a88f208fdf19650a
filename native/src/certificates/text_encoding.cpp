#include "text_encoding.h"

#include <algorithm>

#include <openssl/asn1.h>

#include "failure.h"
#include "ossl.h"

namespace cachain {
namespace {

using Bytes = gsl::span<const std::uint8_t>;

enum class Utf16 { None, LittleEndian, BigEndian };

bool starts_with(Bytes data, std::initializer_list<std::uint8_t> prefix) {
    return data.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), data.begin());
}

// Without a byte-order mark: Latin-1 text (PEM is ASCII) in UTF-16 has a
// zero byte in every other place. The first 32 characters decide; a DER
// certificate starts with 30 82, never with a zero byte or a byte followed
// by one.
Utf16 utf16_by_pattern(Bytes data) {
    const std::size_t checked = std::min<std::size_t>(data.size(), 64) & ~std::size_t{1};
    if (checked < 4 || data.size() % 2 != 0) return Utf16::None;
    const auto character_then_zero = [&](std::size_t character, std::size_t zero) {
        for (std::size_t i = 0; i < checked; i += 2)
            if (data[i + zero] != 0 || data[i + character] == 0) return false;
        return true;
    };
    if (character_then_zero(0, 1)) return Utf16::LittleEndian;
    if (character_then_zero(1, 0)) return Utf16::BigEndian;
    return Utf16::None;
}

// OpenSSL converts big-endian UCS-2 (ASN.1's BMPString) to UTF-8, which
// covers PEM text and any comment beside it; little-endian is byte-swapped
// into it first.
std::vector<std::uint8_t> utf16_to_utf8(Bytes text, Utf16 order, const std::string& item) {
    std::vector<std::uint8_t> big_endian(text.begin(), text.end() - static_cast<std::ptrdiff_t>(text.size() % 2));
    if (order == Utf16::LittleEndian)
        for (std::size_t i = 0; i + 1 < big_endian.size(); i += 2) std::swap(big_endian[i], big_endian[i + 1]);
    ASN1_STRING* converted = nullptr;
    if (ASN1_mbstring_copy(&converted, big_endian.data(), gsl::narrow<int>(big_endian.size()), MBSTRING_BMP,
                           B_ASN1_UTF8STRING) < 0) {
        throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the text looks like UTF-16 but does not decode as UTF-16");
    }
    const ossl::Asn1StringPtr owned(converted);
    const auto* bytes = ASN1_STRING_get0_data(converted);
    return {bytes, bytes + ASN1_STRING_length(converted)};
}

}  // namespace

std::optional<std::vector<std::uint8_t>> text_as_plain_utf8(Bytes data, const std::string& item) {
    if (starts_with(data, {0xEF, 0xBB, 0xBF})) return std::vector<std::uint8_t>(data.begin() + 3, data.end());
    if (starts_with(data, {0xFF, 0xFE})) return utf16_to_utf8(data.subspan(2), Utf16::LittleEndian, item);
    if (starts_with(data, {0xFE, 0xFF})) return utf16_to_utf8(data.subspan(2), Utf16::BigEndian, item);
    const Utf16 order = utf16_by_pattern(data);
    if (order != Utf16::None) return utf16_to_utf8(data, order, item);
    return std::nullopt;
}

}  // namespace cachain
