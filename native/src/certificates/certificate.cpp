#include "certificate.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <openssl/err.h>

#include "openssl_error.h"
#include "sha256.h"
#include "utc_text.h"

namespace cachain {
namespace {

std::string to_hex(gsl::span<const unsigned char> bytes) {
    if (bytes.empty()) return {};
    std::string hex(bytes.size() * 2 + 1, '\0');
    size_t written = 0;
    if (OPENSSL_buf2hexstr_ex(hex.data(), hex.size(), &written, bytes.data(), bytes.size(), '\0') != 1)
        return {};
    hex.resize(written > 0 ? written - 1 : 0);  // drop the terminating NUL
    return hex;
}

std::string octets_hex(const ASN1_OCTET_STRING* octets) {
    if (!octets) return {};
    return to_hex({ASN1_STRING_get0_data(octets), gsl::narrow<size_t>(ASN1_STRING_length(octets))});
}

// SHA-1 comes from OpenSSL's own cache, which reading the extensions filled.
std::string sha1_hex(X509* x509) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int length = 0;
    if (X509_digest(x509, EVP_sha1(), md.data(), &length) != 1) return {};
    return to_hex({md.data(), length});
}

std::string sha256_hex(gsl::span<const std::uint8_t> bytes) {
    const auto digest = sha256_of(bytes);
    return digest ? to_hex(*digest) : std::string{};
}

// Most specific first, ", " between parts, UTF-8 kept as it is: the way
// Windows shows a subject in the certificate dialog and in .NET.
std::string display_name(const X509_NAME* name) {
    const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) return {};
    const unsigned long flags = (XN_FLAG_RFC2253 & ~XN_FLAG_SEP_MASK & ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC;
    X509_NAME_print_ex(bio.get(), name, 0, flags);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return length > 0 ? std::string(data, gsl::narrow<size_t>(length)) : std::string{};
}

std::string most_specific_common_name(const X509_NAME* name) {
    int index = -1, last = -1;
    while ((index = X509_NAME_get_index_by_NID(name, NID_commonName, index)) >= 0) last = index;
    if (last < 0) return {};
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last)));
    if (length < 0) return {};
    const ossl::OpenSslMemoryPtr owner(utf8);
    return std::string(reinterpret_cast<const char*>(utf8), gsl::narrow<size_t>(length));
}

std::vector<std::string> ca_issuers_urls_of(X509* x509) {
    std::vector<std::string> urls;
    const ossl::AccessDescriptionsPtr access(
        static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(x509, NID_info_access, nullptr, nullptr)));
    if (!access) return urls;
    for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(access.get()); ++i) {
        const ACCESS_DESCRIPTION* description = sk_ACCESS_DESCRIPTION_value(access.get(), i);
        if (OBJ_obj2nid(description->method) != NID_ad_ca_issuers) continue;
        if (description->location->type != GEN_URI) continue;
        const ASN1_IA5STRING* uri = description->location->d.uniformResourceIdentifier;
        urls.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                          gsl::narrow<size_t>(ASN1_STRING_length(uri)));
    }
    return urls;
}

// Of the key's BIT STRING, as X509_pubkey_digest computes it.
std::string public_key_digest_of(X509* x509) {
    const ASN1_BIT_STRING* key = X509_get0_pubkey_bitstr(x509);
    if (!key) return {};
    const auto digest =
        sha256_of({ASN1_STRING_get0_data(key), gsl::narrow<std::size_t>(ASN1_STRING_length(key))});
    return digest ? std::string(digest->begin(), digest->end()) : std::string{};
}

// Byte-equal names are equal, and comparing bytes needs no decoding. Names
// whose bytes differ may still be canonically equal (another string type,
// case, spacing): only for those is OpenSSL asked, on decoded certificates.
bool byte_equal(gsl::span<const std::uint8_t> a, gsl::span<const std::uint8_t> b) {
    return !a.empty() && std::equal(a.begin(), a.end(), b.begin(), b.end());
}

thread_local std::uint64_t signature_checks_here = 0;
thread_local std::uint64_t full_decodes_here = 0;

bool verifies_with(X509* child, X509* issuer) {
    ++signature_checks_here;
    EVP_PKEY* key = X509_get0_pubkey(issuer);
    const bool verified = key && X509_verify(child, key) == 1;
    drain_openssl_errors();  // a failed check is an answer, not an error to report later
    return verified;
}

}  // namespace

Certificate::Certificate(ossl::X509Ptr x509, Decoded decoded) {
    Expects(x509 != nullptr);
    index(x509.get());
    // One decoded without its key is dropped: the DER is all it needs to
    // decode in full later, and most certificates of a pool never are.
    if (decoded == Decoded::in_full) std::call_once(decoded_, [&] { x509_ = std::move(x509); });
    drain_openssl_errors();
}

bool Certificate::self_signed() const noexcept {
    std::call_once(self_signature_checked_, [this] { self_signed_ = self_issued_ && verifies_with(x509(), x509()); });
    return self_signed_;
}

X509* Certificate::x509() const noexcept {
    std::call_once(decoded_, [this] {
        ++full_decodes_here;
        // These bytes were decoded once already: only memory can be missing.
        ERR_set_mark();
        const unsigned char* cursor = der_.data();
        x509_.reset(d2i_X509(nullptr, &cursor, gsl::narrow<long>(der_.size())));
        ERR_pop_to_mark();
    });
    Ensures(x509_ != nullptr);
    return x509_.get();
}

void Certificate::index(X509* x509) {
    unsigned char* encoded = nullptr;
    const int length = i2d_X509(x509, &encoded);
    if (length <= 0) throw Failure(CACHAIN_E_NOT_CERTIFICATE, "", describe(drain_openssl_errors(), "cannot encode the certificate"));
    const ossl::OpenSslMemoryPtr owner(encoded);
    der_.assign(encoded, encoded + length);

    // Reading the flags makes OpenSSL parse and cache the extensions.
    const uint32_t flags = X509_get_extension_flags(x509);
    if (flags & EXFLAG_INVALID) {
        drain_openssl_errors();
        throw Failure(CACHAIN_E_NOT_CERTIFICATE, "", "the certificate has malformed extensions");
    }
    is_ca_ = (flags & EXFLAG_CA) != 0;
    is_v1_ = (flags & EXFLAG_V1) != 0;
    path_length_ = X509_get_pathlen(x509);
    key_usage_ = (flags & EXFLAG_KUSAGE) ? std::int64_t{X509_get_key_usage(x509)} : -1;

    const X509_NAME* subject = X509_get_subject_name(x509);
    const X509_NAME* issuer = X509_get_issuer_name(x509);
    subject_bytes_ = locate(subject);
    issuer_bytes_ = locate(issuer);
    common_name_ = most_specific_common_name(subject);
    int ok = 0;
    subject_hash_ = X509_NAME_hash_ex(subject, nullptr, nullptr, &ok);
    issuer_hash_ = X509_NAME_hash_ex(issuer, nullptr, nullptr, &ok);

    thumbprint_ = sha1_hex(x509);
    sha256_ = sha256_hex(der_);
    public_key_digest_ = public_key_digest_of(x509);
    // An empty key digest would make every key look the same (same_entity,
    // the link memo): no certificate is loaded without one.
    if (thumbprint_.empty() || sha256_.empty() || public_key_digest_.empty())
        throw Failure(CACHAIN_E_INTERNAL, "", describe(drain_openssl_errors(), "OpenSSL could not compute the certificate's SHA-1 or SHA-256"));
    if (ossl::BignumPtr serial{ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nullptr)}) {
        const ossl::OpenSslStringPtr hex(BN_bn2hex(serial.get()));
        if (hex) serial_ = hex.get();
    }
    subject_key_id_ = octets_hex(X509_get0_subject_key_id(x509));
    authority_key_id_ = octets_hex(X509_get0_authority_key_id(x509));
    ca_issuers_urls_ = ca_issuers_urls_of(x509);

    not_before_ = seconds_since_1970(X509_get0_notBefore(x509));
    not_after_ = seconds_since_1970(X509_get0_notAfter(x509));
    self_issued_ = X509_NAME_cmp(subject, issuer) == 0;
}

// The name's own encoding is a run of the certificate's bytes: found there,
// it costs two numbers instead of a copy.
Certificate::NameBytes Certificate::locate(const X509_NAME* name) const {
    const unsigned char* encoded = nullptr;
    size_t length = 0;
    if (X509_NAME_get0_der(name, &encoded, &length) != 1 || length == 0) return {};
    const auto found = std::search(der_.begin(), der_.end(), encoded, encoded + length);
    if (found == der_.end()) return {};
    return {gsl::narrow<std::uint32_t>(found - der_.begin()), gsl::narrow<std::uint32_t>(length)};
}

const std::string& Certificate::subject() const {
    write_display_names();
    return subject_;
}

const std::string& Certificate::issuer() const {
    write_display_names();
    return issuer_;
}

// Each name decoded from its bytes alone; a name not found among them (see
// locate) is read from the certificate, decoded in full.
void Certificate::write_display_names() const {
    std::call_once(names_written_, [this] {
        const auto shown = [this](NameBytes at, X509_NAME* (*from_x509)(const X509*)) {
            const auto bytes = bytes_of(at);
            const unsigned char* cursor = bytes.data();
            if (at.length) {
                const ossl::X509NamePtr name(d2i_X509_NAME(nullptr, &cursor, gsl::narrow<long>(bytes.size())));
                if (name) return display_name(name.get());
                drain_openssl_errors();
            }
            return display_name(from_x509(x509()));
        };
        subject_ = shown(subject_bytes_, X509_get_subject_name);
        issuer_ = shown(issuer_bytes_, X509_get_issuer_name);
    });
}

gsl::span<const std::uint8_t> Certificate::bytes_of(NameBytes name) const noexcept {
    return gsl::span<const std::uint8_t>(der_).subspan(name.offset, name.length);
}

cachain_validity Certificate::validity_at(std::int64_t now) const noexcept {
    if (now < not_before_) return CACHAIN_VALIDITY_NOT_YET_VALID;
    if (now > not_after_) return CACHAIN_VALIDITY_EXPIRED;
    return CACHAIN_VALIDITY_VALID;
}

bool Certificate::may_issue_certificates() const noexcept {
    const bool ca = is_ca_ || (is_v1_ && self_signed());
    const bool usage_allows = key_usage_ < 0 || (key_usage_ & KU_KEY_CERT_SIGN) != 0;
    return ca && usage_allows;
}

bool Certificate::names_issuer_of(const Certificate& child) const noexcept {
    if (subject_hash_ != child.issuer_hash_) return false;
    if (byte_equal(bytes_of(subject_bytes_), child.bytes_of(child.issuer_bytes_))) return true;
    return X509_NAME_cmp(X509_get_subject_name(x509()), X509_get_issuer_name(child.x509())) == 0;
}

bool Certificate::signed_child(const Certificate& child) const noexcept {
    return verifies_with(child.x509(), x509());
}

bool Certificate::same_entity(const Certificate& other) const noexcept {
    if (public_key_digest_ != other.public_key_digest_ || subject_hash_ != other.subject_hash_) return false;
    if (byte_equal(bytes_of(subject_bytes_), other.bytes_of(other.subject_bytes_))) return true;
    return X509_NAME_cmp(X509_get_subject_name(x509()), X509_get_subject_name(other.x509())) == 0;
}

std::uint64_t signature_checks_on_this_thread() noexcept { return signature_checks_here; }

std::uint64_t full_decodes_on_this_thread() noexcept { return full_decodes_here; }

cachain_role role_of(const Certificate& cert) noexcept {
    if (!cert.may_issue_certificates()) return CACHAIN_ROLE_LEAF;
    return cert.self_signed() ? CACHAIN_ROLE_ROOT : CACHAIN_ROLE_INTERMEDIATE;
}

std::string quoted_name(const Certificate& cert) {
    return "'" + (cert.common_name().empty() ? cert.subject() : cert.common_name()) + "'";
}

}  // namespace cachain
