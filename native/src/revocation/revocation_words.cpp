#include "revocation_words.h"

#include <algorithm>

#include "utc_text.h"

namespace cachain {
namespace {

constexpr const char* import_cannot_help = " Importing the chain cannot help.";
// Schannel and CertGetCertificateChain report the CRYPT_E_ code; the chain
// policy behind WinVerifyTrust and WinHTTP folds every unknown status into one.
constexpr const char* through_winverifytrust =
    "; programs that check through WinVerifyTrust or WinHTTP report CERT_E_REVOCATION_FAILURE (0x800B010E)";
constexpr const char* relax_instead =
    "or revocation checking is relaxed for this application only (a soft-fail setting, for example): then a revoked "
    "certificate is accepted until it expires.";

// "<url>: <what>; <url>: <what>" for the answers of one status.
std::string answers_with(const CertificateRevocation& entry, cachain_revocation_status status) {
    std::string text;
    for (const auto& answer : entry.answers)
        if (answer.status == status) text += (text.empty() ? "" : "; ") + answer.url + ": " + answer.what;
    return text;
}

std::string published_urls(const CertificateRevocation& entry) {
    std::string text;
    for (const auto& answer : entry.answers) text += (text.empty() ? "" : ", ") + answer.url;
    return text;
}

bool only_ldap(const CertificateRevocation& entry) {
    return std::all_of(entry.answers.begin(), entry.answers.end(),
                       [](const SourceAnswer& answer) { return answer.trouble == SourceTrouble::ldap_only; });
}

bool any_stale(const CertificateRevocation& entry) {
    return std::any_of(entry.answers.begin(), entry.answers.end(),
                       [](const SourceAnswer& answer) { return answer.trouble == SourceTrouble::stale; });
}

const SourceAnswer* deciding(const CertificateRevocation& entry) {
    const auto found = std::find_if(entry.answers.begin(), entry.answers.end(),
                                    [&](const SourceAnswer& answer) { return answer.status == entry.status; });
    return found == entry.answers.end() ? nullptr : &*found;
}

void word_offline(RevocationReport& report, const CertificateRevocation& about) {
    const std::string offline = std::string(" so clients on this machine that check revocation fail with "
                                            "CRYPT_E_REVOCATION_OFFLINE (0x80092013)") + through_winverifytrust;
    if (only_ldap(about)) {
        report.reason = quoted(*about.certificate) + " publishes its revocation status only at " +
                        published_urls(about) +
                        ": ldap: addresses, which only members of the CA's Active Directory domain can reach," + offline;
        report.fix = std::string("Either the CA's administrator adds an http:// CRL distribution point (and an OCSP "
                                 "responder) that this machine can reach to the CA's extensions and reissues the "
                                 "certificates: revocation stays checked, at the cost of a web server the CA publishes "
                                 "to; ") + relax_instead + import_cannot_help;
    } else if (any_stale(about)) {
        report.reason = "the revocation status of " + quoted(*about.certificate) + " is out of date: " +
                        answers_with(about, CACHAIN_REVOCATION_OFFLINE) + ";" + offline;
        report.fix = std::string("The CA's administrator publishes a current CRL (certutil -CRL on the CA) and finds "
                                 "out why publishing stopped; until then clients that check revocation refuse the "
                                 "server.") + import_cannot_help;
    } else {
        report.reason = "this machine cannot fetch the revocation status of " + quoted(*about.certificate) + ": " +
                        answers_with(about, CACHAIN_REVOCATION_OFFLINE) + ";" + offline;
        report.fix = std::string("Let this machine reach those addresses over HTTP (a firewall or a proxy is in the "
                                 "way; Windows fetches CRLs through WinHTTP's proxy, see netsh winhttp show proxy), or "
                                 "have the CA publish its CRL and OCSP where this machine can reach them; ") +
                     relax_instead + import_cannot_help;
    }
}

void word_problem(RevocationReport& report, const CertificateRevocation& about) {
    switch (about.status) {
    case CACHAIN_REVOCATION_REVOKED:
        report.reason = quoted(*about.certificate) + " was revoked on " + utc_time(about.revoked_at) + " (" +
                        about.reason_code + "), says " + deciding(about)->url +
                        ": clients that check revocation refuse the server (CRYPT_E_REVOKED, 0x80092010)";
        report.fix = std::string("Replace the revoked certificate: the CA's administrator issues a new one (for the "
                                 "server, or for that CA and every certificate below it), and it is installed in place "
                                 "of the revoked one.") + import_cannot_help;
        return;
    case CACHAIN_REVOCATION_OFFLINE: word_offline(report, about); return;
    case CACHAIN_REVOCATION_UNUSABLE:
        report.reason = "no revocation answer about " + quoted(*about.certificate) + " can be trusted: " +
                        answers_with(about, CACHAIN_REVOCATION_UNUSABLE) +
                        "; so clients on this machine that check revocation fail with CRYPT_E_NO_REVOCATION_CHECK "
                        "(0x80092012)" + through_winverifytrust;
        report.fix = std::string("The CA's administrator republishes the CRL signed with the CA's current key, or "
                                 "repairs the OCSP responder (its signing certificate, or its list for this CA); a CRL "
                                 "or answer that fails its checks must never be accepted.") + import_cannot_help;
        return;
    case CACHAIN_REVOCATION_NOT_PUBLISHED:
        report.reason = quoted(*about.certificate) + " names no CRL distribution point and no OCSP responder, so "
                        "clients that check revocation fail with CRYPT_E_NO_REVOCATION_CHECK (0x80092012)" +
                        through_winverifytrust;
        report.fix = std::string("The CA's administrator adds CRL distribution point and AIA (OCSP) extensions to "
                                 "what the CA issues and reissues this certificate; ") + relax_instead +
                     import_cannot_help;
        return;
    case CACHAIN_REVOCATION_NOT_CHECKED:
        report.reason = !about.issuer_known
                            ? "the revocation of " + quoted(*about.certificate) +
                                  " cannot be checked: the path stops before its issuer, which signs its status"
                            : "not fetched (offline): the revocation status of " + quoted(*about.certificate) +
                                  " is published at " + published_urls(about);
        return;
    case CACHAIN_REVOCATION_GOOD: return;
    }
}

}  // namespace

std::string certificate_summary(const CertificateRevocation& entry) {
    if (entry.root) return "a root: trusted by being in Root, so its revocation is never asked";
    const SourceAnswer* answer = deciding(entry);
    switch (entry.status) {
    case CACHAIN_REVOCATION_GOOD:
    case CACHAIN_REVOCATION_REVOKED: return answer->what + " (" + answer->url + ")";
    case CACHAIN_REVOCATION_OFFLINE:
        return "no current answer could be fetched: " + answers_with(entry, CACHAIN_REVOCATION_OFFLINE);
    case CACHAIN_REVOCATION_UNUSABLE:
        return "every answer failed its checks: " + answers_with(entry, CACHAIN_REVOCATION_UNUSABLE);
    case CACHAIN_REVOCATION_NOT_PUBLISHED: return "names no CRL distribution point and no OCSP responder";
    case CACHAIN_REVOCATION_NOT_CHECKED: break;
    }
    if (!entry.issuer_known) return "its issuer is not in the path, so no answer about it can be verified";
    return "not fetched (offline); published at " + published_urls(entry);
}

void word_report(RevocationReport& report, const CertificateRevocation* about) {
    if (!about) {
        report.reason = "the path holds only its root, which is trusted by being in Root";
        return;
    }
    if (report.status == CACHAIN_REVOCATION_GOOD) {
        report.reason = "no certificate of the path is revoked: each has a current answer signed by its issuer";
        return;
    }
    word_problem(report, *about);
}

}  // namespace cachain
