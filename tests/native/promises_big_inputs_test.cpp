// Promise: big and junk inputs are handled in bounded memory, with a clear
// error where one is due. Each load runs in a child process, whose peak
// memory (ru_maxrss) is compared with that of an idle child.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cachain/cachain.h"
#include "child_process.h"
#include "promise_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
using Bytes = std::vector<std::uint8_t>;
constexpr long mib = 1024;  // in KiB, as ru_maxrss counts

// What body returned (its exit code) in a child, and the child's peak
// memory above an idle child's.
struct Load {
    int status = -1;
    long extra_kib = 0;
};

Load load_in_child(const std::function<int()>& body) {
    const long baseline = baseline_rss_kib();
    const ChildOutcome outcome = wait_for_child(start_child(body));
    return Load{outcome.exit_code, outcome.max_rss_kib - baseline};
}

int load_path(const std::filesystem::path& path, std::size_t expected_count) {
    cachain_set* set = nullptr;
    cachain_set_new(&set);
    const cachain_status status = cachain_set_add_path(set, path.c_str(), nullptr);
    const std::string message = cachain_last_error();
    const bool named = message.find(path.filename().string()) != std::string::npos;
    const bool counted = expected_count == 0 || cachain_set_count(set) == expected_count;
    cachain_set_free(set);
    if (status != CACHAIN_OK && !named) return 90;  // an error must name the file
    if (!counted) return 91;
    return status;
}

// n different certificates (their serial numbers differ) as one PEM text.
// Signatures no longer match, which loading does not check.
std::string many_certificates(std::size_t n) {
    const SeedPki pki = make_seed_pki();
    Bytes der = pki.issuing.der();
    const ASN1_INTEGER* serial = X509_get0_serialNumber(pki.issuing.cert.get());
    const Bytes serial_bytes(serial->data, serial->data + serial->length);
    const auto at = std::search(der.begin(), der.end(), serial_bytes.begin(), serial_bytes.end()) - der.begin();
    const auto last = static_cast<std::size_t>(at) + serial_bytes.size() - 1;
    std::string pem;
    std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        der[last] = static_cast<std::uint8_t>(i);
        der[last - 1] = static_cast<std::uint8_t>(i >> 8);
        der[last - 2] = static_cast<std::uint8_t>(i >> 16);
        const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), der.data(), static_cast<int>(der.size()));
        pem += "-----BEGIN CERTIFICATE-----\n";
        for (int line = 0; line < length; line += 64) pem.append(base64, static_cast<std::size_t>(line), std::min(64, length - line)) += '\n';
        pem += "-----END CERTIFICATE-----\n";
    }
    return pem;
}

Bytes junk(std::size_t size, std::uint32_t seed) {
    std::mt19937 random(seed);
    Bytes bytes(size);
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
    return bytes;
}

class BigAndJunkInputs : public ::testing::Test {
protected:
    TempFolder folder_;
};

TEST_F(BigAndJunkInputs, AHundredThousandCertificateBundleLoadsInBoundedMemory) {
    const std::string pem = many_certificates(100000);
    const Load loaded = load_in_child([&] {
        cachain_set* set = nullptr;
        cachain_set_new(&set);
        const cachain_status status = cachain_set_add_bytes(set, reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size(), "bundle.pem", nullptr);
        const bool all = cachain_set_count(set) == 100000;
        cachain_set_free(set);
        return status == CACHAIN_OK && all ? 0 : 1;
    });
    EXPECT_EQ(loaded.status, 0);
    // Holding 100,000 certificates costs memory; a generous 10 KiB each,
    // beside the text itself, bounds it.
    const long bound = (static_cast<long>(pem.size()) / 1024 + 100000 * 10) * memory_bound_factor;
    EXPECT_LT(loaded.extra_kib, bound) << "peak " << loaded.extra_kib / mib << " MiB over an idle process";
    RecordProperty("extra_kib", std::to_string(loaded.extra_kib));
}

TEST_F(BigAndJunkInputs, TheSameBundleAsAFileIsRefusedAsTooLargeWithoutBeingRead) {
    const std::string pem = many_certificates(100000);
    ASSERT_GT(pem.size(), 64u * 1024 * 1024) << "the bundle should be over the loader's cap";
    write_file(folder_ / "bundle.pem", pem);
    const Load loaded = load_in_child([&] { return load_path(folder_ / "bundle.pem", 0); });
    EXPECT_EQ(loaded.status, CACHAIN_E_TOO_LARGE);
    EXPECT_LT(loaded.extra_kib, 32 * mib * memory_bound_factor);
}

TEST_F(BigAndJunkInputs, FiftyMegabytesOfJunkGetAClearErrorInBoundedMemory) {
    const Bytes noise = junk(50u * 1024 * 1024, 8);
    struct Case {
        std::string name;
        Bytes bytes;
    };
    std::vector<Case> cases{{"junk.bin", noise}};
    Bytes der_like = noise;  // a DER SEQUENCE header announcing far more than there is
    der_like[0] = 0x30;
    der_like[1] = 0x84;
    der_like[2] = der_like[3] = der_like[4] = der_like[5] = 0x7f;
    cases.push_back({"junk.cer", der_like});
    const std::string header = "-----BEGIN CERTIFICATE-----\n";
    Bytes pem_like(header.begin(), header.end());
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < 50u * 1024 * 1024; ++i) pem_like.push_back(i % 65 == 64 ? '\n' : alphabet[noise[i] % 64]);
    cases.push_back({"junk.pem", pem_like});

    for (const auto& item : cases) {
        write_file(folder_ / item.name, item.bytes);
        const Load loaded = load_in_child([&] { return load_path(folder_ / item.name, 0); });
        EXPECT_TRUE(loaded.status == CACHAIN_E_UNSUPPORTED_FORMAT || loaded.status == CACHAIN_E_TRUNCATED ||
                    loaded.status == CACHAIN_E_NOT_CERTIFICATE)
            << item.name << ": status " << loaded.status;
        // The file is read whole (50 MiB); decoding may hold a copy or two.
        EXPECT_LT(loaded.extra_kib, 200 * mib * memory_bound_factor) << item.name;
    }
}

}  // namespace
