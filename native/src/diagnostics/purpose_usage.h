// Which of a certificate's usage extensions forbids a TLS purpose. OpenSSL
// reports both with one code (X509_V_ERR_INVALID_PURPOSE), so a verdict
// looks at the certificate itself to name the right one.
#pragma once

#include <cstdint>
#include <string>

#include "certificate.h"

namespace cachain {

enum class UsageFault {
    ExtendedKeyUsage,  // its extendedKeyUsage lacks the purpose (or something else OpenSSL checks)
    KeyUsage,          // its extendedKeyUsage allows the purpose, its keyUsage does not
};

// As OpenSSL's purpose check decides it: the extendedKeyUsage first, then,
// for a certificate that is not a CA, the keyUsage.
UsageFault usage_fault(const Certificate& cert, cachain_purpose purpose);

// The keyUsage bits by their RFC 5280 names, as OpenSSL's configuration
// spells them: "keyCertSign, cRLSign".
std::string key_usage_names(std::int64_t key_usage);

// What a leaf's keyUsage must include, one of: "digitalSignature,
// keyEncipherment or keyAgreement" for TLS server authentication.
std::string key_usage_needed(cachain_purpose purpose);

}  // namespace cachain
