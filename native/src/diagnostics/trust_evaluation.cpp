#include "trust_evaluation.h"

#include <algorithm>
#include <set>

#include <openssl/x509_vfy.h>

#include "certificate_parser.h"
#include "chain_discovery.h"
#include "openssl_error.h"

namespace cachain {
namespace {

std::string quoted(const Certificate& cert) {
    return "'" + (cert.common_name().empty() ? cert.subject() : cert.common_name()) + "'";
}

std::vector<CertificatePtr> load_stored(TrustStore& store, StoreKind kind) {
    std::vector<CertificatePtr> certs;
    for (const auto& stored : store.trusted(kind)) {
        try {
            certs.push_back(parse_certificates(stored.der, store.location(kind), nullptr).at(0));
        } catch (const Failure&) {
            // A store entry OpenSSL cannot read can anchor nothing here.
        }
    }
    return certs;
}

// What OpenSSL's own verifier says about target, with anchors as the only
// trusted certificates: the code `openssl verify` and s_client would print.
std::pair<int, std::string> openssl_verdict(const Certificate& target, const std::vector<CertificatePtr>& anchors,
                                            const std::vector<CertificatePtr>& untrusted, std::int64_t now) {
    using StorePtr = std::unique_ptr<X509_STORE, ossl::Deleter<X509_STORE_free>>;
    using ContextPtr = std::unique_ptr<X509_STORE_CTX, ossl::Deleter<X509_STORE_CTX_free>>;
    const StorePtr trusted(X509_STORE_new());
    for (const auto& anchor : anchors) X509_STORE_add_cert(trusted.get(), anchor->x509());
    const ossl::X509StackPtr chain(sk_X509_new_null());
    for (const auto& cert : untrusted) {
        X509_up_ref(cert->x509());
        sk_X509_push(chain.get(), cert->x509());
    }
    const ContextPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), trusted.get(), target.x509(), chain.get());
    X509_STORE_CTX_set_time(context.get(), 0, static_cast<time_t>(now));
    const bool verified = X509_verify_cert(context.get()) == 1;
    drain_openssl_errors();
    const int code = verified ? X509_V_OK : X509_STORE_CTX_get_error(context.get());
    return {code, X509_verify_cert_error_string(code)};
}

void explain(TrustVerdict& verdict, TrustStore& store, const std::set<std::string>& anchors) {
    const Chain& chain = verdict.chain;
    const Certificate& top = *chain.elements.back().certificate;
    const auto expired = std::find_if(chain.elements.begin(), chain.elements.end(),
                                      [](const ChainElement& e) { return e.validity != CACHAIN_VALIDITY_VALID; });
    if (chain.status != CACHAIN_CHAIN_COMPLETE) {
        verdict.reason = "the chain is incomplete: the issuer '" + chain.missing.name + "' of " + quoted(top) +
                         " is in neither " + store.location(StoreKind::Root) + " nor " + store.location(StoreKind::CA) +
                         ", and was not supplied";
        if (!chain.missing.url.empty()) verdict.reason += " (it is published at " + chain.missing.url + ")";
        verdict.fix = "export the whole CA chain on a machine that has it (Get-CaChain | Export-CaChain) and run "
                      "Import-CaChain here";
        verdict.chain_error = cert_e_chaining;
        verdict.tls_error = sec_e_untrusted_root;
    } else if (!anchors.count(top.thumbprint())) {
        verdict.reason = "the root " + quoted(top) + " is not in " + store.location(StoreKind::Root);
        verdict.fix = "run Import-CaChain with the chain's CA certificates";
        verdict.chain_error = cert_e_untrusted_root;
        verdict.tls_error = sec_e_untrusted_root;
    } else if (expired != chain.elements.end()) {
        const bool early = expired->validity == CACHAIN_VALIDITY_NOT_YET_VALID;
        verdict.reason = quoted(*expired->certificate) + (early ? " is not valid yet" : " has expired");
        verdict.fix = "renew the certificate " + quoted(*expired->certificate) + " (importing cannot fix this)";
        verdict.chain_error = cert_e_expired;
        verdict.tls_error = sec_e_cert_expired;
    } else {
        verdict.trusted = true;
        verdict.reason = "trusted: the chain ends at the root " + quoted(top) + " in " + store.location(StoreKind::Root);
    }
}

}  // namespace

std::vector<TrustVerdict> evaluate_trust(TrustStore& store, const std::vector<CertificatePtr>& inputs,
                                         const std::vector<CertificatePtr>& extra_issuers, std::int64_t now) {
    const auto roots = load_stored(store, StoreKind::Root);
    auto issuers = load_stored(store, StoreKind::CA);
    issuers.insert(issuers.end(), extra_issuers.begin(), extra_issuers.end());
    issuers.insert(issuers.end(), roots.begin(), roots.end());
    std::set<std::string> anchors;
    for (const auto& root : roots) anchors.insert(root->thumbprint());

    std::vector<CertificatePtr> untrusted = inputs;
    untrusted.insert(untrusted.end(), issuers.begin(), issuers.end() - static_cast<std::ptrdiff_t>(roots.size()));

    std::vector<TrustVerdict> verdicts;
    for (auto& chain : discover_chains(inputs, issuers, now)) {
        if (chain.rank != 0) continue;
        TrustVerdict verdict;
        verdict.chain = std::move(chain);
        explain(verdict, store, anchors);
        std::tie(verdict.openssl_verify_code, verdict.openssl_verify_text) =
            openssl_verdict(*verdict.chain.elements.front().certificate, roots, untrusted, now);
        verdicts.push_back(std::move(verdict));
    }
    return verdicts;
}

}  // namespace cachain
