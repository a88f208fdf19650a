// "Does this machine trust it?": the chain a target builds with what a
// store holds, and, when it is not trusted, the first broken link, the fix,
// and the codes Windows and OpenSSL would report.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "chain.h"
#include "revocation_check.h"
#include "trust_judge.h"
#include "trust_store.h"

namespace cachain {

struct TrustVerdict {
    bool trusted = false;          // the platform judge's decision
    Chain chain;                   // CaChain's best path, built with all the store holds
    cachain_trust_cause cause = CACHAIN_CAUSE_NONE;
    std::string reason;            // the failure, named at the certificate it is about; or why it is trusted
    std::string fix;               // what can mend it, "" when trusted
    std::uint32_t chain_error = 0; // CERT_E_*, TRUST_E_* (0 when trusted)
    std::uint32_t tls_error = 0;   // SEC_E_* (0 when trusted)
    int openssl_verify_code = 0;   // X509_V_OK (0) or X509_V_ERR_*, from X509_verify_cert itself
    std::string openssl_verify_text;
    std::string warnings;          // CA certificates of the path that expire soon, one a line
    std::string unreadable;        // the store's entries OpenSSL cannot read, "<where>: <why>" one a line
    RevocationReport revocation;   // empty unless revocation was checked
};

// Checks the revocation of a verdict's path; the C interface supplies it,
// with one fetcher for the whole call (or none, offline), when asked to.
using RevocationChecker = std::function<RevocationReport(const Chain& path)>;

// An issuer CaChain downloaded through the caIssuers URL of the
// certificate it signed.
struct DownloadedIssuer {
    CertificatePtr certificate;
    std::string url;
};

// Downloads the issuers that the best paths of inputs (with issuers as
// candidates) lack; the C interface supplies it, from sources/, unless the
// caller is offline.
using IssuerDownloader = std::function<std::vector<DownloadedIssuer>(const std::vector<CertificatePtr>& inputs,
                                                                     const std::vector<CertificatePtr>& issuers)>;

// One verdict per target of inputs (as chain discovery picks them): the
// decision of the judge of the store's clients, with the store's Root
// certificates as the only trust anchors and as untrusted certificates
// inputs, extra_issuers and, where its clients read them, the store's CA
// certificates. CaChain's own path, built with everything the store holds,
// explains the decision. What download finds extends CaChain's path, so
// that the reason names what was left out and where it is published; the
// judge gets it only when the platform's verifier downloads issuers itself.
// A path found revoked by check_revocation is refused, as a client that
// checks revocation refuses it.
std::vector<TrustVerdict> evaluate_trust(TrustStore& store, const std::vector<CertificatePtr>& inputs,
                                         const std::vector<CertificatePtr>& extra_issuers,
                                         const EvaluationOptions& options, const IssuerDownloader& download = {},
                                         const RevocationChecker& check_revocation = {});

}  // namespace cachain
