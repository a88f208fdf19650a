// One parsed certificate and the facts about it that chain building, roles
// and file naming need: most computed once when it is loaded; its
// self-signature, its subject and issuer as text and its parsed key when
// first asked for.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "cachain/cachain.h"
#include "ossl.h"

namespace cachain {

// How the X509 handed to a Certificate was decoded.
enum class Decoded {
    in_full,      // by d2i_X509 and the like: the certificate keeps it
    without_key,  // by decode_without_key: the certificate keeps its DER only
};

class Certificate {
public:
    // Takes ownership of a parsed certificate. Throws Failure when OpenSSL
    // cannot re-encode it (which means it was not a usable certificate).
    explicit Certificate(ossl::X509Ptr x509, Decoded decoded = Decoded::in_full);

    // The parsed certificate. One decoded without its key is decoded again,
    // in full, from der() on first use, once even when several threads ask.
    X509* x509() const noexcept;
    gsl::span<const std::uint8_t> der() const noexcept { return der_; }

    // Written when first asked for, from the names' own bytes: a search
    // reads only names' bytes and hashes, and most loaded certificates are
    // never shown.
    const std::string& subject() const;
    const std::string& issuer() const;
    const std::string& common_name() const noexcept { return common_name_; }
    const std::string& thumbprint() const noexcept { return thumbprint_; }  // SHA-1, upper hex
    const std::string& sha256() const noexcept { return sha256_; }          // upper hex
    const std::string& serial() const noexcept { return serial_; }
    const std::string& subject_key_id() const noexcept { return subject_key_id_; }
    const std::string& authority_key_id() const noexcept { return authority_key_id_; }
    const std::vector<std::string>& ca_issuers_urls() const noexcept { return ca_issuers_urls_; }

    // OpenSSL's hash of the canonical name: equal for names that differ only
    // in string type, case or spacing. Used as an index key, never as proof.
    unsigned long subject_hash() const noexcept { return subject_hash_; }
    unsigned long issuer_hash() const noexcept { return issuer_hash_; }

    std::int64_t not_before() const noexcept { return not_before_; }
    std::int64_t not_after() const noexcept { return not_after_; }
    cachain_validity validity_at(std::int64_t now) const noexcept;

    bool is_ca() const noexcept { return is_ca_; }
    std::int64_t path_length() const noexcept { return path_length_; }  // -1: unlimited
    std::int64_t key_usage() const noexcept { return key_usage_; }      // -1: no extension
    // Its signature verifies with its own key. Checked when first asked, not
    // at load: a machine's store of some 150 roots is read on every call,
    // and a search touches one or two of them.
    bool self_signed() const noexcept;
    // Subject and issuer are the same name (a root, or a CA's key rollover).
    bool self_issued() const noexcept { return self_issued_; }

    // True when this certificate may sign other certificates: a CA by
    // basicConstraints (or an X.509 v1 self-signed root, which predates the
    // extension), and keyCertSign allowed when keyUsage is present.
    bool may_issue_certificates() const noexcept;

    // True when this certificate's subject is, canonically, child's issuer.
    bool names_issuer_of(const Certificate& child) const noexcept;

    // True when child's signature verifies with this certificate's key.
    bool signed_child(const Certificate& child) const noexcept;

    // SHA-256 of the public key's BIT STRING (as X509_pubkey_digest), raw bytes: equal exactly when
    // two certificates carry the same key.
    const std::string& public_key_digest() const noexcept { return public_key_digest_; }

    // Same subject and same public key: the same CA, even if the two
    // certificates differ (a cross-sign, a renewal with the old key).
    bool same_entity(const Certificate& other) const noexcept;

private:
    // Where one name's DER lies inside der_.
    struct NameBytes {
        std::uint32_t offset = 0, length = 0;  // length 0: not found, compare decoded names
    };

    // Every fact but self_signed, from x509, whichever way it was decoded.
    void index(X509* x509);
    NameBytes locate(const X509_NAME* name) const;
    void write_display_names() const;
    gsl::span<const std::uint8_t> bytes_of(NameBytes name) const noexcept;

    std::vector<std::uint8_t> der_;
    // Null until the first x509() of a certificate decoded without its key.
    mutable std::once_flag decoded_;
    mutable ossl::X509Ptr x509_;
    mutable std::once_flag names_written_;
    mutable std::string subject_, issuer_;
    std::string common_name_, thumbprint_, sha256_, serial_;
    std::string subject_key_id_, authority_key_id_, public_key_digest_;
    std::vector<std::string> ca_issuers_urls_;
    NameBytes subject_bytes_, issuer_bytes_;
    unsigned long subject_hash_ = 0, issuer_hash_ = 0;
    std::int64_t not_before_ = 0, not_after_ = 0;
    bool is_ca_ = false, is_v1_ = false, self_issued_ = false;
    mutable std::once_flag self_signature_checked_;
    mutable bool self_signed_ = false;
    std::int64_t path_length_ = -1, key_usage_ = -1;
};

using CertificatePtr = std::shared_ptr<const Certificate>;

// Roles come from the certificate itself, never from where it was found:
// a self-signed CA is a root, any other CA an intermediate, the rest leaves.
cachain_role role_of(const Certificate& cert) noexcept;

// How many signatures this thread has checked (self-signatures at load,
// links during searches): what proving a chain really cost, so a test can
// see which links a search took from the pool's memo instead.
std::uint64_t signature_checks_on_this_thread() noexcept;

// How many certificates this thread has decoded in full after loading them
// without their key: a test can see that comparing names decoded nothing.
std::uint64_t full_decodes_on_this_thread() noexcept;

// How messages name a certificate: its common name, or its whole subject
// when it has none, in single quotes ("'SchertzLabRootCA'").
std::string quoted_name(const Certificate& cert);

}  // namespace cachain
