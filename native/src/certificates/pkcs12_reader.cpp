#include "pkcs12_reader.h"

#include <memory>
#include <optional>

#include <openssl/provider.h>

#include "openssl_error.h"
#include "pkcs12_work_limit.h"

namespace cachain {
namespace {

// The password that opens the file's integrity check. Windows and OpenSSL
// disagree on whether "no password" means an empty string or none at all,
// so both are tried when the caller gave none.
std::optional<const char*> find_password(PKCS12* pkcs12, const std::string& item, const char* password) {
    if (!PKCS12_mac_present(pkcs12)) return password ? password : "";
    check_mac_work(pkcs12, item);
    const bool none_given = password == nullptr || *password == '\0';
    const std::vector<const char*> candidates = none_given ? std::vector<const char*>{"", nullptr}
                                                           : std::vector<const char*>{password};
    for (const char* candidate : candidates) {
        if (PKCS12_verify_mac(pkcs12, candidate, -1) == 1) return candidate;
    }
    drain_openssl_errors();
    return std::nullopt;
}

// Older Windows exports certificate bags encrypted with RC2-40, which
// OpenSSL 3 keeps in its "legacy" provider. Load it once, keeping the default
// provider, only when such a file shows up. It stays loaded for the life of
// the process; its owner unloads it at exit, before OpenSSL's own clean-up
// (registered earlier, so it runs later) frees the provider store.
void enable_legacy_algorithms() {
    static const std::unique_ptr<OSSL_PROVIDER, ossl::Deleter<OSSL_PROVIDER_unload>> legacy(
        OSSL_PROVIDER_try_load(nullptr, "legacy", 1));
}

ossl::SafeBagStackPtr decrypt_bags(PKCS7* safe, const std::string& item, const char* password) {
    const int type = OBJ_obj2nid(safe->type);
    if (type == NID_pkcs7_data) return ossl::SafeBagStackPtr(PKCS12_unpack_p7data(safe));
    if (type != NID_pkcs7_encrypted) return nullptr;  // enveloped safes need a key we do not have
    if (safe->d.encrypted && safe->d.encrypted->enc_data) check_encryption_work(safe->d.encrypted->enc_data->algorithm, item);
    ossl::SafeBagStackPtr bags(PKCS12_unpack_p7encdata(safe, password, -1));
    if (!bags) {
        drain_openssl_errors();
        enable_legacy_algorithms();
        bags.reset(PKCS12_unpack_p7encdata(safe, password, -1));
    }
    if (!bags) {
        throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item,
                      "cannot decrypt the certificates in this PKCS#12 file (" +
                          describe(drain_openssl_errors(), "unknown encryption") + ")");
    }
    return bags;
}

void collect_certificates(const STACK_OF(PKCS12_SAFEBAG)* bags, std::vector<ossl::X509Ptr>& out, int depth) {
    constexpr int max_nesting = 8;  // nested safe-contents bags are legal; endless ones are hostile
    if (depth > max_nesting) return;
    for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags); ++i) {
        const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags, i);
        switch (PKCS12_SAFEBAG_get_nid(bag)) {
        case NID_certBag:
            if (PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate) {
                if (ossl::X509Ptr cert{PKCS12_SAFEBAG_get1_cert(bag)}) out.push_back(std::move(cert));
            }
            break;
        case NID_safeContentsBag:
            collect_certificates(PKCS12_SAFEBAG_get0_safes(bag), out, depth + 1);
            break;
        default:
            break;  // key bags, shrouded key bags, CRL and secret bags: never opened
        }
    }
}

}  // namespace

std::vector<ossl::X509Ptr> read_pkcs12_certificates(PKCS12* pkcs12, const std::string& item, const char* password) {
    const auto opened_with = find_password(pkcs12, item, password);
    if (!opened_with && (password == nullptr || *password == '\0'))
        throw Failure(CACHAIN_E_PASSWORD_NEEDED, item, "the PKCS#12 file is protected by a password, and none was given (use -Password)");
    if (!opened_with) throw Failure(CACHAIN_E_WRONG_PASSWORD, item, "the PKCS#12 password is wrong");

    const ossl::Pkcs7StackPtr safes(PKCS12_unpack_authsafes(pkcs12));
    if (!safes) {
        throw Failure(CACHAIN_E_TRUNCATED, item,
                      "the PKCS#12 contents are damaged (" + describe(drain_openssl_errors(), "cannot unpack") + ")");
    }
    std::vector<ossl::X509Ptr> certificates;
    for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
        const ossl::SafeBagStackPtr bags = decrypt_bags(sk_PKCS7_value(safes.get(), i), item, *opened_with);
        if (bags) collect_certificates(bags.get(), certificates, 0);
    }
    drain_openssl_errors();
    if (certificates.empty()) throw Failure(CACHAIN_E_EMPTY, item, "the PKCS#12 file holds no certificate");
    return certificates;
}

}  // namespace cachain
