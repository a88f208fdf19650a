// Windows' headers before OpenSSL's (which the judge's header brings):
// wincrypt.h defines X509_NAME and friends as macros, which OpenSSL's
// headers undefine when they come after.
#include <windows.h>
#include <wincrypt.h>

#include "cryptoapi_judge.h"

#include <cstdio>
#include <memory>
#include <string>

#include <openssl/x509_vfy.h>

#include "failure.h"
#include "openssl_judge.h"
#include "trust_cause.h"
#include "windows_error_text.h"

namespace cachain {
namespace {

struct StoreCloser {
    void operator()(void* store) const noexcept { CertCloseStore(store, 0); }
};
struct ContextFreer {
    void operator()(const CERT_CONTEXT* context) const noexcept { CertFreeCertificateContext(context); }
};
struct ChainFreer {
    void operator()(const CERT_CHAIN_CONTEXT* chain) const noexcept { CertFreeCertificateChain(chain); }
};
struct EngineFreer {
    void operator()(void* engine) const noexcept { CertFreeCertificateChainEngine(static_cast<HCERTCHAINENGINE>(engine)); }
};
using StoreHandle = std::unique_ptr<void, StoreCloser>;
using ContextHandle = std::unique_ptr<const CERT_CONTEXT, ContextFreer>;
using ChainHandle = std::unique_ptr<const CERT_CHAIN_CONTEXT, ChainFreer>;
using EngineHandle = std::unique_ptr<void, EngineFreer>;

// Windows' values (winerror.h) of the policy codes the causes are told from.
constexpr DWORD cert_e_expired = 0x800B0101;
constexpr DWORD cert_e_critical = 0x800B0105;
constexpr DWORD cert_e_untrustedroot = 0x800B0109;
constexpr DWORD cert_e_chaining = 0x800B010A;
constexpr DWORD cert_e_cn_no_match = 0x800B010F;
constexpr DWORD cert_e_wrong_usage = 0x800B0110;
constexpr DWORD cert_e_invalid_name = 0x800B0114;
constexpr DWORD trust_e_cert_signature = 0x80096004;
constexpr DWORD trust_e_basic_constraints = 0x80096019;

[[noreturn]] void engine_failed(const char* call) {
    const DWORD error = GetLastError();
    throw Failure(CACHAIN_E_INTERNAL, "Windows' chain engine",
                  std::string(call) + " failed: " + windows_error_text_or_code(error));
}

ContextHandle context_of(const Certificate& cert) {
    ContextHandle context(CertCreateCertificateContext(X509_ASN_ENCODING, cert.der().data(),
                                                       static_cast<DWORD>(cert.der().size())));
    if (!context) engine_failed("CertCreateCertificateContext");
    return context;
}

// What the server sent (and, since Windows clients read it, the store's CA),
// as the chain engine's additional store.
StoreHandle additional_store(const std::vector<CertificatePtr>& untrusted) {
    StoreHandle store(CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, nullptr));
    if (!store) engine_failed("CertOpenStore");
    for (const auto& cert : untrusted)
        if (!CertAddEncodedCertificateToStore(store.get(), X509_ASN_ENCODING, cert->der().data(),
                                              static_cast<DWORD>(cert->der().size()), CERT_STORE_ADD_USE_EXISTING,
                                              nullptr))
            engine_failed("CertAddEncodedCertificateToStore");
    return store;
}

// A new engine for each judgement, with the flag that makes it the
// computer account's (HCCE_LOCAL_MACHINE's stores): the shared
// HCCE_LOCAL_MACHINE engine keeps the stores it read at its first use for
// the rest of the process (Wine's never rereads them), and Test-CaChain
// after Import-CaChain in one PowerShell session must see the new root.
// Like HCCE_LOCAL_MACHINE, it reads LocalMachine\Root as its anchors and
// LocalMachine\CA as issuers, and fetches missing issuers through AIA, as
// every Windows client does.
EngineHandle engine_for(CryptoApiEngine engine) {
    CERT_CHAIN_ENGINE_CONFIG config{};
    config.cbSize = sizeof config;
    config.dwFlags = engine == CryptoApiEngine::LocalMachine ? CERT_CHAIN_USE_LOCAL_MACHINE_STORE : 0;
    HCERTCHAINENGINE handle = nullptr;
    if (!CertCreateCertificateChainEngine(&config, &handle)) engine_failed("CertCreateCertificateChainEngine");
    return EngineHandle(handle);
}

// Seconds since 1970 as Windows' time: 100 ns ticks since 1601.
FILETIME filetime_of(std::int64_t unix_seconds) {
    constexpr std::int64_t seconds_from_1601_to_1970 = 11644473600;
    const auto ticks = static_cast<std::uint64_t>((unix_seconds + seconds_from_1601_to_1970) * 10000000);
    return {static_cast<DWORD>(ticks & 0xFFFFFFFF), static_cast<DWORD>(ticks >> 32)};
}

// Schannel asks the engine for a chain valid for the purpose it checks.
CERT_CHAIN_PARA request_for(cachain_purpose purpose) {
    static LPSTR server_auth[] = {const_cast<LPSTR>(szOID_PKIX_KP_SERVER_AUTH)};
    static LPSTR client_auth[] = {const_cast<LPSTR>(szOID_PKIX_KP_CLIENT_AUTH)};
    CERT_CHAIN_PARA request{};
    request.cbSize = sizeof request;
    request.RequestedUsage.dwType = USAGE_MATCH_TYPE_AND;
    if (purpose == CACHAIN_PURPOSE_ANY) return request;
    request.RequestedUsage.Usage.cUsageIdentifier = 1;
    request.RequestedUsage.Usage.rgpszUsageIdentifier =
        purpose == CACHAIN_PURPOSE_CLIENT_AUTH ? client_auth : server_auth;
    return request;
}

std::wstring utf16_of(const std::string& text) {
    if (text.empty()) return {};
    const int length = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(length), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), wide.data(), length);
    return wide;
}

struct PolicyStatus {
    DWORD error = 0;
    LONG element = -1;  // the element the error is about, -1 when the policy names none
};

// CERT_CHAIN_POLICY_SSL, as Schannel applies it: the chain's status, and the
// name the client asked for (none when name is empty).
PolicyStatus ssl_policy(PCCERT_CHAIN_CONTEXT chain, cachain_purpose purpose, const std::string& name) {
    std::wstring wide_name = utf16_of(name);
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl{};
    ssl.cbSize = sizeof ssl;
    ssl.dwAuthType = purpose == CACHAIN_PURPOSE_CLIENT_AUTH ? AUTHTYPE_CLIENT : AUTHTYPE_SERVER;
    ssl.pwszServerName = name.empty() ? nullptr : wide_name.data();
    CERT_CHAIN_POLICY_PARA policy{};
    policy.cbSize = sizeof policy;
    policy.pvExtraPolicyPara = &ssl;
    CERT_CHAIN_POLICY_STATUS status{};
    status.cbSize = sizeof status;
    if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy, &status))
        engine_failed("CertVerifyCertificateChainPolicy");
    return {status.dwError, status.dwError ? status.lElementIndex : -1};
}

std::vector<CertificatePtr> chain_of(PCCERT_CHAIN_CONTEXT chain) {
    std::vector<CertificatePtr> certs;
    if (chain->cChain == 0) return certs;
    const CERT_SIMPLE_CHAIN* simple = chain->rgpChain[0];
    for (DWORD i = 0; i < simple->cElement; ++i) {
        const CERT_CONTEXT* context = simple->rgpElement[i]->pCertContext;
        const unsigned char* der = context->pbCertEncoded;
        ossl::X509Ptr x509(d2i_X509(nullptr, &der, static_cast<long>(context->cbCertEncoded)));
        if (!x509) throw Failure(CACHAIN_E_INTERNAL, "Windows' chain engine", "returned a certificate OpenSSL cannot read");
        certs.push_back(std::make_shared<const Certificate>(std::move(x509)));
    }
    return certs;
}

// The first element, from the target up, whose status has one of bits.
int depth_with(PCCERT_CHAIN_CONTEXT chain, DWORD bits) {
    if (chain->cChain == 0) return -1;
    const CERT_SIMPLE_CHAIN* simple = chain->rgpChain[0];
    for (DWORD i = 0; i < simple->cElement; ++i)
        if (simple->rgpElement[i]->TrustStatus.dwErrorStatus & bits) return static_cast<int>(i);
    return -1;
}

constexpr DWORD name_constraint_errors = CERT_TRUST_INVALID_NAME_CONSTRAINTS | CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT |
                                       CERT_TRUST_HAS_NOT_DEFINED_NAME_CONSTRAINT |
                                       CERT_TRUST_HAS_NOT_PERMITTED_NAME_CONSTRAINT |
                                       CERT_TRUST_HAS_EXCLUDED_NAME_CONSTRAINT;

// The policy code Microsoft documents for a chain's status bits, the first
// that applies in the order the base policy checks them.
DWORD policy_error_of_status(DWORD status) {
    if (status & CERT_TRUST_IS_NOT_SIGNATURE_VALID) return trust_e_cert_signature;
    if (status & (CERT_TRUST_IS_PARTIAL_CHAIN | CERT_TRUST_IS_CYCLIC)) return cert_e_chaining;
    if (status & CERT_TRUST_IS_UNTRUSTED_ROOT) return cert_e_untrustedroot;
    if (status & CERT_TRUST_IS_NOT_TIME_VALID) return cert_e_expired;
    if (status & CERT_TRUST_INVALID_BASIC_CONSTRAINTS) return trust_e_basic_constraints;
    if (status & CERT_TRUST_IS_NOT_VALID_FOR_USAGE) return cert_e_wrong_usage;
    if (status & CERT_TRUST_HAS_NOT_SUPPORTED_CRITICAL_EXT) return cert_e_critical;
    if (status & name_constraint_errors) return cert_e_invalid_name;
    return ERROR_SUCCESS;
}

// The cause of a policy error. Where one code covers two causes, the
// certificate's dates, the chain's status or OpenSSL's opinion tell them
// apart.
cachain_trust_cause cause_of_policy_error(DWORD error, PCCERT_CHAIN_CONTEXT chain, const CertificatePtr& about,
                                          std::int64_t at, cachain_trust_cause openssl_cause) {
    switch (error) {
    case ERROR_SUCCESS: return CACHAIN_CAUSE_NONE;
    case cert_e_expired:
        return about && at < about->not_before() ? CACHAIN_CAUSE_NOT_YET_VALID : CACHAIN_CAUSE_EXPIRED;
    case cert_e_chaining:
        return chain->TrustStatus.dwErrorStatus & CERT_TRUST_IS_CYCLIC ? CACHAIN_CAUSE_PATH_LOOP
                                                                          : CACHAIN_CAUSE_ISSUER_MISSING;
    case cert_e_untrustedroot: return CACHAIN_CAUSE_ROOT_NOT_TRUSTED;
    case cert_e_critical: return CACHAIN_CAUSE_CRITICAL_EXTENSION;
    case cert_e_cn_no_match: return CACHAIN_CAUSE_HOST_NAME_MISMATCH;
    case cert_e_wrong_usage:
        return openssl_cause == CACHAIN_CAUSE_CA_KEY_USAGE ? CACHAIN_CAUSE_CA_KEY_USAGE : CACHAIN_CAUSE_WRONG_PURPOSE;
    case cert_e_invalid_name: return CACHAIN_CAUSE_NAME_CONSTRAINTS;
    case trust_e_basic_constraints:
        return openssl_cause == CACHAIN_CAUSE_PATH_LENGTH ? CACHAIN_CAUSE_PATH_LENGTH : CACHAIN_CAUSE_INVALID_CA;
    case trust_e_cert_signature: return CACHAIN_CAUSE_BAD_SIGNATURE;
    default: return CACHAIN_CAUSE_OTHER;
    }
}

// An OpenSSL code that names cause, for the catalogue and the explanations.
int openssl_code_of(cachain_trust_cause cause, std::size_t chain_length) {
    switch (cause) {
    case CACHAIN_CAUSE_NONE: return X509_V_OK;
    case CACHAIN_CAUSE_ISSUER_MISSING:
    case CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES:
    case CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED: return X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
    case CACHAIN_CAUSE_ROOT_NOT_TRUSTED:
        return chain_length == 1 ? X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT : X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
    case CACHAIN_CAUSE_EXPIRED: return X509_V_ERR_CERT_HAS_EXPIRED;
    case CACHAIN_CAUSE_NOT_YET_VALID: return X509_V_ERR_CERT_NOT_YET_VALID;
    case CACHAIN_CAUSE_CRITICAL_EXTENSION: return X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION;
    case CACHAIN_CAUSE_HOST_NAME_MISMATCH: return X509_V_ERR_HOSTNAME_MISMATCH;
    case CACHAIN_CAUSE_WRONG_PURPOSE: return X509_V_ERR_INVALID_PURPOSE;
    case CACHAIN_CAUSE_NAME_CONSTRAINTS: return X509_V_ERR_PERMITTED_VIOLATION;
    case CACHAIN_CAUSE_INVALID_CA: return X509_V_ERR_INVALID_CA;
    case CACHAIN_CAUSE_PATH_LENGTH: return X509_V_ERR_PATH_LENGTH_EXCEEDED;
    case CACHAIN_CAUSE_CA_KEY_USAGE: return X509_V_ERR_KEYUSAGE_NO_CERTSIGN;
    case CACHAIN_CAUSE_BAD_SIGNATURE: return X509_V_ERR_CERT_SIGNATURE_FAILURE;
    case CACHAIN_CAUSE_PATH_LOOP: return X509_V_ERR_PATH_LOOP;
    case CACHAIN_CAUSE_SEARCH_LIMIT: return X509_V_ERR_CERT_CHAIN_TOO_LONG;
    case CACHAIN_CAUSE_REVOKED: return X509_V_ERR_CERT_REVOKED;
    case CACHAIN_CAUSE_OTHER: break;
    }
    return X509_V_ERR_UNSPECIFIED;
}

// The element the policy's error is about: the one it names, else the
// first whose status explains it, else the target.
int depth_of(const PolicyStatus& status, PCCERT_CHAIN_CONTEXT chain) {
    if (status.error == ERROR_SUCCESS) return -1;
    if (status.element >= 0) return static_cast<int>(status.element);
    const int depth = depth_with(chain, chain->TrustStatus.dwErrorStatus);
    return depth >= 0 ? depth : 0;
}

}  // namespace

Judgement cryptoapi_judge(CryptoApiEngine engine, const Certificate& target,
                          const std::vector<CertificatePtr>& untrusted, const std::vector<CertificatePtr>& anchors,
                          const EvaluationOptions& options) {
    const EngineHandle chain_engine = engine_for(engine);
    const ContextHandle leaf = context_of(target);
    const StoreHandle sent = additional_store(untrusted);
    CERT_CHAIN_PARA request = request_for(options.purpose);
    FILETIME at = filetime_of(options.at);
    PCCERT_CHAIN_CONTEXT built = nullptr;
    // Offline, the engine must not fetch the AIA URLs it would otherwise follow.
    const DWORD flags = options.may_download ? 0 : CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL;
    if (!CertGetCertificateChain(static_cast<HCERTCHAINENGINE>(chain_engine.get()), leaf.get(), &at, sent.get(),
                                 &request, flags, nullptr, &built))
        engine_failed("CertGetCertificateChain");
    const ChainHandle chain(built);
    PolicyStatus status = ssl_policy(chain.get(), options.purpose, options.dns_name);
    const DWORD policy_error = status.error;
    // A client that checks the policy alone takes a chain the policy passes,
    // but Windows' own policy never passes a chain whose status has an error
    // it checks; Wine's does (a partial chain passes it): the status decides.
    const DWORD chain_status = chain->TrustStatus.dwErrorStatus;
    if (status.error == ERROR_SUCCESS) status.error = policy_error_of_status(chain_status);

    Judgement judgement;
    judgement.chain = chain_of(chain.get());
    judgement.depth = depth_of(status, chain.get());
    judgement.windows_chain_error = status.error;
    const Judgement second_opinion = openssl_judge(target, untrusted, anchors, options);
    const cachain_trust_cause openssl_cause = cause_of_openssl_code(second_opinion.code);
    const auto depth = static_cast<std::size_t>(judgement.depth);
    const CertificatePtr about = judgement.depth >= 0 && depth < judgement.chain.size() ? judgement.chain[depth] : nullptr;
    const cachain_trust_cause cause = cause_of_policy_error(status.error, chain.get(), about, options.at, openssl_cause);
    judgement.code = cause == openssl_cause ? second_opinion.code : openssl_code_of(cause, judgement.chain.size());
    // Both raw values, so that a disagreement between them is seen, never hidden.
    char status_text[64];
    std::snprintf(status_text, sizeof status_text, " (SSL policy 0x%08lX, chain status 0x%08lX)",
                  static_cast<unsigned long>(policy_error), static_cast<unsigned long>(chain_status));
    judgement.text = (status.error == ERROR_SUCCESS ? std::string("ok") : windows_error_text_or_code(status.error)) +
                     status_text;
    return judgement;
}

Judgement cryptoapi_machine_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                                  const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options) {
    return cryptoapi_judge(CryptoApiEngine::LocalMachine, target, untrusted, anchors, options);
}

Judgement cryptoapi_user_judge(const Certificate& target, const std::vector<CertificatePtr>& untrusted,
                               const std::vector<CertificatePtr>& anchors, const EvaluationOptions& options) {
    return cryptoapi_judge(CryptoApiEngine::CurrentUser, target, untrusted, anchors, options);
}

}  // namespace cachain
