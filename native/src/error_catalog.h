// The error catalogue behind Resolve-CaChainError: what an error code a user
// pastes from an event log or a TLS failure means, why it usually happens on
// a machine that does not trust the internal CA chain, and which CaChain
// cmdlet fixes it. Like the seed's `lcserror 0x80090325`, with the fix.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cachain {

enum class CodeKind { hresult, openssl };

// One code the library knows. Plain data, so the whole table is constexpr.
struct CatalogRow {
    std::uint32_t value;           // the HRESULT as unsigned (0x80090325), or X509_V_ERR_* (20)
    CodeKind kind;
    std::string_view name;         // "SEC_E_UNTRUSTED_ROOT", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
    std::string_view description;  // "" for OpenSSL rows: OpenSSL's own words are used
    std::string_view causes;       // likely causes, one per line
    std::string_view fix;          // the cmdlet to run, "" when no cmdlet fixes it
};

// Every row, HRESULTs first, then OpenSSL verify codes.
std::span<const CatalogRow> error_catalog();

// A row made ready for the caller: the code as text and the description
// filled in (OpenSSL's X509_verify_cert_error_string for OpenSSL rows).
struct Explanation {
    std::string code;  // "0x80090325" or "20"
    std::string name;
    std::string kind;  // "HRESULT" or "OpenSSL"
    std::string description;
    std::string causes;
    std::string fix;
    std::int64_t value = 0;
};

Explanation explain(const CatalogRow& row);

// Reads a code as a user types it: hex with 0x (0x80090325), unsigned or
// negative decimal HRESULTs (2148074277, -2146893019), decimal 0..199 as an
// OpenSSL verify code, or a symbolic name in any case. Throws Failure
// (CACHAIN_E_ARGUMENT) naming the text when it is not a number or a known
// name, or is a number the catalogue does not hold.
Explanation explain_code(std::string_view text);

}  // namespace cachain
