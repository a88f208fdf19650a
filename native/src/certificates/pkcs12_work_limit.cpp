#include "pkcs12_work_limit.h"

#include <memory>

#include <openssl/asn1t.h>

#include "failure.h"
#include "ossl.h"

namespace cachain {
namespace {

// Owners for the parameter structures, needed only here.
using PbeParamPtr = std::unique_ptr<PBEPARAM, ossl::Deleter<PBEPARAM_free>>;
using Pbe2ParamPtr = std::unique_ptr<PBE2PARAM, ossl::Deleter<PBE2PARAM_free>>;
using Pbkdf2ParamPtr = std::unique_ptr<PBKDF2PARAM, ossl::Deleter<PBKDF2PARAM_free>>;

void check_rounds(const ASN1_INTEGER* rounds, const std::string& item, const char* what) {
    if (!rounds) return;
    const long count = ASN1_INTEGER_get(rounds);  // -1 when it does not fit a long
    if (count >= 0 && count <= max_pkcs12_iterations) return;
    throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item,
                  std::string("the PKCS#12 ") + what + " asks for " + (count < 0 ? "an enormous number of" : std::to_string(count)) +
                      " key-derivation rounds; more than " + std::to_string(max_pkcs12_iterations) +
                      " are refused (Windows uses 2,000)");
}

}  // namespace

void check_mac_work(const PKCS12* pkcs12, const std::string& item) {
    const ASN1_INTEGER* rounds = nullptr;
    PKCS12_get0_mac(nullptr, nullptr, nullptr, &rounds, pkcs12);
    check_rounds(rounds, item, "integrity check");
}

void check_encryption_work(const X509_ALGOR* algorithm, const std::string& item) {
    if (!algorithm || !algorithm->parameter) return;
    if (OBJ_obj2nid(algorithm->algorithm) != NID_pbes2) {  // PKCS#12's own PBE (RC2, 3DES): PBEParameter
        const PbeParamPtr pbe(static_cast<PBEPARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBEPARAM), algorithm->parameter)));
        if (pbe) check_rounds(pbe->iter, item, "encryption");
        return;
    }
    const Pbe2ParamPtr pbes2(static_cast<PBE2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), algorithm->parameter)));
    if (!pbes2 || !pbes2->keyfunc || OBJ_obj2nid(pbes2->keyfunc->algorithm) != NID_id_pbkdf2) return;
    const Pbkdf2ParamPtr pbkdf2(
        static_cast<PBKDF2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), pbes2->keyfunc->parameter)));
    if (pbkdf2) check_rounds(pbkdf2->iter, item, "encryption");
}

}  // namespace cachain
