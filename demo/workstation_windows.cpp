// The Windows workstation: this machine's LocalMachine stores, the seed's
// fix, and Windows' own chain engine as the TLS client's judge (asked in a
// fresh process each time, as a new connection would). Whatever the demo
// places is removed again when the workstation goes away, by exact
// (store, thumbprint) pairs, so the machine is left as the demo found it.
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "windows_chain_engine.h"
#include "workstation.h"

namespace fs = std::filesystem;

namespace {

using StoreEntry = std::pair<cachain_store_name, std::string>;  // (Root or CA, thumbprint)

std::set<StoreEntry> entries_of(cachain_store* store) {
    std::set<StoreEntry> entries;
    for (const cachain_store_name name : {CACHAIN_STORE_ROOT, CACHAIN_STORE_CA}) {
        cachain_set* listed = nullptr;
        if (cachain_store_list(store, name, &listed) != CACHAIN_OK) continue;
        for (size_t i = 0; i < cachain_set_count(listed); ++i)
            entries.emplace(name, cachain_cert_text(cachain_set_cert(listed, i), CACHAIN_TEXT_THUMBPRINT));
        cachain_set_free(listed);
    }
    return entries;
}

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
        else before_ = entries_of(store_);
    }
    ~WindowsWorkstation() override {
        remove_what_the_demo_placed();
        cachain_store_free(store_);
    }

    std::string description() const override {
        return "this machine's LocalMachine\\Root and LocalMachine\\CA; the demo removes what it places";
    }
    cachain_store* store() override { return store_; }

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
    void remove_what_the_demo_placed() {
        if (store_ == nullptr) return;
        std::vector<cachain_store_name> names;
        std::vector<std::string> thumbprints;
        for (const auto& entry : entries_of(store_)) {
            if (before_.count(entry)) continue;
            names.push_back(entry.first);
            thumbprints.push_back(entry.second);
        }
        if (names.empty()) return;
        std::vector<const char*> pointers;
        for (const auto& thumbprint : thumbprints) pointers.push_back(thumbprint.c_str());
        cachain_placement* removed = nullptr;
        if (cachain_unplace(store_, names.data(), pointers.data(), names.size(), 0, &removed) == CACHAIN_OK)
            std::printf("   Remove-CaChain: the %zu store entries the demo added are gone again\n", names.size());
        else std::printf("   ! removing what the demo placed failed: %s\n", cachain_last_error());
        cachain_placement_free(removed);
    }

    cachain_store* store_ = nullptr;
    std::set<StoreEntry> before_;
};

}  // namespace

std::unique_ptr<Workstation> make_workstation(const fs::path&, const std::string&, const cachain::testing::Issued&) {
    return std::make_unique<WindowsWorkstation>();
}
