// Each kind of trust failure and the codes Windows reports for it: the
// chain code from CertGetCertificateChain's policy check (CERT_E_*,
// TRUST_E_*) and the TLS code Schannel gives the client (SEC_E_*).
#pragma once

#include <cstdint>

#include "cachain/cachain.h"

namespace cachain {

struct WindowsCodes {
    std::uint32_t chain_error = 0;
    std::uint32_t tls_error = 0;
};

// The codes of cause; both 0 for CACHAIN_CAUSE_NONE.
WindowsCodes windows_codes_of(cachain_trust_cause cause) noexcept;

// The kind of failure an OpenSSL verify code names. The codes that only say
// "no issuer found" (2, 20) need the path to tell their cause, so they map
// to CACHAIN_CAUSE_ISSUER_MISSING here.
cachain_trust_cause cause_of_openssl_code(int code) noexcept;

}  // namespace cachain
