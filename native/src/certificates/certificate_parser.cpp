#include "certificate_parser.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include <openssl/asn1.h>
#include <openssl/err.h>

#include "keyless_decoder.h"
#include "openssl_error.h"
#include "pkcs12_reader.h"
#include "text_encoding.h"

namespace cachain {
namespace {

using Bytes = gsl::span<const std::uint8_t>;

std::string_view as_text(Bytes data) {
    return {reinterpret_cast<const char*>(data.data()), data.size()};
}

bool is_blank(Bytes data) {
    return std::all_of(data.begin(), data.end(), [](std::uint8_t c) { return std::isspace(c) != 0; });
}

bool looks_like_base64(Bytes data) {
    return std::all_of(data.begin(), data.end(), [](std::uint8_t c) {
        return std::isalnum(c) != 0 || c == '+' || c == '/' || c == '=' || std::isspace(c) != 0;
    });
}

CertificatePtr wrap(ossl::X509Ptr x509, const std::string& item, Decoded decoded = Decoded::in_full) {
    try {
        return std::make_shared<const Certificate>(std::move(x509), decoded);
    } catch (const Failure& failure) {
        throw Failure(failure.status(), item, failure.reason());
    }
}

std::vector<CertificatePtr> certificates_of_pkcs7(const PKCS7* pkcs7, const std::string& item) {
    const STACK_OF(X509)* certs = nullptr;
    switch (OBJ_obj2nid(pkcs7->type)) {
    case NID_pkcs7_signed: certs = pkcs7->d.sign ? pkcs7->d.sign->cert : nullptr; break;
    case NID_pkcs7_signedAndEnveloped:
        certs = pkcs7->d.signed_and_enveloped ? pkcs7->d.signed_and_enveloped->cert : nullptr;
        break;
    default: throw Failure(CACHAIN_E_NOT_CERTIFICATE, item, "the PKCS#7 data is not a certificate bundle");
    }
    std::vector<CertificatePtr> result;
    for (int i = 0; i < sk_X509_num(certs); ++i) {
        X509* cert = sk_X509_value(certs, i);
        X509_up_ref(cert);
        result.push_back(wrap(ossl::X509Ptr(cert), item));
    }
    if (result.empty()) throw Failure(CACHAIN_E_EMPTY, item, "the PKCS#7 bundle holds no certificate");
    return result;
}

// The outer DER header says how long the structure is; data shorter than
// that was cut off, in a download or a copy.
void check_complete_der(Bytes data, const std::string& item) {
    const unsigned char* cursor = data.data();
    long length = 0;
    int tag = 0, cls = 0;
    drain_openssl_errors();
    const int flags = ASN1_get_object(&cursor, &length, &tag, &cls, gsl::narrow<long>(data.size()));
    const auto errors = drain_openssl_errors();
    if (!(flags & 0x80)) return;
    const bool too_long = std::any_of(errors.begin(), errors.end(), [](const OpenSslError& e) {
        return e.library == ERR_LIB_ASN1 && (e.reason == ASN1_R_TOO_LONG || e.reason == ASN1_R_HEADER_TOO_LONG);
    });
    if (too_long) {
        throw Failure(CACHAIN_E_TRUNCATED, item, "the data is truncated: it ends before the DER structure it starts");
    }
    throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the data is not DER, PEM, PKCS#7 or PKCS#12");
}

// One DER structure: a certificate, a PKCS#7 bundle or a PKCS#12 file.
// Concatenated DER certificates are accepted too.
std::vector<CertificatePtr> parse_der(Bytes data, const std::string& item, const char* password) {
    check_complete_der(data, item);
    std::vector<CertificatePtr> result;
    const unsigned char* cursor = data.data();
    const unsigned char* end = data.data() + data.size();
    while (cursor < end) {
        const unsigned char* start = cursor;
        ossl::X509Ptr cert = decode_without_key(&cursor, gsl::narrow<long>(end - cursor));
        if (!cert) {
            drain_openssl_errors();
            cursor = start;
            break;
        }
        result.push_back(wrap(std::move(cert), item, Decoded::without_key));
    }
    if (!result.empty()) {
        if (cursor != end) {
            throw Failure(CACHAIN_E_TRUNCATED, item,
                          "unexpected or cut-off data after certificate " + std::to_string(result.size()));
        }
        return result;
    }
    const unsigned char* p = data.data();
    if (ossl::Pkcs7Ptr pkcs7{d2i_PKCS7(nullptr, &p, gsl::narrow<long>(data.size()))}) {
        return certificates_of_pkcs7(pkcs7.get(), item);
    }
    drain_openssl_errors();
    p = data.data();
    if (ossl::Pkcs12Ptr pkcs12{d2i_PKCS12(nullptr, &p, gsl::narrow<long>(data.size()))}) {
        for (auto& cert : read_pkcs12_certificates(pkcs12.get(), item, password))
            result.push_back(wrap(std::move(cert), item));
        return result;
    }
    drain_openssl_errors();
    throw Failure(CACHAIN_E_NOT_CERTIFICATE, item,
                  "the data is well-formed DER but not a certificate, PKCS#7 bundle or PKCS#12 file "
                  "(a private key, a CRL or a certificate request?)");
}

std::vector<CertificatePtr> parse_pem_block(const std::string& label, Bytes body, const std::string& item) {
    const unsigned char* p = body.data();
    const long length = gsl::narrow<long>(body.size());
    if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
        // OpenSSL's trust settings after a TRUSTED CERTIFICATE are not in
        // the DER, so that one is kept as decoded.
        const bool trusted = label == "TRUSTED CERTIFICATE";
        ossl::X509Ptr cert = trusted ? ossl::X509Ptr(d2i_X509_AUX(nullptr, &p, length)) : decode_without_key(&p, length);
        if (!cert) {
            throw Failure(CACHAIN_E_TRUNCATED, item,
                          "a CERTIFICATE block is damaged (" + describe(drain_openssl_errors(), "cannot decode") + ")");
        }
        std::vector<CertificatePtr> one;
        one.push_back(wrap(std::move(cert), item, trusted ? Decoded::in_full : Decoded::without_key));
        return one;
    }
    if (label == "PKCS7" || label == "PKCS #7 SIGNED DATA" || label == "CERTIFICATE CHAIN") {
        const ossl::Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &p, length));
        if (!pkcs7) {
            throw Failure(CACHAIN_E_TRUNCATED, item,
                          "a PKCS7 block is damaged (" + describe(drain_openssl_errors(), "cannot decode") + ")");
        }
        return certificates_of_pkcs7(pkcs7.get(), item);
    }
    return {};  // keys, CRLs, requests: not ours to read, and keys never decoded
}

// left_out: null to refuse data for any certificate CaChain cannot use;
// otherwise where the failures of the decoded certificates it cannot use go.
std::vector<CertificatePtr> parse_pem(Bytes data, const std::string& item, std::vector<Failure>* left_out = nullptr) {
    const ossl::BioPtr bio(BIO_new_mem_buf(data.data(), gsl::narrow<int>(data.size())));
    std::vector<CertificatePtr> result;
    std::set<std::string> other_labels;
    drain_openssl_errors();
    for (;;) {
        char* name = nullptr;
        char* header = nullptr;
        unsigned char* body = nullptr;
        long length = 0;
        if (PEM_read_bio(bio.get(), &name, &header, &body, &length) != 1) break;
        const ossl::OpenSslStringPtr name_owner(name), header_owner(header);
        const ossl::OpenSslMemoryPtr body_owner(body);
        const std::string label(name);
        std::vector<CertificatePtr> found;
        try {
            found = parse_pem_block(label, {body, gsl::narrow<size_t>(length)}, item);
        } catch (const Failure& failure) {
            // A block that decodes, with a certificate CaChain cannot use: the others stay usable.
            if (!left_out || failure.status() != CACHAIN_E_NOT_CERTIFICATE) throw;
            const std::size_t position = result.size() + left_out->size() + 1;
            left_out->emplace_back(failure.status(), item + " (certificate " + std::to_string(position) + ")",
                                   failure.reason());
            continue;
        }
        if (found.empty()) other_labels.insert(label);
        std::move(found.begin(), found.end(), std::back_inserter(result));
    }
    const auto errors = drain_openssl_errors();
    const bool clean_end = std::all_of(errors.begin(), errors.end(), [](const OpenSslError& e) {
        return e.library == ERR_LIB_PEM && e.reason == PEM_R_NO_START_LINE;
    });
    if (!clean_end) {
        throw Failure(CACHAIN_E_TRUNCATED, item,
                      "a PEM block after certificate " + std::to_string(result.size()) +
                          " is cut off or damaged (" + describe(errors, "bad PEM") + ")");
    }
    if (result.empty() && !(left_out && !left_out->empty())) {
        std::string labels;
        for (const auto& label : other_labels) labels += (labels.empty() ? "" : ", ") + label;
        if (labels.empty()) throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the PEM text has no readable block");
        throw Failure(CACHAIN_E_NOT_CERTIFICATE, item, "the PEM text holds " + labels + " but no certificate");
    }
    return result;
}

std::vector<std::uint8_t> decode_base64(Bytes text, const std::string& item) {
    std::string compact;
    std::copy_if(text.begin(), text.end(), std::back_inserter(compact), [](std::uint8_t c) { return !std::isspace(c); });
    if (compact.empty() || compact.size() % 4 != 0)
        throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the text is not valid base64");
    std::vector<std::uint8_t> decoded(compact.size() / 4 * 3);
    const int length = EVP_DecodeBlock(decoded.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                                       gsl::narrow<int>(compact.size()));
    drain_openssl_errors();
    if (length < 0) throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the text is not valid base64");
    // EVP_DecodeBlock counts the padding as data; take it back off.
    const auto padding = static_cast<size_t>(std::count(compact.end() - 2, compact.end(), '='));
    decoded.resize(gsl::narrow<size_t>(length) - padding);
    return decoded;
}

}  // namespace

std::vector<CertificatePtr> parse_certificates(Bytes data, const std::string& item, const char* password) {
    if (auto plain = text_as_plain_utf8(data, item)) return parse_certificates(*plain, item, password);
    if (data.empty() || is_blank(data)) throw Failure(CACHAIN_E_EMPTY, item, "the data is empty");
    if (as_text(data).find("-----BEGIN ") != std::string_view::npos) return parse_pem(data, item);
    if (data[0] == 0x30) return parse_der(data, item, password);  // a DER SEQUENCE
    if (looks_like_base64(data)) {
        const auto decoded = decode_base64(data, item);
        if (!decoded.empty() && decoded[0] == 0x30) return parse_der(decoded, item, password);
    }
    throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the data is not DER, PEM, PKCS#7 or PKCS#12");
}

std::vector<CertificatePtr> parse_certificate_bundle(Bytes data, const std::string& item,
                                                     std::vector<Failure>& left_out) {
    if (as_text(data).find("-----BEGIN ") == std::string_view::npos) return parse_certificates(data, item, nullptr);
    return parse_pem(data, item, &left_out);
}

}  // namespace cachain
