#include "revocation_check.h"

#include <algorithm>
#include <optional>

#include <openssl/x509_vfy.h>

#include "crl_answer.h"
#include "ocsp_answer.h"
#include "published_status.h"
#include "revocation_words.h"

namespace cachain {
namespace {

constexpr std::uint32_t crypt_e_revoked = 0x80092010;
constexpr std::uint32_t crypt_e_no_revocation_check = 0x80092012;
constexpr std::uint32_t crypt_e_revocation_offline = 0x80092013;

// An address not asked: ldap: never (out of reach from outside the domain),
// http: not when offline, nothing when the issuer is unknown.
SourceAnswer unfetched(const std::string& url, const char* why) {
    if (is_ldap_url(url))
        return make_answer(url, CACHAIN_REVOCATION_OFFLINE, SourceTrouble::ldap_only,
                           "not fetched: an ldap: address, which only members of the CA's Active Directory domain "
                           "can reach",
                           X509_V_ERR_UNABLE_TO_GET_CRL);
    return make_answer(url, CACHAIN_REVOCATION_NOT_CHECKED, SourceTrouble::none, why, X509_V_OK);
}

// Named by the published URL: a redirect's target is in the reason.
SourceAnswer unreachable(const std::string& url, const Failure& failure, int code) {
    return make_answer(url, CACHAIN_REVOCATION_OFFLINE, SourceTrouble::unreachable, failure.reason(), code);
}

SourceAnswer ask_responder(const std::string& url, const Certificate& cert, const Certificate& issuer,
                           StatusFetcher* fetcher) {
    if (!fetcher || is_ldap_url(url)) return unfetched(url, "not fetched (offline)");
    const auto request = ocsp_request_for(cert, issuer);
    // An empty body would make the exchange a GET of the responder's root.
    if (request.empty())
        return make_answer(url, CACHAIN_REVOCATION_UNUSABLE, SourceTrouble::refused,
                           "not asked: OpenSSL cannot write an OCSP request for this certificate",
                           X509_V_ERR_OCSP_VERIFY_FAILED);
    try {
        return ocsp_answer(url, fetcher->ocsp(url, request), cert, issuer);
    } catch (const Failure& failure) {
        return unreachable(url, failure, X509_V_ERR_OCSP_VERIFY_FAILED);
    }
}

SourceAnswer read_crl(const std::string& url, const Certificate& cert, const Certificate& issuer,
                      StatusFetcher* fetcher, std::int64_t now) {
    if (!fetcher || is_ldap_url(url)) return unfetched(url, "not fetched (offline)");
    try {
        return crl_answer(url, fetcher->crl(url), cert, issuer, now);
    } catch (const Failure& failure) {
        return unreachable(url, failure, X509_V_ERR_UNABLE_TO_GET_CRL);
    }
}

// One certificate's status from all its answers: a signed, current answer
// decides (revoked before good); without one, an address still to try
// leaves it open, then what was out of reach, then what failed its checks.
void decide(CertificateRevocation& entry) {
    for (const auto status : {CACHAIN_REVOCATION_REVOKED, CACHAIN_REVOCATION_GOOD, CACHAIN_REVOCATION_NOT_CHECKED,
                              CACHAIN_REVOCATION_OFFLINE, CACHAIN_REVOCATION_UNUSABLE}) {
        const auto found = std::find_if(entry.answers.begin(), entry.answers.end(),
                                        [&](const SourceAnswer& answer) { return answer.status == status; });
        if (found == entry.answers.end()) continue;
        entry.status = status;
        entry.openssl_code = found->openssl_code;
        entry.revoked_at = found->revoked_at;
        entry.reason_code = found->reason_code;
        return;
    }
}

CertificateRevocation check_certificate(const CertificatePtr& cert, const Certificate* issuer,
                                        StatusFetcher* fetcher, std::int64_t now) {
    CertificateRevocation entry;
    entry.certificate = cert;
    const PublishedStatus published = published_status(*cert);
    if (issuer && published.empty()) {
        entry.status = CACHAIN_REVOCATION_NOT_PUBLISHED;
        entry.openssl_code = X509_V_ERR_UNABLE_TO_GET_CRL;
    }
    constexpr const char* no_issuer = "not fetched: its issuer is not in the path";
    for (const auto& url : published.ocsp_urls)
        entry.answers.push_back(issuer ? ask_responder(url, *cert, *issuer, fetcher) : unfetched(url, no_issuer));
    for (const auto& url : published.crl_urls)
        entry.answers.push_back(issuer ? read_crl(url, *cert, *issuer, fetcher, now) : unfetched(url, no_issuer));
    if (issuer) decide(entry);
    return entry;
}

// The path's status: the worst of its certificates'.
int severity(cachain_revocation_status status) {
    switch (status) {
    case CACHAIN_REVOCATION_REVOKED: return 5;
    case CACHAIN_REVOCATION_OFFLINE: return 4;
    case CACHAIN_REVOCATION_UNUSABLE: return 3;
    case CACHAIN_REVOCATION_NOT_PUBLISHED: return 2;
    case CACHAIN_REVOCATION_NOT_CHECKED: return 1;
    case CACHAIN_REVOCATION_GOOD: break;
    }
    return 0;
}

std::uint32_t windows_error_of(cachain_revocation_status status) {
    switch (status) {
    case CACHAIN_REVOCATION_REVOKED: return crypt_e_revoked;
    case CACHAIN_REVOCATION_OFFLINE: return crypt_e_revocation_offline;
    // CryptoAPI's revocation provider says "could not check" both for a
    // certificate that names nowhere and for answers that fail their checks.
    case CACHAIN_REVOCATION_UNUSABLE:
    case CACHAIN_REVOCATION_NOT_PUBLISHED: return crypt_e_no_revocation_check;
    case CACHAIN_REVOCATION_NOT_CHECKED:
    case CACHAIN_REVOCATION_GOOD: break;
    }
    return 0;
}

}  // namespace

RevocationReport check_revocation(const Chain& path, StatusFetcher* fetcher, std::int64_t now) {
    RevocationReport report;
    const auto& elements = path.elements;
    std::optional<std::size_t> worst;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const auto& cert = elements[i].certificate;
        // A root is trusted by being in Root, and nothing signs its CRL; the
        // last certificate of a path that stops short has no known issuer.
        const bool root = elements[i].role == CACHAIN_ROLE_ROOT;
        const Certificate* issuer = !root && i + 1 < elements.size() ? elements[i + 1].certificate.get() : nullptr;
        report.certificates.push_back(check_certificate(cert, issuer, fetcher, now));
        auto& entry = report.certificates.back();
        entry.root = root;
        entry.issuer_known = root || issuer;
        entry.summary = certificate_summary(entry);
        for (const auto& answer : entry.answers) {
            entry.published_text += (entry.published_text.empty() ? "" : "\n") + answer.url;
            entry.reached_text += (entry.reached_text.empty() ? "" : "\n") + answer.url + ": " + answer.what;
        }
        if (!root && (!worst || severity(entry.status) > severity(report.certificates[*worst].status))) worst = i;
    }
    const CertificateRevocation* about = worst ? &report.certificates[*worst] : nullptr;
    if (about) {
        report.status = about->status;
        report.openssl_code = about->openssl_code;
    }
    report.windows_error = windows_error_of(report.status);
    word_report(report, about);
    return report;
}

}  // namespace cachain
