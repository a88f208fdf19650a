// cachain-test-pki: writes the seed's lab PKI into a folder for the module's
// Pester tests, made fresh on every run (no key is ever committed).
//
//   cachain-test-pki <folder> [--aia <http base URL>]
//
// With --aia, each certificate names where its issuer is published
// (<base>/issuing.cer, <base>/policy.cer, <base>/root.cer), so a test can
// serve the folder over HTTP and let Get-CaChain chase the missing issuers.
//
//   cachain-test-pki --corpus <folder>
//
// writes the trust corpus instead (trust_corpus_folder.h describes its
// layout): labelled cases of what a client's verifier decides.
#include <cstdio>
#include <string>

#include "test_pki.h"
#include "trust_corpus_folder.h"

using namespace cachain::testing;

namespace {

CertSpec with_aia(CertSpec spec, const std::string& base, const char* issuer_file) {
    if (!base.empty()) spec.ca_issuers_url = base + "/" + issuer_file;
    return spec;
}

void write_three_tiers(const std::filesystem::path& folder, const std::string& aia) {
    const Issued root = self_signed(ca_spec("SchertzLabRootCA", KeyType::Rsa2048));
    const Issued policy = issue(root, with_aia(ca_spec("SchertzLabPolicyCA", KeyType::Rsa2048), aia, "root.cer"));
    const Issued issuing = issue(policy, with_aia(ca_spec("SchertzLabIssuingCA", KeyType::Rsa2048), aia, "policy.cer"));
    const Issued server = issue(issuing, with_aia(server_spec("pool1.schertz.lab", KeyType::Rsa2048), aia, "issuing.cer"));
    write_file(folder / "root.cer", root.der());
    write_file(folder / "policy.cer", policy.der());
    write_file(folder / "issuing.cer", issuing.der());
    write_file(folder / "pool1.cer", server.der());
    write_file(folder / "pool1.pem", server.pem());
    write_file(folder / "pool1.key", key_pem(server));
    write_file(folder / "intermediates.pem", pem_of({&issuing, &policy}));
    write_file(folder / "chain.p7b", pkcs7_of({&server, &issuing, &policy, &root}));
    write_file(folder / "pool1.pfx", make_pfx(server, {&issuing, &policy, &root}, "pfx-password"));
    // A second server of the same CAs, in a folder of its own so that loading
    // the lab's folder still finds one target.
    const Issued second = issue(issuing, server_spec("pool2.schertz.lab", KeyType::Rsa2048));
    std::filesystem::create_directories(folder / "second-leaf");
    write_file(folder / "second-leaf" / "pool2.cer", second.der());
}

// The one-tier variant: a root that issues the server certificate itself.
void write_one_tier(const std::filesystem::path& folder) {
    const Issued root = self_signed(ca_spec("SchertzLabSingleRootCA", KeyType::EcP256));
    const Issued server = issue(root, server_spec("web1.schertz.lab", KeyType::EcP256));
    write_file(folder / "onetier-root.cer", root.der());
    write_file(folder / "web1.pem", server.pem());
    write_file(folder / "web1.key", key_pem(server));
}

constexpr const char* usage =
    "usage: cachain-test-pki <folder> [--aia <http base URL>]\n"
    "       cachain-test-pki --corpus <folder>\n";

// A folder name that starts with '-' is an option this tool does not know
// (--bogus), never a folder to create.
bool is_folder_argument(const char* argument) { return argument[0] != '-'; }

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        std::fputs(usage, stdout);
        return 0;
    }
    if (argc == 3 && std::string(argv[1]) == "--corpus") {
        write_trust_corpus(argv[2], build_trust_corpus());
        return 0;
    }
    if ((argc != 2 && !(argc == 4 && std::string(argv[2]) == "--aia")) || !is_folder_argument(argv[1])) {
        std::fputs(usage, stderr);
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    write_three_tiers(folder, argc == 4 ? argv[3] : "");
    write_one_tier(folder);
    return 0;
}
