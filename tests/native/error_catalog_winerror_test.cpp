// The error catalogue's HRESULTs against the Windows SDK's own definitions:
// each row's value must equal the winerror.h macro of the same name, as
// mingw-w64 ships it. Built only for Windows, where the header exists.
#include <cstdint>
#include <map>
#include <string>

#include <windows.h>
#include <winerror.h>

#include <gtest/gtest.h>

#include "error_catalog.h"

namespace cachain {
namespace {

// The name as the catalogue spells it, and winerror.h's value for it. A name
// winerror.h does not define fails to compile, which is a failure too.
#define WINERROR(name) {#name, static_cast<std::uint32_t>(name)}

const std::map<std::string, std::uint32_t, std::less<>> winerror_values{
    WINERROR(SEC_E_INTERNAL_ERROR),        WINERROR(SEC_E_NO_CREDENTIALS),
    WINERROR(SEC_E_WRONG_PRINCIPAL),       WINERROR(SEC_E_UNTRUSTED_ROOT),
    WINERROR(SEC_E_ILLEGAL_MESSAGE),       WINERROR(SEC_E_CERT_UNKNOWN),
    WINERROR(SEC_E_CERT_EXPIRED),          WINERROR(SEC_E_ALGORITHM_MISMATCH),
    WINERROR(SEC_E_CERT_WRONG_USAGE),      WINERROR(SEC_E_ISSUING_CA_UNTRUSTED),
    WINERROR(TRUST_E_NOSIGNATURE),         WINERROR(CERT_E_EXPIRED),
    WINERROR(CERT_E_VALIDITYPERIODNESTING), WINERROR(CERT_E_ROLE),
    WINERROR(CERT_E_PATHLENCONST),         WINERROR(CERT_E_CRITICAL),
    WINERROR(CERT_E_PURPOSE),              WINERROR(CERT_E_ISSUERCHAINING),
    WINERROR(CERT_E_MALFORMED),            WINERROR(CERT_E_UNTRUSTEDROOT),
    WINERROR(CERT_E_CHAINING),             WINERROR(CERT_E_REVOKED),
    WINERROR(CERT_E_UNTRUSTEDTESTROOT),    WINERROR(CERT_E_REVOCATION_FAILURE),
    WINERROR(CERT_E_CN_NO_MATCH),          WINERROR(CERT_E_WRONG_USAGE),
    WINERROR(TRUST_E_EXPLICIT_DISTRUST),   WINERROR(CERT_E_UNTRUSTEDCA),
    WINERROR(CERT_E_INVALID_POLICY),       WINERROR(CERT_E_INVALID_NAME),
    WINERROR(TRUST_E_SYSTEM_ERROR),        WINERROR(TRUST_E_NO_SIGNER_CERT),
    WINERROR(TRUST_E_CERT_SIGNATURE),      WINERROR(TRUST_E_BAD_DIGEST),
    WINERROR(TRUST_E_BASIC_CONSTRAINTS),   WINERROR(TRUST_E_FINANCIAL_CRITERIA),
    WINERROR(CRYPT_E_HASH_VALUE),          WINERROR(CRYPT_E_BAD_ENCODE),
    WINERROR(CRYPT_E_NOT_FOUND),           WINERROR(CRYPT_E_EXISTS),
    WINERROR(CRYPT_E_SELF_SIGNED),         WINERROR(CRYPT_E_NO_MATCH),
    WINERROR(CRYPT_E_BAD_MSG),             WINERROR(CRYPT_E_REVOKED),
    WINERROR(CRYPT_E_NO_REVOCATION_CHECK), WINERROR(CRYPT_E_REVOCATION_OFFLINE),
    WINERROR(CRYPT_E_ASN1_EOD),            WINERROR(CRYPT_E_ASN1_BADTAG),
    WINERROR(E_ACCESSDENIED),
    // The catalogue holds the HRESULT users see, not the Win32 code 1223.
    {"ERROR_CANCELLED", static_cast<std::uint32_t>(HRESULT_FROM_WIN32(ERROR_CANCELLED))},
};

TEST(ErrorCatalogOnWindows, EveryHresultIsTheValueWinerrorHGivesItsName) {
    int hresults = 0;
    for (const CatalogRow& row : error_catalog()) {
        if (row.kind != CodeKind::hresult) continue;
        ++hresults;
        const auto defined = winerror_values.find(row.name);
        if (defined == winerror_values.end()) {
            ADD_FAILURE() << row.name << " is in the catalogue but not checked against winerror.h: add it here";
            continue;
        }
        EXPECT_EQ(row.value, defined->second) << row.name;
    }
    EXPECT_EQ(hresults, static_cast<int>(winerror_values.size())) << "every checked name is a catalogue row";
}

}  // namespace
}  // namespace cachain
