// Placement by the seed's rule into a directory store: where each
// certificate goes, all-or-nothing writes, exact undo, and concurrency.
#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "placement.h"
#ifdef _WIN32
#include "windows_program.h"
#else
#include "process_runner.h"
#endif
#include "directory_store.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

class Placement : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    static std::vector<CertificatePtr> seed_cas() { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }

    // (thumbprint, store) pairs with the given action.
    static std::vector<std::pair<std::string, StoreKind>> with_action(const std::vector<PlacementResult>& results,
                                                                       PlacementAction action) {
        std::vector<std::pair<std::string, StoreKind>> found;
        for (const auto& r : results)
            if (r.action == action) found.emplace_back(r.certificate ? r.certificate->common_name() : r.thumbprint, r.store);
        return found;
    }

    static std::size_t files_in(const fs::path& folder) {
        std::error_code error;
        if (!fs::exists(folder, error)) return 0;
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
    }

    static SeedPki* pki_;
    TempFolder folder_;
};
SeedPki* Placement::pki_ = nullptr;

TEST_F(Placement, PutsTheRootInRootAndCaAndEverySubordinateInCaOnly) {
    DirectoryStore store(folder_.path());
    const auto results = place(store, seed_cas(), {});
    const std::vector<std::pair<std::string, StoreKind>> expected{{"SchertzLabRootCA", StoreKind::Root},
                                                                  {"SchertzLabRootCA", StoreKind::CA},
                                                                  {"SchertzLabPolicyCA", StoreKind::CA},
                                                                  {"SchertzLabIssuingCA", StoreKind::CA}};
    EXPECT_EQ(with_action(results, PlacementAction::Added), expected);
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
    EXPECT_EQ(files_in(folder_ / "CA"), 3u);
}

TEST_F(Placement, TakesRolesFromTheCertificatesNotFromTheirOrder) {
    DirectoryStore store(folder_.path());
    auto cas = seed_cas();
    std::reverse(cas.begin(), cas.end());
    place(store, cas, {});
    EXPECT_TRUE(store.contains(StoreKind::Root, load(pki_->root)->thumbprint()));
    EXPECT_FALSE(store.contains(StoreKind::Root, load(pki_->issuing)->thumbprint()));
}

TEST_F(Placement, CanLeaveTheRootOutOfCa) {
    DirectoryStore store(folder_.path());
    PlacementOptions options;
    options.root_in_ca = false;
    place(store, seed_cas(), options);
    EXPECT_FALSE(store.contains(StoreKind::CA, load(pki_->root)->thumbprint()));
    EXPECT_EQ(files_in(folder_ / "CA"), 2u);
}

// The seed: "If there is only a single Root CA then that single file is
// imported into just the Trusted Root Certification Authorities folder".
TEST_F(Placement, PutsTheRootOfAOneTierChainIntoRootOnly) {
    const Issued root = self_signed(ca_spec("SchertzLabSingleRootCA"));
    const Issued web = issue(root, server_spec("web1.schertz.lab"));
    DirectoryStore store(folder_.path());
    const auto results = place(store, {load(root), load(web)}, {});
    const std::vector<std::pair<std::string, StoreKind>> expected{{"SchertzLabSingleRootCA", StoreKind::Root}};
    EXPECT_EQ(with_action(results, PlacementAction::Added), expected);
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
    EXPECT_EQ(files_in(folder_ / "CA"), 0u);
}

TEST_F(Placement, PutsTheRootIntoCaWhenItsSubordinatesArriveInALaterCall) {
    DirectoryStore store(folder_.path());
    place(store, {load(pki_->root)}, {});
    EXPECT_EQ(files_in(folder_ / "CA"), 0u);
    const auto results = place(store, {load(pki_->policy), load(pki_->issuing)}, {});
    const std::vector<std::pair<std::string, StoreKind>> expected{{"SchertzLabPolicyCA", StoreKind::CA},
                                                                  {"SchertzLabIssuingCA", StoreKind::CA},
                                                                  {"SchertzLabRootCA", StoreKind::CA}};
    EXPECT_EQ(with_action(results, PlacementAction::Added), expected);
    EXPECT_TRUE(store.contains(StoreKind::CA, load(pki_->root)->thumbprint()));
}

TEST_F(Placement, PutsTheRootIntoCaWhenItsSubordinateIsAlreadyThere) {
    DirectoryStore store(folder_.path());
    place(store, {load(pki_->policy)}, {});
    const auto results = place(store, {load(pki_->root)}, {});
    const std::vector<std::pair<std::string, StoreKind>> expected{{"SchertzLabRootCA", StoreKind::Root},
                                                                  {"SchertzLabRootCA", StoreKind::CA}};
    EXPECT_EQ(with_action(results, PlacementAction::Added), expected);
}

TEST_F(Placement, SaysInADryRunThatTheStoredRootWouldJoinCa) {
    DirectoryStore store(folder_.path());
    place(store, {load(pki_->root)}, {});
    PlacementOptions dry;
    dry.dry_run = true;
    const auto results = place(store, {load(pki_->policy)}, dry);
    const std::vector<std::pair<std::string, StoreKind>> expected{{"SchertzLabPolicyCA", StoreKind::CA},
                                                                  {"SchertzLabRootCA", StoreKind::CA}};
    EXPECT_EQ(with_action(results, PlacementAction::WouldAdd), expected);
    EXPECT_EQ(files_in(folder_ / "CA"), 0u);
}

TEST_F(Placement, LeavesAStoredRootOutOfCaWhenAskedTo) {
    DirectoryStore store(folder_.path());
    place(store, {load(pki_->root)}, {});
    PlacementOptions options;
    options.root_in_ca = false;
    place(store, {load(pki_->policy)}, options);
    EXPECT_FALSE(store.contains(StoreKind::CA, load(pki_->root)->thumbprint()));
}

TEST_F(Placement, UndoingTheLaterCallTakesTheRootOutOfCaAndLeavesItInRoot) {
    DirectoryStore store(folder_.path());
    place(store, {load(pki_->root)}, {});
    std::vector<Removal> undo;
    for (const auto& result : place(store, {load(pki_->policy)}, {}))
        if (result.action == PlacementAction::Added) undo.push_back({result.store, result.thumbprint});
    unplace(store, undo, false);
    EXPECT_EQ(files_in(folder_ / "CA"), 0u);
    EXPECT_TRUE(store.contains(StoreKind::Root, load(pki_->root)->thumbprint()));
}

TEST_F(Placement, ReportsAlreadyPresentOnASecondRunAndAddsNothing) {
    DirectoryStore first(folder_.path());
    place(first, seed_cas(), {});
    DirectoryStore second(folder_.path());
    const auto results = place(second, seed_cas(), {});
    EXPECT_EQ(with_action(results, PlacementAction::AlreadyPresent).size(), 4u);
    EXPECT_EQ(files_in(folder_ / "CA"), 3u);
}

TEST_F(Placement, SkipsTheServerCertificateWithAClearReasonAndPlacesTheRest) {
    DirectoryStore store(folder_.path());
    auto certs = seed_cas();
    certs.push_back(load(pki_->server));
    const auto results = place(store, certs, {});
    const auto skipped = std::find_if(results.begin(), results.end(),
                                      [](const PlacementResult& r) { return r.action == PlacementAction::Skipped; });
    ASSERT_NE(skipped, results.end());
    EXPECT_EQ(skipped->status, CACHAIN_E_REFUSED);
    EXPECT_NE(skipped->message.find("pool1.schertz.lab"), std::string::npos);
    EXPECT_NE(skipped->message.find("not a CA"), std::string::npos);
    EXPECT_EQ(with_action(results, PlacementAction::Added).size(), 4u);
}

TEST_F(Placement, PlacesANonCaCertificateOnlyWhenForced) {
    const Issued self = self_signed(server_spec("appliance.schertz.lab"));
    DirectoryStore store(folder_.path());
    PlacementOptions forced;
    forced.force = true;
    const auto results = place(store, {load(self)}, forced);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].action, PlacementAction::Added);
    EXPECT_EQ(results[0].store, StoreKind::Root);  // self-signed: trusted directly
    const auto leaf = place(store, {load(pki_->server)}, forced);
    EXPECT_EQ(leaf[0].store, StoreKind::CA);       // never Root: it is not self-signed
}

TEST_F(Placement, DryRunSaysWhatWouldBeAddedAndChangesNothing) {
    DirectoryStore store(folder_.path());
    PlacementOptions dry;
    dry.dry_run = true;
    const auto results = place(store, seed_cas(), dry);
    EXPECT_EQ(with_action(results, PlacementAction::WouldAdd).size(), 4u);
    EXPECT_FALSE(fs::exists(folder_ / "Root"));
    EXPECT_FALSE(fs::exists(folder_ / "CA"));
}

TEST_F(Placement, RefusesASetWhoseLinksDoNotVerify) {
    const Issued impostor = issue(pki_->root, ca_spec("SchertzLabPolicyCA"));  // same name, another key
    DirectoryStore store(folder_.path());
    try {
        place(store, {load(pki_->root), load(impostor), load(pki_->issuing)}, {});
        FAIL() << "a broken set was placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_REFUSED);
        EXPECT_NE(std::string(failure.what()).find("SchertzLabIssuingCA"), std::string::npos) << failure.what();
    }
    EXPECT_FALSE(fs::exists(folder_ / "Root"));
}

TEST_F(Placement, RollsBackEverythingWhenAWriteFailsMidway) {
    DirectoryStore store(folder_.path());
    const Issued unrelated = self_signed(ca_spec("AlreadyTrustedRoot"));
    place(store, {load(unrelated)}, {});  // was there before: must survive the rollback
    fs::remove_all(folder_ / "CA");
    write_file(folder_ / "CA", std::string("a file where the CA folder should be"));  // every CA write fails

    DirectoryStore again(folder_.path());
    try {
        place(again, seed_cas(), {});
        FAIL() << "the placement should have failed";
    } catch (const Failure& failure) {
        EXPECT_NE(std::string(failure.what()).find("undone"), std::string::npos) << failure.what();
    }
    DirectoryStore after(folder_.path());
    EXPECT_FALSE(after.contains(StoreKind::Root, load(pki_->root)->thumbprint()));
    EXPECT_TRUE(after.contains(StoreKind::Root, load(unrelated)->thumbprint()));
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
}

TEST_F(Placement, RemovesExactlyWhatWasAddedByThumbprint) {
    DirectoryStore store(folder_.path());
    const Issued other_root = self_signed(ca_spec("SchertzLabRootCA"));  // same name, must stay
    place(store, {load(other_root)}, {});
    const auto added = place(store, seed_cas(), {});
    std::vector<Removal> removals;
    for (const auto& r : added)
        if (r.action == PlacementAction::Added) removals.push_back({r.store, r.thumbprint});
    const auto removed = unplace(store, removals, false);
    EXPECT_EQ(with_action(removed, PlacementAction::Removed).size(), 4u);
    DirectoryStore after(folder_.path());
    EXPECT_TRUE(after.contains(StoreKind::Root, load(other_root)->thumbprint()));
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
    EXPECT_EQ(files_in(folder_ / "CA"), 0u);  // the other root came alone, so into Root only
    const auto again = unplace(after, removals, false);
    EXPECT_EQ(with_action(again, PlacementAction::NotPresent).size(), 4u);
}

TEST_F(Placement, RemovalDryRunChangesNothing) {
    DirectoryStore store(folder_.path());
    place(store, seed_cas(), {});
    const auto results = unplace(store, {{StoreKind::Root, load(pki_->root)->thumbprint()}}, true);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].action, PlacementAction::WouldRemove);
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
}

TEST_F(Placement, ConcurrentPlacementsOfOverlappingChainsLeaveNoDuplicates) {
    const Issued second_issuing = issue(pki_->policy, ca_spec("SchertzLabIssuingCA2"));
    std::vector<std::thread> workers;
    for (int i = 0; i < 8; ++i) {
        workers.emplace_back([&, i] {
            DirectoryStore store(folder_.path());  // each its own view, as separate processes have
            auto certs = seed_cas();
            if (i % 2) certs.push_back(load(second_issuing));
            place(store, certs, {});
        });
    }
    for (auto& worker : workers) worker.join();
    EXPECT_EQ(files_in(folder_ / "Root"), 1u);
    EXPECT_EQ(files_in(folder_ / "CA"), 4u);
    DirectoryStore store(folder_.path());
    EXPECT_EQ(store.list(StoreKind::CA).size(), 4u);
}

TEST_F(Placement, WritesAFolderThatOpensslVerifyUsesAsIs) {
    DirectoryStore store(folder_.path());
    place(store, seed_cas(), {});
    write_file(folder_ / "server.pem", pki_->server.pem());
    write_file(folder_ / "chain.pem", pem_of({&pki_->issuing, &pki_->policy}));
    const std::vector<std::string> command{"openssl", "verify", "-CApath", utf8_from_path(folder_ / "Root"), "-untrusted",
                                           utf8_from_path(folder_ / "chain.pem"), utf8_from_path(folder_ / "server.pem")};
#ifdef _WIN32
    const auto verify = run_windows_program(command);
#else
    const auto verify = run_process(command);
#endif
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace cachain
