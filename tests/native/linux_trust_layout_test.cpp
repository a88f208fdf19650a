// Which distribution's layout an image gets: read from the image (its
// os-release and its anchors folders), never from this machine's tools; and
// for an image whose own tool cannot run here, the files are placed and
// removed exactly, and the caller is told what to run inside the image.
#include <gtest/gtest.h>

#include <algorithm>

#include "certificate_parser.h"
#include "linux_system_trust.h"
#include "placement.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

class LinuxTrustLayoutTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    void image_with(const std::string& os_release, const char* anchors_folder) {
        fs::create_directories(image_ / "etc");
        if (!os_release.empty()) write_file(image_ / "etc/os-release", os_release);
        if (anchors_folder) fs::create_directories(image_ / anchors_folder);
    }

    std::vector<CertificatePtr> seed_cas() const { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }
    static std::string thumbprint(const Issued& issued) { return load(issued)->thumbprint(); }

    // Every file and link in the image, relative to it, sorted.
    std::vector<std::string> files_in_image() const {
        std::vector<std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(image_.path()))
            if (!entry.is_directory()) files.push_back(entry.path().lexically_relative(image_.path()).string());
        std::sort(files.begin(), files.end());
        return files;
    }

    std::string root() const { return image_.path().string(); }

    static std::vector<std::string> sorted(std::vector<std::string> files) {
        std::sort(files.begin(), files.end());
        return files;
    }

    static SeedPki* pki_;
    TempFolder image_;
};
SeedPki* LinuxTrustLayoutTest::pki_ = nullptr;

TEST_F(LinuxTrustLayoutTest, TakesRhelFromTheImagesOsReleaseAndLeavesItsToolToTheImage) {
    image_with("NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n", "etc/pki/ca-trust/source/anchors");
    const LinuxTrustLayout layout = detect_linux_trust_layout(image_.path());
    EXPECT_EQ(layout.distribution, "RHEL");
    EXPECT_EQ(layout.anchors, image_ / "etc/pki/ca-trust/source/anchors");
    EXPECT_EQ(layout.intermediates, image_ / "usr/local/share/cachain/intermediates");
    EXPECT_EQ(layout.bundle, image_ / "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
    EXPECT_EQ(layout.refresh, (std::vector<std::string>{"update-ca-trust", "extract"}));
    EXPECT_FALSE(layout.refresh_runs_here);
}

TEST_F(LinuxTrustLayoutTest, TakesSuseFromTheImagesOsRelease) {
    image_with("ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\n", "etc/pki/trust/anchors");
    const LinuxTrustLayout layout = detect_linux_trust_layout(image_.path());
    EXPECT_EQ(layout.distribution, "SUSE");
    EXPECT_EQ(layout.anchors, image_ / "etc/pki/trust/anchors");
    EXPECT_EQ(layout.bundle, image_ / "var/lib/ca-certificates/ca-bundle.pem");
    EXPECT_EQ(layout.refresh, std::vector<std::string>{"update-ca-certificates"});
    EXPECT_FALSE(layout.refresh_runs_here) << "this machine's update-ca-certificates is Debian's, not SUSE's";
}

TEST_F(LinuxTrustLayoutTest, TakesTheLayoutFromTheAnchorsFolderWhenThereIsNoOsRelease) {
    image_with("", "etc/pki/ca-trust/source/anchors");
    EXPECT_EQ(detect_linux_trust_layout(image_.path()).distribution, "RHEL");
}

TEST_F(LinuxTrustLayoutTest, RunsThisDebianMachinesToolForADebianImage) {
    image_with("PRETTY_NAME=\"Ubuntu 24.04 LTS\"\nID=ubuntu\nID_LIKE=debian\n", nullptr);
    const LinuxTrustLayout layout = detect_linux_trust_layout(image_.path());
    EXPECT_EQ(layout.distribution, "Debian");
    EXPECT_EQ(layout.anchors, image_ / "usr/local/share/ca-certificates/cachain");
    EXPECT_EQ(layout.bundle, image_ / "etc/ssl/certs/ca-certificates.crt");
    EXPECT_TRUE(layout.refresh_runs_here) << "the tests run on Debian, whose tool takes a system root";
}

TEST_F(LinuxTrustLayoutTest, PlacesIntoARhelImageAndSaysWhatToRunInsideIt) {
    image_with("ID=\"rhel\"\nID_LIKE=\"fedora\"\n", "etc/pki/ca-trust/source/anchors");
    const auto before = files_in_image();
    LinuxSystemTrust trust(detect_linux_trust_layout(image_.path()));
    const auto placed = place(trust, seed_cas(), {});
    for (const auto& result : placed) EXPECT_EQ(result.action, PlacementAction::Added);
    EXPECT_EQ(placed.at(0).location, root() + "/etc/pki/ca-trust/source/anchors");
    EXPECT_EQ(files_in_image(), sorted({"etc/os-release",
                                        "etc/pki/ca-trust/source/anchors/" + thumbprint(pki_->root) + ".crt",
                                        "usr/local/share/cachain/intermediates.pem",
                                        "usr/local/share/cachain/intermediates/" + thumbprint(pki_->issuing) + ".pem",
                                        "usr/local/share/cachain/intermediates/" + thumbprint(pki_->policy) + ".pem",
                                        "usr/local/share/cachain/intermediates/" + thumbprint(pki_->root) + ".pem"}));
    const std::string run_inside = root() + " is a RHEL image whose own tool cannot run from this machine: run "
                                   "'update-ca-trust extract' inside the image (for example: chroot " + root() +
                                   " update-ca-trust extract) so that its trust bundle reflects the change in " +
                                   root() + "/etc/pki/ca-trust/source/anchors";
    EXPECT_EQ(trust.take_warnings(), std::vector<std::string>{run_inside});
    EXPECT_TRUE(trust.take_warnings().empty()) << "taking the warnings clears them";

    std::vector<Removal> removals;
    for (const auto& result : placed) removals.push_back({result.store, result.thumbprint});
    LinuxSystemTrust again(detect_linux_trust_layout(image_.path()));
    for (const auto& result : unplace(again, removals, false)) EXPECT_EQ(result.action, PlacementAction::Removed);
    EXPECT_EQ(again.take_warnings(), std::vector<std::string>{run_inside});
    // Exactly what was added is gone; the intermediates file stays, empty (tools may be pointed at it).
    auto expected = before;
    expected.push_back("usr/local/share/cachain/intermediates.pem");
    EXPECT_EQ(files_in_image(), sorted(expected));
    EXPECT_EQ(read_file(image_ / "usr/local/share/cachain/intermediates.pem").size(), 0u);
}

TEST_F(LinuxTrustLayoutTest, PlacesIntoASuseImageAndSaysWhatToRunInsideIt) {
    image_with("NAME=\"SLES\"\nID=\"sles\"\nID_LIKE=\"suse\"\n", "etc/pki/trust/anchors");
    LinuxSystemTrust trust(detect_linux_trust_layout(image_.path()));
    const auto placed = place(trust, {load(pki_->root), load(pki_->policy)}, {});
    EXPECT_EQ(files_in_image(), sorted({"etc/os-release",
                                        "etc/pki/trust/anchors/" + thumbprint(pki_->root) + ".crt",
                                        "usr/local/share/cachain/intermediates.pem",
                                        "usr/local/share/cachain/intermediates/" + thumbprint(pki_->root) + ".pem",
                                        "usr/local/share/cachain/intermediates/" + thumbprint(pki_->policy) + ".pem"}));
    EXPECT_EQ(trust.take_warnings(),
              std::vector<std::string>{root() + " is a SUSE image whose own tool cannot run from this machine: run "
                                       "'update-ca-certificates' inside the image (for example: chroot " + root() +
                                       " update-ca-certificates) so that its trust bundle reflects the change in " +
                                       root() + "/etc/pki/trust/anchors"});
}

TEST_F(LinuxTrustLayoutTest, ADryRunOrAnIntermediateAloneNeedsNothingRunInsideTheImage) {
    image_with("ID=fedora\n", "etc/pki/ca-trust/source/anchors");
    LinuxSystemTrust trust(detect_linux_trust_layout(image_.path()));
    PlacementOptions dry_run;
    dry_run.dry_run = true;
    place(trust, seed_cas(), dry_run);
    EXPECT_TRUE(trust.take_warnings().empty());
    place(trust, {load(pki_->policy)}, {});  // the anchors are untouched: our own file is all that changed
    EXPECT_TRUE(trust.take_warnings().empty());
}

}  // namespace
}  // namespace cachain
