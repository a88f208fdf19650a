#include "error_code_parser.h"

#include <openssl/x509.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "failure.h"

namespace cachain {
namespace {

constexpr std::int64_t largest_openssl_code = 199;

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool same_text(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return std::ranges::equal(a, b, [&](char x, char y) { return lower(x) == lower(y); });
}

// The text as it goes into a message: quoted, and cut short when a caller
// passes something huge.
std::string quoted(std::string_view text) {
    constexpr std::size_t longest = 80;
    if (text.size() <= longest) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, longest)) + "...'";
}

struct Code {
    CodeKind kind;
    std::uint32_t value;
};

bool is_digit(char c, int base) {
    if (c >= '0' && c <= '9') return true;
    return base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

bool all_digits(std::string_view text, int base) {
    return !text.empty() && std::ranges::all_of(text, [&](char c) { return is_digit(c, base); });
}

bool is_hex_form(std::string_view text) {
    return (text.starts_with("0x") || text.starts_with("0X")) && all_digits(text.substr(2), 16);
}

// 80090325 as the event log shows it: an HRESULT whose 0x was left out.
bool is_event_log_form(std::string_view text) {
    return text.size() == 8 && text.front() == '8' && all_digits(text, 16);
}

// A number in one of the forms users paste (0x80090325, 80090325,
// 2148074277, -2146893019, 20), as opposed to a name or a text.
bool is_number(std::string_view text) {
    if (is_hex_form(text) || is_event_log_form(text)) return true;
    if (text.starts_with('-')) text.remove_prefix(1);
    return all_digits(text, 10);
}

template <typename Number>
bool parse_whole(std::string_view digits, Number& number, int base) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number, base);
    return error == std::errc() && end == digits.data() + digits.size();
}

std::optional<Code> parse_hex(std::string_view digits) {
    std::uint32_t value = 0;
    if (!parse_whole(digits, value, 16)) return std::nullopt;
    return Code{CodeKind::HResult, value};
}

// Decimal 0..199 is an OpenSSL verify code, larger or negative decimal an
// HRESULT (unsigned, or signed as .NET prints it). nullopt for a number too
// large to be either.
std::optional<Code> parse_decimal(std::string_view digits) {
    std::int64_t value = 0;
    if (!parse_whole(digits, value, 10)) return std::nullopt;
    if (value >= 0 && value <= largest_openssl_code) return Code{CodeKind::OpenSsl, static_cast<std::uint32_t>(value)};
    if (value < 0 && value >= std::numeric_limits<std::int32_t>::min())
        return Code{CodeKind::HResult, static_cast<std::uint32_t>(static_cast<std::int32_t>(value))};
    if (value > 0 && value <= std::numeric_limits<std::uint32_t>::max())
        return Code{CodeKind::HResult, static_cast<std::uint32_t>(value)};
    return std::nullopt;
}

std::optional<Code> parse_number(std::string_view text) {
    if (is_hex_form(text)) return parse_hex(text.substr(2));
    if (is_event_log_form(text)) return parse_hex(text);
    return parse_decimal(text);
}

const CatalogRow* find_row(auto&& matches) {
    const auto rows = error_catalog();
    const auto found = std::ranges::find_if(rows, matches);
    return found == rows.end() ? nullptr : &*found;
}

const CatalogRow* find_code(Code code) {
    return find_row([&](const CatalogRow& row) { return row.kind == code.kind && row.value == code.value; });
}

// A symbolic name, or the words OpenSSL prints for a code ("unable to get
// local issuer certificate"), which is what curl and s_client users copy.
const CatalogRow* find_name_or_text(std::string_view text) {
    if (const CatalogRow* named = find_row([&](const CatalogRow& row) { return same_text(row.name, text); }))
        return named;
    return find_row([&](const CatalogRow& row) {
        return row.kind == CodeKind::OpenSsl &&
               same_text(X509_verify_cert_error_string(static_cast<long>(row.value)), text);
    });
}

}  // namespace

Explanation explain_code(std::string_view text) {
    const std::string_view code = trimmed(text);
    if (is_number(code)) {
        const std::optional<Code> number = parse_number(code);
        const CatalogRow* row = number ? find_code(*number) : nullptr;
        if (!row) throw Failure(CACHAIN_E_ARGUMENT, quoted(text), "not a code CaChain knows");
        return explain(*row);
    }
    const CatalogRow* row = code.empty() ? nullptr : find_name_or_text(code);
    if (!row)
        throw Failure(CACHAIN_E_ARGUMENT, quoted(text), "not a number, a known name or OpenSSL's text for a known code");
    return explain(*row);
}

}  // namespace cachain
