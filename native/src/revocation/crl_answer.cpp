#include "crl_answer.h"

#include <memory>
#include <optional>

#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "openssl_error.h"
#include "ossl.h"
#include "utc_text.h"

namespace cachain {
namespace {

using CrlPtr = std::unique_ptr<X509_CRL, ossl::Deleter<X509_CRL_free>>;
using EnumeratedPtr = std::unique_ptr<ASN1_ENUMERATED, ossl::Deleter<ASN1_ENUMERATED_free>>;

// DER as CAs publish it, or PEM as some web servers hold it.
CrlPtr parse_crl(const std::vector<std::uint8_t>& bytes) {
    const unsigned char* cursor = bytes.data();
    CrlPtr crl(d2i_X509_CRL(nullptr, &cursor, static_cast<long>(bytes.size())));
    if (!crl) {
        const ossl::BioPtr pem(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
        if (pem) crl.reset(PEM_read_bio_X509_CRL(pem.get(), nullptr, nullptr, nullptr));
    }
    drain_openssl_errors();
    return crl;
}

// RFC 5280's CRLReason by OpenSSL's name for it; "unspecified" without one.
std::string reason_code_of(const X509_REVOKED* entry) {
    const EnumeratedPtr reason(
        static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nullptr, nullptr)));
    drain_openssl_errors();
    return reason ? OCSP_crl_reason_str(ASN1_ENUMERATED_get(reason.get())) : "unspecified";
}

std::string issued_and_next(const X509_CRL* crl) {
    const std::int64_t next = seconds_since_1970(X509_CRL_get0_nextUpdate(crl));
    return "issued " + utc_time(seconds_since_1970(X509_CRL_get0_lastUpdate(crl))) +
           (next ? ", next update " + utc_time(next) : ", no next update");
}

// What this code does not judge, refused rather than misread: a delta CRL
// (it lists only changes since a base CRL) and a critical extension other
// than the issuing distribution point, which scopes a CRL. And the issuer
// must be allowed to sign CRLs (keyUsage cRLSign, when it has a keyUsage).
std::optional<SourceAnswer> form_problem(const std::string& url, const X509_CRL* crl, const Certificate& issuer) {
    if (X509_CRL_get_ext_by_NID(crl, NID_delta_crl, -1) >= 0)
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                           "a delta CRL, which lists only changes since a base CRL; the base CRL is needed",
                           X509_V_ERR_UNABLE_TO_GET_CRL);
    for (int i = 0; i < X509_CRL_get_ext_count(crl); ++i) {
        X509_EXTENSION* extension = X509_CRL_get_ext(crl, i);
        const int nid = OBJ_obj2nid(X509_EXTENSION_get_object(extension));
        if (X509_EXTENSION_get_critical(extension) && nid != NID_issuing_distribution_point)
            return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                               "the CRL has a critical extension that CaChain does not know",
                               X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION);
    }
    const std::uint32_t usage = X509_get_key_usage(issuer.x509());
    if (usage != UINT32_MAX && !(usage & KU_CRL_SIGN))
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                           quoted(issuer) + " may not sign CRLs (its keyUsage lacks cRLSign)",
                           X509_V_ERR_KEYUSAGE_NO_CRL_SIGN);
    return std::nullopt;
}

// Whether the CRL, signed by the issuer, is current; the answer when not.
std::optional<SourceAnswer> currency_problem(const std::string& url, const X509_CRL* crl, std::int64_t now) {
    const std::int64_t this_update = seconds_since_1970(X509_CRL_get0_lastUpdate(crl));
    const std::int64_t next_update = seconds_since_1970(X509_CRL_get0_nextUpdate(crl));
    constexpr std::int64_t clock_leeway = 300;  // as for OCSP: a CA's clock may run a little fast
    if (this_update > now + clock_leeway)
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                      "the CRL is not valid yet (issued " + utc_time(this_update) + ")", X509_V_ERR_CRL_NOT_YET_VALID);
    if (next_update && next_update < now)
        return make_answer(url, CACHAIN_REVOCATION_OFFLINE, SourceTrouble::stale,
                      "the CRL expired on " + utc_time(next_update) + " (issued " + utc_time(this_update) +
                          "): the CA has not published a newer one there",
                      X509_V_ERR_CRL_HAS_EXPIRED);
    return std::nullopt;
}

}  // namespace

SourceAnswer crl_answer(const std::string& url, const std::vector<std::uint8_t>& bytes, const Certificate& cert,
                        const Certificate& issuer, std::int64_t now) {
    const CrlPtr crl = parse_crl(bytes);
    if (!crl)
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                      "not a CRL (" + std::to_string(bytes.size()) + " bytes that OpenSSL cannot read as one)",
                      X509_V_ERR_UNABLE_TO_GET_CRL);
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer.x509())) != 0)
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                      "the CRL was issued by another CA, not by " + quoted(issuer),
                      X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER);
    const int verified = X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer.x509()));
    drain_openssl_errors();
    if (verified != 1)
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                      "the CRL is not signed by the key of " + quoted(issuer) +
                          " (a forged CRL, or one signed by a renewed CA key this path does not have)",
                      X509_V_ERR_CRL_SIGNATURE_FAILURE);
    if (auto problem = form_problem(url, crl.get(), issuer)) return *problem;
    if (auto problem = currency_problem(url, crl.get(), now)) return *problem;
    X509_REVOKED* entry = nullptr;
    const int listed = X509_CRL_get0_by_serial(crl.get(), &entry, X509_get0_serialNumber(cert.x509()));
    drain_openssl_errors();
    // 2: listed only as removeFromCRL (a hold that was lifted): not revoked.
    if (listed == 1 && entry) {
        SourceAnswer revoked = make_answer(url, CACHAIN_REVOCATION_REVOKED, SourceTrouble::none, "", X509_V_ERR_CERT_REVOKED);
        revoked.revoked_at = seconds_since_1970(X509_REVOKED_get0_revocationDate(entry));
        revoked.reason_code = reason_code_of(entry);
        revoked.what = "revoked on " + utc_time(revoked.revoked_at) + " (" + revoked.reason_code + "), says the CRL " +
                       issued_and_next(crl.get());
        return revoked;
    }
    return make_answer(url, CACHAIN_REVOCATION_GOOD, SourceTrouble::none,
                  "not revoked, says the CRL " + issued_and_next(crl.get()), X509_V_OK);
}

}  // namespace cachain
