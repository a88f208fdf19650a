#include "openssl_baseline.h"

#include <openssl/err.h>

#include <stdexcept>

namespace cachain::bench {

OpenSslVerifier::OpenSslVerifier(const std::vector<ossl::X509Ptr>& roots,
                                 const std::vector<const std::vector<ossl::X509Ptr>*>& untrusted)
    : store_(X509_STORE_new()), untrusted_(sk_X509_new_null()), context_(X509_STORE_CTX_new()) {
    if (!store_ || !untrusted_ || !context_) throw std::runtime_error("OpenSSL: out of memory");
    for (const auto& root : roots) X509_STORE_add_cert(store_, root.get());
    for (const auto* certs : untrusted)
        for (const auto& cert : *certs) sk_X509_push(untrusted_, cert.get());
}

OpenSslVerifier::~OpenSslVerifier() {
    X509_STORE_CTX_free(context_);
    sk_X509_free(untrusted_);  // the stack only borrowed its certificates
    X509_STORE_free(store_);
}

bool OpenSslVerifier::verify(X509* leaf) {
    if (X509_STORE_CTX_init(context_, store_, leaf, untrusted_) != 1) throw std::runtime_error("OpenSSL: context");
    const bool verified = X509_verify_cert(context_) == 1;
    X509_STORE_CTX_cleanup(context_);
    ERR_clear_error();
    return verified;
}

bool signature_verifies(X509* leaf, X509* issuer) { return X509_verify(leaf, X509_get0_pubkey(issuer)) == 1; }

}  // namespace cachain::bench
