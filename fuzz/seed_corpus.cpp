// Writes the fuzzers' seed corpus: the seed's lab PKI (root -> policy CA ->
// issuing CA -> server) in every format the loader reads, plus samples of
// the other inputs each fuzzer takes. Generated at build time, so no key or
// certificate is ever committed.
//
// Usage: cachain_seed_corpus <folder>; writes <folder>/<fuzzer>/<sample>.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <openssl/pkcs12.h>

#include "test_pki.h"

namespace {

namespace fs = std::filesystem;
using namespace cachain::testing;
using Bytes = std::vector<std::uint8_t>;

std::string base64_of(const Bytes& der) {
    std::string text(4 * ((der.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), der.data(), static_cast<int>(der.size()));
    text.resize(static_cast<std::size_t>(length));
    return text;
}

// A PKCS#12 file without a MAC and with plain certificate bags, so that a
// mutation is read bag by bag instead of stopping at the integrity check.
Bytes open_pfx(const std::vector<const Issued*>& cas) {
    cachain::ossl::X509StackPtr chain(sk_X509_new_null());
    for (const Issued* ca : cas) sk_X509_push(chain.get(), ca->cert.get());
    cachain::ossl::Pkcs12Ptr pkcs12(PKCS12_create(nullptr, nullptr, nullptr, nullptr, chain.get(), 0, -1, 1, -1, 0));
    while (sk_X509_num(chain.get()) > 0) sk_X509_pop(chain.get());  // borrowed certificates
    unsigned char* buffer = nullptr;
    const int length = pkcs12 ? i2d_PKCS12(pkcs12.get(), &buffer) : 0;
    Bytes bytes(buffer, buffer + (length > 0 ? length : 0));
    OPENSSL_free(buffer);
    return bytes;
}

void write_certificate_samples(const fs::path& folder, const SeedPki& pki) {
    const std::vector<const Issued*> cas{&pki.issuing, &pki.policy, &pki.root};
    const std::vector<const Issued*> chain{&pki.server, &pki.issuing, &pki.policy, &pki.root};
    fs::create_directories(folder);
    write_file(folder / "root.cer", pki.root.der());
    write_file(folder / "server.cer", pki.server.der());
    Bytes concatenated = pki.issuing.der();
    const Bytes policy = pki.policy.der();
    concatenated.insert(concatenated.end(), policy.begin(), policy.end());
    write_file(folder / "concatenated.cer", concatenated);
    write_file(folder / "chain.pem", pem_of(chain));
    write_file(folder / "chain-with-text.pem", "Issuing CA:\n" + pki.issuing.pem() + "\nRoot:\n" + pki.root.pem() +
                                                   key_pem(pki.server));  // a key block, made now, that loading skips
    write_file(folder / "root.b64", base64_of(pki.root.der()));
    const Bytes p7b = pkcs7_of(chain);
    write_file(folder / "chain.p7b", p7b);
    write_file(folder / "chain-p7b.pem", "-----BEGIN PKCS7-----\n" + base64_of(p7b) + "\n-----END PKCS7-----\n");
    write_file(folder / "server-and-cas.pfx", make_pfx(pki.server, cas, "fuzz"));
    write_file(folder / "cas-windows-3des.pfx", make_pfx(pki.server, cas, "fuzz", NID_pbe_WithSHA1And3_Key_TripleDES_CBC));
    write_file(folder / "cas-no-mac.pfx", open_pfx(cas));
}

void write_name_samples(const fs::path& folder) {
    fs::create_directories(folder);
    const std::vector<std::string> names{"SchertzLabRootCA", "../../../etc/cron.d/evil", "C:\\Windows\\x", "CON.txt",
                                         std::string("nul\0byte", 8), "\xE2\x80\xAEred.exe", std::string(300, 'A'),
                                         "Zertifizierungsstelle \xC3\xBC \xE6\x9C\xAC"};
    int index = 0;
    for (const auto& name : names) write_file(folder / ("name-" + std::to_string(index++)), name);
}

void write_starttls_samples(const fs::path& folder) {
    fs::create_directories(folder);
    // First byte even: SMTP; odd: LDAP (see starttls_fuzzer.cpp).
    write_file(folder / "smtp", std::string(1, '\0') + "220 mail ESMTP\r\n250-mail\r\n250 STARTTLS\r\n220 go ahead\r\n");
    write_file(folder / "smtp-refused", std::string(1, '\0') + "220 mail\r\n250 mail\r\n454 not now\r\n");
    // LDAPMessage { messageID 1, ExtendedResponse { resultCode success, matchedDN "", diagnosticMessage "" } }
    write_file(folder / "ldap", Bytes{0x01, 0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00});
    write_file(folder / "ldap-refused", Bytes{0x01, 0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x02, 0x04, 0x00, 0x04, 0x00});
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <corpus folder>\n", argv[0]);
        return 2;
    }
    const fs::path root = argv[1];
    const SeedPki pki = make_seed_pki();
    for (const char* fuzzer : {"certificate_parser_fuzzer", "c_api_fuzzer", "aia_response_fuzzer"})
        write_certificate_samples(root / fuzzer, pki);
    write_name_samples(root / "file_names_fuzzer");
    write_starttls_samples(root / "starttls_fuzzer");
    return 0;
}
