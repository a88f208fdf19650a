// Issue 14: the system trust tools run as root, so they must be the
// system's own and must not inherit the caller's environment: a folder of
// the caller's first on PATH, or an LD_PRELOAD, would otherwise run the
// caller's code as root. The real update-ca-certificates, pointed at a
// temporary image; the environment as the system's own env prints it. An
// image's own hooks never run from here either.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "certificate_parser.h"
#include "environment_for_the_test.h"
#include "linux_system_trust.h"
#include "placement.h"
#include "process_runner.h"
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
    const EnvironmentForTheTest path({{"PATH", callers_folder_.path().string() + ":" + getenv("PATH")}});
    LinuxSystemTrust trust(layout_);
    for (const auto& result : place(trust, {load(pki_->root)}, {})) EXPECT_EQ(result.action, PlacementAction::Added);
    EXPECT_FALSE(fs::exists(marker)) << "the caller's look-alike ran";
    EXPECT_TRUE(bundle_trusts_the_root()) << "the system's own tool did not run";
}

TEST_F(SystemToolsTest, GivesTheToolAFixedPathAndNoneOfTheCallersVariables) {
    // The system's own env, run as the trust tools are, prints exactly what
    // it was given. A preloaded library that was passed on would also make
    // the loader complain on its output (it does not exist).
    const EnvironmentForTheTest hostile({{"LD_PRELOAD", "/nonexistent/libcachain-hostile.so"},
                                         {"LD_LIBRARY_PATH", callers_folder_.path().string()},
                                         {"CACHAIN_HOSTILE_VARIABLE", "1"},
                                         {"PATH", callers_folder_.path().string() + ":" + getenv("PATH")}});
    const ProcessResult result = run_system_tool({"env"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.output, "PATH=/usr/sbin:/usr/bin:/sbin:/bin\nLANG=C\n");
}

TEST_F(SystemToolsTest, NamesTheFoldersItLookedInForAToolThatIsInNoneOfThem) {
    // A tool only on the caller's PATH is not a system tool.
    write_script(callers_folder_ / "cachain-no-such-system-tool", "#!/bin/sh\nexit 0\n");
    const EnvironmentForTheTest path({{"PATH", callers_folder_.path().string() + ":" + getenv("PATH")}});
    const ProcessResult result = run_system_tool({"cachain-no-such-system-tool"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_EQ(result.output, "cachain-no-such-system-tool is not in /usr/sbin, /usr/bin, /sbin or /bin");
}

TEST_F(SystemToolsTest, NeverRunsAnImagesOwnUpdateHooksAndNamesThem) {
    // A hook is the image's program: run from here, it would run as root on
    // this machine.
    const fs::path marker = callers_folder_ / "image-hook-ran";
    const fs::path hooks = image_ / "etc/ca-certificates/update.d";
    fs::create_directories(hooks);
    write_script(hooks / "jks-keystore", "#!/bin/sh\ntouch '" + marker.string() + "'\n");
    LinuxSystemTrust trust(layout_);
    for (const auto& result : place(trust, {load(pki_->root)}, {})) EXPECT_EQ(result.action, PlacementAction::Added);
    EXPECT_FALSE(fs::exists(marker)) << "the image's hook ran on this machine";
    EXPECT_TRUE(bundle_trusts_the_root());
    const std::string root = image_.path().string();
    EXPECT_EQ(trust.take_warnings(),
              std::vector<std::string>{root + "'s own update hooks in " + root +
                                       "/etc/ca-certificates/update.d (jks-keystore) were not run: they are the "
                                       "image's programs, which must not run as root on this machine; run "
                                       "'update-ca-certificates' inside the image to run them (for example: chroot " +
                                       root + " update-ca-certificates)"});
}

TEST_F(SystemToolsTest, SaysNothingOfHooksWhenTheImageHasNone) {
    LinuxSystemTrust trust(layout_);
    for (const auto& result : place(trust, {load(pki_->root)}, {})) EXPECT_EQ(result.action, PlacementAction::Added);
    EXPECT_TRUE(bundle_trusts_the_root());
    EXPECT_EQ(trust.take_warnings(), std::vector<std::string>{});
}

}  // namespace
}  // namespace cachain
