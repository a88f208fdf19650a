// Resolve-CaChainError's promises: whatever form a user pastes a code in
// (event log hex with or without 0x, .NET's negative number, a name, OpenSSL's
// number or OpenSSL's words), they get the same explanation and a fix that can
// work; junk is refused with a message that quotes it.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "error_catalog.h"
#include "error_code_parser.h"
#include "trust_cause.h"

namespace {

// One explanation through the C interface, as the cmdlet sees it.
class Explained {
public:
    explicit Explained(const char* code) : status_(cachain_explain(code, &explanation_)) {}
    ~Explained() { cachain_explanation_free(explanation_); }
    Explained(const Explained&) = delete;
    Explained& operator=(const Explained&) = delete;

    cachain_status status() const { return status_; }
    std::string text(cachain_explanation_field field) const { return cachain_explanation_text(explanation_, field); }
    int64_t value() const { return cachain_explanation_value(explanation_); }

private:
    cachain_explanation* explanation_ = nullptr;
    cachain_status status_;
};

std::string last_error() { return cachain_last_error(); }

TEST(ErrorCatalog, EveryFormOfTheSeedsCodeGivesTheSameAnswer) {
    for (const char* form : {"0x80090325", "0X80090325", "0x80090325 ", "2148074277", "-2146893019",
                             "SEC_E_UNTRUSTED_ROOT", "sec_e_untrusted_root"}) {
        SCOPED_TRACE(form);
        const Explained explained(form);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_CODE), "0x80090325");
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_NAME), "SEC_E_UNTRUSTED_ROOT");
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_KIND), "HRESULT");
        EXPECT_EQ(explained.value(), 2148074277);
        EXPECT_NE(explained.text(CACHAIN_EXPLANATION_FIX).find("Import-CaChain"), std::string::npos);
        EXPECT_FALSE(explained.text(CACHAIN_EXPLANATION_DESCRIPTION).empty());
    }
}

TEST(ErrorCatalog, ChainCodesNameTheirCmdletOrTheChangeThatFixesThem) {
    const Explained chaining("CERT_E_CHAINING");
    ASSERT_EQ(chaining.status(), CACHAIN_OK);
    EXPECT_EQ(chaining.text(CACHAIN_EXPLANATION_CODE), "0x800B010A");
    EXPECT_NE(chaining.text(CACHAIN_EXPLANATION_FIX).find("Import-CaChain"), std::string::npos);

    const Explained wrong_name("0x800B010F");
    ASSERT_EQ(wrong_name.status(), CACHAIN_OK);
    EXPECT_EQ(wrong_name.text(CACHAIN_EXPLANATION_NAME), "CERT_E_CN_NO_MATCH");
    EXPECT_EQ(wrong_name.text(CACHAIN_EXPLANATION_FIX),
              "Connect with a name the server's certificate lists in its Subject Alternative Names, or have the "
              "certificate reissued with this name; importing CA certificates does not help");
    EXPECT_NE(wrong_name.text(CACHAIN_EXPLANATION_CAUSES).find("connect with the name in the certificate"),
              std::string::npos);
}

TEST(ErrorCatalog, StoreFailuresSayHowToRetry) {
    const Explained denied("0x80070005");
    ASSERT_EQ(denied.status(), CACHAIN_OK);
    EXPECT_EQ(denied.text(CACHAIN_EXPLANATION_NAME), "E_ACCESSDENIED");
    EXPECT_NE(denied.text(CACHAIN_EXPLANATION_FIX).find("administrator"), std::string::npos);

    const Explained cancelled("0x800704c7");
    ASSERT_EQ(cancelled.status(), CACHAIN_OK);
    EXPECT_EQ(cancelled.text(CACHAIN_EXPLANATION_CODE), "0x800704C7");
    EXPECT_EQ(cancelled.text(CACHAIN_EXPLANATION_NAME), "ERROR_CANCELLED");
}

TEST(ErrorCatalog, OpenSslTwentyIsAMissingLocalIssuer) {
    for (const char* form : {"20", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                             "x509_v_err_unable_to_get_issuer_cert_locally"}) {
        SCOPED_TRACE(form);
        const Explained explained(form);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_CODE), "20");
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_KIND), "OpenSSL");
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_NAME), "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_DESCRIPTION), "unable to get local issuer certificate");
        EXPECT_EQ(explained.value(), 20);
        EXPECT_NE(explained.text(CACHAIN_EXPLANATION_FIX).find("Import-CaChain"), std::string::npos);
        // Issue 16, case 5: what importing cannot mend on Linux.
        EXPECT_NE(explained.text(CACHAIN_EXPLANATION_CAUSES).find(
                      "the server sends only its own certificate: Linux clients (curl, openssl s_client) read no "
                      "intermediate store, so the server must send its intermediate CA certificates"),
                  std::string::npos);
    }
}

// Resolve-CaChainError explains whatever code Test-CaChain's verdict gives.
TEST(ErrorCatalog, KnowsEveryCodeATrustVerdictGives) {
    for (int cause = CACHAIN_CAUSE_ISSUER_MISSING; cause <= CACHAIN_CAUSE_OTHER; ++cause) {
        const cachain::WindowsCodes codes = cachain::windows_codes_of(static_cast<cachain_trust_cause>(cause));
        for (const uint32_t code : {codes.chain_error, codes.tls_error}) {
            char text[16];
            std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(code));
            SCOPED_TRACE(std::string("cause ") + std::to_string(cause) + ", code " + text);
            const Explained explained(text);
            EXPECT_EQ(explained.status(), CACHAIN_OK) << last_error();
        }
    }
    // The OpenSSL codes the judge gives a cause of their own.
    for (const int code : {2, 7, 9, 10, 18, 19, 20, 21, 22, 25, 26, 27, 32, 34, 37, 47, 48, 55, 62, 64, 79}) {
        SCOPED_TRACE(code);
        EXPECT_NE(cachain::cause_of_openssl_code(code), CACHAIN_CAUSE_OTHER);
        const Explained explained(std::to_string(code).c_str());
        EXPECT_EQ(explained.status(), CACHAIN_OK) << last_error();
    }
}

TEST(ErrorCatalog, AnUnknownCodeIsRefusedWithItsText) {
    // 80004005 is the event log's E_FAIL; 90090325 and 800903255 are decimal,
    // as they do not have eight hex digits starting with 8.
    for (const char* code : {"0x80004005", "80004005", "90090325", "800903255", "150", "4294967296", "-2147483649",
                             "0x123456789"}) {
        SCOPED_TRACE(code);
        const Explained explained(code);
        EXPECT_EQ(explained.status(), CACHAIN_E_ARGUMENT);
        EXPECT_NE(last_error().find(code), std::string::npos) << last_error();
        EXPECT_NE(last_error().find("not a code CaChain knows"), std::string::npos) << last_error();
    }
}

TEST(ErrorCatalog, JunkIsRefusedWithItsText) {
    for (const char* junk : {"banana", "0x", "0xZZ", "-", "SEC_E_UNTRUSTED_ROOTS", "20 21", "", "8009032G",
                             "8009 0325", "unable to get local issuer", "certificate has expired!"}) {
        SCOPED_TRACE(junk);
        const Explained explained(junk);
        EXPECT_EQ(explained.status(), CACHAIN_E_ARGUMENT);
        EXPECT_EQ(last_error(), std::string("'") + junk + "': not a number, a known name or OpenSSL's text for a known code");
    }
}

TEST(ErrorCatalog, AHugeInputIsQuotedShort) {
    const std::string huge(100000, 'A');
    const Explained explained(huge.c_str());
    EXPECT_EQ(explained.status(), CACHAIN_E_ARGUMENT);
    EXPECT_LT(last_error().size(), 200u);
}

TEST(ErrorCatalog, NullArgumentsAreRefusedAndNullExplanationsAreEmpty) {
    cachain_explanation* explanation = nullptr;
    EXPECT_EQ(cachain_explain(nullptr, &explanation), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(explanation, nullptr);
    EXPECT_EQ(cachain_explain("0x80090325", nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_STREQ(cachain_explanation_text(nullptr, CACHAIN_EXPLANATION_NAME), "");
    EXPECT_EQ(cachain_explanation_value(nullptr), -1);
    cachain_explanation_free(nullptr);
}

TEST(ErrorCatalog, AnUnlistedFieldGivesEmptyText) {
    const Explained explained("0x80090325");
    EXPECT_EQ(explained.text(static_cast<cachain_explanation_field>(42)), "");
}

TEST(ErrorCatalog, EveryRowIsUniqueAndExplained) {
    std::set<std::string> names;
    std::set<std::pair<int, std::uint32_t>> codes;
    for (const cachain::CatalogRow& row : cachain::error_catalog()) {
        SCOPED_TRACE(std::string(row.name));
        EXPECT_TRUE(names.insert(std::string(row.name)).second) << "duplicate name";
        EXPECT_TRUE(codes.insert({static_cast<int>(row.kind), row.value}).second) << "duplicate code";
        const cachain::Explanation explained = cachain::explain(row);
        EXPECT_FALSE(explained.description.empty());
        EXPECT_FALSE(explained.fix.empty()) << "every code needs a fix that can work";
        EXPECT_NE(explained.description, "unknown certificate verification error");
        EXPECT_FALSE(explained.causes.empty());
        EXPECT_FALSE(explained.causes.ends_with('\n'));
        // What the catalogue says must survive the round trip through the parser.
        EXPECT_EQ(cachain::explain_code(explained.code).name, row.name);
        EXPECT_EQ(cachain::explain_code(explained.name).code, explained.code);
        if (row.kind == cachain::CodeKind::OpenSsl) {
            EXPECT_LE(row.value, 199u);
            // OpenSSL's words name exactly this code, so no two codes share them.
            EXPECT_EQ(cachain::explain_code(explained.description).name, row.name);
        }
    }
}

TEST(ErrorCatalog, CoversTheCodesTheSeedsUsersMeet) {
    for (const char* name : {"SEC_E_CERT_EXPIRED", "SEC_E_WRONG_PRINCIPAL", "SEC_E_ISSUING_CA_UNTRUSTED",
                             "CERT_E_UNTRUSTEDROOT", "CERT_E_REVOCATION_FAILURE", "TRUST_E_EXPLICIT_DISTRUST",
                             "CRYPT_E_REVOCATION_OFFLINE", "CRYPT_E_ASN1_BADTAG", "X509_V_ERR_HOSTNAME_MISMATCH",
                             "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "X509_V_ERR_CERT_HAS_EXPIRED"}) {
        SCOPED_TRACE(name);
        EXPECT_EQ(Explained(name).status(), CACHAIN_OK) << last_error();
    }
}

TEST(ErrorCatalog, EventLogCodesWithoutTheir0xAreHresults) {
    const std::pair<const char*, const char*> pasted[] = {
        {"80090325", "SEC_E_UNTRUSTED_ROOT"},
        {" 80090325\t", "SEC_E_UNTRUSTED_ROOT"},
        {"800B010A", "CERT_E_CHAINING"},
        {"800b0109", "CERT_E_UNTRUSTEDROOT"},
        {"80070005", "E_ACCESSDENIED"},  // only decimal digits, still hex: eight digits starting with 8
        {"8009030C", "SEC_E_LOGON_DENIED"},
    };
    for (const auto& [code, name] : pasted) {
        SCOPED_TRACE(code);
        const Explained explained(code);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_NAME), name);
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_KIND), "HRESULT");
    }
}

TEST(ErrorCatalog, SmallDecimalNumbersStayOpenSslCodes) {
    for (const auto& [code, name] : {std::pair{"2", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT"},
                                     std::pair{"79", "X509_V_ERR_INVALID_CA"}}) {
        SCOPED_TRACE(code);
        const Explained explained(code);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_NAME), name);
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_KIND), "OpenSSL");
    }
}

TEST(ErrorCatalog, OpenSslsOwnWordsAreReadWholeInAnyCase) {
    const std::pair<const char*, const char*> pasted[] = {
        {"unable to get local issuer certificate", "20"},
        {"Unable to get local issuer certificate", "20"},
        {"certificate has expired", "10"},
        {"  CERTIFICATE HAS EXPIRED\r\n", "10"},
        {"self-signed certificate in certificate chain", "19"},
        {"Hostname mismatch", "62"},
    };
    for (const auto& [text, code] : pasted) {
        SCOPED_TRACE(text);
        const Explained explained(text);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_CODE), code);
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_KIND), "OpenSSL");
    }
}

// The SSPI codes of TLS clients, and of Kerberos and NTLM on machines outside
// the domain, with the values Windows gives them.
TEST(ErrorCatalog, ExplainsTheSchannelCodesWorkgroupMachinesMeet) {
    const std::pair<const char*, const char*> codes[] = {
        {"SEC_E_INSUFFICIENT_MEMORY", "0x80090300"},   {"SEC_E_INVALID_HANDLE", "0x80090301"},
        {"SEC_E_UNSUPPORTED_FUNCTION", "0x80090302"},  {"SEC_E_TARGET_UNKNOWN", "0x80090303"},
        {"SEC_E_INTERNAL_ERROR", "0x80090304"},        {"SEC_E_INVALID_TOKEN", "0x80090308"},
        {"SEC_E_LOGON_DENIED", "0x8009030C"},          {"SEC_E_UNKNOWN_CREDENTIALS", "0x8009030D"},
        {"SEC_E_NO_CREDENTIALS", "0x8009030E"},        {"SEC_E_MESSAGE_ALTERED", "0x8009030F"},
        {"SEC_E_OUT_OF_SEQUENCE", "0x80090310"},       {"SEC_E_NO_AUTHENTICATING_AUTHORITY", "0x80090311"},
        {"SEC_E_CONTEXT_EXPIRED", "0x80090317"},       {"SEC_E_INCOMPLETE_MESSAGE", "0x80090318"},
        {"SEC_E_INCOMPLETE_CREDENTIALS", "0x80090320"}, {"SEC_E_BUFFER_TOO_SMALL", "0x80090321"},
        {"SEC_E_WRONG_PRINCIPAL", "0x80090322"},       {"SEC_E_TIME_SKEW", "0x80090324"},
        {"SEC_E_UNTRUSTED_ROOT", "0x80090325"},        {"SEC_E_ILLEGAL_MESSAGE", "0x80090326"},
        {"SEC_E_CERT_UNKNOWN", "0x80090327"},          {"SEC_E_CERT_EXPIRED", "0x80090328"},
        {"SEC_E_ENCRYPT_FAILURE", "0x80090329"},       {"SEC_E_DECRYPT_FAILURE", "0x80090330"},
        {"SEC_E_ALGORITHM_MISMATCH", "0x80090331"},    {"SEC_E_BAD_BINDINGS", "0x80090346"},
        {"SEC_E_CERT_WRONG_USAGE", "0x80090349"},      {"SEC_E_ISSUING_CA_UNTRUSTED", "0x80090352"},
        {"SEC_E_APPLICATION_PROTOCOL_MISMATCH", "0x80090367"},
    };
    for (const auto& [name, code] : codes) {
        SCOPED_TRACE(name);
        const Explained by_name(name);
        ASSERT_EQ(by_name.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(by_name.text(CACHAIN_EXPLANATION_CODE), code);
        EXPECT_EQ(Explained(code).text(CACHAIN_EXPLANATION_NAME), name);
        EXPECT_FALSE(by_name.text(CACHAIN_EXPLANATION_CAUSES).empty());
        EXPECT_FALSE(by_name.text(CACHAIN_EXPLANATION_FIX).empty());
    }
}

// A cipher mismatch, a wrong name or a refused logon is not mended by
// trusting more CAs: the catalogue must not send the administrator there.
TEST(ErrorCatalog, CodesThatImportingCannotMendNeverSuggestImporting) {
    for (const char* name :
         {"SEC_E_INSUFFICIENT_MEMORY", "SEC_E_INVALID_HANDLE", "SEC_E_UNSUPPORTED_FUNCTION", "SEC_E_TARGET_UNKNOWN",
          "SEC_E_INTERNAL_ERROR", "SEC_E_INVALID_TOKEN", "SEC_E_LOGON_DENIED", "SEC_E_UNKNOWN_CREDENTIALS",
          "SEC_E_NO_CREDENTIALS", "SEC_E_MESSAGE_ALTERED", "SEC_E_OUT_OF_SEQUENCE", "SEC_E_NO_AUTHENTICATING_AUTHORITY",
          "SEC_E_CONTEXT_EXPIRED", "SEC_E_INCOMPLETE_MESSAGE", "SEC_E_INCOMPLETE_CREDENTIALS", "SEC_E_BUFFER_TOO_SMALL",
          "SEC_E_WRONG_PRINCIPAL", "SEC_E_TIME_SKEW", "SEC_E_ILLEGAL_MESSAGE", "SEC_E_ENCRYPT_FAILURE",
          "SEC_E_DECRYPT_FAILURE", "SEC_E_ALGORITHM_MISMATCH", "SEC_E_BAD_BINDINGS", "SEC_E_CERT_WRONG_USAGE",
          "SEC_E_APPLICATION_PROTOCOL_MISMATCH", "CERT_E_CN_NO_MATCH", "CERT_E_WRONG_USAGE", "CERT_E_REVOKED",
          "CERT_E_REVOCATION_FAILURE", "X509_V_ERR_HOSTNAME_MISMATCH", "X509_V_ERR_IP_ADDRESS_MISMATCH",
          "X509_V_ERR_EE_KEY_TOO_SMALL"}) {
        SCOPED_TRACE(name);
        const Explained explained(name);
        ASSERT_EQ(explained.status(), CACHAIN_OK) << last_error();
        EXPECT_EQ(explained.text(CACHAIN_EXPLANATION_FIX).find("Import-CaChain"), std::string::npos)
            << explained.text(CACHAIN_EXPLANATION_FIX);
    }
    EXPECT_EQ(Explained("SEC_E_UNSUPPORTED_FUNCTION").text(CACHAIN_EXPLANATION_FIX),
              "Enable a TLS version and cipher suite both sides support (TLS 1.2 or later; on Windows the "
              "SCHANNEL\\Protocols registry keys and the SSL Cipher Suite Order policy); importing CA certificates "
              "does not help");
}

TEST(ErrorCatalog, ListsEveryCodeThroughTheCInterface) {
    const size_t count = cachain_catalog_count();
    ASSERT_EQ(count, cachain::error_catalog().size());
    std::vector<std::string> names;
    for (size_t index = 0; index < count; ++index) {
        cachain_explanation* entry = nullptr;
        ASSERT_EQ(cachain_catalog_entry(index, &entry), CACHAIN_OK) << last_error();
        names.emplace_back(cachain_explanation_text(entry, CACHAIN_EXPLANATION_NAME));
        cachain_explanation_free(entry);
        // What is listed can be asked for by name.
        EXPECT_EQ(Explained(names.back().c_str()).status(), CACHAIN_OK) << names.back();
    }
    EXPECT_EQ(names.front(), "SEC_E_INSUFFICIENT_MEMORY");
    EXPECT_EQ(names.back(), "X509_V_ERR_INVALID_CA");
    EXPECT_EQ(std::ranges::count(names, "SEC_E_UNTRUSTED_ROOT"), 1);
}

TEST(ErrorCatalog, AListingIndexPastTheEndIsRefused) {
    cachain_explanation* entry = reinterpret_cast<cachain_explanation*>(1);
    EXPECT_EQ(cachain_catalog_entry(cachain_catalog_count(), &entry), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(entry, nullptr);
    EXPECT_EQ(last_error(), "catalogue index out of range");
    EXPECT_EQ(cachain_catalog_entry(0, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(last_error(), "the argument 'result' is required");
}

}  // namespace
