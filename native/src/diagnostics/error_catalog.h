// The error catalogue behind Resolve-CaChainError: what an error code a user
// pastes from an event log or a TLS failure means, why it usually happens on
// a machine that does not trust the internal CA chain, and which CaChain
// cmdlet fixes it. Like the seed's `lcserror 0x80090325`, with the fix.
// Reading what a user pastes is error_code_parser's job.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cachain {

enum class CodeKind { HResult, OpenSsl };

// One code the library knows. Plain data, so the whole table is constexpr.
struct CatalogRow {
    std::uint32_t value;           // the HRESULT as unsigned (0x80090325), or X509_V_ERR_* (20)
    CodeKind kind;
    std::string_view name;         // "SEC_E_UNTRUSTED_ROOT", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
    std::string_view description;  // "" for OpenSSL rows: OpenSSL's own words are used
    std::string_view causes;       // likely causes, one per line
    std::string_view fix;          // what to do: the cmdlet to run, or the change to make when no cmdlet mends it
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

}  // namespace cachain
