// The Windows workstation: this machine's LocalMachine stores, the seed's
// fix, and Windows' own chain engine as the TLS client's judge (asked in a
// fresh process each time, as a new connection would). What the demo adds
// is removed again when the workstation goes away, by the exact
// (store, thumbprint) pairs it added, so the machine is left as it was.
#include <cstdio>
#include <utility>
#include <vector>

#include "windows_chain_engine.h"
#include "workstation.h"

namespace fs = std::filesystem;

namespace {

using StoreEntry = std::pair<cachain_store_name, std::string>;  // (Root or CA, thumbprint)

// What the server presents, as DER, its own certificate first.
std::vector<std::vector<std::uint8_t>> presented_by(int port) {
    std::vector<std::vector<std::uint8_t>> presented;
    cachain_set* sent = nullptr;
    if (cachain_set_new(&sent) != CACHAIN_OK) return presented;
    const std::string endpoint = "127.0.0.1:" + std::to_string(port);
    if (cachain_fetch_endpoint(endpoint.c_str(), CACHAIN_PROTOCOL_TLS, 5, sent, nullptr) == CACHAIN_OK) {
        for (size_t i = 0; i < cachain_set_count(sent); ++i) {
            const uint8_t* der = nullptr;
            size_t length = 0;
            cachain_cert_der(cachain_set_cert(sent, i), &der, &length);
            presented.emplace_back(der, der + length);
        }
    }
    cachain_set_free(sent);
    return presented;
}

class WindowsWorkstation : public Workstation {
public:
    WindowsWorkstation() {
        if (cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, nullptr, &store_) != CACHAIN_OK)
            std::printf("   ! opening LocalMachine failed: %s\n", cachain_last_error());
    }
    ~WindowsWorkstation() override {
        remove_what_the_demo_placed();
        cachain_store_free(store_);
    }

    std::string description() const override {
        return "this machine's LocalMachine\\Root and LocalMachine\\CA; the demo removes what it places";
    }
    cachain_store* store() override { return store_; }

    void placed(const cachain_placement* placement) override {
        for (size_t i = 0; i < cachain_placement_count(placement); ++i) {
            if (cachain_placement_number(placement, i, CACHAIN_PLACEMENT_ACTION) != CACHAIN_ACTION_ADDED) continue;
            added_.emplace_back(static_cast<cachain_store_name>(cachain_placement_number(placement, i, CACHAIN_PLACEMENT_STORE)),
                                cachain_placement_text(placement, i, CACHAIN_PLACEMENT_TEXT_THUMBPRINT));
        }
    }

    bool client_connects(int port) override {
        std::printf("   Windows' chain engine (CertGetCertificateChain + the SSL policy) on what 127.0.0.1:%d presents:\n",
                    port);
        const auto presented = presented_by(port);
        if (presented.empty()) {
            std::printf("   -> FAILED: no certificate from the server\n");
            return false;
        }
        const auto verdict = cachain::testing::ask_windows_chain_engine("pool1.schertz.lab", presented,
                                                                        cachain::testing::ChainEngine::LocalMachine);
        // "trusted" or "untrusted: ...", then the chain the engine built.
        const std::string& output = verdict.output;
        const std::size_t end_of_verdict = output.find('\n');
        std::printf("   -> %s%s\n", verdict.trusted ? "connected; " : "FAILED: ", output.substr(0, end_of_verdict).c_str());
        if (end_of_verdict != std::string::npos) std::printf("      %s", output.substr(end_of_verdict + 1).c_str());
        return verdict.trusted;
    }

private:
    // Exactly the (store, thumbprint) pairs the demo added: nothing that was
    // there before, nor anything added meanwhile by someone else.
    void remove_what_the_demo_placed() {
        if (store_ == nullptr || added_.empty()) return;
        std::vector<cachain_store_name> names;
        std::vector<const char*> thumbprints;
        for (const auto& [name, thumbprint] : added_) {
            names.push_back(name);
            thumbprints.push_back(thumbprint.c_str());
        }
        cachain_placement* removed = nullptr;
        if (cachain_unplace(store_, names.data(), thumbprints.data(), names.size(), 0, &removed) == CACHAIN_OK)
            std::printf("   Remove-CaChain: the %zu store entries the demo added are gone again\n", names.size());
        else std::printf("   ! removing what the demo placed failed: %s\n", cachain_last_error());
        cachain_placement_free(removed);
    }

    cachain_store* store_ = nullptr;
    std::vector<StoreEntry> added_;
};

}  // namespace

bool workstation_is_this_machine() { return true; }

std::unique_ptr<Workstation> make_workstation(const fs::path&, const std::string&, const cachain::testing::Issued&) {
    return std::make_unique<WindowsWorkstation>();
}
