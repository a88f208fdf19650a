// cachain-demo: plays the seed's story with a generated lab PKI.
//
// A domain member trusts root -> policy CA -> issuing CA; a workgroup
// machine does not. The demo finds the chain of the server's certificate
// pool1.schertz.lab, exports its CA certificates as DER .cer files (what the
// MMC export wizard would produce, one click-path per certificate), and
// shows what happens when the issuers are not at hand.
//
// Usage: cachain-demo <work-folder>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "cachain/cachain.h"
#include "test_pki.h"

namespace fs = std::filesystem;
using namespace cachain::testing;

namespace {

const char* role_name(cachain_role role) {
    switch (role) {
    case CACHAIN_ROLE_ROOT: return "Root";
    case CACHAIN_ROLE_INTERMEDIATE: return "Intermediate";
    case CACHAIN_ROLE_LEAF: return "Leaf";
    }
    return "?";
}

const char* action_name(cachain_file_action action) {
    switch (action) {
    case CACHAIN_FILE_WRITTEN: return "Written";
    case CACHAIN_FILE_UNCHANGED: return "Unchanged";
    case CACHAIN_FILE_REPLACED: return "Replaced";
    case CACHAIN_FILE_WOULD_WRITE: return "WouldWrite";
    case CACHAIN_FILE_FAILED: return "Failed";
    }
    return "?";
}

std::string date_of(int64_t seconds) {
    const std::time_t time = static_cast<std::time_t>(seconds);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&time));
    return text;
}

bool check(cachain_status status, const char* doing) {
    if (status == CACHAIN_OK) return true;
    std::printf("   ! %s failed: %s\n", doing, cachain_last_error());
    return false;
}

void print_chain(const cachain_chain* chain) {
    std::printf("   %-5s %-12s %-42s %-40s %s\n", "Depth", "Role", "Subject", "Thumbprint", "NotAfter");
    const size_t length = cachain_chain_length(chain);
    for (size_t depth = length; depth-- > 0;) {  // root first, as the Certification Path tab shows it
        const cachain_cert* cert = cachain_chain_cert(chain, depth);
        std::printf("   %-5zu %-12s %-42s %-40s %s\n", depth, role_name(cachain_chain_role(chain, depth)),
                    cachain_cert_text(cert, CACHAIN_TEXT_SUBJECT), cachain_cert_text(cert, CACHAIN_TEXT_THUMBPRINT),
                    date_of(cachain_cert_number(cert, CACHAIN_NUMBER_NOT_AFTER)).c_str());
    }
    std::printf("   %s\n", cachain_chain_text(chain, CACHAIN_CHAIN_TEXT_SUMMARY));
}

// Loads the server certificate, with issuers from issuer_folder (or none),
// and returns its best chain's discovery; the caller frees it.
cachain_chains* discover(const fs::path& server_file, const fs::path* issuer_folder) {
    cachain_set* inputs = nullptr;
    cachain_set* pool = nullptr;
    cachain_chains* chains = nullptr;
    if (check(cachain_set_new(&inputs), "creating a set") && check(cachain_set_new(&pool), "creating a set") &&
        check(cachain_set_add_path(inputs, server_file.string().c_str(), nullptr), "loading the server certificate") &&
        (!issuer_folder || check(cachain_set_add_path(pool, issuer_folder->string().c_str(), nullptr), "loading issuers"))) {
        check(cachain_discover(inputs, pool, &chains), "discovering the chain");
    }
    cachain_set_free(pool);
    cachain_set_free(inputs);
    return chains;
}

void export_chain(const cachain_chain* chain, const fs::path& destination) {
    cachain_export* exported = nullptr;
    const cachain_status status =
        cachain_export_chain(chain, destination.string().c_str(), CACHAIN_FORMAT_DER, 0, &exported);
    for (size_t i = 0; i < cachain_export_count(exported); ++i) {
        const char* path = nullptr;
        const char* message = nullptr;
        cachain_file_action action{};
        cachain_export_file(exported, i, &path, &action, nullptr, &message);
        std::printf("   %-10s %s %s\n", action_name(action), path, message);
    }
    if (status != CACHAIN_OK) std::printf("   ! %s\n", cachain_last_error());
    cachain_export_free(exported);
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path work = argc > 1 ? fs::path(argv[1]) : fs::path("cachain-demo");
    fs::remove_all(work);
    const fs::path server_dir = work / "server", domain_store = work / "domain-member-cas", certs = work / "certs";
    fs::create_directories(server_dir);
    fs::create_directories(domain_store);

    std::printf("CaChain %s demo: the seed's story, on a lab PKI generated just now\n\n", cachain_version());
    std::printf("1. The lab PKI: SchertzLabRootCA -> SchertzLabPolicyCA -> SchertzLabIssuingCA -> pool1.schertz.lab\n");
    const SeedPki pki = make_seed_pki(KeyType::Rsa2048);
    const fs::path server_file = server_dir / "pool1.schertz.lab.cer";
    write_file(server_file, pki.server.der());
    write_file(domain_store / "root.cer", pki.root.der());
    write_file(domain_store / "policy.pem", pki.policy.pem());
    write_file(domain_store / "issuing.p7b", pkcs7_of({&pki.issuing}));
    std::printf("   server certificate:        %s\n", server_file.string().c_str());
    std::printf("   a domain member's CA certs: %s (DER, PEM and PKCS#7 mixed)\n\n", domain_store.string().c_str());

    std::printf("2. A workgroup machine has only the server's certificate. Its chain without issuers:\n");
    if (cachain_chains* alone = discover(server_file, nullptr)) {
        print_chain(cachain_chains_get(alone, 0));
        cachain_chains_free(alone);
    }

    std::printf("\n3. The chain, walked with the domain member's CA certificates (the Certification Path tab):\n");
    cachain_chains* chains = discover(server_file, &domain_store);
    if (!chains || cachain_chains_count(chains) == 0) return 1;
    const cachain_chain* best = cachain_chains_get(chains, 0);
    print_chain(best);

    std::printf("\n4. Export-CaChain: the CA certificates as DER .cer, as the MMC export wizard writes them:\n");
    export_chain(best, certs);

    std::printf("\n5. Exporting again changes nothing:\n");
    export_chain(best, certs);

    std::printf("\nNext, on the workgroup machine: import %s into Trusted Root and every file into\n"
                "Intermediate Certification Authorities (the computer account), as the seed describes.\n",
                (certs / "SchertzLabRootCA.cer").string().c_str());
    const bool complete = cachain_chain_number(best, CACHAIN_CHAIN_FIELD_STATUS) == CACHAIN_CHAIN_COMPLETE;
    cachain_chains_free(chains);
    return complete ? 0 : 1;
}
