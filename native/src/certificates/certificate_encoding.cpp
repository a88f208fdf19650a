#include "certificate_encoding.h"

#include "openssl_error.h"

namespace cachain {
namespace {

std::vector<std::uint8_t> take_bio_contents(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0) return {};
    return std::vector<std::uint8_t>(data, data + length);
}

Failure encoding_failure(const std::string& what) {
    return Failure(CACHAIN_E_INTERNAL, "", "cannot encode " + what + " (" + describe(drain_openssl_errors(), "unknown") + ")");
}

}  // namespace

std::vector<std::uint8_t> encode_pem(const Certificate& cert) {
    const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert.x509()) != 1) throw encoding_failure("PEM");
    return take_bio_contents(bio.get());
}

std::vector<std::uint8_t> encode_pkcs7(const std::vector<CertificatePtr>& certs) {
    const ossl::Pkcs7Ptr pkcs7(PKCS7_new());
    if (!pkcs7 || PKCS7_set_type(pkcs7.get(), NID_pkcs7_signed) != 1 ||
        PKCS7_content_new(pkcs7.get(), NID_pkcs7_data) != 1) {
        throw encoding_failure("PKCS#7");
    }
    for (const auto& cert : certs) {
        if (PKCS7_add_certificate(pkcs7.get(), cert->x509()) != 1) throw encoding_failure("PKCS#7");
    }
    unsigned char* der = nullptr;
    const int length = i2d_PKCS7(pkcs7.get(), &der);
    if (length <= 0) throw encoding_failure("PKCS#7");
    const ossl::OpenSslMemoryPtr owner(der);
    return std::vector<std::uint8_t>(der, der + length);
}

}  // namespace cachain
