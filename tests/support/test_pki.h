// Builds certificates and keys at test time (nothing is committed), so each
// test can shape the PKI it needs: the seed's three tiers, twins, decoys,
// cross-signs, expired alternates.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ossl.h"

namespace cachain::testing {

enum class KeyType { Rsa2048, EcP256 };

// A distinguished name in DER order (least specific first), every value of
// the given ASN.1 string type (MBSTRING_UTF8 lets OpenSSL choose).
struct Name {
    std::vector<std::pair<std::string, std::string>> parts;
    int string_type = MBSTRING_UTF8;
};

// "CN=<cn>, DC=schertz, DC=lab", as in the seed's lab.
Name lab_name(const std::string& common_name);

struct CertSpec {
    Name subject;
    bool ca = true;
    int path_length = -1;           // -1: no pathLenConstraint
    bool key_usage = true;          // add a keyUsage extension
    bool key_cert_sign = true;      // for CAs: allow signing certificates
    bool subject_key_id = true;
    std::string subject_key_id_value;  // hex "AB:CD"; "" computes it from the key
    bool authority_key_id = true;
    long not_before_days = -1;      // relative to now
    long not_after_days = 3650;
    std::string ca_issuers_url;     // AIA caIssuers, "" for none
    std::string ocsp_url;           // AIA OCSP responder, "" for none
    std::vector<std::string> crl_urls;  // CRL distribution points (http: or ldap:), none by default
    int extra_dns_names = 0;        // pad subjectAltName with this many names (a giant certificate)
    KeyType key = KeyType::EcP256;
    const Name* issuer_name = nullptr;  // override the issuer name written in the certificate
    // For the trust corpus (trust_corpus.h): what a client's verifier judges.
    std::optional<std::time_t> not_before_at;  // exact second, instead of not_before_days
    std::optional<std::time_t> not_after_at;   // exact second, instead of not_after_days
    bool basic_constraints = true;             // false: no basicConstraints at all
    // keyUsage as OpenSSL's configuration text, e.g. "critical,keyCertSign";
    // unset: the default for a CA or a leaf.
    std::optional<std::string> key_usage_value;
    // "" none; unset: serverAuth,clientAuth on leaves, none on CAs.
    std::optional<std::string> extended_key_usage_value;
    // "" none; e.g. "DNS:*.schertz.lab,IP:127.0.0.1"; unset: DNS:<CN> on leaves.
    std::optional<std::string> subject_alt_names;
    std::string name_constraints;              // e.g. "critical,permitted;DNS:schertz.lab", "" for none
    bool unknown_extension = false;            // an extension of a private OID no verifier knows
    bool unknown_extension_critical = true;
    bool broken_signature = false;             // the signature's last byte flipped after signing
};

CertSpec ca_spec(const std::string& common_name, KeyType key = KeyType::EcP256);
CertSpec server_spec(const std::string& dns_name, KeyType key = KeyType::EcP256);

struct Issued {
    ossl::X509Ptr cert;
    ossl::EvpPkeyPtr key;

    std::vector<std::uint8_t> der() const;
    std::string pem() const;
};

ossl::EvpPkeyPtr make_key(KeyType type);
ossl::EvpPkeyPtr share(const ossl::EvpPkeyPtr& key);

Issued self_signed(const CertSpec& spec);
Issued self_signed_with_key(const CertSpec& spec, ossl::EvpPkeyPtr key);
Issued issue(const Issued& issuer, const CertSpec& spec);
// A certificate for an existing key: a renewal, a cross-sign, an alternate.
Issued issue_with_key(const Issued& issuer, const CertSpec& spec, ossl::EvpPkeyPtr key);

// root -> policy CA -> issuing CA -> server, the seed's multi-tier lab.
struct SeedPki {
    Issued root, policy, issuing, server;
};
SeedPki make_seed_pki(KeyType key = KeyType::EcP256, const std::string& server_name = "pool1.schertz.lab");

// A PKCS#12 file holding the leaf's key, the leaf and the given CAs.
std::vector<std::uint8_t> make_pfx(const Issued& leaf, const std::vector<const Issued*>& cas,
                                   const char* password, int certificate_encryption = 0);
// The same, with the certificates encrypted as older Windows exports them
// (RC2-40, pbeWithSHA1And40BitRC2-CBC), an algorithm of OpenSSL's legacy
// provider. Made in a library context of its own, so the process's default
// context, which the library under test uses, gains nothing from it.
std::vector<std::uint8_t> make_rc2_pfx(const Issued& leaf, const std::vector<const Issued*>& cas,
                                       const char* password);

std::string pem_of(const std::vector<const Issued*>& certs);
// The private key as unencrypted PKCS#8 PEM, for a test server's key file.
std::string key_pem(const Issued& issued);
std::vector<std::uint8_t> pkcs7_of(const std::vector<const Issued*>& certs);

void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
void write_file(const std::filesystem::path& path, const std::string& text);
std::vector<std::uint8_t> read_file(const std::filesystem::path& path);

}  // namespace cachain::testing
