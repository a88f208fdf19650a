#include "openssl_judge.h"

#include <memory>

#include <openssl/x509_vfy.h>

#include "openssl_error.h"

namespace cachain {
namespace {

using StorePtr = std::unique_ptr<X509_STORE, ossl::Deleter<X509_STORE_free>>;
using ContextPtr = std::unique_ptr<X509_STORE_CTX, ossl::Deleter<X509_STORE_CTX_free>>;

// OpenSSL's named parameter sets: "ssl_server" is what libssl itself applies
// when a TLS client verifies a server (purpose and trust both SSL server).
const char* parameters_for(cachain_purpose purpose) {
    switch (purpose) {
    case CACHAIN_PURPOSE_CLIENT_AUTH: return "ssl_client";
    case CACHAIN_PURPOSE_ANY: return "default";
    case CACHAIN_PURPOSE_SERVER_AUTH: break;
    }
    return "ssl_server";
}

void expect_name(X509_VERIFY_PARAM* parameters, const std::string& name) {
    if (name.empty()) return;
    // set1_ip_asc accepts exactly the IPv4 and IPv6 literals; anything else is a host name.
    if (X509_VERIFY_PARAM_set1_ip_asc(parameters, name.c_str()) != 1)
        X509_VERIFY_PARAM_set1_host(parameters, name.c_str(), name.size());
}

std::vector<CertificatePtr> chain_of(X509_STORE_CTX* context) {
    std::vector<CertificatePtr> chain;
    const STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(context);
    for (int i = 0; built && i < sk_X509_num(built); ++i) {
        X509* cert = sk_X509_value(built, i);
        X509_up_ref(cert);
        chain.push_back(std::make_shared<const Certificate>(ossl::X509Ptr(cert)));
    }
    return chain;
}

}  // namespace

Judgement openssl_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                        const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options) {
    const StorePtr trusted(X509_STORE_new());
    for (const auto& anchor : anchors) X509_STORE_add_cert(trusted.get(), anchor->x509());
    const ossl::X509StackPtr chain(sk_X509_new_null());
    for (const auto& cert : untrusted) {
        X509_up_ref(cert->x509());
        sk_X509_push(chain.get(), cert->x509());
    }
    const ContextPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), trusted.get(), target.x509(), chain.get());
    X509_STORE_CTX_set_default(context.get(), parameters_for(options.purpose));
    X509_VERIFY_PARAM* parameters = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_time(parameters, static_cast<time_t>(options.at));
    expect_name(parameters, options.dns_name);

    Judgement judgement;
    const bool verified = X509_verify_cert(context.get()) == 1;
    drain_openssl_errors();
    judgement.code = verified ? X509_V_OK : X509_STORE_CTX_get_error(context.get());
    judgement.text = X509_verify_cert_error_string(judgement.code);
    judgement.depth = verified ? -1 : X509_STORE_CTX_get_error_depth(context.get());
    judgement.chain = chain_of(context.get());
    return judgement;
}

}  // namespace cachain
