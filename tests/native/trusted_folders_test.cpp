// Issue 14: CaChain places trust only where no one else can add a
// certificate. Under umask 000 its folders used to come out 0777, so any
// local user could drop a .crt there and the next refresh made it a
// system-wide trusted root. Real folders, the real update-ca-certificates.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <iterator>
#include <map>

#include <gsl/gsl>

#include "certificate_parser.h"
#include "directory_store.h"
#include "linux_system_trust.h"
#include "placement.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

// "0755", or "link" for a symbolic link (its own mode means nothing).
std::string mode_of(const fs::path& path) {
    struct stat status {};
    if (lstat(path.c_str(), &status) != 0) return "missing";
    if (S_ISLNK(status.st_mode)) return "link";
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    return text;
}

// Every entry below folder, by its path relative to folder, with its mode.
std::map<std::string, std::string> modes_below(const fs::path& folder) {
    std::map<std::string, std::string> modes;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        modes[entry.path().lexically_relative(folder).string()] = mode_of(entry.path());
    return modes;
}

class TrustedFoldersTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }
    void SetUp() override { old_umask_ = umask(0022); }
    void TearDown() override { umask(old_umask_); }

    std::vector<CertificatePtr> seed_cas() const { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }
    std::string thumbprint(const Issued& issued) const { return load(issued)->thumbprint(); }

    // A Debian image with nothing in it yet: CaChain and the tool make every folder.
    LinuxTrustLayout empty_image(const fs::path& image) const {
        LinuxTrustLayout layout = detect_linux_trust_layout(image);
        EXPECT_TRUE(layout.refresh_runs_here) << "this test needs a Debian host with update-ca-certificates";
        return layout;
    }

    // What placing the seed's CAs into an empty image leaves there, every
    // folder 0755 and every file 0644 (the tool's links aside).
    std::map<std::string, std::string> expected_image() const {
        std::map<std::string, std::string> expected;
        for (const char* folder : {"etc", "etc/ssl", "etc/ssl/certs", "usr", "usr/share", "usr/share/ca-certificates",
                                   "usr/local", "usr/local/share", "usr/local/share/ca-certificates",
                                   "usr/local/share/ca-certificates/cachain", "usr/local/share/cachain",
                                   "usr/local/share/cachain/intermediates"})
            expected[folder] = "0755";
        const std::string root = thumbprint(pki_->root);
        expected["usr/local/share/ca-certificates/cachain/" + root + ".crt"] = "0644";
        for (const Issued* ca : {&pki_->root, &pki_->policy, &pki_->issuing})
            expected["usr/local/share/cachain/intermediates/" + thumbprint(*ca) + ".pem"] = "0644";
        expected["usr/local/share/cachain/intermediates.pem"] = "0644";
        expected["etc/ssl/certs/ca-certificates.crt"] = "0644";
        // The tool's own links: <thumbprint>.pem to our file, <subject hash>.0 to that.
        char hash[16];
        std::snprintf(hash, sizeof hash, "%08lx.0", load(pki_->root)->subject_hash());
        expected["etc/ssl/certs/" + root + ".pem"] = "link";
        expected["etc/ssl/certs/" + std::string(hash)] = "link";
        return expected;
    }

    // The failure place() throws, as the user reads it.
    static std::string refusal(TrustStore& store, const std::vector<CertificatePtr>& cas, cachain_status* status) {
        try {
            place(store, cas, {});
        } catch (const Failure& failure) {
            *status = failure.status();
            return failure.what();
        }
        return "placed without a complaint";
    }

    static SeedPki* pki_;
    mode_t old_umask_ = 0;
};
SeedPki* TrustedFoldersTest::pki_ = nullptr;

TEST_F(TrustedFoldersTest, SystemTrustFoldersAre0755AndFiles0644WhateverTheUmask) {
    for (const mode_t mask : {0000, 0077}) {
        const TempFolder image;
        umask(mask);
        LinuxSystemTrust trust(empty_image(image.path()));
        place(trust, seed_cas(), {});
        umask(0022);
        EXPECT_EQ(modes_below(image.path()), expected_image()) << "under umask " << std::oct << mask;
    }
}

TEST_F(TrustedFoldersTest, DirectoryStoreFoldersAre0755AndFiles0644WhateverTheUmask) {
    for (const mode_t mask : {0000, 0077}) {
        const TempFolder parent;
        umask(mask);
        DirectoryStore store(parent / "store");
        place(store, seed_cas(), {});
        umask(0022);
        std::map<std::string, std::string> expected = {{"store", "0755"}, {"store/Root", "0755"}, {"store/CA", "0755"}};
        for (const auto& entry : fs::recursive_directory_iterator(parent.path())) {
            if (entry.is_regular_file()) expected[entry.path().lexically_relative(parent.path()).string()] = "0644";
        }
        EXPECT_EQ(expected.size(), 7u) << "one root in Root, three CAs in CA";
        EXPECT_EQ(modes_below(parent.path()), expected) << "under umask " << std::oct << mask;
    }
}

TEST_F(TrustedFoldersTest, RefusesAFolderOthersCanWriteAnywhereAboveTheTrust) {
    const TempFolder base;
    const fs::path image = base / "image";
    fs::create_directories(image);
    fs::permissions(base.path(), fs::perms::all);  // 0777, as umask 000 made it
    LinuxSystemTrust trust(empty_image(image));
    cachain_status status = CACHAIN_OK;
    EXPECT_EQ(refusal(trust, seed_cas(), &status),
              base.path().string() +
                  ": is writable by other users (mode 0777); CaChain will not place trust there; nothing was changed");
    EXPECT_EQ(status, CACHAIN_E_REFUSED);
    EXPECT_TRUE(fs::is_empty(image)) << "something was placed";

    DirectoryStore store(base / "store");
    EXPECT_EQ(refusal(store, seed_cas(), &status),
              base.path().string() +
                  ": is writable by other users (mode 0777); CaChain will not place trust there; nothing was changed");
    EXPECT_FALSE(fs::exists(base / "store"));
}

TEST_F(TrustedFoldersTest, RefusesAFolderOwnedByAnotherUser) {
    ASSERT_EQ(geteuid(), 0u) << "this test needs root, to give a folder to the user nobody (65534)";
    const TempFolder image;
    fs::create_directories(image / "usr/local/share");
    ASSERT_EQ(chown((image / "usr/local").c_str(), 65534, 65534), 0);
    LinuxSystemTrust trust(empty_image(image.path()));
    cachain_status status = CACHAIN_OK;
    EXPECT_EQ(refusal(trust, seed_cas(), &status),
              (image / "usr/local").string() +
                  ": is owned by another user (uid 65534), who could add a certificate to it; CaChain will not place "
                  "trust there; nothing was changed");
    EXPECT_EQ(status, CACHAIN_E_REFUSED);
    EXPECT_TRUE(fs::is_empty(image / "usr/local/share")) << "something was placed";
}

TEST_F(TrustedFoldersTest, RefusesASymbolicLinkPlantedWhereItsFolderShouldBe) {
    const TempFolder image, elsewhere;
    fs::create_directories(image / "usr/local/share/ca-certificates");
    fs::create_directory_symlink(elsewhere.path(), image / "usr/local/share/ca-certificates/cachain");
    LinuxSystemTrust trust(empty_image(image.path()));
    cachain_status status = CACHAIN_OK;
    EXPECT_EQ(refusal(trust, seed_cas(), &status),
              (image / "usr/local/share/ca-certificates/cachain").string() +
                  ": a symbolic link stands where CaChain's folder should be; CaChain will not place trust through "
                  "it; nothing was changed");
    EXPECT_EQ(status, CACHAIN_E_REFUSED);
    EXPECT_TRUE(fs::is_empty(elsewhere.path())) << "a certificate was placed through the link";

    const TempFolder store;
    fs::create_directory_symlink(elsewhere.path(), store / "Root");
    DirectoryStore directory(store.path());
    EXPECT_EQ(refusal(directory, seed_cas(), &status),
              (store / "Root").string() +
                  ": a symbolic link stands where CaChain's folder should be; CaChain will not place trust through "
                  "it; nothing was changed");
    EXPECT_TRUE(fs::is_empty(elsewhere.path())) << "a certificate was placed through the link";
}

TEST_F(TrustedFoldersTest, RemovesFromAnUnsafeFolderButNeverThroughALink) {
    // Removal deletes only CaChain's own files, so an unsafe folder does not
    // stop it; a link would make it delete files somewhere else.
    const TempFolder base;
    DirectoryStore store(base / "store");
    const auto placed = place(store, seed_cas(), {});
    std::vector<Removal> removals;
    for (const auto& result : placed) removals.push_back({result.store, result.thumbprint});
    fs::permissions(base / "store", fs::perms::all);
    DirectoryStore unsafe(base / "store");
    for (const auto& result : unplace(unsafe, removals, false)) EXPECT_EQ(result.action, PlacementAction::Removed);

    fs::permissions(base / "store", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec);
    DirectoryStore fresh(base / "store");
    place(fresh, seed_cas(), {});
    fs::rename(base / "store/Root", base / "real-root");
    fs::create_directory_symlink(base / "real-root", base / "store/Root");
    DirectoryStore linked(base / "store");
    try {
        unplace(linked, {{StoreKind::Root, thumbprint(pki_->root)}}, false);
        ADD_FAILURE() << "removed through a link";
    } catch (const Failure& failure) {
        EXPECT_EQ(std::string(failure.what()),
                  (base / "store/Root").string() +
                      ": a symbolic link stands where CaChain's folder should be; CaChain will not remove "
                      "certificates through it; nothing was changed");
        EXPECT_EQ(failure.status(), CACHAIN_E_REFUSED);
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(base / "real-root"), fs::directory_iterator{}), 1);
}

TEST_F(TrustedFoldersTest, AcceptsTheRootOwnedStickyTmp) {
    // Everyone can write to /tmp, but its sticky bit keeps them from
    // replacing or removing what is ours there.
    ASSERT_EQ(mode_of("/tmp"), "1777") << "this test needs /tmp as the system makes it";
    struct stat status {};
    ASSERT_EQ(stat("/tmp", &status), 0);
    ASSERT_EQ(status.st_uid, 0u) << "this test needs /tmp owned by root";
    const fs::path folder = "/tmp/cachain-sticky-" + std::to_string(getpid()) + "-" + thumbprint(pki_->root).substr(0, 8);
    const auto remove_folder = gsl::finally([&] { std::error_code ignored; fs::remove_all(folder, ignored); });
    DirectoryStore store(folder);
    for (const auto& result : place(store, seed_cas(), {})) EXPECT_EQ(result.action, PlacementAction::Added);
}

}  // namespace
}  // namespace cachain
