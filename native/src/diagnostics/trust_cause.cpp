#include "trust_cause.h"

#include <openssl/x509_vfy.h>

namespace cachain {
namespace {

// Windows's values (winerror.h). The chain codes are the ones Microsoft
// documents for CertVerifyCertificateChainPolicy (CERT_CHAIN_POLICY_STATUS):
// an issuer that may not be a CA and an exceeded pathLenConstraint are both
// CERT_TRUST_INVALID_BASIC_CONSTRAINTS, reported as TRUST_E_BASIC_CONSTRAINTS
// (CERT_E_ROLE and CERT_E_PATHLENCONST exist, but the policy does not return
// them for these).
constexpr std::uint32_t cert_e_expired = 0x800B0101;
constexpr std::uint32_t cert_e_critical = 0x800B0105;
constexpr std::uint32_t cert_e_untrustedroot = 0x800B0109;
constexpr std::uint32_t cert_e_chaining = 0x800B010A;
constexpr std::uint32_t cert_e_cn_no_match = 0x800B010F;
constexpr std::uint32_t cert_e_wrong_usage = 0x800B0110;
constexpr std::uint32_t cert_e_invalid_name = 0x800B0114;
constexpr std::uint32_t trust_e_cert_signature = 0x80096004;
constexpr std::uint32_t trust_e_basic_constraints = 0x80096019;
constexpr std::uint32_t sec_e_wrong_principal = 0x80090322;
constexpr std::uint32_t sec_e_untrusted_root = 0x80090325;
constexpr std::uint32_t sec_e_cert_unknown = 0x80090327;
constexpr std::uint32_t sec_e_cert_expired = 0x80090328;
constexpr std::uint32_t sec_e_cert_wrong_usage = 0x80090349;
// Schannel passes the revocation provider's own code through.
constexpr std::uint32_t crypt_e_revoked = 0x80092010;

}  // namespace

WindowsCodes windows_codes_of(cachain_trust_cause cause) noexcept {
    switch (cause) {
    case CACHAIN_CAUSE_NONE: return {};
    case CACHAIN_CAUSE_ISSUER_MISSING:
    case CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES:
    case CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED:
    case CACHAIN_CAUSE_PATH_LOOP:
    case CACHAIN_CAUSE_SEARCH_LIMIT: return {cert_e_chaining, sec_e_untrusted_root};
    case CACHAIN_CAUSE_ROOT_NOT_TRUSTED: return {cert_e_untrustedroot, sec_e_untrusted_root};
    case CACHAIN_CAUSE_EXPIRED:
    case CACHAIN_CAUSE_NOT_YET_VALID: return {cert_e_expired, sec_e_cert_expired};
    case CACHAIN_CAUSE_CRITICAL_EXTENSION: return {cert_e_critical, sec_e_cert_unknown};
    case CACHAIN_CAUSE_HOST_NAME_MISMATCH: return {cert_e_cn_no_match, sec_e_wrong_principal};
    case CACHAIN_CAUSE_WRONG_PURPOSE:
    case CACHAIN_CAUSE_CA_KEY_USAGE: return {cert_e_wrong_usage, sec_e_cert_wrong_usage};
    case CACHAIN_CAUSE_NAME_CONSTRAINTS: return {cert_e_invalid_name, sec_e_cert_unknown};
    case CACHAIN_CAUSE_INVALID_CA:
    case CACHAIN_CAUSE_PATH_LENGTH: return {trust_e_basic_constraints, sec_e_cert_unknown};
    case CACHAIN_CAUSE_BAD_SIGNATURE: return {trust_e_cert_signature, sec_e_cert_unknown};
    case CACHAIN_CAUSE_REVOKED: return {crypt_e_revoked, crypt_e_revoked};
    case CACHAIN_CAUSE_OTHER: break;
    }
    return {cert_e_chaining, sec_e_cert_unknown};
}

cachain_trust_cause cause_of_openssl_code(int code) noexcept {
    switch (code) {
    case X509_V_OK: return CACHAIN_CAUSE_NONE;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return CACHAIN_CAUSE_ISSUER_MISSING;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED: return CACHAIN_CAUSE_ROOT_NOT_TRUSTED;
    case X509_V_ERR_CERT_HAS_EXPIRED: return CACHAIN_CAUSE_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID: return CACHAIN_CAUSE_NOT_YET_VALID;
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: return CACHAIN_CAUSE_CRITICAL_EXTENSION;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: return CACHAIN_CAUSE_HOST_NAME_MISMATCH;
    case X509_V_ERR_INVALID_PURPOSE: return CACHAIN_CAUSE_WRONG_PURPOSE;
    case X509_V_ERR_PERMITTED_VIOLATION:
    case X509_V_ERR_EXCLUDED_VIOLATION: return CACHAIN_CAUSE_NAME_CONSTRAINTS;
    case X509_V_ERR_INVALID_CA:
    case X509_V_ERR_INVALID_NON_CA: return CACHAIN_CAUSE_INVALID_CA;
    case X509_V_ERR_PATH_LENGTH_EXCEEDED: return CACHAIN_CAUSE_PATH_LENGTH;
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN: return CACHAIN_CAUSE_CA_KEY_USAGE;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: return CACHAIN_CAUSE_BAD_SIGNATURE;
    case X509_V_ERR_PATH_LOOP: return CACHAIN_CAUSE_PATH_LOOP;
    case X509_V_ERR_CERT_CHAIN_TOO_LONG: return CACHAIN_CAUSE_SEARCH_LIMIT;
    default: return CACHAIN_CAUSE_OTHER;
    }
}

}  // namespace cachain
