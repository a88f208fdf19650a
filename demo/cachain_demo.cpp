// cachain-demo: the seed's story, played on one machine.
//
// A domain member trusts root -> policy CA -> issuing CA; a workgroup
// "workstation" does not (workstation.h: a system root in a folder on Linux,
// this machine's LocalMachine stores on Windows), so its TLS connection to
// pool1.schertz.lab fails with an untrusted-root error. The demo shows that
// failure with a real client of the workstation (OpenSSL's s_client on
// Linux, Windows' chain engine on Windows), asks CaChain why, exports the
// CA chain on the "server" side as DER .cer files (what the MMC export
// wizard writes), places them on the workstation by the seed's rule (root
// into Root and CA, the subordinates into CA), and shows the same connection
// succeed.
// Last, it shows the mistake the seed warns about: only the root imported
// while the server sends no intermediates.
//
// Usage: cachain-demo <work-folder>                   (Linux)
//        cachain-demo <work-folder> --this-machine    (Windows: it changes this machine's stores, then undoes it)
#include <cstdio>
#include <filesystem>
#include <string>

#include "background_process.h"
#include "cachain/cachain.h"
#include "test_pki.h"
#include "workstation.h"

namespace fs = std::filesystem;
using namespace cachain::testing;

namespace {

const char* role_name(int64_t role) {
    switch (role) {
    case CACHAIN_ROLE_ROOT: return "Root";
    case CACHAIN_ROLE_INTERMEDIATE: return "Intermediate";
    default: return "Leaf";
    }
}

const char* action_name(int64_t action) {
    switch (action) {
    case CACHAIN_ACTION_ADDED: return "Added";
    case CACHAIN_ACTION_ALREADY_PRESENT: return "AlreadyPresent";
    case CACHAIN_ACTION_WOULD_ADD: return "WouldAdd";
    case CACHAIN_ACTION_SKIPPED: return "Skipped";
    default: return "?";
    }
}

const char* file_action_name(cachain_file_action action) {
    switch (action) {
    case CACHAIN_FILE_WRITTEN: return "Written";
    case CACHAIN_FILE_UNCHANGED: return "Unchanged";
    case CACHAIN_FILE_REPLACED: return "Replaced";
    case CACHAIN_FILE_WOULD_WRITE: return "WouldWrite";
    default: return "Failed";
    }
}

// Paths cross the C interface as UTF-8 on every platform.
std::string utf8(const fs::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

bool check(cachain_status status, const char* doing) {
    if (status == CACHAIN_OK) return true;
    std::printf("   ! %s failed: %s\n", doing, cachain_last_error());
    return false;
}

void print_chain(const cachain_chain* chain) {
    std::printf("   %-12s %-42s %-40s %s\n", "Role", "Subject", "Thumbprint", "Source");
    for (size_t depth = cachain_chain_length(chain); depth-- > 0;) {  // root first, as the Certification Path tab
        const cachain_cert* cert = cachain_chain_cert(chain, depth);
        std::printf("   %-12s %-42s %-40s %s\n", role_name(cachain_chain_role(chain, depth)),
                    cachain_cert_text(cert, CACHAIN_TEXT_SUBJECT), cachain_cert_text(cert, CACHAIN_TEXT_THUMBPRINT),
                    cachain_chain_source(chain, depth));
    }
    std::printf("   %s\n", cachain_chain_text(chain, CACHAIN_CHAIN_TEXT_SUMMARY));
}

// Test-CaChain's question: does this store trust what the server presents?
bool explain_trust(cachain_store* store, int port) {
    cachain_set *target = nullptr, *sent = nullptr;
    cachain_verdicts* verdicts = nullptr;
    bool trusted = false;
    const std::string endpoint = "127.0.0.1:" + std::to_string(port);
    if (check(cachain_set_new(&target), "a set") && check(cachain_set_new(&sent), "a set") &&
        check(cachain_fetch_endpoint(endpoint.c_str(), CACHAIN_PROTOCOL_TLS, 5, target, sent), "reading the server's chain") &&
        check(cachain_evaluate(store, target, sent, &verdicts), "evaluating trust") && cachain_verdicts_count(verdicts) > 0) {
        trusted = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TRUSTED) == 1;
        std::printf("   Test-CaChain: %s\n", cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_REASON));
        if (!trusted) {
            std::printf("   Windows would report 0x%08llX (SEC_E_UNTRUSTED_ROOT) / chain error 0x%08llX; OpenSSL verify code %lld (%s)\n",
                        static_cast<unsigned long long>(cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TLS_ERROR)),
                        static_cast<unsigned long long>(cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CHAIN_ERROR)),
                        static_cast<long long>(cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_OPENSSL_CODE)),
                        cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_OPENSSL));
            std::printf("   Fix: %s\n", cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_FIX));
        }
    }
    cachain_verdicts_free(verdicts);
    cachain_set_free(sent);
    cachain_set_free(target);
    return trusted;
}

// The server side: the chain of its own certificate, exported as .cer files.
bool export_server_chain(const fs::path& server_file, const fs::path& domain_store, const fs::path& certs) {
    cachain_set *inputs = nullptr, *pool = nullptr;
    cachain_chains* chains = nullptr;
    cachain_export* exported = nullptr;
    bool ok = check(cachain_set_new(&inputs), "a set") && check(cachain_set_new(&pool), "a set") &&
              check(cachain_set_add_path(inputs, utf8(server_file).c_str(), nullptr), "loading the server certificate") &&
              check(cachain_set_add_path(pool, utf8(domain_store).c_str(), nullptr), "loading the domain member's CAs") &&
              check(cachain_discover(inputs, pool, &chains), "discovering the chain");
    if (ok) {
        const cachain_chain* best = cachain_chains_get(chains, 0);
        print_chain(best);
        std::printf("\n   Export-CaChain -Destination %s (DER .cer):\n", certs.string().c_str());
        ok = check(cachain_export_chain(best, utf8(certs).c_str(), CACHAIN_FORMAT_DER, 0, &exported), "exporting");
        for (size_t i = 0; i < cachain_export_count(exported); ++i) {
            const char* path = nullptr;
            cachain_file_action action{};
            cachain_export_file(exported, i, &path, &action, nullptr, nullptr);
            std::printf("   %-10s %s\n", file_action_name(action), path);
        }
    }
    cachain_export_free(exported);
    cachain_chains_free(chains);
    cachain_set_free(pool);
    cachain_set_free(inputs);
    return ok;
}

// The workstation side: Import-CaChain of the carried-over files.
bool import_files(Workstation& workstation, const fs::path& files) {
    cachain_store* store = workstation.store();
    cachain_set* certs = nullptr;
    cachain_placement* placed = nullptr;
    const bool ok = check(cachain_set_new(&certs), "a set") &&
                    check(cachain_set_add_path(certs, utf8(files).c_str(), nullptr), "loading the .cer files") &&
                    check(cachain_place(store, certs, 0, &placed), "placing");
    for (size_t i = 0; i < cachain_placement_count(placed); ++i) {
        const cachain_cert* cert = cachain_placement_cert(placed, i);
        std::printf("   %-14s %-22s -> %s\n", action_name(cachain_placement_number(placed, i, CACHAIN_PLACEMENT_ACTION)),
                    cachain_cert_text(cert, CACHAIN_TEXT_COMMON_NAME),
                    cachain_placement_text(placed, i, CACHAIN_PLACEMENT_TEXT_LOCATION));
    }
    if (placed != nullptr) workstation.placed(placed);
    cachain_placement_free(placed);
    cachain_set_free(certs);
    return ok;
}

std::unique_ptr<BackgroundProcess> start_server(const fs::path& folder, int port, bool send_intermediates) {
    std::vector<std::string> command{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
                                     (folder / "pool1.pem").string(), "-key", (folder / "pool1.key").string(), "-quiet"};
    if (send_intermediates) command.insert(command.end(), {"-cert_chain", (folder / "intermediates.pem").string()});
    auto server = std::make_unique<BackgroundProcess>(command);
    wait_for_port(port, 5000);
    return server;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string agreed = "--this-machine";
    if (workstation_is_this_machine() && (argc < 3 || argv[2] != agreed)) {
        std::printf("On Windows the workstation is this machine: the demo imports a lab CA chain into\n"
                    "LocalMachine\\Root and LocalMachine\\CA, as Administrator, and removes exactly that at the end.\n"
                    "To agree, run: cachain-demo <work-folder> %s\n", agreed.c_str());
        return 2;
    }
    const fs::path work = fs::absolute(argc > 1 ? fs::path(argv[1]) : fs::path("cachain-demo"));
    fs::remove_all(work);
    const fs::path server_dir = work / "server", domain_store = work / "domain-member-cas", certs = work / "certs";
    fs::create_directories(server_dir);
    fs::create_directories(domain_store);

    std::printf("CaChain %s: the seed's story on one machine, with a lab PKI generated just now\n\n", cachain_version());
    std::printf("1. The lab: SchertzLabRootCA -> SchertzLabPolicyCA -> SchertzLabIssuingCA -> pool1.schertz.lab,\n"
                "   and a TLS server for pool1.schertz.lab (openssl s_server on 127.0.0.1).\n");
    const SeedPki pki = make_seed_pki(KeyType::Rsa2048);
    write_file(server_dir / "pool1.schertz.lab.cer", pki.server.der());
    write_file(server_dir / "pool1.pem", pki.server.pem());
    write_file(server_dir / "pool1.key", key_pem(pki.server));  // the demo server's own key, in the demo folder only
    write_file(server_dir / "intermediates.pem", pem_of({&pki.issuing, &pki.policy}));
    write_file(domain_store / "root.cer", pki.root.der());
    write_file(domain_store / "policy.pem", pki.policy.pem());
    write_file(domain_store / "issuing.p7b", pkcs7_of({&pki.issuing}));
    const int port = free_loopback_port();
    const auto server = start_server(server_dir, port, true);
    const Issued public_root = self_signed(ca_spec("PublicRootCA"));

    bool failed_before = false, works_after = false, trusted_after = false;
    {
        const auto workstation = make_workstation(work, "workstation", public_root);
        std::printf("\n2. The workgroup workstation does not trust the chain (%s):\n", workstation->description().c_str());
        if (workstation->store() == nullptr) return 1;
        failed_before = !workstation->client_connects(port);
        explain_trust(workstation->store(), port);

        std::printf("\n3. On the server: its certificate's Certification Path, exported for the workstation:\n");
        if (!export_server_chain(server_dir / "pool1.schertz.lab.cer", domain_store, certs)) return 1;

        std::printf("\n4. On the workstation: Import-CaChain %s (root into Root and CA, the others into CA):\n",
                    certs.string().c_str());
        if (!import_files(*workstation, certs)) return 1;
        std::printf("   Importing again changes nothing:\n");
        import_files(*workstation, certs);

        std::printf("\n5. The same connection now:\n");
        works_after = workstation->client_connects(port);
        trusted_after = explain_trust(workstation->store(), port);
    }

    std::printf("\n6. The mistake the seed warns about: only the root imported, and a server that sends no intermediates.\n");
    fs::create_directories(work / "root-only");
    fs::copy_file(certs / "SchertzLabRootCA.cer", work / "root-only" / "SchertzLabRootCA.cer");
    const int leaf_only_port = free_loopback_port();
    const auto leaf_only_server = start_server(server_dir, leaf_only_port, false);
    bool mistake_detected = false;
    {
        const auto careless = make_workstation(work, "careless-workstation", public_root);
        if (careless->store() != nullptr) {
            import_files(*careless, work / "root-only");
            const bool connected = careless->client_connects(leaf_only_port);
            mistake_detected = !connected && !explain_trust(careless->store(), leaf_only_port);
        }
    }

    const bool story_holds = failed_before && works_after && trusted_after && mistake_detected;
    std::printf("\n%s\n", story_holds ? "The chain failed, was exported and placed, and now works."
                                       : "The story did not go as expected: see the messages above.");
    return story_holds ? 0 : 1;
}
