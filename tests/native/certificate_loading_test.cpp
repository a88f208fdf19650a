// Loading certificates from every format an administrator meets, and a
// clear, named error for every kind of bad input.
#include <algorithm>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "failure.h"
#include "path_loader.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

class CertificateLoading : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }
    static const SeedPki& pki() { return *pki_; }

    // The status parse_certificates fails with, and checks that the message
    // names the item.
    static cachain_status failure_of(const Bytes& data, const char* password = nullptr) {
        try {
            parse_certificates(data, "the-item.cer", password);
        } catch (const Failure& failure) {
            EXPECT_NE(std::string(failure.what()).find("the-item.cer"), std::string::npos) << failure.what();
            EXPECT_FALSE(failure.reason().empty());
            return failure.status();
        }
        ADD_FAILURE() << "no failure";
        return CACHAIN_OK;
    }

    static SeedPki* pki_;
};
SeedPki* CertificateLoading::pki_ = nullptr;

TEST_F(CertificateLoading, ReadsADerCertificate) {
    const auto certs = parse_certificates(pki().root.der(), "root.cer", nullptr);
    ASSERT_EQ(certs.size(), 1u);
    EXPECT_EQ(certs[0]->common_name(), "SchertzLabRootCA");
    EXPECT_EQ(certs[0]->subject(), "CN=SchertzLabRootCA, DC=schertz, DC=lab");
    EXPECT_TRUE(certs[0]->self_signed());
    EXPECT_TRUE(certs[0]->is_ca());
}

// Text as Windows writes it: UTF-16 (Windows PowerShell 5.1's Out-File and
// `>`), with or without a byte-order mark, either byte order; UTF-8 with one.
// The note before the PEM has non-ASCII letters, so that a conversion that
// merely dropped zero bytes would show.
Bytes utf16(const std::string& ascii_or_latin1, bool little_endian, bool byte_order_mark) {
    Bytes out;
    const auto put = [&](std::uint16_t unit) {
        out.push_back(static_cast<std::uint8_t>(little_endian ? unit & 0xFF : unit >> 8));
        out.push_back(static_cast<std::uint8_t>(little_endian ? unit >> 8 : unit & 0xFF));
    };
    if (byte_order_mark) put(0xFEFF);
    for (const unsigned char c : ascii_or_latin1) put(c);
    return out;
}

struct TextEncodingCase {
    const char* name;
    bool little_endian, byte_order_mark;
};

class CertificateText : public CertificateLoading, public ::testing::WithParamInterface<TextEncodingCase> {};

TEST_P(CertificateText, ReadsPemWrittenAsUtf16) {
    const std::string note = "Zertifikat f\xFCr J\xFCrgen\r\n";  // "für Jürgen" in Latin-1 = UTF-16 units
    const Bytes data = utf16(note + pki().root.pem() + pki().policy.pem(), GetParam().little_endian, GetParam().byte_order_mark);
    const auto certs = parse_certificates(data, "root-ps51.pem", nullptr);
    ASSERT_EQ(certs.size(), 2u);
    EXPECT_EQ(certs[0]->common_name(), "SchertzLabRootCA");
    EXPECT_EQ(certs[1]->common_name(), "SchertzLabPolicyCA");
}

TEST_P(CertificateText, ReadsBase64WrittenAsUtf16) {
    const std::string pem = pki().root.pem();
    std::string base64;  // the PEM body without its armour lines
    for (std::size_t line = pem.find('\n') + 1; pem.compare(line, 5, "-----") != 0; line = pem.find('\n', line) + 1)
        base64 += pem.substr(line, pem.find('\n', line) + 1 - line);
    const auto certs = parse_certificates(utf16(base64, GetParam().little_endian, GetParam().byte_order_mark), "root.b64", nullptr);
    ASSERT_EQ(certs.size(), 1u);
    EXPECT_EQ(certs[0]->common_name(), "SchertzLabRootCA");
}

INSTANTIATE_TEST_SUITE_P(Encodings, CertificateText,
                         ::testing::Values(TextEncodingCase{"Utf16LeWithBom", true, true}, TextEncodingCase{"Utf16LeWithoutBom", true, false},
                                TextEncodingCase{"Utf16BeWithBom", false, true}, TextEncodingCase{"Utf16BeWithoutBom", false, false}),
                         [](const ::testing::TestParamInfo<TextEncodingCase>& info) { return std::string(info.param.name); });

TEST_F(CertificateLoading, ReadsBase64WithAUtf8ByteOrderMark) {
    const std::string pem = pki().root.pem();
    const std::string body = pem.substr(pem.find('\n') + 1, pem.find("-----END") - pem.find('\n') - 1);
    Bytes data{0xEF, 0xBB, 0xBF};
    data.insert(data.end(), body.begin(), body.end());
    const auto certs = parse_certificates(data, "root.b64", nullptr);
    ASSERT_EQ(certs.size(), 1u);
    EXPECT_EQ(certs[0]->common_name(), "SchertzLabRootCA");
}

TEST_F(CertificateLoading, SaysWhenUtf16TextHoldsNoCertificate) {
    EXPECT_EQ(failure_of(utf16("just some notes\r\n", true, true)), CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_EQ(failure_of(utf16("", true, true)), CACHAIN_E_EMPTY);
}

TEST_F(CertificateLoading, ReadsEveryPemBlockAndIgnoresTextBetweenThem) {
    const std::string text = "Bag Attributes\n    friendlyName: root\n" + pki().root.pem() +
                             "\nsome notes the admin left here\n" + pki().policy.pem() + "trailing junk\n";
    const auto certs = parse_certificates(bytes_of(text), "bundle.pem", nullptr);
    ASSERT_EQ(certs.size(), 2u);
    EXPECT_EQ(certs[0]->common_name(), "SchertzLabRootCA");
    EXPECT_EQ(certs[1]->common_name(), "SchertzLabPolicyCA");
}

TEST_F(CertificateLoading, ReadsPkcs7InDerAndPem) {
    const Bytes der = pkcs7_of({&pki().root, &pki().policy, &pki().issuing});
    EXPECT_EQ(parse_certificates(der, "chain.p7b", nullptr).size(), 3u);

    const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    const unsigned char* cursor = der.data();
    const ossl::Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &cursor, static_cast<long>(der.size())));
    ASSERT_EQ(PEM_write_bio_PKCS7(bio.get(), pkcs7.get()), 1);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    EXPECT_EQ(parse_certificates(bytes_of(std::string(data, length)), "chain.p7c", nullptr).size(), 3u);
}

TEST_F(CertificateLoading, ReadsBareBase64AsPastedFromAnEmail) {
    const std::string pem = pki().issuing.pem();
    const auto begin = pem.find('\n') + 1;
    const std::string lines = pem.substr(begin, pem.find("-----END") - begin);
    std::string one_line = lines;
    one_line.erase(std::remove(one_line.begin(), one_line.end(), '\n'), one_line.end());
    for (const auto& base64 : {lines, one_line}) {
        const auto certs = parse_certificates(bytes_of(base64), "pasted", nullptr);
        ASSERT_EQ(certs.size(), 1u);
        EXPECT_EQ(certs[0]->common_name(), "SchertzLabIssuingCA");
    }
}

TEST_F(CertificateLoading, ReadsConcatenatedDerCertificates) {
    Bytes both = pki().root.der();
    const Bytes policy = pki().policy.der();
    both.insert(both.end(), policy.begin(), policy.end());
    EXPECT_EQ(parse_certificates(both, "two.der", nullptr).size(), 2u);
}

TEST_F(CertificateLoading, KeepsOnlyCertificatesFromAPfxThatHoldsAKey) {
    const Bytes pfx = make_pfx(pki().server, {&pki().issuing, &pki().policy}, "s3cret");
    const auto certs = parse_certificates(pfx, "server.pfx", "s3cret");
    ASSERT_EQ(certs.size(), 3u);
    for (const auto& cert : certs) {
        // Only the public certificate came back: its bytes are a certificate's.
        const unsigned char* cursor = cert->der().data();
        EXPECT_NE(ossl::X509Ptr(d2i_X509(nullptr, &cursor, static_cast<long>(cert->der().size()))), nullptr);
    }
}

TEST_F(CertificateLoading, OpensAPfxWithoutPassword) {
    const Bytes pfx = make_pfx(pki().server, {&pki().issuing}, "");
    EXPECT_EQ(parse_certificates(pfx, "server.pfx", nullptr).size(), 2u);
}

TEST_F(CertificateLoading, OpensAPfxWithCertificatesEncryptedAsWindowsDoes) {
    const Bytes pfx = make_pfx(pki().server, {&pki().issuing}, "pw", NID_pbe_WithSHA1And3_Key_TripleDES_CBC);
    EXPECT_EQ(parse_certificates(pfx, "server.pfx", "pw").size(), 2u);
}

TEST_F(CertificateLoading, OpensAPfxWithCertificatesEncryptedWithRc2AsOlderWindowsDoes) {
    const Bytes pfx = make_rc2_pfx(pki().server, {&pki().issuing, &pki().policy}, "pw");
    const auto certs = parse_certificates(pfx, "server.pfx", "pw");
    ASSERT_EQ(certs.size(), 3u);
    EXPECT_TRUE(std::any_of(certs.begin(), certs.end(), [](const auto& cert) { return cert->common_name() == "pool1.schertz.lab"; }));
}

TEST_F(CertificateLoading, SaysWhenThePfxPasswordIsWrong) {
    const Bytes pfx = make_pfx(pki().server, {}, "right");
    EXPECT_EQ(failure_of(pfx, "wrong"), CACHAIN_E_WRONG_PASSWORD);
}

TEST_F(CertificateLoading, SaysThatAPfxNeedsAPasswordWhenNoneWasGiven) {
    const Bytes pfx = make_pfx(pki().server, {}, "right");
    for (const char* none : {static_cast<const char*>(nullptr), ""}) {
        try {
            parse_certificates(pfx, "server.pfx", none);
            ADD_FAILURE() << "no failure";
        } catch (const Failure& failure) {
            EXPECT_EQ(failure.status(), CACHAIN_E_PASSWORD_NEEDED);
            EXPECT_EQ(std::string(failure.what()), "server.pfx: the PKCS#12 file is protected by a password, and none was given (use -Password)");
        }
    }
}

TEST_F(CertificateLoading, SaysWhenTheDataIsEmpty) {
    EXPECT_EQ(failure_of({}), CACHAIN_E_EMPTY);
    EXPECT_EQ(failure_of(bytes_of(" \r\n\t ")), CACHAIN_E_EMPTY);
}

TEST_F(CertificateLoading, SaysWhenDerIsTruncated) {
    Bytes der = pki().root.der();
    der.resize(der.size() / 2);
    EXPECT_EQ(failure_of(der), CACHAIN_E_TRUNCATED);
}

TEST_F(CertificateLoading, SaysWhenAPemBlockIsCutOff) {
    const std::string pem = pki().root.pem();
    EXPECT_EQ(failure_of(bytes_of(pem.substr(0, pem.size() / 2))), CACHAIN_E_TRUNCATED);
    EXPECT_EQ(failure_of(bytes_of(pki().policy.pem() + pem.substr(0, pem.size() / 2))), CACHAIN_E_TRUNCATED);
}

TEST_F(CertificateLoading, SaysWhenAPemFileHoldsOnlyAKey) {
    const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    ASSERT_EQ(PEM_write_bio_PrivateKey(bio.get(), pki().server.key.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    EXPECT_EQ(failure_of(bytes_of(std::string(data, length))), CACHAIN_E_NOT_CERTIFICATE);
}

TEST_F(CertificateLoading, SaysWhenDerIsNotACertificate) {
    unsigned char* buffer = nullptr;
    const int length = i2d_PUBKEY(pki().root.key.get(), &buffer);
    const Bytes public_key(buffer, buffer + length);
    OPENSSL_free(buffer);
    EXPECT_EQ(failure_of(public_key), CACHAIN_E_NOT_CERTIFICATE);
}

TEST_F(CertificateLoading, SaysWhenTheFormatIsUnknown) {
    EXPECT_EQ(failure_of(bytes_of("<html><body>Not found</body></html>")), CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_EQ(failure_of(Bytes{0x00, 0xFF, 0x13, 0x37, 0x42}), CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_EQ(failure_of(Bytes{0x30}), CACHAIN_E_TRUNCATED);
}

TEST_F(CertificateLoading, LoadsAFolderAndReportsEachBadFileWithoutStoppingTheGoodOnes) {
    TempFolder folder;
    write_file(folder / "1-root.cer", pki().root.der());
    write_file(folder / "2-broken.cer", Bytes{0x30, 0x82, 0x05});
    write_file(folder / "3-policy.pem", pki().policy.pem());
    write_file(folder / "4-empty.crt", Bytes{});
    write_file(folder / "5-issuing.p7b", pkcs7_of({&pki().issuing}));
    write_file(folder / ".hidden.tmp", Bytes{0x01});

    CertificateSet set;
    EXPECT_EQ(load_path(folder.path(), nullptr, set), CACHAIN_E_TRUNCATED);
    EXPECT_EQ(set.certificates().size(), 3u);
    ASSERT_EQ(set.problems().size(), 2u);
    EXPECT_NE(set.problems()[0].message.find("2-broken.cer"), std::string::npos);
    EXPECT_EQ(set.problems()[1].status, CACHAIN_E_EMPTY);
    EXPECT_NE(set.problems()[1].message.find("4-empty.crt"), std::string::npos);
}

TEST_F(CertificateLoading, NamesAMissingPathAndAnEmptyFolder) {
    TempFolder folder;
    CertificateSet set;
    EXPECT_EQ(load_path(folder / "nope.cer", nullptr, set), CACHAIN_E_PATH_NOT_FOUND);
    EXPECT_EQ(load_path(folder.path(), nullptr, set), CACHAIN_E_EMPTY);
    ASSERT_EQ(set.problems().size(), 2u);
    EXPECT_NE(set.problems()[0].message.find("nope.cer"), std::string::npos);
    EXPECT_NE(set.problems()[0].message.find("no such file"), std::string::npos);
}

TEST_F(CertificateLoading, KeepsEachCertificateOnceWhateverTheFormat) {
    CertificateSet set;
    set.add_all(parse_certificates(pki().root.der(), "a", nullptr));
    set.add_all(parse_certificates(bytes_of(pki().root.pem()), "b", nullptr));
    EXPECT_EQ(set.certificates().size(), 1u);
}

TEST_F(CertificateLoading, ShowsTheThumbprintWindowsShows) {
    const auto cert = parse_certificates(pki().root.der(), "root.cer", nullptr).at(0);
    std::array<unsigned char, 20> sha1{};
    unsigned int length = 0;
    X509_digest(pki().root.cert.get(), EVP_sha1(), sha1.data(), &length);
    char hex[41] = {};
    for (unsigned i = 0; i < length; ++i) std::snprintf(hex + 2 * i, 3, "%02X", sha1[i]);
    EXPECT_EQ(cert->thumbprint(), hex);
    EXPECT_EQ(cert->sha256().size(), 64u);
}

}  // namespace
}  // namespace cachain
