// What the chain discovery tests share: test certificates loaded as the
// library loads them, the best chain for one target, and chains read as
// thumbprints, so a test can assert the exact certificates chosen.
#pragma once

#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certificate_parser.h"
#include "chain_discovery.h"
#include "test_pki.h"

namespace cachain::testing {

inline CertificatePtr load(const Issued& issued) {
    return parse_certificates(issued.der(), "test", nullptr).at(0);
}

inline std::vector<CertificatePtr> load_all(const std::vector<const Issued*>& issued) {
    std::vector<CertificatePtr> certs;
    for (const Issued* i : issued) certs.push_back(load(*i));
    return certs;
}

inline std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// The best chain for a single target.
inline Chain best_chain(const Issued& target, const std::vector<const Issued*>& pool, SearchLimits limits = {}) {
    const auto chains = discover_chains({load(target)}, load_all(pool), now(), limits);
    EXPECT_FALSE(chains.empty());
    return chains.empty() ? Chain{} : chains.front();
}

inline std::vector<std::string> thumbprints(const Chain& chain) {
    std::vector<std::string> result;
    for (const auto& element : chain.elements) result.push_back(element.certificate->thumbprint());
    return result;
}

// The SHA-1 thumbprint as Windows shows it (upper-case hex), computed here
// with OpenSSL rather than asked of the library under test.
inline std::string sha1_thumbprint(const Issued& issued) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(issued.cert.get(), EVP_sha1(), digest, &length) != 1) return "no digest";
    std::string hex;
    char byte[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(byte, sizeof byte, "%02X", digest[i]);
        hex += byte;
    }
    return hex;
}

// The subject key identifier as the test PKI takes it: "AB:CD:...".
inline std::string subject_key_id_of(const Issued& issued) {
    const ASN1_OCTET_STRING* id = X509_get0_subject_key_id(issued.cert.get());
    if (id == nullptr) return "none";
    char* hex = OPENSSL_buf2hexstr(ASN1_STRING_get0_data(id), ASN1_STRING_length(id));
    const std::string text = hex ? hex : "none";
    OPENSSL_free(hex);
    return text;
}

inline std::vector<std::string> thumbprints(const std::vector<const Issued*>& issued) {
    std::vector<std::string> result;
    for (const Issued* i : issued) result.push_back(sha1_thumbprint(*i));
    return result;
}

// Calls make until thumbprint_of(what it made) starts with 8 to F. A real
// certificate made this way leaves half of all thumbprints below it, so
// sorting_before finds a decoy in a few tries. Without it, a real root
// whose thumbprint happened to start 00... left almost no room, and about
// one run in 65 failed.
template <class Make, class ThumbprintOf>
auto in_the_upper_half(Make make, ThumbprintOf thumbprint_of) {
    for (int attempt = 1;; ++attempt) {  // each succeeds with odds of one half
        auto made = make();
        if (thumbprint_of(made) >= "8" || attempt == 64) {
            EXPECT_GE(thumbprint_of(made), "8") << "64 certificates in a row sorted in the lower half";
            return made;
        }
    }
}

inline Issued in_the_upper_half(const std::function<Issued()>& make) {
    return in_the_upper_half(make, [](const Issued& issued) { return sha1_thumbprint(issued); });
}

// Calls make until the certificate it makes has a thumbprint that sorts
// before real's, which must be in the upper half (in_the_upper_half). The
// search breaks its last ties by the smaller thumbprint, so a decoy made this
// way wins every tie it can: only a signature check keeps it out, in every
// run rather than in half of them.
template <class Make>
Issued sorting_before(const Issued& real, Make make) {
    const std::string real_thumbprint = sha1_thumbprint(real);
    EXPECT_GE(real_thumbprint, "8") << "make the real certificate with in_the_upper_half";
    for (int attempt = 0; attempt < 64; ++attempt) {  // each succeeds with odds of at least one half
        Issued made = make();
        if (sha1_thumbprint(made) < real_thumbprint) return made;
    }
    ADD_FAILURE() << "64 certificates in a row sorted after " << real_thumbprint;
    return make();
}

}  // namespace cachain::testing
