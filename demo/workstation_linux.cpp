// The Linux workstation: a Debian-shaped system root in a folder, so the real
// update-ca-certificates runs without touching this machine's trust, and
// OpenSSL's s_client trusting only that root's bundle.
#include <cstdio>
#include <cstdlib>

#include "workstation.h"

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

class LinuxWorkstation : public Workstation {
public:
    LinuxWorkstation(const fs::path& root, const cachain::testing::Issued& public_root) : root_(root) {
        for (const char* folder : {"etc/ssl/certs", "usr/share/ca-certificates/public", "usr/local/share/ca-certificates"})
            fs::create_directories(root / folder);
        cachain::testing::write_file(root / "usr/share/ca-certificates/public/PublicRootCA.crt", public_root.pem());
        cachain::testing::write_file(root / "etc/ca-certificates.conf", std::string("public/PublicRootCA.crt\n"));
        const std::string refresh = "update-ca-certificates --certsconf " + quoted(root / "etc/ca-certificates.conf") +
                                    " --certsdir " + quoted(root / "usr/share/ca-certificates") + " --localcertsdir " +
                                    quoted(root / "usr/local/share/ca-certificates") + " --etccertsdir " +
                                    quoted(root / "etc/ssl/certs") + " --hooksdir " + quoted(root / "hooks") +
                                    " >/dev/null 2>&1";
        if (std::system(refresh.c_str()) != 0) std::printf("   ! update-ca-certificates failed\n");
        if (cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, root.c_str(), &store_) != CACHAIN_OK)
            std::printf("   ! opening the workstation's trust failed: %s\n", cachain_last_error());
    }
    ~LinuxWorkstation() override { cachain_store_free(store_); }

    std::string description() const override { return "its system trust: " + root_.string(); }
    cachain_store* store() override { return store_; }

    // A real TLS client: OpenSSL's s_client, trusting only the workstation's bundle.
    bool client_connects(int port) override {
        const std::string command = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                                    " -servername pool1.schertz.lab -verify_return_error -brief -CAfile " +
                                    quoted(root_ / "etc/ssl/certs/ca-certificates.crt") + " </dev/null 2>&1";
        std::string output;
        FILE* pipe = popen(command.c_str(), "r");
        if (!pipe) return false;
        char line[512];
        while (std::fgets(line, sizeof line, pipe)) output += line;
        const bool connected = pclose(pipe) == 0;
        auto error = output.find("verify error");
        if (error == std::string::npos) error = output.find("error");
        std::printf("   $ openssl s_client -connect pool1.schertz.lab:%d -verify_return_error ...\n", port);
        if (connected) std::printf("   -> connected; the chain verified\n");
        else
            std::printf("   -> FAILED: %s", error == std::string::npos
                                                  ? "handshake failed\n"
                                                  : output.substr(error, output.find('\n', error) - error + 1).c_str());
        return connected;
    }

private:
    fs::path root_;
    cachain_store* store_ = nullptr;
};

}  // namespace

bool workstation_is_this_machine() { return false; }

std::unique_ptr<Workstation> make_workstation(const fs::path& work, const std::string& name,
                                              const cachain::testing::Issued& public_root) {
    return std::make_unique<LinuxWorkstation>(work / name, public_root);
}
