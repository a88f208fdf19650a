// The Linux system trust, with the real update-ca-certificates pointed at a
// temporary system root, proven by real OpenSSL clients.
#include <gtest/gtest.h>

#include "background_process.h"
#include "certificate_parser.h"
#include "debian_system_root.h"
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

// A Debian-shaped system root that already trusts one unrelated,
// distribution-shipped root, as a real machine would.
class LinuxSystemTrustTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        pki_ = new SeedPki(make_seed_pki());
        distro_root_ = new Issued(self_signed(ca_spec("DistributionShippedRoot")));
    }
    static void TearDownTestSuite() {
        delete pki_;
        delete distro_root_;
    }

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(make_debian_system_root(root_.path(), {distro_root_}));
        write_file(root_ / "server.pem", pki_->server.pem());
        write_file(root_ / "server.key", key_pem(pki_->server));
        write_file(root_ / "sent-chain.pem", pem_of({&pki_->issuing, &pki_->policy}));
    }

    fs::path bundle() const { return root_ / "etc/ssl/certs/ca-certificates.crt"; }
    fs::path intermediates() const { return root_ / "usr/local/share/cachain/intermediates.pem"; }

    std::vector<CertificatePtr> seed_cas() const { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }

    ProcessResult openssl_verify() const {
        return run_process({"openssl", "verify", "-CAfile", bundle().string(), "-untrusted",
                            (root_ / "sent-chain.pem").string(), (root_ / "server.pem").string()});
    }

    // A real TLS handshake against a real server presenting the seed's chain.
    ProcessResult s_client_handshake(int port) const {
        return run_process({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(port), "-servername",
                            "pool1.schertz.lab", "-CAfile", bundle().string(), "-verify_return_error", "-brief"});
    }

    static SeedPki* pki_;
    static Issued* distro_root_;
    TempFolder root_;
};
SeedPki* LinuxSystemTrustTest::pki_ = nullptr;
Issued* LinuxSystemTrustTest::distro_root_ = nullptr;

TEST_F(LinuxSystemTrustTest, MakesAnUntrustedChainTrustedForOpensslAndUndoesItExactly) {
    EXPECT_NE(openssl_verify().exit_code, 0) << "trusted before placement?";

    LinuxSystemTrust trust(debian_layout(root_.path()));
    const auto placed = place(trust, seed_cas(), {});
    for (const auto& result : placed) EXPECT_EQ(result.action, PlacementAction::Added);
    const auto verified = openssl_verify();
    EXPECT_EQ(verified.exit_code, 0) << verified.output;

    std::vector<Removal> removals;
    for (const auto& r : placed) removals.push_back({r.store, r.thumbprint});
    LinuxSystemTrust again(debian_layout(root_.path()));
    const auto removed = unplace(again, removals, false);
    for (const auto& result : removed) EXPECT_EQ(result.action, PlacementAction::Removed);
    EXPECT_NE(openssl_verify().exit_code, 0) << "still trusted after removal";
    EXPECT_TRUE(again.contains(StoreKind::Root, load(*distro_root_)->thumbprint())) << "the distribution's root was touched";
}

TEST_F(LinuxSystemTrustTest, AnSClientHandshakeFailsBeforePlacementAndSucceedsAfter) {
    const int port = free_loopback_port();
    BackgroundProcess server({"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
                              (root_ / "server.pem").string(), "-key", (root_ / "server.key").string(), "-cert_chain",
                              (root_ / "sent-chain.pem").string(), "-quiet"});
    ASSERT_TRUE(wait_for_port(port, 5000)) << "openssl s_server did not start";

    const auto before = s_client_handshake(port);
    EXPECT_NE(before.exit_code, 0) << before.output;
    EXPECT_NE(before.output.find("unable to get local issuer certificate"), std::string::npos) << before.output;

    LinuxSystemTrust trust(debian_layout(root_.path()));
    place(trust, seed_cas(), {});
    const auto after = s_client_handshake(port);
    EXPECT_EQ(after.exit_code, 0) << after.output;
}

TEST_F(LinuxSystemTrustTest, WritesRootsAsPemCrtAndKeepsIntermediatesOutOfTheAnchors) {
    LinuxSystemTrust trust(debian_layout(root_.path()));
    place(trust, seed_cas(), {});
    const auto root_file = root_ / "usr/local/share/ca-certificates/cachain" / (load(pki_->root)->thumbprint() + ".crt");
    const auto bytes = read_file(root_file);
    EXPECT_EQ(std::string(bytes.begin(), bytes.end()).rfind("-----BEGIN CERTIFICATE-----", 0), 0u);

    const auto anchors = parse_certificates(read_file(bundle()), "bundle", nullptr);
    EXPECT_EQ(anchors.size(), 2u);  // the distribution's root and ours, no intermediate
    const auto chain = parse_certificates(read_file(intermediates()), "intermediates", nullptr);
    EXPECT_EQ(chain.size(), 3u);    // the seed layout: the root and both subordinates
}

TEST_F(LinuxSystemTrustTest, ReportsAlreadyPresentOnASecondRun) {
    LinuxSystemTrust trust(debian_layout(root_.path()));
    place(trust, seed_cas(), {});
    LinuxSystemTrust again(debian_layout(root_.path()));
    for (const auto& result : place(again, seed_cas(), {})) EXPECT_EQ(result.action, PlacementAction::AlreadyPresent);
}

TEST_F(LinuxSystemTrustTest, ChecksTheBundleNotJustTheExitCodeAndRollsBack) {
    // update-ca-certificates prints its usage and exits 0 on an unknown
    // option: the placement must notice nothing was trusted, and undo.
    LinuxTrustLayout broken = debian_layout(root_.path());
    broken.refresh = {"update-ca-certificates", "--an-option-this-version-lacks"};
    LinuxSystemTrust trust(broken);
    try {
        place(trust, seed_cas(), {});
        FAIL() << "an ineffective refresh was taken for success";
    } catch (const Failure& failure) {
        EXPECT_NE(std::string(failure.what()).find("is not in"), std::string::npos) << failure.what();
    }
    EXPECT_FALSE(fs::exists(root_ / "usr/local/share/ca-certificates/cachain" / (load(pki_->root)->thumbprint() + ".crt")));
    EXPECT_NE(openssl_verify().exit_code, 0);
}

TEST_F(LinuxSystemTrustTest, PutsBackARemovalTheRefreshDidNotCarryOut) {
    LinuxSystemTrust trust(debian_layout(root_.path()));
    const auto placed = place(trust, seed_cas(), {});
    LinuxTrustLayout broken = debian_layout(root_.path());
    broken.refresh_after_removal = {"update-ca-certificates", "--an-option-this-version-lacks"};
    LinuxSystemTrust again(broken);
    try {
        unplace(again, {{StoreKind::Root, placed.at(0).thumbprint}}, false);
        FAIL() << "an ineffective refresh was taken for success";
    } catch (const Failure& failure) {
        const std::string message = failure.what();
        EXPECT_NE(message.find("is still in"), std::string::npos) << message;
        EXPECT_NE(message.find("; the 1 change(s) made before it were undone"), std::string::npos) << message;
    }
    EXPECT_TRUE(fs::exists(root_ / "usr/local/share/ca-certificates/cachain" / (placed.at(0).thumbprint + ".crt")));
    EXPECT_EQ(openssl_verify().exit_code, 0) << "the root is no longer trusted after the rollback";
}

TEST_F(LinuxSystemTrustTest, ListsTheTrustedRootsForTestCaChain) {
    LinuxSystemTrust trust(debian_layout(root_.path()));
    EXPECT_EQ(trust.list(StoreKind::Root).size(), 1u);
    place(trust, seed_cas(), {});
    EXPECT_EQ(trust.list(StoreKind::Root).size(), 2u);
    EXPECT_EQ(trust.list(StoreKind::CA).size(), 3u);
}

TEST_F(LinuxSystemTrustTest, EmptiesTheIntermediatesFileWhenTheLastIntermediateIsRemoved) {
    write_file(root_ / "root.pem", pki_->root.pem());
    const auto verify_with_our_intermediates = [&] {
        return run_process({"openssl", "verify", "-CAfile", (root_ / "root.pem").string(), "-untrusted",
                            intermediates().string(), (root_ / "server.pem").string()});
    };
    LinuxSystemTrust trust(debian_layout(root_.path()));
    const auto placed = place(trust, seed_cas(), {});
    ASSERT_EQ(verify_with_our_intermediates().exit_code, 0) << verify_with_our_intermediates().output;

    std::vector<Removal> removals;
    for (const auto& r : placed) removals.push_back({r.store, r.thumbprint});
    LinuxSystemTrust again(debian_layout(root_.path()));
    unplace(again, removals, false);
    EXPECT_TRUE(fs::is_empty(root_ / "usr/local/share/cachain/intermediates"));
    EXPECT_TRUE(fs::exists(intermediates())) << "a path tools were pointed at disappeared";
    EXPECT_EQ(read_file(intermediates()).size(), 0u) << "the removed intermediates are still offered";
    EXPECT_NE(verify_with_our_intermediates().exit_code, 0);
}

TEST(LinuxSystemTrustEmptyImage, RemovesTheImagesOnlyTrustedRootAndLeavesAnEmptyBundle) {
    // Debian's tool keeps the old bundle when no certificate is left: the
    // removal must still take our root out of it.
    const TempFolder image;
    const SeedPki pki = make_seed_pki();
    const std::vector<CertificatePtr> cas = {load(pki.root), load(pki.policy), load(pki.issuing)};
    LinuxSystemTrust trust(detect_linux_trust_layout(image.path()));
    const auto placed = place(trust, cas, {});
    const fs::path bundle = image / "etc/ssl/certs/ca-certificates.crt";
    ASSERT_EQ(parse_certificates(read_file(bundle), "bundle", nullptr).size(), 1u);

    std::vector<Removal> removals;
    for (const auto& r : placed) removals.push_back({r.store, r.thumbprint});
    LinuxSystemTrust again(detect_linux_trust_layout(image.path()));
    const auto removed = unplace(again, removals, false);
    for (const auto& result : removed) EXPECT_EQ(result.action, PlacementAction::Removed);
    EXPECT_TRUE(fs::exists(bundle));
    EXPECT_EQ(read_file(bundle).size(), 0u) << "the removed root is still trusted";
    std::vector<std::string> left_in_certs;
    for (const auto& entry : fs::directory_iterator(image / "etc/ssl/certs")) left_in_certs.push_back(entry.path().filename().string());
    EXPECT_EQ(left_in_certs, std::vector<std::string>{"ca-certificates.crt"}) << "a link to the removed root is left";
}

TEST_F(LinuxSystemTrustTest, LinksIntoTheImageAreRelativeSoTheTrustSurvivesMovingIt) {
    LinuxSystemTrust trust(debian_layout(root_.path()));
    place(trust, seed_cas(), {});
    const std::string root_thumbprint = load(pki_->root)->thumbprint();
    EXPECT_EQ(fs::read_symlink(root_ / "etc/ssl/certs" / (root_thumbprint + ".pem")),
              fs::path("../../../usr/local/share/ca-certificates/cachain") / (root_thumbprint + ".crt"));

    // Moved (as an image is, before it boots), the image still trusts the chain by its own links.
    const fs::path moved = root_.path().string() + "-moved";
    fs::rename(root_.path(), moved);
    const auto verified = run_process({"openssl", "verify", "-CApath", (moved / "etc/ssl/certs").string(), "-untrusted",
                                       (moved / "usr/local/share/cachain/intermediates.pem").string(),
                                       (moved / "server.pem").string()});
    fs::rename(moved, root_.path());
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    for (const auto& entry : fs::directory_iterator(root_ / "etc/ssl/certs")) {
        if (entry.is_symlink()) {
            EXPECT_TRUE(fs::read_symlink(entry.path()).is_relative()) << entry.path();
        }
    }
}

TEST_F(LinuxSystemTrustTest, DetectsDebianUnderASystemRoot) {
    const LinuxTrustLayout layout = detect_linux_trust_layout(root_.path());
    EXPECT_EQ(layout.distribution, "Debian");
    EXPECT_EQ(layout.anchors, root_ / "usr/local/share/ca-certificates/cachain");
}

}  // namespace
}  // namespace cachain
