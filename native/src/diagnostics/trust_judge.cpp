#include "trust_judge.h"

#include "openssl_judge.h"
#ifndef _WIN32
#include "linux_system_trust.h"
#endif

namespace cachain {

// Every store is judged by OpenSSL for now. The seam for CryptoAPI: the
// Windows stores (and the callback store, which is .NET's X509Store, itself
// CryptoAPI on Windows) will get CertGetCertificateChain with
// CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL) here.
//
// Directory stores model the two Windows stores (Root/ and CA/), so their
// clients read CA as Windows clients do; only the Linux system trust has CA
// certificates (CaChain's intermediates file) that no client reads.
ClientModel client_model_of([[maybe_unused]] const TrustStore& store) {
#ifndef _WIN32
    if (dynamic_cast<const LinuxSystemTrust*>(&store)) return {openssl_judge, false};
#endif
    return {openssl_judge, true};
}

}  // namespace cachain
