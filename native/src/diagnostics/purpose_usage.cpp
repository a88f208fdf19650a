#include "purpose_usage.h"

#include <utility>

#include <openssl/x509v3.h>

namespace cachain {
namespace {

// The keyUsage bits each purpose accepts (any one of them), as OpenSSL's
// check_purpose_ssl_server and check_purpose_ssl_client require of a leaf.
std::uint32_t key_usage_accepted(cachain_purpose purpose) {
    if (purpose == CACHAIN_PURPOSE_CLIENT_AUTH) return KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT;
    return KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT;
}

std::uint32_t extended_key_usage_accepted(cachain_purpose purpose) {
    if (purpose == CACHAIN_PURPOSE_CLIENT_AUTH) return XKU_SSL_CLIENT;
    return XKU_SSL_SERVER | XKU_SGC;
}

constexpr std::pair<std::uint32_t, const char*> key_usage_bits[] = {
    {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
    {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
    {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
    {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
    {KU_DECIPHER_ONLY, "decipherOnly"},
};

}  // namespace

UsageFault usage_fault(const Certificate& cert, cachain_purpose purpose) {
    if (purpose == CACHAIN_PURPOSE_ANY || cert.is_ca() || cert.key_usage() < 0) return UsageFault::ExtendedKeyUsage;
    // UINT32_MAX when the extension is absent: every usage allowed.
    if (!(X509_get_extended_key_usage(cert.x509()) & extended_key_usage_accepted(purpose)))
        return UsageFault::ExtendedKeyUsage;
    return (cert.key_usage() & key_usage_accepted(purpose)) ? UsageFault::ExtendedKeyUsage : UsageFault::KeyUsage;
}

std::string key_usage_names(std::int64_t key_usage) {
    std::string names;
    for (const auto& [bit, name] : key_usage_bits) {
        if (key_usage & bit) names += (names.empty() ? "" : ", ") + std::string(name);
    }
    return names.empty() ? "empty" : names;
}

std::string key_usage_needed(cachain_purpose purpose) {
    return purpose == CACHAIN_PURPOSE_CLIENT_AUTH ? "digitalSignature or keyAgreement"
                                                  : "digitalSignature, keyEncipherment or keyAgreement";
}

}  // namespace cachain
