// "Does this machine trust it?": the chain a target builds with what a
// store holds, and, when it is not trusted, the first broken link, the fix,
// and the codes Windows and OpenSSL would report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain.h"
#include "trust_store.h"

namespace cachain {

// The codes the seed's users see. Windows reports chain problems as
// CERT_E_* from CertGetCertificateChain, and TLS (Schannel) as SEC_E_*.
constexpr std::uint32_t sec_e_untrusted_root = 0x80090325;
constexpr std::uint32_t sec_e_cert_expired = 0x80090328;
constexpr std::uint32_t cert_e_untrusted_root = 0x800B0109;
constexpr std::uint32_t cert_e_chaining = 0x800B010A;
constexpr std::uint32_t cert_e_expired = 0x800B0101;

struct TrustVerdict {
    bool trusted = false;
    Chain chain;                   // the best chain, built with the store's certificates
    std::string reason;            // the first broken link, or why it is trusted
    std::string fix;               // what to run, "" when trusted
    std::uint32_t chain_error = 0; // CERT_E_* (0 when trusted)
    std::uint32_t tls_error = 0;   // SEC_E_* (0 when trusted)
    int openssl_verify_code = 0;   // X509_V_OK (0) or X509_V_ERR_*, from X509_verify_cert itself
    std::string openssl_verify_text;
};

// One verdict per target of inputs (as chain discovery picks them), built
// with inputs, extra_issuers and the store's CA certificates as issuers and
// the store's Root certificates as the only trust anchors.
std::vector<TrustVerdict> evaluate_trust(TrustStore& store, const std::vector<CertificatePtr>& inputs,
                                         const std::vector<CertificatePtr>& extra_issuers, std::int64_t now);

}  // namespace cachain
