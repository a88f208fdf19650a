// OpenSSL's X509_verify_cert as a judge: what curl and openssl s_client on
// Linux decide about a chain.
#pragma once

#include "trust_judge.h"

namespace cachain {

// Verifies target with anchors as the only trusted certificates and
// untrusted as the certificates it may chain through, with OpenSSL's
// default flags (no partial chains: an anchor must lead to a self-signed
// root) at options.at, for options.purpose, and for options.dns_name when
// given (an IPv4 or IPv6 literal is checked as an address).
Judgement openssl_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                        const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options);

}  // namespace cachain
