// Resolve-CaChainError's promises: whatever form a user pastes a code in
// (event log hex, .NET's negative number, a name, OpenSSL's number), they get
// the same explanation and the cmdlet that fixes it; junk is refused with a
// message that quotes it.
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "error_catalog.h"

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

TEST(ErrorCatalog, ChainCodesNameTheirFixOrSayNoCmdletFixesThem) {
    const Explained chaining("CERT_E_CHAINING");
    ASSERT_EQ(chaining.status(), CACHAIN_OK);
    EXPECT_EQ(chaining.text(CACHAIN_EXPLANATION_CODE), "0x800B010A");
    EXPECT_NE(chaining.text(CACHAIN_EXPLANATION_FIX).find("Import-CaChain"), std::string::npos);

    const Explained wrong_name("0x800B010F");
    ASSERT_EQ(wrong_name.status(), CACHAIN_OK);
    EXPECT_EQ(wrong_name.text(CACHAIN_EXPLANATION_NAME), "CERT_E_CN_NO_MATCH");
    EXPECT_EQ(wrong_name.text(CACHAIN_EXPLANATION_FIX), "");
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
    }
}

TEST(ErrorCatalog, AnUnknownCodeIsRefusedWithItsText) {
    for (const char* code : {"0x80004005", "80090325", "150", "4294967296", "-2147483649", "0x123456789"}) {
        SCOPED_TRACE(code);
        const Explained explained(code);
        EXPECT_EQ(explained.status(), CACHAIN_E_ARGUMENT);
        EXPECT_NE(last_error().find(code), std::string::npos) << last_error();
        EXPECT_NE(last_error().find("not a code CaChain knows"), std::string::npos) << last_error();
    }
}

TEST(ErrorCatalog, JunkIsRefusedWithItsText) {
    for (const char* junk : {"banana", "0x", "0xZZ", "-", "SEC_E_UNTRUSTED_ROOTS", "20 21", ""}) {
        SCOPED_TRACE(junk);
        const Explained explained(junk);
        EXPECT_EQ(explained.status(), CACHAIN_E_ARGUMENT);
        EXPECT_NE(last_error().find(std::string("'") + junk + "'"), std::string::npos) << last_error();
        EXPECT_NE(last_error().find("not a number or a known name"), std::string::npos) << last_error();
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
        EXPECT_NE(explained.description, "unknown certificate verification error");
        EXPECT_FALSE(explained.causes.empty());
        EXPECT_FALSE(explained.causes.ends_with('\n'));
        // What the catalogue says must survive the round trip through the parser.
        EXPECT_EQ(cachain::explain_code(explained.code).name, row.name);
        EXPECT_EQ(cachain::explain_code(explained.name).code, explained.code);
        if (row.kind == cachain::CodeKind::openssl) {
            EXPECT_LE(row.value, 199u);
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

}  // namespace
