// Issue 14: the system trust tools run as root, so they must be the
// system's own and must not inherit the caller's environment: a folder of
// the caller's first on PATH, or an LD_PRELOAD, would otherwise run the
// caller's code as root. The real update-ca-certificates, pointed at a
// temporary image, with a hook of the image's own that records what the
// tool was given.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <sys/stat.h>

#include <optional>
#include <set>
#include <sstream>

#include "certificate_parser.h"
#include "placement.h"
#include "stores/linux_system_trust.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

void write_script(const fs::path& path, const std::string& text) {
    write_file(path, text);
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
}

// Sets an environment variable for one test, and puts back what was there.
class ScopedVariable {
public:
    ScopedVariable(const char* name, const std::string& value) : name_(name) {
        if (const char* old = getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedVariable() {
        if (old_) setenv(name_, old_->c_str(), 1);
        else unsetenv(name_);
    }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

std::set<std::string> lines_of(const fs::path& path) {
    const auto bytes = read_file(path);
    std::istringstream text(std::string(bytes.begin(), bytes.end()));
    std::set<std::string> lines;
    for (std::string line; std::getline(text, line);) lines.insert(line);
    return lines;
}

class SystemToolsTest : public ::testing::Test {
protected:
    void SetUp() override {
        pki_ = std::make_unique<SeedPki>(make_seed_pki());
        layout_ = detect_linux_trust_layout(image_.path());
        ASSERT_TRUE(layout_.refresh_runs_here) << "this test needs a Debian host with update-ca-certificates";
    }

    bool bundle_trusts_the_root() const {
        const fs::path bundle = image_ / "etc/ssl/certs/ca-certificates.crt";
        if (!fs::exists(bundle)) return false;
        for (const auto& cert : parse_certificates(read_file(bundle), "bundle", nullptr))
            if (cert->thumbprint() == load(pki_->root)->thumbprint()) return true;
        return false;
    }

    std::unique_ptr<SeedPki> pki_;
    TempFolder image_, callers_folder_;
    LinuxTrustLayout layout_;
};

TEST_F(SystemToolsTest, RunsTheSystemsOwnToolNotALookAlikeFirstOnTheCallersPath) {
    const fs::path marker = callers_folder_ / "look-alike-ran";
    write_script(callers_folder_ / "update-ca-certificates", "#!/bin/sh\ntouch '" + marker.string() + "'\n");
    const ScopedVariable path("PATH", callers_folder_.path().string() + ":" + getenv("PATH"));
    LinuxSystemTrust trust(layout_);
    for (const auto& result : place(trust, {load(pki_->root)}, {})) EXPECT_EQ(result.action, PlacementAction::Added);
    EXPECT_FALSE(fs::exists(marker)) << "the caller's look-alike ran";
    EXPECT_TRUE(bundle_trusts_the_root()) << "the system's own tool did not run";
}

TEST_F(SystemToolsTest, GivesTheToolAFixedPathAndNoneOfTheCallersVariables) {
    // The image's own hook, which the real tool runs, records the
    // environment the tool was given.
    const fs::path recorded = callers_folder_ / "environment";
    fs::create_directories(image_ / "etc/ca-certificates/update.d");
    write_script(image_ / "etc/ca-certificates/update.d/record-environment",
                 "#!/bin/sh\nenv > '" + recorded.string() + "'\n");
    const ScopedVariable preload("LD_PRELOAD", "/nonexistent/libcachain-hostile.so");
    const ScopedVariable libraries("LD_LIBRARY_PATH", callers_folder_.path().string());
    const ScopedVariable hostile("CACHAIN_HOSTILE_VARIABLE", "1");
    const ScopedVariable path("PATH", callers_folder_.path().string() + ":" + getenv("PATH"));
    LinuxSystemTrust trust(layout_);
    for (const auto& result : place(trust, {load(pki_->root)}, {})) EXPECT_EQ(result.action, PlacementAction::Added);
    ASSERT_TRUE(fs::exists(recorded)) << "the tool did not run the image's hook";
    const auto environment = lines_of(recorded);
    std::set<std::string> names;
    for (const auto& line : environment) names.insert(line.substr(0, line.find('=')));
    EXPECT_TRUE(environment.count("PATH=/usr/sbin:/usr/bin:/sbin:/bin")) << "PATH was not the fixed one";
    EXPECT_TRUE(environment.count("LANG=C"));
    // The rest is what the tool's own shell sets when it changes folder.
    EXPECT_EQ(names, (std::set<std::string>{"LANG", "OLDPWD", "PATH", "PWD"}));
    EXPECT_TRUE(bundle_trusts_the_root());
}

}  // namespace
}  // namespace cachain
