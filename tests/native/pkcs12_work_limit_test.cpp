// A .pfx names how many key-derivation rounds it takes to open, and a
// hostile one can name billions: such files are refused at once, while
// the counts real exporters use open as always.
#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>
#include <openssl/pkcs12.h>

#include "certificate_parser.h"
#include "failure.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
using Bytes = std::vector<std::uint8_t>;

// A PKCS#12 file of the seed's CAs whose MAC (mac_rounds) or certificate
// encryption (encryption_rounds) uses 65,536 rounds, then rewritten in place
// to ask for 8,388,607: the same encoded length, so nothing else moves.
Bytes pfx_asking_for_millions(const SeedPki& pki, bool in_mac) {
    ossl::X509StackPtr chain(sk_X509_new_null());
    for (const Issued* ca : {&pki.issuing, &pki.policy, &pki.root}) sk_X509_push(chain.get(), ca->cert.get());
    const int mac_rounds = in_mac ? 65536 : -1;  // -1: no MAC at all
    const int encryption = in_mac ? -1 : NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
    ossl::Pkcs12Ptr pkcs12(PKCS12_create("pw", nullptr, nullptr, nullptr, chain.get(), 0, encryption, 65536, mac_rounds, 0));
    while (sk_X509_num(chain.get()) > 0) sk_X509_pop(chain.get());
    EXPECT_NE(pkcs12, nullptr);
    unsigned char* buffer = nullptr;
    const int length = i2d_PKCS12(pkcs12.get(), &buffer);
    Bytes der(buffer, buffer + length);
    OPENSSL_free(buffer);
    const Bytes rounds{0x02, 0x03, 0x01, 0x00, 0x00}, millions{0x02, 0x03, 0x7f, 0xff, 0xff};
    const auto at = std::search(der.begin(), der.end(), rounds.begin(), rounds.end());
    EXPECT_NE(at, der.end());
    if (at != der.end()) std::copy(millions.begin(), millions.end(), at);
    return der;
}

// A PKCS#12 file of the seed's CAs, made by OpenSSL itself with the given
// rounds: for its integrity check (MAC, certificates not encrypted), or for
// the encryption of its certificates (no MAC).
Bytes pfx_with_rounds(const SeedPki& pki, bool in_mac, int rounds) {
    ossl::X509StackPtr chain(sk_X509_new_null());
    for (const Issued* ca : {&pki.issuing, &pki.policy, &pki.root}) sk_X509_push(chain.get(), ca->cert.get());
    ossl::Pkcs12Ptr pkcs12(in_mac ? PKCS12_create("pw", nullptr, nullptr, nullptr, chain.get(), 0, -1, 0, rounds, 0)
                                  : PKCS12_create("pw", nullptr, nullptr, nullptr, chain.get(), 0, 0, rounds, -1, 0));
    while (sk_X509_num(chain.get()) > 0) sk_X509_pop(chain.get());
    EXPECT_NE(pkcs12, nullptr);
    if (!pkcs12) return {};
    unsigned char* buffer = nullptr;
    const int length = i2d_PKCS12(pkcs12.get(), &buffer);
    Bytes der(buffer, buffer + length);
    OPENSSL_free(buffer);
    return der;
}

std::string refusal_of(const Bytes& pfx) {
    try {
        parse_certificates(pfx, "rounds.pfx", "pw");
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_UNSUPPORTED_FORMAT);
        EXPECT_EQ(failure.item(), "rounds.pfx");
        return failure.reason();
    }
    return "opened";
}

void expect_refused_at_once(const Bytes& pfx) {
    const auto started = std::chrono::steady_clock::now();
    try {
        parse_certificates(pfx, "hostile.pfx", "pw");
        ADD_FAILURE() << "a file asking for millions of rounds was opened";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_UNSUPPORTED_FORMAT);
        EXPECT_NE(failure.reason().find("8388607 key-derivation rounds"), std::string::npos) << failure.reason();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(Pkcs12WorkLimit, RefusesAtOnceAFileWhoseIntegrityCheckAsksForMillionsOfRounds) {
    expect_refused_at_once(pfx_asking_for_millions(make_seed_pki(), true));
}

TEST(Pkcs12WorkLimit, RefusesAtOnceAFileWhoseEncryptionAsksForMillionsOfRounds) {
    expect_refused_at_once(pfx_asking_for_millions(make_seed_pki(), false));
}

TEST(Pkcs12WorkLimit, OpensFilesWithTheRoundsRealExportersUse) {
    const SeedPki pki = make_seed_pki();
    // PKCS12_create's default (2,048), as OpenSSL and close to what Windows writes.
    EXPECT_EQ(parse_certificates(make_pfx(pki.server, {&pki.root}, "pw"), "normal.pfx", "pw").size(), 2u);
}

// The limit at its documented number, written out rather than read from the
// code: a file asking for exactly 1,000,000 rounds opens (deriving them
// takes real time, once), one asking for 1,000,001 is refused.
TEST(Pkcs12WorkLimit, OpensAFileWhoseIntegrityCheckAsksForExactlyAMillionRounds) {
    const Bytes pfx = pfx_with_rounds(make_seed_pki(), true, 1'000'000);
    EXPECT_EQ(parse_certificates(pfx, "rounds.pfx", "pw").size(), 3u);
}

TEST(Pkcs12WorkLimit, RefusesAFileWhoseIntegrityCheckAsksForAMillionAndOneRounds) {
    EXPECT_EQ(refusal_of(pfx_with_rounds(make_seed_pki(), true, 1'000'001)),
              "the PKCS#12 integrity check asks for 1000001 key-derivation rounds; more than 1000000 are refused "
              "(Windows uses 2,000)");
}

TEST(Pkcs12WorkLimit, RefusesAFileWhoseEncryptionAsksForAMillionAndOneRounds) {
    EXPECT_EQ(refusal_of(pfx_with_rounds(make_seed_pki(), false, 1'000'001)),
              "the PKCS#12 encryption asks for 1000001 key-derivation rounds; more than 1000000 are refused "
              "(Windows uses 2,000)");
}

}  // namespace
}  // namespace cachain
