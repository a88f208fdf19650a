// CACHAIN_LOCATION_ALL through the C interface: the system trust of a test
// system root, the NSS database of a test home, the cacerts of a test
// JAVA_HOME and the user's own bundle, placed and removed in one call,
// with the real update-ca-certificates, certutil and keytool, and a failure
// in one store undoing the others.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachain/cachain.h"
#include "certificate_parser.h"
#include "debian_system_root.h"
#include "environment_for_the_test.h"
#include "process_runner.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain;
using namespace cachain::testing;
namespace fs = std::filesystem;

// certutil's nicknames in a database, sorted.
std::vector<std::string> nss_nicknames(const fs::path& database) {
    const ProcessResult listed = run_process({"certutil", "-L", "-d", "sql:" + database.string()});
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    std::vector<std::string> nicknames;
    for (const std::string prefix : {"CaChain Root ", "CaChain CA ", "Someone's CA"}) {
        for (auto at = listed.output.find(prefix); at != std::string::npos; at = listed.output.find(prefix, at + 1))
            nicknames.push_back(listed.output.substr(at, prefix.back() == ' ' ? prefix.size() + 40 : prefix.size()));
    }
    std::sort(nicknames.begin(), nicknames.end());
    return nicknames;
}

// keytool's aliases in a keystore, sorted.
std::vector<std::string> java_aliases(const fs::path& keystore) {
    const ProcessResult listed = run_process({"keytool", "-list", "-keystore", keystore.string(), "-storepass", "changeit"});
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    std::vector<std::string> aliases;
    for (const std::string prefix : {"cachain-", "someones-root"}) {
        for (auto at = listed.output.find(prefix); at != std::string::npos; at = listed.output.find(prefix, at + 1))
            aliases.push_back(listed.output.substr(at, prefix == "cachain-" ? prefix.size() + 40 : prefix.size()));
    }
    std::sort(aliases.begin(), aliases.end());
    return aliases;
}

std::string text_of(const fs::path& file) {
    const auto bytes = read_file(file);
    return std::string(bytes.begin(), bytes.end());
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

class StoreAllTest : public ::testing::Test {
protected:
    // keytool starts a Java VM: the JDK's keystore, trusting someone else's
    // root, is made once and copied into each test's JDK.
    static void SetUpTestSuite() {
        pki_ = new SeedPki(make_seed_pki());
        const TempFolder folder;
        const fs::path keystore = folder / "cacerts", file = folder / "someone.der";
        write_file(file, self_signed(ca_spec("SomeoneElsesRootCA")).der());
        const ProcessResult imported = run_process({"keytool", "-importcert", "-noprompt", "-alias", "someones-root", "-file", file.string(),
                                                    "-keystore", keystore.string(), "-storetype", "PKCS12", "-storepass", "changeit"});
        ASSERT_EQ(imported.exit_code, 0) << imported.output;
        keystore_bytes_ = new std::vector<std::uint8_t>(read_file(keystore));
    }
    static void TearDownTestSuite() {
        delete pki_;
        delete keystore_bytes_;
    }

    void SetUp() override {
        ASSERT_NE(keystore_bytes_, nullptr) << "keytool could not make the test's keystore";
        ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root_, {}));
        fs::create_directories(home_);
        fs::create_directories(keystore_.parent_path());
        write_file(keystore_, *keystore_bytes_);
        fs::create_directories(bundle_.parent_path());
        write_file(bundle_, std::string("# the user's own line\n"));
        ASSERT_EQ(cachain_set_new(&cas_), CACHAIN_OK);
        for (const Issued* ca : {&pki_->root, &pki_->policy, &pki_->issuing}) {
            const auto der = ca->der();
            ASSERT_EQ(cachain_set_add_bytes(cas_, der.data(), der.size(), "test", nullptr), CACHAIN_OK);
        }
    }
    void TearDown() override {
        cachain_placement_free(placement_);
        cachain_store_free(store_);
        cachain_set_free(cas_);
    }

    void open_all() {
        ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_ALL, system_root_.string().c_str(), &store_), CACHAIN_OK)
            << cachain_last_error();
    }

    // "<store location> <Root|CA> <location> <action>" per result, sorted.
    std::vector<std::string> results() const {
        std::vector<std::string> lines;
        for (size_t i = 0; i < cachain_placement_count(placement_); ++i)
            lines.push_back(std::to_string(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_STORE_LOCATION)) + " " +
                            (cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_STORE) == CACHAIN_STORE_ROOT ? "Root " : "CA ") +
                            cachain_placement_text(placement_, i, CACHAIN_PLACEMENT_TEXT_LOCATION) + " " +
                            std::to_string(cachain_placement_number(placement_, i, CACHAIN_PLACEMENT_ACTION)));
        std::sort(lines.begin(), lines.end());
        return lines;
    }

    // The system trust's bundle, which update-ca-certificates writes: empty when it trusts nothing.
    std::vector<std::string> system_bundle_thumbprints() const {
        if (fs::file_size(bundle_of(system_root_)) == 0) return {};
        return bundle_thumbprints(system_root_);
    }

    static std::string thumbprint(const Issued& issued) {
        return parse_certificates(issued.der(), "test", nullptr).at(0)->thumbprint();
    }

    static SeedPki* pki_;
    static std::vector<std::uint8_t>* keystore_bytes_;
    TempFolder folder_;
    const fs::path system_root_ = folder_ / "image";
    const fs::path home_ = folder_ / "home";
    const fs::path nssdb_ = home_ / ".pki" / "nssdb";
    const fs::path java_home_ = folder_ / "jdk";
    const fs::path keystore_ = java_home_ / "lib" / "security" / "cacerts";
    const fs::path bundle_ = folder_ / "data" / "cachain" / "ca-bundle.pem";
    EnvironmentForTheTest environment_{{{"HOME", home_.string()},
                                        {"JAVA_HOME", java_home_.string()},
                                        {"XDG_DATA_HOME", (folder_ / "data").string()}}};
    cachain_set* cas_ = nullptr;
    cachain_store* store_ = nullptr;
    cachain_placement* placement_ = nullptr;
};
SeedPki* StoreAllTest::pki_ = nullptr;
std::vector<std::uint8_t>* StoreAllTest::keystore_bytes_ = nullptr;

TEST_F(StoreAllTest, OpensTheSystemTrustThenEveryStoreOfTheUsersSoftwareThatIsPresent) {
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + ", " + nssdb_.string() + ", " +
                  keystore_.string() + " and " + bundle_.string());
}

TEST_F(StoreAllTest, LeavesOutAKeystoreAndABundleThatDoNotExist) {
    fs::remove(keystore_);
    fs::remove(bundle_);
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + " and " + nssdb_.string());
}

TEST_F(StoreAllTest, TakesTheFirefoxProfilesThereAreWithoutMakingChromiumsDatabase) {
    const fs::path profile = home_ / ".mozilla" / "firefox" / "abcd.default-release";
    fs::create_directories(profile);
    const ProcessResult made = run_process({"certutil", "-N", "-d", "sql:" + profile.string(), "--empty-password"});
    ASSERT_EQ(made.exit_code, 0) << made.output;
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + ", " + profile.string() + ", " +
                  keystore_.string() + " and " + bundle_.string());
}

TEST_F(StoreAllTest, MakesNoNssDatabaseInAHomeThatDoesNotExist) {
    const EnvironmentForTheTest service_account{{{"HOME", (folder_ / "nonexistent").string()}}};
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + ", " + keystore_.string() + " and " +
                  bundle_.string());
}

// Root through sudo for a user: root's HOME is not the user's, and what
// root made in the user's home would be root's; so those are left out, and
// every call says so.
TEST_F(StoreAllTest, LeavesTheUsersOwnStoresOutWhenRootRunsItThroughSudo) {
    ASSERT_EQ(geteuid(), 0u) << "sudo's case is root's";
    const EnvironmentForTheTest through_sudo{{{"SUDO_USER", "alice"}}};
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + " and " + keystore_.string());
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_DRY_RUN, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_warning_count(placement_), 1u);
    EXPECT_EQ(std::string(cachain_placement_warning(placement_, 0)),
              "the NSS databases and the bundle of alice were left out: run through sudo, CaChain would find root's, and "
              "what it made in alice's home would belong to root; run Import-CaChain -StoreLocation Nss (and Bundle) as "
              "alice for those");
}

TEST_F(StoreAllTest, SaysWhyAJavaHomeWithoutCacertsIsLeftOutAndJavaAloneRefusesIt) {
    fs::remove(keystore_);
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() + ", " + nssdb_.string() + " and " +
                  bundle_.string());
    ASSERT_EQ(cachain_place(store_, cas_, CACHAIN_PLACE_DRY_RUN, &placement_), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_placement_warning_count(placement_), 1u);
    const std::string refusal = java_home_.string() + ": JAVA_HOME names this JDK, which has no lib/security/cacerts: "
                                "correct JAVA_HOME, or name the keystore with -KeystorePath";
    EXPECT_EQ(std::string(cachain_placement_warning(placement_, 0)), "no Java keystore was changed: " + refusal);

    cachain_store* java = nullptr;
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_JAVA, nullptr, &java), CACHAIN_E_PATH_NOT_FOUND);
    EXPECT_EQ(java, nullptr);
    EXPECT_EQ(std::string(cachain_last_error()), refusal);
    EXPECT_FALSE(fs::exists(keystore_)) << "no keystore is made in a JDK that has none";
}

// A bundle someone keeps private (0600) and owns stays so when CaChain,
// as root, rewrites it.
TEST_F(StoreAllTest, KeepsTheModeAndOwnerOfTheUsersBundle) {
    ASSERT_EQ(chmod(bundle_.c_str(), 0600), 0);
    ASSERT_EQ(chown(bundle_.c_str(), 4321, 4321), 0);
    ASSERT_NO_FATAL_FAILURE(open_all());
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    struct stat status {};
    ASSERT_EQ(stat(bundle_.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0600u);
    EXPECT_EQ(status.st_uid, 4321u);
    EXPECT_EQ(status.st_gid, 4321u);
    EXPECT_NE(text_of(bundle_).find("# CaChain Root "), std::string::npos);
}

TEST_F(StoreAllTest, PlacesIntoEveryStoreInOneCallEachResultNamingItsKindAndRemovesItAllAgain) {
    ASSERT_NO_FATAL_FAILURE(open_all());
    ASSERT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    const std::string anchors = (system_root_ / "usr/local/share/ca-certificates/cachain").string();
    const std::string intermediates = (system_root_ / "usr/local/share/cachain/intermediates").string();
    const std::string added = std::to_string(CACHAIN_ACTION_ADDED), skipped = std::to_string(CACHAIN_ACTION_SKIPPED);
    std::vector<std::string> expected{
        // The system trust: the root in Root and CA, the two subordinates in CA.
        "0 Root " + anchors + " " + added, "0 CA " + intermediates + " " + added, "0 CA " + intermediates + " " + added,
        "0 CA " + intermediates + " " + added,
        // NSS: one entry per certificate, so the root in Root only.
        "4 Root " + nssdb_.string() + " " + added, "4 CA " + nssdb_.string() + " " + added,
        "4 CA " + nssdb_.string() + " " + added,
        // Java: the root; the subordinates left out with a note.
        "5 Root " + keystore_.string() + " " + added, "5 CA " + keystore_.string() + " " + skipped,
        "5 CA " + keystore_.string() + " " + skipped,
        // The bundle: the root once, the subordinates.
        "3 Root " + bundle_.string() + " " + added, "3 CA " + bundle_.string() + " " + added,
        "3 CA " + bundle_.string() + " " + added};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(results(), expected);

    const std::string root = thumbprint(pki_->root), policy = thumbprint(pki_->policy), issuing = thumbprint(pki_->issuing);
    EXPECT_EQ(system_bundle_thumbprints(), std::vector<std::string>{root});
    std::vector<std::string> nicknames{"CaChain Root " + root, "CaChain CA " + policy, "CaChain CA " + issuing};
    std::sort(nicknames.begin(), nicknames.end());
    EXPECT_EQ(nss_nicknames(nssdb_), nicknames);
    EXPECT_EQ(java_aliases(keystore_), (std::vector<std::string>{"cachain-" + lower(root), "someones-root"}));
    const std::string bundle_text = text_of(bundle_);
    EXPECT_EQ(bundle_text.rfind("# the user's own line\n", 0), 0u) << bundle_text;
    EXPECT_NE(bundle_text.find("# CaChain Root " + root), std::string::npos) << bundle_text;

    cachain_placement_free(placement_);
    placement_ = nullptr;
    const char* thumbprints[] = {root.c_str(), policy.c_str(), issuing.c_str()};
    ASSERT_EQ(cachain_unplace(store_, nullptr, thumbprints, 3, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    const std::string removed = std::to_string(CACHAIN_ACTION_REMOVED);
    std::vector<std::string> removals;
    for (const auto& line : results())
        if (line.size() > removed.size() && line.compare(line.size() - removed.size() - 1, std::string::npos, " " + removed) == 0)
            removals.push_back(line);
    std::vector<std::string> expected_removals{
        "0 Root " + anchors + " " + removed, "0 CA " + intermediates + " " + removed, "0 CA " + intermediates + " " + removed,
        "0 CA " + intermediates + " " + removed, "4 Root " + nssdb_.string() + " " + removed,
        "4 CA " + nssdb_.string() + " " + removed, "4 CA " + nssdb_.string() + " " + removed,
        "5 Root " + keystore_.string() + " " + removed, "3 Root " + bundle_.string() + " " + removed,
        "3 CA " + bundle_.string() + " " + removed, "3 CA " + bundle_.string() + " " + removed};
    std::sort(expected_removals.begin(), expected_removals.end());
    EXPECT_EQ(removals, expected_removals);
    EXPECT_TRUE(system_bundle_thumbprints().empty());
    // The call that created the database takes it back with its entries.
    EXPECT_FALSE(fs::exists(home_ / ".pki"));
    EXPECT_EQ(java_aliases(keystore_), std::vector<std::string>{"someones-root"});
    EXPECT_EQ(text_of(bundle_), "# the user's own line\n");
}

TEST_F(StoreAllTest, AFailureInTheKeystoreUndoesTheSystemTrustAndTheNssDatabase) {
    write_file(keystore_, std::string("not a keystore"));
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(cachain_place(store_, cas_, 0, &placement_), CACHAIN_E_UNSUPPORTED_FORMAT) << cachain_last_error();
    const std::string error = cachain_last_error();
    EXPECT_NE(error.find(keystore_.string()), std::string::npos) << error;
    EXPECT_NE(error.find("what this call had changed in 2 other store(s) was undone"), std::string::npos) << error;
    EXPECT_TRUE(system_bundle_thumbprints().empty());
    EXPECT_TRUE(fs::is_empty(system_root_ / "usr/local/share/ca-certificates/cachain"));
    // The database CaChain created for the call is gone with it.
    EXPECT_FALSE(fs::exists(nssdb_));
    EXPECT_EQ(text_of(bundle_), "# the user's own line\n");
    EXPECT_EQ(text_of(keystore_), "not a keystore");
}

TEST_F(StoreAllTest, WarnsOnceOfAnExpiredRootAddedToEveryStore) {
    CertSpec spec = ca_spec("OldLabRootCA");
    spec.not_before_days = -400;
    spec.not_after_days = -30;
    const Issued old = self_signed(spec);
    cachain_set* set = nullptr;
    ASSERT_EQ(cachain_set_new(&set), CACHAIN_OK);
    const auto der = old.der();
    ASSERT_EQ(cachain_set_add_bytes(set, der.data(), der.size(), "test", nullptr), CACHAIN_OK);
    ASSERT_NO_FATAL_FAILURE(open_all());
    const cachain_status placed = cachain_place(store_, set, 0, &placement_);
    cachain_set_free(set);
    ASSERT_EQ(placed, CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(results().size(), 4u);  // Root in each of the four stores
    std::vector<std::string> warnings;
    for (size_t i = 0; i < cachain_placement_warning_count(placement_); ++i) warnings.push_back(cachain_placement_warning(placement_, i));
    ASSERT_EQ(warnings.size(), 2u) << ::testing::PrintToString(warnings);
    EXPECT_EQ(warnings[0], "the store NSS database " + nssdb_.string() + " did not exist and was created");
    EXPECT_EQ(warnings[1].rfind("the root 'OldLabRootCA' (" + thumbprint(old) + ") expired on ", 0), 0u) << warnings[1];
}

TEST_F(StoreAllTest, RefusesATrustVerdictOnSeveralStores) {
    ASSERT_NO_FATAL_FAILURE(open_all());
    cachain_verdicts* verdicts = nullptr;
    EXPECT_EQ(cachain_evaluate(store_, cas_, nullptr, &verdicts), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(verdicts, nullptr);
    EXPECT_NE(std::string(cachain_last_error()).find("-StoreLocation All stands for every store of the user's software (4 here)"),
              std::string::npos)
        << cachain_last_error();
}

// A machine with no user stores (no HOME, no keytool's keystore, no bundle)
// still refuses: the caller asked about all of them, not the one left.
TEST_F(StoreAllTest, RefusesATrustVerdictEvenWhenOnlyTheSystemTrustIsThere) {
    fs::remove(keystore_);
    fs::remove(bundle_);
    const EnvironmentForTheTest homeless{{{"HOME", std::nullopt}, {"XDG_DATA_HOME", std::nullopt}}};
    ASSERT_NO_FATAL_FAILURE(open_all());
    EXPECT_EQ(std::string(cachain_store_location_text(store_, CACHAIN_STORE_ROOT)),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string());
    cachain_verdicts* verdicts = nullptr;
    EXPECT_EQ(cachain_evaluate(store_, cas_, nullptr, &verdicts), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(std::string(cachain_last_error()),
              (system_root_ / "usr/local/share/ca-certificates/cachain").string() +
                  ": -StoreLocation All stands for every store of the user's software (1 here), and a trust verdict "
                  "is about one: test each with its own -StoreLocation");
}

}  // namespace
