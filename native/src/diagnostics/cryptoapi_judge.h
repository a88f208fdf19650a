// CryptoAPI as a judge: what a TLS client on Windows (Schannel, WinHTTP,
// .NET's SslStream) decides about a chain. Windows only.
#pragma once

#include <cstdint>

#include "trust_judge.h"

namespace cachain {

// Whose stores the chain engine reads: the computer account's ("Root" and
// "CA" of LocalMachine) or the user's (which Windows merges with
// LocalMachine's).
enum class CryptoApiEngine { LocalMachine, CurrentUser };

// CertGetCertificateChain for target, with untrusted as an in-memory
// additional store, at options.at, requesting options.purpose as the
// enhanced key usage; then CertVerifyCertificateChainPolicy with
// CERT_CHAIN_POLICY_SSL for options.dns_name (no name check when empty).
//
// The anchors are the engine's own Root store, as a client's are, not a
// list given to it. Like every Windows client, the engine also reads the
// store's CA certificates and downloads missing issuers through AIA.
//
// The verdict and windows_chain_error (the policy's own CERT_E_*) are
// CryptoAPI's. code is an OpenSSL code of the same cause, so that the
// catalogue and the explanations can read it: OpenSSL's own code when its
// second opinion (openssl_judge with anchors) names that cause too.
Judgement cryptoapi_judge(CryptoApiEngine engine, const Certificate& target,
                          const std::vector<CertificatePtr>& untrusted, const std::vector<CertificatePtr>& anchors,
                          const EvaluationOptions& options);

// The judges for TrustJudge's signature.
Judgement cryptoapi_machine_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                                  const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options);
Judgement cryptoapi_user_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                               const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options);

}  // namespace cachain
