#include "keyless_decoder.h"

#include <openssl/asn1.h>
#include <openssl/provider.h>

namespace cachain {
namespace {

// A library context with only OpenSSL's "null" provider: it has no decoders,
// so the public key's decoding in it finds none and stops at once (OpenSSL
// ignores that failure and leaves the key undecoded). Created once and kept
// for the life of the process, like OpenSSL's own default context.
OSSL_LIB_CTX* context_without_decoders() {
    static OSSL_LIB_CTX* const context = [] {
        OSSL_LIB_CTX* created = OSSL_LIB_CTX_new();
        if (created && !OSSL_PROVIDER_load(created, "null")) {
            // Without the null provider, the context would load the default
            // one on first use, and with it the decoders.
            OSSL_LIB_CTX_free(created);
            created = nullptr;
        }
        return created;
    }();
    return context;
}

}  // namespace

ossl::X509Ptr decode_without_key(const unsigned char** cursor, long length) {
    OSSL_LIB_CTX* context = context_without_decoders();
    if (!context) return ossl::X509Ptr(d2i_X509(nullptr, cursor, length));  // decoding in full still works
    // The certificate itself stays in the default context (its SHA-1 cache,
    // its extensions); only the subjectPublicKeyInfo is decoded in ours.
    return ossl::X509Ptr(reinterpret_cast<X509*>(
        ASN1_item_d2i_ex(nullptr, cursor, length, ASN1_ITEM_rptr(X509), context, nullptr)));
}

}  // namespace cachain
