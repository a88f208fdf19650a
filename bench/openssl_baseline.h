// The yardsticks our engine is measured against, over the same certificates
// in the same process: OpenSSL's own path building (X509_verify_cert), and
// the floor, one signature check per leaf.
#pragma once

#include <cstddef>
#include <vector>

#include "ossl.h"

namespace cachain::bench {

// X509_verify_cert as an application would call it: the roots trusted in an
// X509_STORE, every other certificate on the untrusted stack, default flags
// (so no X509_V_FLAG_PARTIAL_CHAIN).
class OpenSslVerifier {
public:
    OpenSslVerifier(const std::vector<ossl::X509Ptr>& roots, const std::vector<const std::vector<ossl::X509Ptr>*>& untrusted);
    ~OpenSslVerifier();
    OpenSslVerifier(const OpenSslVerifier&) = delete;
    OpenSslVerifier& operator=(const OpenSslVerifier&) = delete;

    // True when OpenSSL builds and verifies a chain for leaf to a root.
    bool verify(X509* leaf);

private:
    X509_STORE* store_;
    STACK_OF(X509)* untrusted_;  // borrows the certificates
    X509_STORE_CTX* context_;
};

// The floor: leaf's signature checked with its issuer's public key, nothing
// else. True when it verifies.
bool signature_verifies(X509* leaf, X509* issuer);

}  // namespace cachain::bench
