// The platform's own verifier, the judge whose decision a client of a
// store's machine reaches, and what that client has to build a chain with.
// CaChain finds and explains paths; the verdict is the judge's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "certificate.h"
#include "trust_store.h"

namespace cachain {

// What a client checks, and when: Test-CaChain's -At, -Purpose, -DnsName
// and -WarnWithinDays.
struct EvaluationOptions {
    std::int64_t at = 0;  // seconds since 1970 UTC
    cachain_purpose purpose = CACHAIN_PURPOSE_SERVER_AUTH;
    std::string dns_name;  // "" for no name check; a host name or an IP literal
    std::uint32_t warn_within_days = 0;
    // Whether a judge that downloads missing issuers itself (CryptoAPI) may
    // go to the network: Test-CaChain -Offline downloads nothing at all.
    bool may_download = false;
};

// The judge's decision, with the chain it built (depth 0 the target).
struct Judgement {
    int code = 0;       // X509_V_OK or X509_V_ERR_*
    std::string text;   // the judge's words for code
    int depth = -1;     // the depth of the certificate code is about, -1 when none
    // The Windows judge's own code (CERT_E_*, TRUST_E_*) from its SSL policy
    // check; 0 when trusted, and from the OpenSSL judge.
    std::uint32_t windows_chain_error = 0;
    std::vector<CertificatePtr> chain;
};

using TrustJudge = Judgement (*)(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                                 const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options);

// How the clients of a store's machine decide.
struct ClientModel {
    TrustJudge judge;
    // Whether clients chain through the store's CA certificates. Windows
    // clients read the CA store (CryptoAPI builds from it); Linux TLS
    // clients read only the trust bundle, never CaChain's intermediates file.
    bool reads_ca_store;
    // Whether the judge downloads missing issuers through AIA itself, so
    // that what CaChain downloads is what its clients would have too.
    // CryptoAPI does; OpenSSL's X509_verify_cert never does, nor do curl and
    // openssl s_client, so where OpenSSL judges a download explains a
    // refusal and never turns it into trust.
    bool downloads_issuers;
};

ClientModel client_model_of(const TrustStore& store);

}  // namespace cachain
