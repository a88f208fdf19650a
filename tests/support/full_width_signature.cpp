#include "full_width_signature.h"

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "ossl.h"

namespace cachain::testing {

namespace {

// The width in bytes of the curve's order, which bounds r and s; 0 for a key
// that is not EC.
int curve_width(const EVP_PKEY* key) {
    if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return 0;
    return (EVP_PKEY_get_bits(key) + 7) / 8;
}

bool is_narrow(const X509* cert, int width) {
    const ASN1_BIT_STRING* value = nullptr;
    X509_get0_signature(&value, nullptr, cert);
    if (value == nullptr) return false;
    const unsigned char* cursor = ASN1_STRING_get0_data(value);
    const std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> signature(
        d2i_ECDSA_SIG(nullptr, &cursor, ASN1_STRING_length(value)), &ECDSA_SIG_free);
    if (!signature) return false;
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    return BN_num_bytes(r) < width || BN_num_bytes(s) < width;
}

}  // namespace

int sign_full_width(X509* cert, EVP_PKEY* key) {
    const int width = curve_width(key);
    // ECDSA draws a fresh nonce each time, so the attempts are independent
    // and a second one is nearly always full width; 64 narrow in a row is
    // beyond any odds that matter.
    int result = 0;
    for (int attempt = 0; attempt < 64; ++attempt) {
        result = X509_sign(cert, key, EVP_sha256());
        if (result <= 0 || width == 0 || !is_narrow(cert, width)) break;
    }
    return result;
}

}  // namespace cachain::testing
