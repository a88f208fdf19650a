#include "test_pki.h"

#include <fstream>
#include <stdexcept>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "full_width_signature.h"

namespace cachain::testing {
namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        ERR_print_errors_fp(stderr);
        throw std::runtime_error(std::string("test PKI: ") + what);
    }
}

ossl::X509NamePtr build_name(const Name& name) {
    ossl::X509NamePtr result(X509_NAME_new());
    for (const auto& [field, value] : name.parts) {
        check(X509_NAME_add_entry_by_txt(result.get(), field.c_str(), name.string_type,
                                         reinterpret_cast<const unsigned char*>(value.data()),
                                         static_cast<int>(value.size()), -1, 0) == 1,
              "name entry");
    }
    return result;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    check(extension != nullptr, "extension");
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
}

// An OID under a private enterprise arc that no verifier implements.
constexpr const char* unknown_extension_oid = "1.3.6.1.4.1.55555.1.1";

void add_unknown_extension(X509* cert, bool critical) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, nullptr, cert, nullptr, nullptr, 0);
    // DER:05:00 is an ASN.1 NULL: a well-formed value of an unknown type.
    X509_EXTENSION* extension =
        X509V3_EXT_conf(nullptr, &context, unknown_extension_oid, critical ? "critical,DER:05:00" : "DER:05:00");
    check(extension != nullptr, "unknown extension");
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
}

std::string default_key_usage(const CertSpec& spec) {
    const bool sign_certs = spec.ca && spec.key_cert_sign;
    return sign_certs ? "critical,digitalSignature,keyCertSign,cRLSign" : "critical,digitalSignature";
}

std::string default_subject_alt_names(const CertSpec& spec) {
    if (spec.ca || spec.subject.parts.empty()) return "";
    std::string names = "DNS:" + spec.subject.parts.back().second;
    for (int i = 0; i < spec.extra_dns_names; ++i) names += ",DNS:padding" + std::to_string(i) + ".schertz.lab";
    return names;
}

// Built as structures, not configuration text: an ldap: URL of Active
// Directory is full of the commas that the text form splits on.
void add_crl_distribution_points(X509* cert, const std::vector<std::string>& urls) {
    STACK_OF(DIST_POINT)* points = sk_DIST_POINT_new_null();
    for (const auto& url : urls) {
        DIST_POINT* point = DIST_POINT_new();
        point->distpoint = DIST_POINT_NAME_new();
        point->distpoint->type = 0;
        point->distpoint->name.fullname = GENERAL_NAMES_new();
        GENERAL_NAME* name = GENERAL_NAME_new();
        ASN1_IA5STRING* text = ASN1_IA5STRING_new();
        ASN1_STRING_set(text, url.data(), static_cast<int>(url.size()));
        GENERAL_NAME_set0_value(name, GEN_URI, text);
        sk_GENERAL_NAME_push(point->distpoint->name.fullname, name);
        sk_DIST_POINT_push(points, point);
    }
    const int added = X509_add1_ext_i2d(cert, NID_crl_distribution_points, points, 0, X509V3_ADD_DEFAULT);
    sk_DIST_POINT_pop_free(points, DIST_POINT_free);
    check(added == 1, "crlDistributionPoints");
}

void add_extensions(X509* cert, X509* issuer, const CertSpec& spec) {
    if (spec.basic_constraints) {
        std::string constraints = spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE";
        if (spec.ca && spec.path_length >= 0) constraints += ",pathlen:" + std::to_string(spec.path_length);
        add_extension(cert, issuer, NID_basic_constraints, constraints);
    }
    if (spec.key_usage)
        add_extension(cert, issuer, NID_key_usage, spec.key_usage_value.value_or(default_key_usage(spec)));
    if (spec.subject_key_id) {
        const std::string value = spec.subject_key_id_value.empty() ? "hash" : spec.subject_key_id_value;
        add_extension(cert, issuer, NID_subject_key_identifier, value);
    }
    if (spec.authority_key_id) add_extension(cert, issuer, NID_authority_key_identifier, "keyid:always");
    const std::string names = spec.subject_alt_names.value_or(default_subject_alt_names(spec));
    if (!names.empty()) add_extension(cert, issuer, NID_subject_alt_name, names);
    const std::string usages = spec.extended_key_usage_value.value_or(spec.ca ? "" : "serverAuth,clientAuth");
    if (!usages.empty()) add_extension(cert, issuer, NID_ext_key_usage, usages);
    if (!spec.name_constraints.empty()) add_extension(cert, issuer, NID_name_constraints, spec.name_constraints);
    if (spec.unknown_extension) add_unknown_extension(cert, spec.unknown_extension_critical);
    std::string access;
    if (!spec.ca_issuers_url.empty()) access = "caIssuers;URI:" + spec.ca_issuers_url;
    if (!spec.ocsp_url.empty()) access += (access.empty() ? "" : ",") + ("OCSP;URI:" + spec.ocsp_url);
    if (!access.empty()) add_extension(cert, issuer, NID_info_access, access);
    if (!spec.crl_urls.empty()) add_crl_distribution_points(cert, spec.crl_urls);
}

void set_validity(X509* cert, const CertSpec& spec) {
    if (spec.not_before_at)
        check(ASN1_TIME_set(X509_getm_notBefore(cert), *spec.not_before_at) != nullptr, "notBefore");
    else
        check(X509_gmtime_adj(X509_getm_notBefore(cert), spec.not_before_days * 86400L) != nullptr, "notBefore");
    if (spec.not_after_at)
        check(ASN1_TIME_set(X509_getm_notAfter(cert), *spec.not_after_at) != nullptr, "notAfter");
    else
        check(X509_gmtime_adj(X509_getm_notAfter(cert), spec.not_after_days * 86400L) != nullptr, "notAfter");
}

// The signature value is the last field of a certificate's DER, so flipping
// the encoding's last byte breaks the signature and nothing else: the
// certificate still parses, and its issuer is still found by name and key id.
ossl::X509Ptr with_broken_signature(const X509* cert) {
    unsigned char* buffer = nullptr;
    const int length = i2d_X509(cert, &buffer);
    check(length > 0, "DER");
    const ossl::OpenSslMemoryPtr owner(buffer);
    buffer[length - 1] ^= 0x01;
    const unsigned char* cursor = buffer;
    ossl::X509Ptr broken(d2i_X509(nullptr, &cursor, length));
    check(broken != nullptr, "re-reading the certificate with a broken signature");
    return broken;
}

// issuer == nullptr: self-signed with key.
Issued make_certificate(const Issued* issuer, const CertSpec& spec, ossl::EvpPkeyPtr key) {
    ossl::X509Ptr cert(X509_new());
    check(cert && X509_set_version(cert.get(), 2) == 1, "version");
    ossl::BignumPtr serial(BN_new());
    check(BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "serial");
    check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");
    set_validity(cert.get(), spec);
    const auto subject = build_name(spec.subject);
    check(X509_set_subject_name(cert.get(), subject.get()) == 1, "subject");
    if (spec.issuer_name) {
        check(X509_set_issuer_name(cert.get(), build_name(*spec.issuer_name).get()) == 1, "issuer");
    } else {
        check(X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert.get()) : subject.get()) == 1,
              "issuer");
    }
    check(X509_set_pubkey(cert.get(), key.get()) == 1, "public key");
    X509* issuer_cert = issuer ? issuer->cert.get() : cert.get();
    add_extensions(cert.get(), issuer_cert, spec);
    EVP_PKEY* signing_key = issuer ? issuer->key.get() : key.get();
    check(sign_full_width(cert.get(), signing_key) > 0, "sign");
    if (spec.broken_signature) cert = with_broken_signature(cert.get());
    return Issued{std::move(cert), std::move(key)};
}

}  // namespace

Name lab_name(const std::string& common_name) {
    return Name{{{"DC", "lab"}, {"DC", "schertz"}, {"CN", common_name}}};
}

CertSpec ca_spec(const std::string& common_name, KeyType key) {
    CertSpec spec;
    spec.subject = lab_name(common_name);
    spec.key = key;
    return spec;
}

CertSpec server_spec(const std::string& dns_name, KeyType key) {
    CertSpec spec;
    spec.subject = Name{{{"O", "Schertz Lab"}, {"CN", dns_name}}};
    spec.ca = false;
    spec.not_after_days = 365;
    spec.key = key;
    return spec;
}

std::vector<std::uint8_t> Issued::der() const {
    unsigned char* buffer = nullptr;
    const int length = i2d_X509(cert.get(), &buffer);
    check(length > 0, "DER");
    std::vector<std::uint8_t> bytes(buffer, buffer + length);
    OPENSSL_free(buffer);
    return bytes;
}

std::string Issued::pem() const { return pem_of({this}); }

ossl::EvpPkeyPtr make_key(KeyType type) {
    ossl::EvpPkeyPtr key(type == KeyType::Rsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    check(key != nullptr, "key");
    return key;
}

ossl::EvpPkeyPtr share(const ossl::EvpPkeyPtr& key) {
    EVP_PKEY_up_ref(key.get());
    return ossl::EvpPkeyPtr(key.get());
}

Issued self_signed(const CertSpec& spec) { return make_certificate(nullptr, spec, make_key(spec.key)); }

Issued self_signed_with_key(const CertSpec& spec, ossl::EvpPkeyPtr key) {
    return make_certificate(nullptr, spec, std::move(key));
}

Issued issue(const Issued& issuer, const CertSpec& spec) { return make_certificate(&issuer, spec, make_key(spec.key)); }

Issued issue_with_key(const Issued& issuer, const CertSpec& spec, ossl::EvpPkeyPtr key) {
    return make_certificate(&issuer, spec, std::move(key));
}

SeedPki make_seed_pki(KeyType key, const std::string& server_name) {
    SeedPki pki;
    pki.root = self_signed(ca_spec("SchertzLabRootCA", key));
    pki.policy = issue(pki.root, ca_spec("SchertzLabPolicyCA", key));
    pki.issuing = issue(pki.policy, ca_spec("SchertzLabIssuingCA", key));
    pki.server = issue(pki.issuing, server_spec(server_name, key));
    return pki;
}

namespace {

std::vector<std::uint8_t> pfx_in(OSSL_LIB_CTX* context, const Issued& leaf, const std::vector<const Issued*>& cas,
                                 const char* password, int certificate_encryption) {
    ossl::X509StackPtr chain(sk_X509_new_null());
    for (const Issued* ca : cas) sk_X509_push(chain.get(), ca->cert.get());
    ossl::Pkcs12Ptr pkcs12(PKCS12_create_ex(password, "test", leaf.key.get(), leaf.cert.get(), chain.get(), 0,
                                            certificate_encryption, 0, 0, 0, context, nullptr));
    // The stack borrowed the certificates: empty it before its owner frees them.
    while (sk_X509_num(chain.get()) > 0) sk_X509_pop(chain.get());
    check(pkcs12 != nullptr, "PKCS#12");
    unsigned char* buffer = nullptr;
    const int length = i2d_PKCS12(pkcs12.get(), &buffer);
    check(length > 0, "PKCS#12 DER");
    std::vector<std::uint8_t> bytes(buffer, buffer + length);
    OPENSSL_free(buffer);
    return bytes;
}

}  // namespace

std::vector<std::uint8_t> make_pfx(const Issued& leaf, const std::vector<const Issued*>& cas, const char* password,
                                   int certificate_encryption) {
    return pfx_in(nullptr, leaf, cas, password, certificate_encryption);
}

std::vector<std::uint8_t> make_rc2_pfx(const Issued& leaf, const std::vector<const Issued*>& cas,
                                       const char* password) {
    const std::unique_ptr<OSSL_LIB_CTX, ossl::Deleter<OSSL_LIB_CTX_free>> context(OSSL_LIB_CTX_new());
    check(context != nullptr, "a library context");
    OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(context.get(), "legacy");
    OSSL_PROVIDER* standard = OSSL_PROVIDER_load(context.get(), "default");
    check(legacy != nullptr && standard != nullptr, "the legacy and default providers");
    auto bytes = pfx_in(context.get(), leaf, cas, password, NID_pbe_WithSHA1And40BitRC2_CBC);
    OSSL_PROVIDER_unload(legacy);
    OSSL_PROVIDER_unload(standard);
    return bytes;
}

std::string pem_of(const std::vector<const Issued*>& certs) {
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    for (const Issued* cert : certs) check(PEM_write_bio_X509(bio.get(), cert->cert.get()) == 1, "PEM");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

std::string key_pem(const Issued& issued) {
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), issued.key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

std::vector<std::uint8_t> pkcs7_of(const std::vector<const Issued*>& certs) {
    ossl::Pkcs7Ptr pkcs7(PKCS7_new());
    check(PKCS7_set_type(pkcs7.get(), NID_pkcs7_signed) == 1, "PKCS#7");
    check(PKCS7_content_new(pkcs7.get(), NID_pkcs7_data) == 1, "PKCS#7");
    for (const Issued* cert : certs) check(PKCS7_add_certificate(pkcs7.get(), cert->cert.get()) == 1, "PKCS#7");
    unsigned char* buffer = nullptr;
    const int length = i2d_PKCS7(pkcs7.get(), &buffer);
    check(length > 0, "PKCS#7 DER");
    std::vector<std::uint8_t> bytes(buffer, buffer + length);
    OPENSSL_free(buffer);
    return bytes;
}

void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    check(static_cast<bool>(stream), "write file");
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    write_file(path, std::vector<std::uint8_t>(text.begin(), text.end()));
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

}  // namespace cachain::testing
