// Owners for OpenSSL objects. Every OpenSSL object gets one of these the
// moment it is created, so logic code never calls a *_free function itself.
#pragma once

#include <memory>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace cachain::ossl {

template <auto FreeFunction>
struct Deleter {
    template <typename T>
    void operator()(T* object) const noexcept { FreeFunction(object); }
};

using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, Deleter<AUTHORITY_KEYID_free>>;
using AsnOctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>>;
using Asn1StringPtr = std::unique_ptr<ASN1_STRING, Deleter<ASN1_STRING_free>>;
using AccessDescriptionsPtr = std::unique_ptr<AUTHORITY_INFO_ACCESS, Deleter<AUTHORITY_INFO_ACCESS_free>>;

// Memory that OpenSSL allocated for us (strings, DER buffers).
inline void free_openssl_memory(void* memory) { OPENSSL_free(memory); }
using OpenSslMemoryPtr = std::unique_ptr<unsigned char, Deleter<free_openssl_memory>>;
using OpenSslStringPtr = std::unique_ptr<char, Deleter<free_openssl_memory>>;

// Stacks own their elements, so each stack type frees them with the stack.
inline void free_x509_stack(STACK_OF(X509)* stack) { sk_X509_pop_free(stack, X509_free); }
inline void free_pkcs7_stack(STACK_OF(PKCS7)* stack) { sk_PKCS7_pop_free(stack, PKCS7_free); }
inline void free_safebag_stack(STACK_OF(PKCS12_SAFEBAG)* stack) {
    sk_PKCS12_SAFEBAG_pop_free(stack, PKCS12_SAFEBAG_free);
}
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<free_x509_stack>>;
using Pkcs7StackPtr = std::unique_ptr<STACK_OF(PKCS7), Deleter<free_pkcs7_stack>>;
using SafeBagStackPtr = std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), Deleter<free_safebag_stack>>;

}  // namespace cachain::ossl
