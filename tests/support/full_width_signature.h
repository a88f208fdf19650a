// Signs a certificate so that every verifier the tests ask can read the
// signature, Wine's crypt32 included.
#pragma once

#include <openssl/x509.h>

namespace cachain::testing {

// X509_sign with SHA-256, repeated for an ECDSA key until both r and s of the
// signature are as wide as the curve (32 bytes for P-256).
//
// Why: DER drops an integer's leading zero bytes, so some ECDSA signatures
// have an r or s of 31 bytes or fewer (13 of 3,000 measured). Windows pads
// them to the curve's width before it verifies; Wine 8's crypt32 does not, and its
// chain engine then refuses a valid certificate with TRUST_E_CERT_SIGNATURE.
// A test judged by Wine would fail at random, blaming CaChain for Wine.
// Measured: a leaf whose signature's s was 31 bytes failed
// CryptVerifyCertificateSignatureEx under Wine 8, one with 32-byte r and s
// under the same CA passed; OpenSSL verifies both.
// Returns X509_sign's result of the last attempt (> 0 on success).
int sign_full_width(X509* cert, EVP_PKEY* key);

}  // namespace cachain::testing
