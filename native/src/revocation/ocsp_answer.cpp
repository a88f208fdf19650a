#include "ocsp_answer.h"

#include <memory>

#include <openssl/ocsp.h>
#include <openssl/x509_vfy.h>

#include "openssl_error.h"
#include "ossl.h"
#include "utc_text.h"

namespace cachain {
namespace {

using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;
using RequestPtr = std::unique_ptr<OCSP_REQUEST, ossl::Deleter<OCSP_REQUEST_free>>;
using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, ossl::Deleter<OCSP_RESPONSE_free>>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, ossl::Deleter<OCSP_BASICRESP_free>>;
using StorePtr = std::unique_ptr<X509_STORE, ossl::Deleter<X509_STORE_free>>;
// A stack that borrows its certificates: freeing it leaves them alone.
inline void free_borrowing_stack(STACK_OF(X509)* stack) { sk_X509_free(stack); }
using X509StackRef = std::unique_ptr<STACK_OF(X509), ossl::Deleter<free_borrowing_stack>>;

SourceAnswer refused(const std::string& url, std::string what, int code = X509_V_ERR_OCSP_VERIFY_FAILED) {
    return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused, std::move(what), code);
}

CertIdPtr cert_id_of(const Certificate& cert, const Certificate& issuer) {
    return CertIdPtr(OCSP_cert_to_id(nullptr, cert.x509(), issuer.x509()));
}

// Signed by the issuer itself, or by a responder certificate that the
// issuer signed for OCSP signing (RFC 6960 4.2.2.2): the issuer is the
// only certificate trusted, and only for this answer.
bool signed_for_issuer(OCSP_BASICRESP* basic, const Certificate& issuer) {
    const StorePtr store(X509_STORE_new());
    const X509StackRef issuer_only(sk_X509_new_null());
    if (!store || !issuer_only || X509_STORE_add_cert(store.get(), issuer.x509()) != 1 ||
        !sk_X509_push(issuer_only.get(), issuer.x509()))
        return false;
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    const int verified = OCSP_basic_verify(basic, issuer_only.get(), store.get(), OCSP_TRUSTOTHER);
    drain_openssl_errors();
    return verified == 1;
}

std::string produced(ASN1_GENERALIZEDTIME* this_update, ASN1_GENERALIZEDTIME* next_update) {
    const std::int64_t next = seconds_since_1970(next_update);
    return "answer of " + utc_time(seconds_since_1970(this_update)) +
           (next ? ", next update " + utc_time(next) : "");
}

// What the verified answer says about the certificate.
SourceAnswer status_in(const std::string& url, OCSP_BASICRESP* basic, OCSP_CERTID* id) {
    int status = -1, reason = -1;
    ASN1_GENERALIZEDTIME *revoked_at = nullptr, *this_update = nullptr, *next_update = nullptr;
    if (OCSP_resp_find_status(basic, id, &status, &reason, &revoked_at, &this_update, &next_update) != 1) {
        drain_openssl_errors();
        return refused(url, "the responder's answer does not mention this certificate");
    }
    // Five minutes of leeway for clocks; an answer without a nextUpdate is
    // taken for a week at most, since without a nonce an old one could be replayed.
    if (OCSP_check_validity(this_update, next_update, 300, 7 * 86400) != 1) {
        drain_openssl_errors();
        return make_answer(url, CACHAIN_REVOCATION_OFFLINE, SourceTrouble::stale,
                      "the responder's answer is out of date (" + produced(this_update, next_update) + ")",
                      X509_V_ERR_OCSP_VERIFY_FAILED);
    }
    if (status == V_OCSP_CERTSTATUS_GOOD)
        return make_answer(url, CACHAIN_REVOCATION_GOOD, SourceTrouble::none,
                      "not revoked, says the OCSP responder (" + produced(this_update, next_update) + ")", X509_V_OK);
    if (status == V_OCSP_CERTSTATUS_REVOKED) {
        SourceAnswer result = make_answer(url, CACHAIN_REVOCATION_REVOKED, SourceTrouble::none, "", X509_V_ERR_CERT_REVOKED);
        result.revoked_at = seconds_since_1970(revoked_at);
        result.reason_code = reason >= 0 ? OCSP_crl_reason_str(reason) : "unspecified";
        result.what = "revoked on " + utc_time(result.revoked_at) + " (" + result.reason_code +
                      "), says the OCSP responder";
        return result;
    }
    return refused(url, "the OCSP responder does not know this certificate (status unknown)",
                   X509_V_ERR_OCSP_CERT_UNKNOWN);
}

}  // namespace

std::vector<std::uint8_t> ocsp_request_for(const Certificate& cert, const Certificate& issuer) {
    const RequestPtr request(OCSP_REQUEST_new());
    CertIdPtr id = cert_id_of(cert, issuer);
    if (!request || !id || !OCSP_request_add0_id(request.get(), id.get())) {
        drain_openssl_errors();
        return {};
    }
    id.release();  // the request owns it now
    unsigned char* der = nullptr;
    const int length = i2d_OCSP_REQUEST(request.get(), &der);
    const ossl::OpenSslMemoryPtr owner(der);
    drain_openssl_errors();
    if (length <= 0) return {};
    return std::vector<std::uint8_t>(der, der + length);
}

SourceAnswer ocsp_answer(const std::string& url, const std::vector<std::uint8_t>& bytes, const Certificate& cert,
                         const Certificate& issuer) {
    const unsigned char* cursor = bytes.data();
    const ResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &cursor, static_cast<long>(bytes.size())));
    drain_openssl_errors();
    if (!response)
        return refused(url, "not an OCSP answer (" + std::to_string(bytes.size()) + " bytes OpenSSL cannot read as one)");
    const int status = OCSP_response_status(response.get());
    if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        return refused(url, std::string("the responder refused: ") + OCSP_response_status_str(status));
    const BasicPtr basic(OCSP_response_get1_basic(response.get()));
    drain_openssl_errors();
    if (!basic) return refused(url, "the responder's answer holds no basic OCSP response");
    if (!signed_for_issuer(basic.get(), issuer))
        return refused(url, "the answer is signed neither by " + quoted(issuer) +
                                " nor by a responder it delegated OCSP signing to");
    const CertIdPtr id = cert_id_of(cert, issuer);
    if (!id) return refused(url, "cannot name this certificate in OCSP terms");
    return status_in(url, basic.get(), id.get());
}

}  // namespace cachain
