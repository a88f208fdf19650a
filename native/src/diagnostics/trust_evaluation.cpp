#include "trust_evaluation.h"

#include <map>
#include <set>

#include <openssl/x509_vfy.h>

#include "certificate_parser.h"
#include "chain_discovery.h"
#include "download_source.h"
#include "trust_cause.h"
#include "trust_explanation.h"

namespace cachain {
namespace {

// What a store holds of one kind: the certificates OpenSSL reads, where
// those held outside the store's own location came from, and the entries
// it cannot read.
struct Stored {
    std::vector<CertificatePtr> certs;
    std::map<std::string, std::string> sources;  // thumbprint -> source
    std::vector<UnreadableEntry> unreadable;
};

Stored load_stored(TrustStore& store, StoreKind kind) {
    Stored loaded{{}, {}, store.unreadable(kind)};
    for (const auto& stored : store.trusted(kind)) {
        try {
            loaded.certs.push_back(parse_certificates(stored.der, store.location(kind), nullptr).at(0));
            if (!stored.source.empty()) loaded.sources.emplace(stored.thumbprint, stored.source);
        } catch (const Failure& failure) {
            // It can anchor nothing here, and a verdict that needs it says why.
            loaded.unreadable.push_back({store.location(kind) + "\\" + stored.thumbprint, failure.reason()});
        }
    }
    return loaded;
}

// "<where>: <why>", one a line.
std::string lines_of(const std::vector<UnreadableEntry>& entries) {
    std::string text;
    for (const auto& entry : entries) text += (text.empty() ? "" : "\n") + entry.where + ": " + entry.why;
    return text;
}

std::set<std::string> thumbprints_of(const std::vector<CertificatePtr>& certs) {
    std::set<std::string> thumbprints;
    for (const auto& cert : certs) thumbprints.insert(cert->thumbprint());
    return thumbprints;
}

// What CaChain downloaded says so in the path, with its URL, as in
// Get-CaChain's chains.
void label_downloaded(Chain& path, const std::map<std::string, std::string>& urls) {
    for (auto& element : path.elements) {
        const auto url = urls.find(element.certificate->thumbprint());
        if (url != urls.end()) element.source = downloaded_source(url->second);
    }
}

// A client that checks revocation refuses a revoked path that it would
// otherwise trust; a path refused already keeps its first cause, and its
// revocation report still says what was revoked.
void apply_revocation(TrustVerdict& verdict, RevocationReport report) {
    verdict.revocation = std::move(report);
    if (!verdict.trusted || verdict.revocation.status != CACHAIN_REVOCATION_REVOKED) return;
    const WindowsCodes codes = windows_codes_of(CACHAIN_CAUSE_REVOKED);
    verdict.trusted = false;
    verdict.cause = CACHAIN_CAUSE_REVOKED;
    verdict.reason = verdict.revocation.reason;
    verdict.fix = verdict.revocation.fix;
    verdict.chain_error = codes.chain_error;
    verdict.tls_error = codes.tls_error;
    verdict.openssl_verify_code = X509_V_ERR_CERT_REVOKED;
    verdict.openssl_verify_text = X509_verify_cert_error_string(X509_V_ERR_CERT_REVOKED);
}

}  // namespace

std::vector<TrustVerdict> evaluate_trust(TrustStore& store, const std::vector<CertificatePtr>& inputs,
                                         const std::vector<CertificatePtr>& extra_issuers,
                                         const EvaluationOptions& options, const IssuerDownloader& download,
                                         const RevocationChecker& check_revocation) {
    const ClientModel client = client_model_of(store);
    const Stored root_store = load_stored(store, StoreKind::Root);
    const Stored ca_store = load_stored(store, StoreKind::CA);
    const auto& roots = root_store.certs;
    const auto& cas = ca_store.certs;
    auto unreadable = root_store.unreadable;
    unreadable.insert(unreadable.end(), ca_store.unreadable.begin(), ca_store.unreadable.end());
    // CaChain's path may use all the store holds, so that on Linux its
    // intermediates file can name what a server leaves out...
    std::vector<CertificatePtr> issuers = cas;
    issuers.insert(issuers.end(), extra_issuers.begin(), extra_issuers.end());
    issuers.insert(issuers.end(), roots.begin(), roots.end());
    std::map<std::string, std::string> downloaded_from;  // thumbprint -> URL
    std::vector<CertificatePtr> downloaded;
    if (download) {
        for (auto& issuer : download(inputs, issuers)) {
            downloaded_from.emplace(issuer.certificate->thumbprint(), issuer.url);
            downloaded.push_back(std::move(issuer.certificate));
        }
        issuers.insert(issuers.end(), downloaded.begin(), downloaded.end());
    }
    // ...while the judge gets only what a client of this machine has.
    std::vector<CertificatePtr> untrusted = inputs;
    untrusted.insert(untrusted.end(), extra_issuers.begin(), extra_issuers.end());
    if (client.reads_ca_store) untrusted.insert(untrusted.end(), cas.begin(), cas.end());
    if (client.downloads_issuers) untrusted.insert(untrusted.end(), downloaded.begin(), downloaded.end());
    const auto anchors = thumbprints_of(roots);
    const auto offered = thumbprints_of(untrusted);

    std::vector<TrustVerdict> verdicts;
    for (auto& chain : discover_chains(inputs, issuers, options.at)) {
        if (chain.rank != 0) continue;
        TrustVerdict verdict;
        verdict.chain = std::move(chain);
        label_downloaded(verdict.chain, downloaded_from);
        const Judgement judgement = client.judge(*verdict.chain.elements.front().certificate, untrusted, roots, options);
        const VerdictWords explanation = explain_verdict(
            {judgement, verdict.chain, store, anchors, offered, client.reads_ca_store, options, root_store.sources,
             root_store.unreadable, unreadable, downloaded_from});
        const WindowsCodes codes = windows_codes_of(explanation.cause);
        verdict.trusted = judgement.code == X509_V_OK;
        verdict.cause = explanation.cause;
        verdict.reason = explanation.reason;
        verdict.fix = explanation.fix;
        // A Windows judge's own code is what its clients report; it differs
        // from the cause's usual code where CryptoAPI words a cause its own way.
        verdict.chain_error = judgement.windows_chain_error ? judgement.windows_chain_error : codes.chain_error;
        verdict.tls_error = codes.tls_error;
        verdict.openssl_verify_code = judgement.code;
        verdict.openssl_verify_text = judgement.text;
        verdict.warnings = expiry_warnings(verdict.chain, options);
        verdict.unreadable = lines_of(unreadable);
        if (check_revocation) apply_revocation(verdict, check_revocation(verdict.chain));
        verdicts.push_back(std::move(verdict));
    }
    return verdicts;
}

}  // namespace cachain
