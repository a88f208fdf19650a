// Promise: no private key ever leaves. A PFX that holds the server's key is
// loaded, its chain found, exported in every format and placed into a
// store; then every file written and every string the C interface handed
// out is searched for the key.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/x509.h>

#include "cachain/cachain.h"
#include "promise_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
using Bytes = std::vector<std::uint8_t>;

// The traces a private key would leave: its PEM marker, its PKCS#8 DER,
// and its secret scalar in binary and in hex.
struct KeyTraces {
    Bytes pkcs8_der;
    Bytes secret;
    std::string secret_hex;
};

KeyTraces traces_of(const EVP_PKEY* key) {
    KeyTraces traces;
    unsigned char* der = nullptr;
    const int length = i2d_PrivateKey(key, &der);
    traces.pkcs8_der.assign(der, der + (length > 0 ? length : 0));
    OPENSSL_free(der);
    BIGNUM* secret = nullptr;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &secret);
    traces.secret.resize(static_cast<std::size_t>(BN_num_bytes(secret)));
    BN_bn2bin(secret, traces.secret.data());
    char* hex = BN_bn2hex(secret);
    traces.secret_hex = hex;
    OPENSSL_free(hex);
    BN_free(secret);
    return traces;
}

class NoPrivateKeyEverLeaves : public ::testing::Test {
protected:
    void TearDown() override {
        cachain_placement_free(placement_);
        cachain_store_free(store_);
        cachain_chains_free(chains_);
        cachain_set_free(set_);
    }

    // Every string the interface gives for a certificate.
    void collect_texts(const cachain_cert* cert) {
        for (int field = CACHAIN_TEXT_SUBJECT; field <= CACHAIN_TEXT_CA_ISSUERS_URL; ++field)
            outputs_.push_back(cachain_cert_text(cert, static_cast<cachain_text_field>(field)));
        const std::uint8_t* der = nullptr;
        std::size_t length = 0;
        if (cachain_cert_der(cert, &der, &length) == CACHAIN_OK) outputs_.emplace_back(reinterpret_cast<const char*>(der), length);
    }

    void expect_no_trace(const std::string& where, const std::string& data, const KeyTraces& key) {
        EXPECT_EQ(data.find("PRIVATE KEY"), std::string::npos) << where;
        EXPECT_FALSE(contains_bytes(data, key.pkcs8_der)) << where;
        EXPECT_FALSE(contains_bytes(data, key.secret)) << where;
        EXPECT_EQ(data.find(key.secret_hex), std::string::npos) << where;
    }

    cachain_set* set_ = nullptr;
    cachain_chains* chains_ = nullptr;
    cachain_store* store_ = nullptr;
    cachain_placement* placement_ = nullptr;
    std::vector<std::string> outputs_;
    TempFolder folder_;
};

TEST_F(NoPrivateKeyEverLeaves, NotInAnyExportedOrPlacedFileNorInAnyString) {
    const SeedPki pki = make_seed_pki();
    const KeyTraces key = traces_of(pki.server.key.get());
    ASSERT_EQ(key.secret.size(), 32u);
    const Bytes pfx = make_pfx(pki.server, {&pki.issuing, &pki.policy, &pki.root}, "Secret#1");

    ASSERT_EQ(cachain_set_new(&set_), CACHAIN_OK);
    ASSERT_EQ(cachain_set_add_bytes(set_, pfx.data(), pfx.size(), "pool1.pfx", "Secret#1"), CACHAIN_OK);
    ASSERT_EQ(cachain_set_count(set_), 4u);
    for (std::size_t i = 0; i < cachain_set_count(set_); ++i) collect_texts(cachain_set_cert(set_, i));

    ASSERT_EQ(cachain_discover(set_, nullptr, &chains_), CACHAIN_OK);
    const cachain_chain* chain = cachain_chains_get(chains_, 0);
    ASSERT_EQ(cachain_chain_length(chain), 4u);
    for (int field = CACHAIN_CHAIN_TEXT_SUMMARY; field <= CACHAIN_CHAIN_TEXT_MISSING_ISSUER_URL; ++field)
        outputs_.push_back(cachain_chain_text(chain, static_cast<cachain_chain_text_field>(field)));

    const auto out = folder_ / "out";
    for (const auto format : {CACHAIN_FORMAT_DER, CACHAIN_FORMAT_PEM, CACHAIN_FORMAT_P7B}) {
        cachain_export* result = nullptr;
        const auto folder = out / ("format" + std::to_string(format));
        ASSERT_EQ(cachain_export_chain(chain, utf8_from_path(folder).c_str(), format, CACHAIN_EXPORT_INCLUDE_LEAF, &result), CACHAIN_OK)
            << cachain_last_error();
        for (std::size_t i = 0; i < cachain_export_count(result); ++i) {
            const char* path = nullptr;
            const char* message = nullptr;
            cachain_export_file(result, i, &path, nullptr, nullptr, &message);
            outputs_.push_back(path);
            outputs_.push_back(message);
        }
        cachain_export_free(result);
    }

    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(out / "store").c_str(), &store_), CACHAIN_OK);
    ASSERT_EQ(cachain_place(store_, set_, CACHAIN_PLACE_FORCE, &placement_), CACHAIN_OK) << cachain_last_error();
    for (std::size_t i = 0; i < cachain_placement_count(placement_); ++i)
        for (int field = CACHAIN_PLACEMENT_TEXT_THUMBPRINT; field <= CACHAIN_PLACEMENT_TEXT_MESSAGE; ++field)
            outputs_.push_back(cachain_placement_text(placement_, i, static_cast<cachain_placement_text_field>(field)));
    outputs_.push_back(cachain_last_error());

    const auto files = files_under(out);
    ASSERT_GE(files.size(), 4u + 4u + 1u + 5u);  // DER, PEM, one bundle, the store (root twice, leaf forced)
    for (const auto& file : files) {
        const Bytes content = read_file(file);
        expect_no_trace(file.string(), std::string(content.begin(), content.end()), key);
    }
    for (const auto& text : outputs_) expect_no_trace("an output string", text, key);
}

TEST_F(NoPrivateKeyEverLeaves, NotEvenInTheErrorWhenAPemFileHoldsOnlyTheKey) {
    const SeedPki pki = make_seed_pki();
    const KeyTraces key = traces_of(pki.server.key.get());
    const std::string pem = key_pem(pki.server);
    ASSERT_EQ(cachain_set_new(&set_), CACHAIN_OK);
    EXPECT_EQ(cachain_set_add_bytes(set_, reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size(), "server.key", nullptr),
              CACHAIN_E_NOT_CERTIFICATE);
    const char* message = nullptr;
    ASSERT_EQ(cachain_set_problem(set_, 0, nullptr, nullptr, &message), CACHAIN_OK);
    EXPECT_FALSE(contains_bytes(std::string(message), key.secret));
    EXPECT_EQ(std::string(message).find(key.secret_hex), std::string::npos);
    EXPECT_EQ(std::string(cachain_last_error()).find(key.secret_hex), std::string::npos);
}

}  // namespace
