#include "error_catalog.h"

#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <optional>

#include "failure.h"

namespace cachain {
namespace {

using enum CodeKind;

// The fixes, written once. The seed's situation: this machine is outside the
// domain, so it lacks the CA certificates every domain member already has.
constexpr std::string_view import_chain =
    "Import-CaChain -Path <the exported .cer files> (export them first with "
    "Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>)";
constexpr std::string_view export_again = "Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>";
constexpr std::string_view check_chain = "Test-CaChain -ComputerName <server>";
constexpr std::string_view import_elevated =
    "Import-CaChain -Path <the exported .cer files>, from a PowerShell run as administrator (as root on Linux)";
constexpr std::string_view import_and_confirm =
    "Import-CaChain -Path <the exported .cer files>, and answer Yes when Windows asks to add the root";
constexpr std::string_view no_cmdlet = "";

// Values checked against Microsoft's winerror.h documentation ("Certificate
// and Trust Return Values", "SSPI Status Codes", "ASN.1 Encoding/Decoding
// Return Values") and OpenSSL's x509_vfy.h. Descriptions are our own words.
constexpr std::array rows = {
    // Schannel (TLS) codes, as a client sees them when it connects.
    CatalogRow{0x80090304, hresult, "SEC_E_INTERNAL_ERROR",
               "Schannel failed inside the Local Security Authority while setting up TLS.",
               "the server's certificate has a private key Schannel cannot use (a key in a provider it cannot read)\n"
               "the two sides share no TLS version or cipher suite after a hardening change\n"
               "the Local Security Authority service is unhealthy",
               no_cmdlet},
    CatalogRow{0x8009030E, hresult, "SEC_E_NO_CREDENTIALS",
               "No certificate with a usable private key was available for the TLS handshake.",
               "the server's certificate was imported without its private key\n"
               "the account running the service cannot read the private key\n"
               "a mutual-TLS peer has no client certificate to present",
               no_cmdlet},
    CatalogRow{0x80090322, hresult, "SEC_E_WRONG_PRINCIPAL",
               "The name the client connected to is not a name in the server's certificate.",
               "the client used a short name, an alias or an IP address instead of the certificate's name\n"
               "DNS points the name at a different server\n"
               "the certificate's Subject Alternative Names lack this name",
               no_cmdlet},
    CatalogRow{0x80090325, hresult, "SEC_E_UNTRUSTED_ROOT",
               "The server's certificate chain ends in a root this machine does not trust.",
               "this machine is outside the domain, so it never received the internal root CA certificate\n"
               "only the root was imported, without the issuing (subordinate) CA certificates\n"
               "the root was imported into the user's store or the wrong folder instead of the computer's Root store",
               import_chain},
    CatalogRow{0x80090326, hresult, "SEC_E_ILLEGAL_MESSAGE",
               "The TLS peer sent a message that was unexpected or badly formed.",
               "the server rejected this client's certificate, or requires one\n"
               "the two sides share no TLS version or cipher suite\n"
               "a proxy or inspection device is rewriting the connection",
               no_cmdlet},
    CatalogRow{0x80090327, hresult, "SEC_E_CERT_UNKNOWN",
               "Schannel could not process the peer's certificate, for a reason it does not name.",
               "the chain is incomplete or ends in an untrusted root\n"
               "the revocation list or OCSP responder cannot be reached from this machine\n"
               "the certificate is malformed or uses an algorithm Schannel refuses",
               check_chain},
    CatalogRow{0x80090328, hresult, "SEC_E_CERT_EXPIRED",
               "A certificate in the server's chain is outside its validity period.",
               "the server's certificate has expired and was not renewed\n"
               "an issuing or root CA certificate has expired\n"
               "this machine's clock is wrong",
               no_cmdlet},
    CatalogRow{0x80090331, hresult, "SEC_E_ALGORITHM_MISMATCH",
               "Client and server have no TLS algorithm in common.",
               "TLS 1.0/1.1 or weak cipher suites were disabled on one side only\n"
               "the certificate's key type (RSA, ECDSA) does not fit the enabled cipher suites",
               no_cmdlet},
    CatalogRow{0x80090349, hresult, "SEC_E_CERT_WRONG_USAGE",
               "The certificate is not valid for what it is used for here.",
               "the server's certificate lacks the Server Authentication enhanced key usage\n"
               "a mutual-TLS peer's certificate lacks Client Authentication",
               no_cmdlet},
    CatalogRow{0x80090352, hresult, "SEC_E_ISSUING_CA_UNTRUSTED",
               "A CA that issued a certificate used for authentication is not trusted here.",
               "this machine lacks the issuing CA certificate of the internal chain\n"
               "a smart card or Kerberos logon certificate comes from a CA that is not trusted for logon",
               import_chain},

    // CertGetCertificateChain and CertVerifyCertificateChainPolicy codes.
    CatalogRow{0x800B0100, hresult, "TRUST_E_NOSIGNATURE", "The file or object carries no signature.",
               "the file was never signed\nthe signature was stripped when the file was copied or repackaged",
               no_cmdlet},
    CatalogRow{0x800B0101, hresult, "CERT_E_EXPIRED", "A certificate in the chain is outside its validity period.",
               "the certificate has expired and was not renewed\nan issuing or root CA certificate has expired\n"
               "this machine's clock is wrong",
               no_cmdlet},
    CatalogRow{0x800B0102, hresult, "CERT_E_VALIDITYPERIODNESTING",
               "A certificate is valid for longer than the CA certificate that issued it.",
               "the CA issued a certificate that outlives the CA's own certificate",
               no_cmdlet},
    CatalogRow{0x800B0103, hresult, "CERT_E_ROLE",
               "A certificate is used as a CA although it may only be an end entity, or the other way round.",
               "a server certificate was placed where a CA certificate belongs\n"
               "a CA certificate lacks the basic constraints that make it a CA",
               no_cmdlet},
    CatalogRow{0x800B0104, hresult, "CERT_E_PATHLENCONST", "The chain is longer than a CA's path length limit allows.",
               "a CA with a path length limit of 0 issued another CA\nan extra CA tier was added under a limited CA",
               no_cmdlet},
    CatalogRow{0x800B0105, hresult, "CERT_E_CRITICAL",
               "A certificate has an extension marked critical that Windows does not understand.",
               "the CA added a custom extension and marked it critical", no_cmdlet},
    CatalogRow{0x800B0106, hresult, "CERT_E_PURPOSE",
               "A certificate is used for a purpose its CA did not allow.",
               "the certificate's key usages do not include this use\n"
               "a CA in the chain restricts the usages its certificates may have",
               no_cmdlet},
    CatalogRow{0x800B0107, hresult, "CERT_E_ISSUERCHAINING",
               "The CA certificate found for a certificate did not actually issue it.",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "two CAs have the same name",
               import_chain},
    CatalogRow{0x800B0108, hresult, "CERT_E_MALFORMED",
               "A certificate lacks an important field, such as its subject or issuer name, or has it empty.",
               "the certificate was made by a tool or template that left a required field empty", no_cmdlet},
    CatalogRow{0x800B0109, hresult, "CERT_E_UNTRUSTEDROOT",
               "The chain was built, but it ends in a root this machine does not trust.",
               "this machine is outside the domain, so it never received the internal root CA certificate\n"
               "the root was imported into the user's store or the wrong folder instead of the computer's Root store",
               import_chain},
    CatalogRow{0x800B010A, hresult, "CERT_E_CHAINING",
               "No chain could be built from the certificate up to a trusted root.",
               "this machine lacks an issuing or policy (subordinate) CA certificate\n"
               "the CA certificates' download (AIA) addresses are only reachable inside the domain",
               import_chain},
    CatalogRow{0x800B010C, hresult, "CERT_E_REVOKED", "Its issuer has revoked a certificate in the chain.",
               "the certificate was revoked after a renewal, a key compromise or a decommission", no_cmdlet},
    CatalogRow{0x800B010D, hresult, "CERT_E_UNTRUSTEDTESTROOT",
               "The chain ends in a test root, and policy does not allow test roots.",
               "the server still uses a certificate from a test or lab CA", no_cmdlet},
    CatalogRow{0x800B010E, hresult, "CERT_E_REVOCATION_FAILURE",
               "Windows could not find out whether a certificate in the chain was revoked.",
               "the revocation list (CDP) or OCSP address is only reachable inside the domain (an LDAP address)\n"
               "the CA's revocation list has expired and was not republished",
               no_cmdlet},
    CatalogRow{0x800B010F, hresult, "CERT_E_CN_NO_MATCH",
               "The certificate's name does not match the name that was connected to.",
               "the client used a short name, an alias or an IP address; connect with the name in the certificate\n"
               "the certificate's Subject Alternative Names lack this name",
               no_cmdlet},
    CatalogRow{0x800B0110, hresult, "CERT_E_WRONG_USAGE", "The certificate is not valid for the requested usage.",
               "the certificate lacks the Server (or Client) Authentication enhanced key usage", no_cmdlet},
    CatalogRow{0x800B0111, hresult, "TRUST_E_EXPLICIT_DISTRUST",
               "A certificate in the chain has been explicitly marked as not trusted.",
               "the certificate or its CA is in the Untrusted Certificates (Disallowed) store\n"
               "Microsoft's disallowed list includes it",
               no_cmdlet},
    CatalogRow{0x800B0112, hresult, "CERT_E_UNTRUSTEDCA",
               "The chain was built, but one of its CA certificates is not trusted for this use.",
               "an issuing CA certificate is missing from, or was removed from, the Intermediate store\n"
               "a CA certificate is restricted to other purposes",
               import_chain},
    CatalogRow{0x800B0113, hresult, "CERT_E_INVALID_POLICY",
               "A certificate's policies do not satisfy the policies the chain requires.",
               "a policy CA requires an issuance policy the issuing CA's certificates do not carry", no_cmdlet},
    CatalogRow{0x800B0114, hresult, "CERT_E_INVALID_NAME",
               "A certificate's name is outside the names a CA in the chain may certify.",
               "a CA's name constraints exclude the server's name, or do not permit it", no_cmdlet},
    CatalogRow{0x80096001, hresult, "TRUST_E_SYSTEM_ERROR", "A system error occurred while verifying trust.",
               "a cryptographic provider or the trust subsystem failed\nthe machine is low on memory or resources",
               no_cmdlet},
    CatalogRow{0x80096002, hresult, "TRUST_E_NO_SIGNER_CERT",
               "The certificate of the signer is missing or not valid.",
               "the signed file does not include its signer's certificate", no_cmdlet},
    CatalogRow{0x80096004, hresult, "TRUST_E_CERT_SIGNATURE",
               "The signature on a certificate in the chain does not verify.",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "the certificate file was damaged",
               import_chain},
    CatalogRow{0x80096010, hresult, "TRUST_E_BAD_DIGEST", "The object's digital signature does not verify.",
               "the file was changed after it was signed\nthe download was truncated or damaged", no_cmdlet},
    CatalogRow{0x80096019, hresult, "TRUST_E_BASIC_CONSTRAINTS",
               "A certificate's basic constraints are missing or not respected.",
               "a certificate without CA basic constraints was used as a CA\na CA exceeded its path length limit",
               no_cmdlet},
    CatalogRow{0x8009601E, hresult, "TRUST_E_FINANCIAL_CRITERIA",
               "The certificate lacks the Authenticode financial extensions, or does not meet them.",
               "a code-signing policy that demands them checked an ordinary certificate", no_cmdlet},

    // CryptoAPI codes: reading certificate files and working with stores.
    CatalogRow{0x80091007, hresult, "CRYPT_E_HASH_VALUE", "A hash value is not correct.",
               "the file or message was changed or damaged after it was hashed", no_cmdlet},
    CatalogRow{0x80092002, hresult, "CRYPT_E_BAD_ENCODE", "Encoding or decoding a certificate failed.",
               "the file is not a certificate, or was damaged when copied\n"
               "a Base64 (PEM) file was edited or re-wrapped",
               export_again},
    CatalogRow{0x80092004, hresult, "CRYPT_E_NOT_FOUND", "The certificate or property looked for was not found.",
               "the certificate is not in the store that was searched\n"
               "the certificate was already removed",
               no_cmdlet},
    CatalogRow{0x80092005, hresult, "CRYPT_E_EXISTS", "The certificate is already in the store.",
               "the CA certificate was imported before, on this machine or by Group Policy", check_chain},
    CatalogRow{0x80092007, hresult, "CRYPT_E_SELF_SIGNED", "The certificate is self-signed.",
               "the server uses a self-signed certificate instead of one from the internal CA\n"
               "a root certificate was given where an issued certificate was expected",
               no_cmdlet},
    CatalogRow{0x80092009, hresult, "CRYPT_E_NO_MATCH", "No certificate matches what was asked for.",
               "the file holds no certificate of the kind wanted\nthe thumbprint or name given matches nothing",
               no_cmdlet},
    CatalogRow{0x8009200D, hresult, "CRYPT_E_BAD_MSG",
               "The data is not a cryptographic message, or it is badly formed.",
               "the file is not a .cer, .p7b or .pfx (an HTML error page saved under that name, for example)\n"
               "the file was damaged or cut short when copied",
               export_again},
    CatalogRow{0x80092010, hresult, "CRYPT_E_REVOKED", "The certificate or signature has been revoked.",
               "the certificate was revoked after a renewal, a key compromise or a decommission", no_cmdlet},
    CatalogRow{0x80092012, hresult, "CRYPT_E_NO_REVOCATION_CHECK",
               "The revocation status of the certificate could not be checked.",
               "the certificate names no revocation list (CDP) or OCSP address\n"
               "no revocation provider handles the addresses it names",
               no_cmdlet},
    CatalogRow{0x80092013, hresult, "CRYPT_E_REVOCATION_OFFLINE",
               "Revocation could not be checked because the revocation server is offline.",
               "the revocation list (CDP) or OCSP address is only reachable inside the domain (an LDAP address)\n"
               "a firewall or proxy blocks the CA's HTTP address\nthe CA's revocation list has expired",
               no_cmdlet},
    CatalogRow{0x80093102, hresult, "CRYPT_E_ASN1_EOD", "The certificate data ends before it should.",
               "the file was cut short when copied or downloaded\n"
               "the file was transferred in text mode, which changed its bytes",
               export_again},
    CatalogRow{0x8009310B, hresult, "CRYPT_E_ASN1_BADTAG", "The certificate data is not in the expected format.",
               "the file is not DER or Base64 certificate data (a text or HTML file, a key)\n"
               "the file was damaged when copied",
               export_again},

    // Store backends: writing to the computer's stores.
    CatalogRow{0x80070005, hresult, "E_ACCESSDENIED", "Access is denied.",
               "the computer's (LocalMachine) stores need administrator rights, and PowerShell is not elevated\n"
               "on Linux, the system trust folder needs root",
               import_elevated},
    CatalogRow{0x800704C7, hresult, "ERROR_CANCELLED",
               "The operation was cancelled by the user (HRESULT_FROM_WIN32(ERROR_CANCELLED)).",
               "the user answered No to Windows' prompt for adding a root to the current user's Root store\n"
               "the session is unattended, so no one could answer the prompt",
               import_and_confirm},

    // OpenSSL's X509_verify_cert codes, as Linux tools (curl, openssl s_client) report them.
    CatalogRow{0, openssl, "X509_V_OK", "", "the certificate and its chain verified; nothing is wrong", no_cmdlet},
    CatalogRow{2, openssl, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "",
               "this machine lacks an issuing or policy CA certificate of the internal chain\n"
               "the server does not send its intermediate CA certificates",
               import_chain},
    CatalogRow{3, openssl, "X509_V_ERR_UNABLE_TO_GET_CRL", "",
               "revocation checking is on and the CA's revocation list was not provided or could not be fetched",
               no_cmdlet},
    CatalogRow{7, openssl, "X509_V_ERR_CERT_SIGNATURE_FAILURE", "",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "the certificate was damaged",
               import_chain},
    CatalogRow{9, openssl, "X509_V_ERR_CERT_NOT_YET_VALID", "",
               "this machine's clock is behind\nthe certificate was issued with a start date in the future", no_cmdlet},
    CatalogRow{10, openssl, "X509_V_ERR_CERT_HAS_EXPIRED", "",
               "the certificate or a CA certificate has expired and was not renewed\nthis machine's clock is wrong",
               no_cmdlet},
    CatalogRow{18, openssl, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "",
               "the server uses a self-signed certificate instead of one from the internal CA", no_cmdlet},
    CatalogRow{19, openssl, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "",
               "the server sends its whole chain, root included, but this machine does not trust that root\n"
               "this machine is outside the domain, so it never received the internal root CA certificate",
               import_chain},
    CatalogRow{20, openssl, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "",
               "this machine lacks the internal root or issuing CA certificate\n"
               "the CA certificates were copied but not added to the system trust (update-ca-certificates not run)",
               import_chain},
    CatalogRow{21, openssl, "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE", "",
               "the server sends only its own certificate, and this machine lacks the CA that issued it",
               import_chain},
    CatalogRow{22, openssl, "X509_V_ERR_CERT_CHAIN_TOO_LONG", "",
               "the chain is deeper than the verifier's depth limit", no_cmdlet},
    CatalogRow{23, openssl, "X509_V_ERR_CERT_REVOKED", "",
               "the certificate was revoked after a renewal, a key compromise or a decommission", no_cmdlet},
    CatalogRow{24, openssl, "X509_V_ERR_NO_ISSUER_PUBLIC_KEY", "",
               "the issuer certificate found has no usable public key (damaged, or an unsupported key type)",
               no_cmdlet},
    CatalogRow{25, openssl, "X509_V_ERR_PATH_LENGTH_EXCEEDED", "",
               "a CA with a path length limit issued more CA tiers than the limit allows", no_cmdlet},
    CatalogRow{26, openssl, "X509_V_ERR_INVALID_PURPOSE", "",
               "the certificate lacks the Server (or Client) Authentication extended key usage", no_cmdlet},
    CatalogRow{27, openssl, "X509_V_ERR_CERT_UNTRUSTED", "",
               "the root is present but not trusted for this purpose\n"
               "the root was added as an intermediate instead of as a trust anchor",
               import_chain},
    CatalogRow{28, openssl, "X509_V_ERR_CERT_REJECTED", "",
               "the root is marked as rejected for this purpose in the trust settings", no_cmdlet},
    CatalogRow{29, openssl, "X509_V_ERR_SUBJECT_ISSUER_MISMATCH", "",
               "a CA certificate with a different name was offered as the issuer\n"
               "this machine lacks the CA certificate that really issued it",
               import_chain},
    CatalogRow{30, openssl, "X509_V_ERR_AKID_SKID_MISMATCH", "",
               "the CA was renewed with a new key and this machine has the old CA certificate", import_chain},
    CatalogRow{32, openssl, "X509_V_ERR_KEYUSAGE_NO_CERTSIGN", "",
               "a CA certificate's key usage does not allow signing certificates", no_cmdlet},
    CatalogRow{34, openssl, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION", "",
               "the CA added an extension OpenSSL does not understand and marked it critical", no_cmdlet},
    CatalogRow{37, openssl, "X509_V_ERR_INVALID_NON_CA", "",
               "a certificate that is not a CA has CA markings or was used as an issuer", no_cmdlet},
    CatalogRow{43, openssl, "X509_V_ERR_NO_EXPLICIT_POLICY", "",
               "a CA requires an explicit certificate policy that the chain does not carry", no_cmdlet},
    CatalogRow{47, openssl, "X509_V_ERR_PERMITTED_VIOLATION", "",
               "a CA's name constraints do not permit the server's name", no_cmdlet},
    CatalogRow{48, openssl, "X509_V_ERR_EXCLUDED_VIOLATION", "",
               "a CA's name constraints exclude the server's name", no_cmdlet},
    CatalogRow{55, openssl, "X509_V_ERR_PATH_LOOP", "",
               "two CA certificates certify each other (cross-certification) and no root ends the loop", no_cmdlet},
    CatalogRow{62, openssl, "X509_V_ERR_HOSTNAME_MISMATCH", "",
               "the client used a short name, an alias or an IP address; connect with the name in the certificate\n"
               "the certificate's Subject Alternative Names lack this name",
               no_cmdlet},
    CatalogRow{64, openssl, "X509_V_ERR_IP_ADDRESS_MISMATCH", "",
               "the client connected by IP address and the certificate does not list that address", no_cmdlet},
    CatalogRow{66, openssl, "X509_V_ERR_EE_KEY_TOO_SMALL", "",
               "the server's key is shorter than this machine's security level allows (RSA under 2048 bits)",
               no_cmdlet},
    CatalogRow{67, openssl, "X509_V_ERR_CA_KEY_TOO_SMALL", "",
               "an internal CA's key is shorter than this machine's security level allows (RSA under 2048 bits)",
               no_cmdlet},
    CatalogRow{68, openssl, "X509_V_ERR_CA_MD_TOO_WEAK", "",
               "an internal CA signs with SHA-1 or MD5, which this machine's security level refuses", no_cmdlet},
    CatalogRow{79, openssl, "X509_V_ERR_INVALID_CA", "",
               "a certificate used as an issuer is not marked as a CA (basic constraints missing or false)",
               no_cmdlet},
};

constexpr std::int64_t largest_openssl_code = 199;

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool same_name(std::string_view a, std::string_view b) {
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

// A number in one of the forms users paste (0x80090325, 2148074277,
// -2146893019, 20), as opposed to a name.
bool is_number(std::string_view text) {
    if (is_hex_form(text)) return true;
    if (text.starts_with('-')) text.remove_prefix(1);
    return all_digits(text, 10);
}

template <typename Number>
bool parse_whole(std::string_view digits, Number& number, int base) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number, base);
    return error == std::errc() && end == digits.data() + digits.size();
}

// Hex is always an HRESULT; decimal 0..199 is an OpenSSL verify code, larger
// or negative decimal an HRESULT (unsigned, or signed as .NET prints it).
// nullopt for a number too large to be either.
std::optional<Code> parse_number(std::string_view text) {
    if (is_hex_form(text)) {
        std::uint32_t value = 0;
        if (!parse_whole(text.substr(2), value, 16)) return std::nullopt;
        return Code{hresult, value};
    }
    std::int64_t value = 0;
    if (!parse_whole(text, value, 10)) return std::nullopt;
    if (value >= 0 && value <= largest_openssl_code) return Code{openssl, static_cast<std::uint32_t>(value)};
    if (value < 0 && value >= std::numeric_limits<std::int32_t>::min())
        return Code{hresult, static_cast<std::uint32_t>(static_cast<std::int32_t>(value))};
    if (value > 0 && value <= std::numeric_limits<std::uint32_t>::max())
        return Code{hresult, static_cast<std::uint32_t>(value)};
    return std::nullopt;
}

const CatalogRow* find_code(Code code) {
    const auto found =
        std::ranges::find_if(rows, [&](const CatalogRow& row) { return row.kind == code.kind && row.value == code.value; });
    return found == rows.end() ? nullptr : &*found;
}

const CatalogRow* find_name(std::string_view name) {
    const auto found = std::ranges::find_if(rows, [&](const CatalogRow& row) { return same_name(row.name, name); });
    return found == rows.end() ? nullptr : &*found;
}

std::string hresult_text(std::uint32_t value) {
    std::array<char, 8> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, 16).ptr;
    std::string hex(digits.data(), end);
    std::ranges::transform(hex, hex.begin(), [](char c) { return c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c; });
    return "0x" + std::string(8 - hex.size(), '0') + hex;
}

}  // namespace

std::span<const CatalogRow> error_catalog() { return rows; }

Explanation explain(const CatalogRow& row) {
    Explanation explanation;
    explanation.value = row.value;
    explanation.name = row.name;
    explanation.causes = row.causes;
    explanation.fix = row.fix;
    if (row.kind == hresult) {
        explanation.code = hresult_text(row.value);
        explanation.kind = "HRESULT";
        explanation.description = row.description;
    } else {
        explanation.code = std::to_string(row.value);
        explanation.kind = "OpenSSL";
        explanation.description = X509_verify_cert_error_string(static_cast<long>(row.value));
    }
    return explanation;
}

Explanation explain_code(std::string_view text) {
    const std::string_view code = trimmed(text);
    if (is_number(code)) {
        const std::optional<Code> number = parse_number(code);
        const CatalogRow* row = number ? find_code(*number) : nullptr;
        if (!row) throw Failure(CACHAIN_E_ARGUMENT, quoted(text), "not a code CaChain knows");
        return explain(*row);
    }
    const CatalogRow* row = code.empty() ? nullptr : find_name(code);
    if (!row) throw Failure(CACHAIN_E_ARGUMENT, quoted(text), "not a number or a known name");
    return explain(*row);
}

}  // namespace cachain
