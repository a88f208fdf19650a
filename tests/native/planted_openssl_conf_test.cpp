// The positive control of the ctest Windows.IgnoresAPlantedOpensslConf,
// which runs this with the loading and C interface tests while OPENSSL_CONF
// names tests/windows/planted-openssl.cnf. Those pass only because the
// library never reads that file; this shows that the file did reach the
// program, and what reading it would have done. Windows only, and left
// out of the ordinary run of the suite.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <openssl/conf.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {

TEST(PlantedOpensslConf, ReachedThisProgramAndIsFatalWhenRead) {
    const char* planted = std::getenv("OPENSSL_CONF");
    ASSERT_NE(planted, nullptr) << "OPENSSL_CONF is not set: run this through ctest Windows.IgnoresAPlantedOpensslConf";
    ASSERT_TRUE(std::filesystem::is_regular_file(planted)) << planted;
    // Read on purpose, into a library context of its own: it names a
    // provider that cannot load and no other, so such a context has no
    // algorithms left, and every test of the run would fail had the library
    // read it.
    OSSL_LIB_CTX* context = OSSL_LIB_CTX_new();
    ASSERT_NE(context, nullptr);
    OSSL_LIB_CTX_load_config(context, planted);
    EVP_MD* sha256 = EVP_MD_fetch(context, "SHA256", nullptr);
    EXPECT_EQ(sha256, nullptr) << "the planted file must leave OpenSSL without SHA-256 when read";
    EVP_MD_free(sha256);
    OSSL_LIB_CTX_free(context);
    // And this process's own context, the library's, still has it.
    EVP_MD* own = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EXPECT_NE(own, nullptr);
    EVP_MD_free(own);
}

}  // namespace
