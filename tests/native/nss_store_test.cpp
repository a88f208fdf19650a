// NSS databases as trust stores, through the real certutil on databases
// made in a temporary folder, judged by NSS's own vfychain: the lab
// server's certificate fails before placing and verifies after, and fails
// again after removal; certutil's own listing shows exactly CaChain's
// nicknames and trust flags, and others' entries untouched.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "nss_databases.h"
#include "nss_store.h"
#include "placement.h"
#include "process_runner.h"
#include "store_group.h"
#include "temp_folder.h"
#include "test_pki.h"
#include "whole_file.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

CertificatePtr load(const Issued& issued) { return parse_certificates(issued.der(), "test", nullptr).at(0); }

ProcessResult certutil(const fs::path& database, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"certutil", "-d", "sql:" + database.string()});
    return run_process(arguments);
}

// certutil's own listing, one "<nickname>|<trust>" per entry, whitespace squeezed.
std::vector<std::string> listing(const fs::path& database) {
    const ProcessResult listed = certutil(database, {"-L"});
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    std::vector<std::string> entries;
    std::istringstream lines(listed.output);
    std::string line;
    int skipped = 0;
    while (std::getline(lines, line)) {
        if (skipped < 3) { ++skipped; continue; }  // two heading lines and a blank one
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (line.empty()) continue;
        const auto gap = line.find_last_of(' ');
        std::string nickname = line.substr(0, gap);
        while (!nickname.empty() && nickname.back() == ' ') nickname.pop_back();
        entries.push_back(nickname + "|" + line.substr(gap + 1));
    }
    return entries;
}

void make_database(const fs::path& database, const std::vector<std::string>& extra = {"--empty-password"}) {
    fs::create_directories(database);
    std::vector<std::string> arguments{"-N"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    const ProcessResult made = certutil(database, arguments);
    ASSERT_EQ(made.exit_code, 0) << made.output;
}

void add_foreign(const fs::path& database, const fs::path& folder, const Issued& cert, const std::string& nickname,
                 const std::string& trust) {
    const fs::path file = folder / (nickname + ".der");
    write_file(file, cert.der());
    const ProcessResult added = certutil(database, {"-A", "-n", nickname, "-t", trust, "-i", file.string()});
    ASSERT_EQ(added.exit_code, 0) << added.output;
}

class NssStoreTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    static std::vector<CertificatePtr> seed_cas() { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }
    static std::string thumbprint(const Issued& issued) { return load(issued)->thumbprint(); }
    static std::vector<std::string> seed_listing() {
        return {"CaChain Root " + thumbprint(pki_->root) + "|C,,", "CaChain CA " + thumbprint(pki_->policy) + "|,,",
                "CaChain CA " + thumbprint(pki_->issuing) + "|,,"};
    }
    static std::vector<Removal> removals_of(const std::vector<PlacementResult>& placed) {
        std::vector<Removal> removals;
        for (const auto& result : placed)
            if (result.action == PlacementAction::Added) removals.push_back({result.store, result.thumbprint});
        return removals;
    }
    static std::vector<PlacementAction> actions(const std::vector<PlacementResult>& results) {
        std::vector<PlacementAction> done;
        for (const auto& result : results) done.push_back(result.action);
        return done;
    }

    // NSS's own verdict on the lab server's certificate for a TLS server
    // (usage 1), with only what the database holds: exit code 0 is trusted.
    int vfychain(const fs::path& database) {
        const fs::path server = folder_.path() / "server.der";
        write_file(server, pki_->server.der());
        return run_process({"vfychain", "-d", "sql:" + database.string(), "-u", "1", server.string()}).exit_code;
    }

    static SeedPki* pki_;
    TempFolder folder_;
    fs::path database_ = folder_.path() / "nssdb";
};
SeedPki* NssStoreTest::pki_ = nullptr;

TEST_F(NssStoreTest, TrustsRootsAndKeepsIntermediatesUntrustedUnderCaChainsNicknames) {
    make_database(database_);
    EXPECT_NE(vfychain(database_), 0);
    NssStore store{NssDatabase(database_)};
    const auto placed = place(store, seed_cas(), {});
    EXPECT_EQ(actions(placed), (std::vector<PlacementAction>(3, PlacementAction::Added)));
    EXPECT_EQ(placed.at(0).location, database_.string());
    EXPECT_EQ(listing(database_), seed_listing());
    EXPECT_EQ(vfychain(database_), 0);

    NssStore again{NssDatabase(database_)};
    EXPECT_EQ(actions(place(again, seed_cas(), {})), (std::vector<PlacementAction>(3, PlacementAction::AlreadyPresent)));
    EXPECT_EQ(actions(unplace(again, removals_of(placed), false)), (std::vector<PlacementAction>(3, PlacementAction::Removed)));
    EXPECT_EQ(listing(database_), std::vector<std::string>{});
    EXPECT_NE(vfychain(database_), 0);
}

TEST_F(NssStoreTest, CreatesTheDatabaseAsChromiumWouldWhenItDoesNotExistYet) {
    NssStore store{NssDatabase(database_)};
    EXPECT_EQ(store.missing_folder(), database_.string());
    place(store, seed_cas(), {});
    EXPECT_TRUE(fs::is_regular_file(database_ / "cert9.db"));
    EXPECT_EQ(listing(database_), seed_listing());
    EXPECT_EQ(vfychain(database_), 0);
}

TEST_F(NssStoreTest, AnUndoneCallLeavesNoDatabaseItCreated) {
    const fs::path home = folder_.path() / "home", database = home / ".pki" / "nssdb";
    fs::create_directories(home);
    NssStore store{NssDatabase(database)};
    // The second database fails after the first was created and filled: the undo empties it, and deletes it.
    make_database(folder_.path() / "refuses");
    NssStore refusing{NssDatabase(folder_.path() / "refuses", "certutil-not-installed")};
    EXPECT_THROW(place_in_each({&store, &refusing}, seed_cas(), {}), Failure);
    EXPECT_FALSE(fs::exists(home / ".pki"));
    EXPECT_TRUE(fs::is_directory(home));
}

TEST_F(NssStoreTest, RemovalTakesOutOnlyCaChainsNicknamesAndNeverTouchesOthersEntries) {
    make_database(database_);
    const Issued other = self_signed(ca_spec("SomeoneElsesRootCA"));
    add_foreign(database_, folder_.path(), other, "Someone's root", "CT,C,C");
    // The same intermediate as the lab's, put there by someone else: present, and stays theirs.
    add_foreign(database_, folder_.path(), pki_->policy, "Cached policy CA", ",,");
    const auto before = listing(database_);

    NssStore store{NssDatabase(database_)};
    const auto placed = place(store, seed_cas(), {});
    EXPECT_EQ(actions(placed), (std::vector<PlacementAction>{PlacementAction::Added, PlacementAction::AlreadyPresent,
                                                             PlacementAction::Added}));
    // Removing every seed CA by thumbprint, as Remove-CaChain -Thumbprint would:
    // the cached policy CA is someone else's entry and stays.
    const auto removed = unplace(store, {{StoreKind::Root, thumbprint(pki_->root)}, {StoreKind::CA, thumbprint(pki_->policy)},
                                         {StoreKind::CA, thumbprint(pki_->issuing)}}, false);
    EXPECT_EQ(actions(removed), (std::vector<PlacementAction>{PlacementAction::Removed, PlacementAction::NotPresent,
                                                              PlacementAction::Removed}));
    // A dry run says the same of the entry that is someone else's.
    EXPECT_EQ(actions(unplace(store, {{StoreKind::CA, thumbprint(pki_->policy)}}, true)),
              std::vector<PlacementAction>{PlacementAction::NotPresent});
    EXPECT_EQ(listing(database_), before);
}

TEST_F(NssStoreTest, TellsApartARootOfSomeoneElsesThatHasTheSameName) {
    // certutil answers either nickname with both certificates: they share a subject.
    make_database(database_);
    NssStore store{NssDatabase(database_)};
    const auto placed = place(store, seed_cas(), {});
    EXPECT_EQ(actions(placed), (std::vector<PlacementAction>(3, PlacementAction::Added)));
    // Listed after CaChain's trusted root, whose nickname also finds it.
    const Issued twin = self_signed(ca_spec("SchertzLabRootCA"));
    add_foreign(database_, folder_.path(), twin, "An older lab root", ",,");
    NssStore again{NssDatabase(database_)};
    // Each keeps its own trust, though either nickname finds both.
    std::vector<std::string> roots, others;
    for (const auto& root : again.list(StoreKind::Root)) roots.push_back(root.thumbprint + " " + root.source);
    for (const auto& other : again.list(StoreKind::CA)) others.push_back(other.thumbprint + " " + other.source);
    EXPECT_EQ(roots, std::vector<std::string>{thumbprint(pki_->root) + " "});
    EXPECT_EQ(others.at(2), load(twin)->thumbprint() + " " + database_.string() + " (not placed by CaChain: \"An older lab root\")");
    unplace(again, removals_of(placed), false);
    EXPECT_EQ(listing(database_), std::vector<std::string>{"An older lab root|,,"});
}

TEST_F(NssStoreTest, RefusesToTrustARootSomeoneElseHoldsUntrustedAndChangesNothing) {
    make_database(database_);
    add_foreign(database_, folder_.path(), pki_->root, "Corp root", ",,");
    const auto before = listing(database_);
    NssStore store{NssDatabase(database_)};
    try {
        place(store, {load(pki_->issuing), load(pki_->root)}, {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_REFUSED);
        EXPECT_NE(failure.reason().find("holds this root as \"Corp root\", not trusted for TLS servers"), std::string::npos)
            << failure.what();
        EXPECT_NE(failure.reason().find("the 1 change(s) made before it were undone"), std::string::npos) << failure.what();
    }
    EXPECT_EQ(listing(database_), before);
}

// Someone took the trust of CaChain's own root entry away (certutil -M -t ,,):
// a deliberate act that an import does not quietly revert, and not another
// program's entry either, so the message says which it is.
TEST_F(NssStoreTest, RefusesToTrustAgainItsOwnRootEntryWhoseTrustSomeoneTookAway) {
    make_database(database_);
    const std::string nickname = "CaChain Root " + thumbprint(pki_->root);
    add_foreign(database_, folder_.path(), pki_->root, nickname, ",,");
    const auto before = listing(database_);
    NssStore store{NssDatabase(database_)};
    try {
        place(store, {load(pki_->root)}, {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_REFUSED);
        EXPECT_EQ(failure.reason(), "the NSS database holds CaChain's own entry for this root, \"" + nickname +
                                        "\", but someone took its trust for TLS servers away, and CaChain does not undo that: "
                                        "trust it again with certutil -d 'sql:" + database_.string() + "' -M -n '" + nickname +
                                        "' -t C,, or take it out with Remove-CaChain, then run again; nothing was changed");
    }
    EXPECT_EQ(listing(database_), before);
}

TEST_F(NssStoreTest, NamesThePackageWhenCertutilIsMissing) {
    NssStore store{NssDatabase(database_, "certutil-not-installed")};
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_NOT_SUPPORTED);
        EXPECT_EQ(failure.item(), "certutil-not-installed");
        EXPECT_NE(failure.reason().find("install Debian's or Ubuntu's libnss3-tools"), std::string::npos) << failure.what();
    }
    EXPECT_FALSE(fs::exists(database_)) << "no folder is left behind";
}

TEST_F(NssStoreTest, ADamagedDatabaseIsReportedAndLeftAsItWas) {
    fs::create_directories(database_);
    const std::vector<std::uint8_t> junk(4096, 'x');
    write_file(database_ / "cert9.db", junk);
    NssStore store{NssDatabase(database_)};
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_IO);
        EXPECT_EQ(failure.item(), database_.string());
        EXPECT_NE(failure.reason().find("SEC_ERROR_BAD_DATABASE"), std::string::npos) << failure.what();
        EXPECT_NE(failure.reason().find("locked (close the browser that uses it and run again), or cert9.db is damaged"),
                  std::string::npos) << failure.what();
    }
    EXPECT_EQ(read_whole_file(database_ / "cert9.db", junk.size()), junk);
}

TEST_F(NssStoreTest, APasswordProtectedDatabaseIsRefusedWithoutAHalfAddedEntry) {
    const fs::path password = folder_.path() / "password";
    write_file(password, std::string("secret\n"));
    make_database(database_, {"-f", password.string()});
    NssStore store{NssDatabase(database_)};
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_PASSWORD_NEEDED);
        EXPECT_NE(failure.reason().find("protected by a password"), std::string::npos) << failure.what();
    }
    // certutil stores the certificate before it asks for the password to set its trust.
    EXPECT_EQ(listing(database_), std::vector<std::string>{});
}

TEST_F(NssStoreTest, AFailureInTheSecondDatabaseUndoesTheFirst) {
    const fs::path first = folder_.path() / "first", second = folder_.path() / "second";
    make_database(first);
    fs::create_directories(second);
    write_file(second / "cert9.db", std::vector<std::uint8_t>(4096, 'x'));
    NssStore good{NssDatabase(first)}, damaged{NssDatabase(second)};
    try {
        place_in_each({&good, &damaged}, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.item(), second.string());
        EXPECT_NE(failure.reason().find("what this call had changed in 1 other store(s) was undone"), std::string::npos)
            << failure.what();
    }
    EXPECT_EQ(listing(first), std::vector<std::string>{});
    EXPECT_NE(vfychain(first), 0);
}

TEST_F(NssStoreTest, AFailedRemovalInTheSecondDatabasePutsBackWhatTheFirstLost) {
    const fs::path first = folder_.path() / "first", second = folder_.path() / "second";
    NssStore one{NssDatabase(first)}, two{NssDatabase(second)};
    const auto placed = place_in_each({&one, &two}, seed_cas(), {});
    EXPECT_EQ(placed.size(), 6u);
    EXPECT_EQ(placed.at(3).location, second.string());
    // The second database breaks before the removal reaches it.
    NssStore first_again{NssDatabase(first)}, second_again{NssDatabase(second, "certutil-not-installed")};
    EXPECT_THROW(unplace_in_each({&first_again, &second_again}, removals_of({placed.begin(), placed.begin() + 3}), false),
                 Failure);
    EXPECT_EQ(listing(first), seed_listing());
    EXPECT_EQ(vfychain(first), 0);
}

TEST(NssDatabases, AreChromiumsAndEachFirefoxProfileWithADatabase) {
    TempFolder home;
    for (const char* profile : {"b.default-release", "a.old", "c.no-database"}) fs::create_directories(home.path() / ".mozilla/firefox" / profile);
    write_file(home.path() / ".mozilla/firefox/b.default-release/cert9.db", std::string("x"));
    write_file(home.path() / ".mozilla/firefox/a.old/cert9.db", std::string("x"));
    fs::create_directories(home.path() / "snap/firefox/common/.mozilla/firefox/s.default");
    write_file(home.path() / "snap/firefox/common/.mozilla/firefox/s.default/cert9.db", std::string("x"));
    EXPECT_EQ(user_nss_databases(home.path()),
              (std::vector<fs::path>{home.path() / ".pki/nssdb", home.path() / ".mozilla/firefox/a.old",
                                     home.path() / ".mozilla/firefox/b.default-release",
                                     home.path() / "snap/firefox/common/.mozilla/firefox/s.default"}));
}

}  // namespace
}  // namespace cachain
