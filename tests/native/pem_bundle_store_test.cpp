// The PEM bundle store: CaChain's marked blocks in a file it shares with
// others, whose lines it keeps byte for byte; placing, removing and judging
// trust through the same rule and transaction as every store.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "pem_bundle_store.h"
#include "placement.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

class PemBundleStoreTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    static std::vector<CertificatePtr> seed_cas() { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }

    static std::vector<Removal> removals_of(const std::vector<PlacementResult>& placed) {
        std::vector<Removal> removals;
        for (const auto& result : placed)
            if (result.action == PlacementAction::Added) removals.push_back({result.store, result.thumbprint});
        return removals;
    }

    // "<common name> <Root|CA> <action>" per result.
    static std::vector<std::string> summary(const std::vector<PlacementResult>& results) {
        std::vector<std::string> lines;
        for (const auto& r : results)
            lines.push_back((r.certificate ? r.certificate->common_name() : r.thumbprint) + " " + store_kind_name(r.store) +
                            " " + std::to_string(static_cast<int>(r.action)));
        return lines;
    }

    static SeedPki* pki_;
    TempFolder folder_;
    fs::path file_ = folder_.path() / "ca-bundle.pem";
};
SeedPki* PemBundleStoreTest::pki_ = nullptr;

TEST_F(PemBundleStoreTest, PutsEachCaInOnceUnderAMarkerThatNamesItsStoreAndThumbprint) {
    PemBundleStore store(file_);
    const auto placed = place(store, seed_cas(), {});
    EXPECT_EQ(summary(placed), (std::vector<std::string>{"SchertzLabRootCA Root 0", "SchertzLabPolicyCA CA 0",
                                                         "SchertzLabIssuingCA CA 0"}));
    const auto root = load(pki_->root), policy = load(pki_->policy), issuing = load(pki_->issuing);
    EXPECT_EQ(read_text(file_), "# CaChain Root " + root->thumbprint() + "\n" + pki_->root.pem() +
                                    "# CaChain CA " + policy->thumbprint() + "\n" + pki_->policy.pem() +
                                    "# CaChain CA " + issuing->thumbprint() + "\n" + pki_->issuing.pem());
    // A second run, by a new store reading the file, finds them all.
    PemBundleStore again(file_);
    EXPECT_EQ(summary(place(again, seed_cas(), {})),
              (std::vector<std::string>{"SchertzLabRootCA Root 1", "SchertzLabPolicyCA CA 1", "SchertzLabIssuingCA CA 1"}));
}

TEST_F(PemBundleStoreTest, KeepsOthersLinesByteForByteAndRemovalGivesTheFileBackExactly) {
    // Someone else's bundle: CRLF line ends, a comment, a certificate of
    // theirs, and a last line without a line end.
    const Issued proxy_root = self_signed(ca_spec("ProxyRootCA"));
    const std::string theirs = "# proxy CA, added by hand\r\n" + proxy_root.pem() + "trailing words";
    write_text(file_, theirs);
    std::vector<PlacementResult> placed;
    {
        PemBundleStore store(file_);
        placed = place(store, seed_cas(), {});
    }
    const auto root = load(pki_->root), policy = load(pki_->policy), issuing = load(pki_->issuing);
    EXPECT_EQ(read_text(file_), theirs + "\n# CaChain Root " + root->thumbprint() + " (after a line end CaChain added)\n" +
                                    pki_->root.pem() + "# CaChain CA " + policy->thumbprint() + "\n" + pki_->policy.pem() +
                                    "# CaChain CA " + issuing->thumbprint() + "\n" + pki_->issuing.pem());

    PemBundleStore store(file_);
    const auto removed = unplace(store, removals_of(placed), false);
    ASSERT_EQ(removed.size(), 3u);
    for (const auto& result : removed) EXPECT_EQ(result.action, PlacementAction::Removed) << result.thumbprint;
    EXPECT_EQ(read_text(file_), theirs);
}

TEST_F(PemBundleStoreTest, RemovingTheFirstOfTwoBlocksHandsItsLineEndToTheNext) {
    write_text(file_, "no line end");
    {
        PemBundleStore store(file_);
        place(store, {load(pki_->root)}, {});
        place(store, {load(pki_->issuing)}, {});
    }
    {
        PemBundleStore store(file_);
        unplace(store, {{StoreKind::Root, load(pki_->root)->thumbprint()}}, false);
    }
    const auto issuing = load(pki_->issuing);
    EXPECT_EQ(read_text(file_), "no line end\n# CaChain CA " + issuing->thumbprint() + " (after a line end CaChain added)\n" +
                                    pki_->issuing.pem());
    PemBundleStore store(file_);
    unplace(store, {{StoreKind::CA, issuing->thumbprint()}}, false);
    EXPECT_EQ(read_text(file_), "no line end");
}

TEST_F(PemBundleStoreTest, StillKnowsItsBlocksAfterAnEditorTurnedLineEndsIntoCrlfAndTrimmedTheLastOne) {
    const auto root = load(pki_->root), issuing = load(pki_->issuing);
    const auto crlf = [](std::string text) {
        std::string out;
        for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        return out;
    };
    std::string issuing_block = crlf("# CaChain CA " + issuing->thumbprint() + "\n" + pki_->issuing.pem());
    issuing_block.resize(issuing_block.size() - 2);  // the file's last line lost its line end
    write_text(file_, "# theirs\r\n" + crlf("# CaChain Root " + root->thumbprint() + "\n" + pki_->root.pem()) + issuing_block);
    {
        PemBundleStore store(file_);
        EXPECT_TRUE(store.contains(StoreKind::Root, root->thumbprint()));
        EXPECT_TRUE(store.contains(StoreKind::CA, issuing->thumbprint()));
        EXPECT_TRUE(store.list(StoreKind::Root).size() == 1 && store.unreadable(StoreKind::Root).empty());
        const auto removed = unplace(store, {{StoreKind::Root, root->thumbprint()}, {StoreKind::CA, issuing->thumbprint()}}, false);
        EXPECT_EQ(summary(removed), (std::vector<std::string>{"SchertzLabRootCA Root 4", "SchertzLabIssuingCA CA 4"}));
    }
    EXPECT_EQ(read_text(file_), "# theirs\r\n");
}

TEST_F(PemBundleStoreTest, RemovesEveryCopyOfABlockThatAMergedFileHoldsTwice) {
    const auto root = load(pki_->root);
    const std::string block = "# CaChain Root " + root->thumbprint() + "\n" + pki_->root.pem();
    write_text(file_, block + "# between\n" + block);
    PemBundleStore store(file_);
    unplace(store, {{StoreKind::Root, root->thumbprint()}}, false);
    EXPECT_EQ(read_text(file_), "# between\n");
}

TEST_F(PemBundleStoreTest, ReadsOthersCertificatesOnEitherSideOfABlockThatAddedALineEnd) {
    // Their certificate without a final line end, then CaChain's block, then
    // one another tool appended: each of theirs is still read.
    const Issued first = self_signed(ca_spec("FirstProxyCA")), second = self_signed(ca_spec("SecondProxyCA"));
    std::string theirs = first.pem();
    theirs.pop_back();
    write_text(file_, theirs);
    {
        PemBundleStore store(file_);
        place(store, {load(pki_->root)}, {});
    }
    std::ofstream(file_, std::ios::binary | std::ios::app) << second.pem();
    PemBundleStore store(file_);
    std::vector<std::string> names;
    for (const auto& stored : store.list(StoreKind::Root))
        names.push_back(parse_certificates(stored.der, "test", nullptr).at(0)->common_name());
    EXPECT_EQ(names, (std::vector<std::string>{"SchertzLabRootCA", "FirstProxyCA", "SecondProxyCA"}));
    EXPECT_TRUE(store.unreadable(StoreKind::Root).empty());
}

TEST_F(PemBundleStoreTest, NeverOffersToRemoveACertificateSomeoneElsePutInTheFile) {
    write_text(file_, pki_->root.pem());
    PemBundleStore store(file_);
    const auto planned = unplace(store, {{StoreKind::Root, load(pki_->root)->thumbprint()}}, true);
    EXPECT_EQ(planned.at(0).action, PlacementAction::NotPresent) << "a dry run must not promise WouldRemove";
}

TEST_F(PemBundleStoreTest, NeverRemovesABlockWhoseCertificateNoLongerMatchesItsMarker) {
    const auto root = load(pki_->root);
    // A marker over another certificate: someone edited it, so it is theirs.
    const std::string edited = "# CaChain Root " + root->thumbprint() + "\n" + pki_->issuing.pem();
    write_text(file_, edited);
    PemBundleStore store(file_);
    EXPECT_FALSE(store.contains(StoreKind::Root, root->thumbprint()));
    const auto removed = unplace(store, {{StoreKind::Root, root->thumbprint()}}, false);
    EXPECT_EQ(removed.at(0).action, PlacementAction::NotPresent);
    EXPECT_EQ(read_text(file_), edited);
}

TEST_F(PemBundleStoreTest, TrustsEveryCertificateInTheFileAndNamesWhatOthersPlaced) {
    write_text(file_, "# theirs\n" + pki_->root.pem());
    PemBundleStore store(file_);
    place(store, {load(pki_->policy), load(pki_->issuing)}, {});
    const auto roots = store.list(StoreKind::Root);
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_EQ(roots[0].thumbprint, load(pki_->root)->thumbprint());
    EXPECT_EQ(roots[0].source, utf8_from_path(file_) + " (not placed by CaChain)");
    EXPECT_EQ(store.list(StoreKind::CA).size(), 2u);
    EXPECT_TRUE(store.unreadable(StoreKind::Root).empty());
}

TEST_F(PemBundleStoreTest, AnEmptiedBundleIsDeletedSinceCaChainCreatedIt) {
    PemBundleStore store(file_);
    EXPECT_EQ(store.missing_folder(), utf8_from_path(file_));
    const auto placed = place(store, seed_cas(), {});
    ASSERT_TRUE(fs::exists(file_));
    EXPECT_EQ(store.missing_folder(), "");
    unplace(store, removals_of(placed), false);
    EXPECT_FALSE(fs::exists(file_));
}

TEST_F(PemBundleStoreTest, CreatesTheBundlesFolderWhenMissing) {
    const fs::path nested = folder_.path() / "cachain" / "deeper" / "ca-bundle.pem";
    PemBundleStore store(nested);
    place(store, {load(pki_->root)}, {});
    EXPECT_TRUE(fs::is_regular_file(nested));
}

TEST_F(PemBundleStoreTest, WritesNothingWhenAnotherProgramChangedTheFileMeanwhile) {
    write_text(file_, "# theirs\n");
    PemBundleStore store(file_);
    ASSERT_FALSE(store.contains(StoreKind::Root, load(pki_->root)->thumbprint()));  // read now
    write_text(file_, "# theirs, rewritten\n");
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed over another program's change";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_IO);
        EXPECT_EQ(std::string(failure.what()),
                  utf8_from_path(file_) + ": another program changed the bundle while CaChain worked on it; nothing was "
                                          "written: run the command again; the 3 change(s) made before it were undone");
    }
    EXPECT_EQ(read_text(file_), "# theirs, rewritten\n");
}

#ifndef _WIN32
TEST_F(PemBundleStoreTest, WritesThroughASymbolicLinkAndKeepsTheFilesMode) {
    const fs::path real = folder_.path() / "real-bundle.pem";
    write_text(real, "# theirs\n");
    fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(real, file_);
    PemBundleStore store(file_);
    place(store, {load(pki_->root)}, {});
    EXPECT_TRUE(fs::is_symlink(file_));
    EXPECT_EQ(read_text(real).substr(0, 9), "# theirs\n");
    EXPECT_NE(read_text(real).find("# CaChain Root "), std::string::npos);
    EXPECT_EQ(fs::status(real).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}
#endif

TEST_F(PemBundleStoreTest, NeverReplacesAFileThatAppearedAfterItWasFoundMissing) {
    PemBundleStore store(file_);
    ASSERT_FALSE(store.contains(StoreKind::Root, load(pki_->root)->thumbprint()));  // read now: no file
    write_text(file_, "# another program's new bundle\n");
    EXPECT_THROW(place(store, seed_cas(), {}), Failure);
    EXPECT_EQ(read_text(file_), "# another program's new bundle\n");
}

TEST_F(PemBundleStoreTest, RefusesAFileFarLargerThanAnyBundle) {
    fs::resize_file((write_text(file_, ""), file_), 65 * 1024 * 1024);
    PemBundleStore store(file_);
    try {
        store.contains(StoreKind::Root, load(pki_->root)->thumbprint());
        FAIL() << "read a 65 MiB file as a bundle";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_TOO_LARGE);
        EXPECT_EQ(failure.reason(), "is 65 MiB, larger than any bundle of CAs (64 MiB at most): is it the right file?");
    }
}

#ifndef _WIN32
// The user's own bundle for C callers that give no file (the module passes
// the same path from .NET's view of the environment: StoreTarget.cs).
TEST(DefaultBundlePath, FollowsXdgDataHomeWhenAbsoluteElseTheHomeFolder) {
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
    const char* data = std::getenv("XDG_DATA_HOME");
    const std::string saved_data = data ? data : "";
    const auto restore = gsl::finally([&] {
        if (data) setenv("XDG_DATA_HOME", saved_data.c_str(), 1); else unsetenv("XDG_DATA_HOME");
    });
    setenv("XDG_DATA_HOME", "/srv/data", 1);
    EXPECT_EQ(default_bundle_path(), fs::path("/srv/data/cachain/ca-bundle.pem"));
    setenv("XDG_DATA_HOME", "relative/data", 1);  // the XDG rules ignore a relative one
    EXPECT_EQ(default_bundle_path(), fs::path(home) / ".local/share/cachain/ca-bundle.pem");
    unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(default_bundle_path(), fs::path(home) / ".local/share/cachain/ca-bundle.pem");
}
#endif

}  // namespace
}  // namespace cachain
