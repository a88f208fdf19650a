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
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root_, {}));
        fs::create_directories(home_);
        fs::create_directories(keystore_.parent_path());
        ASSERT_NO_FATAL_FAILURE(import_into_keystore(self_signed(ca_spec("SomeoneElsesRootCA")), "someones-root"));
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

    void import_into_keystore(const Issued& cert, const std::string& alias) {
        const fs::path file = folder_.path() / (alias + ".der");
        write_file(file, cert.der());
        const ProcessResult imported = run_process({"keytool", "-importcert", "-noprompt", "-alias", alias, "-file", file.string(),
                                                    "-keystore", keystore_.string(), "-storetype", "PKCS12", "-storepass", "changeit"});
        ASSERT_EQ(imported.exit_code, 0) << imported.output;
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

TEST_F(StoreAllTest, RefusesATrustVerdictOnSeveralStores) {
    ASSERT_NO_FATAL_FAILURE(open_all());
    cachain_verdicts* verdicts = nullptr;
    EXPECT_EQ(cachain_evaluate(store_, cas_, nullptr, &verdicts), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(verdicts, nullptr);
    EXPECT_NE(std::string(cachain_last_error()).find("these are 4 stores, and a trust verdict is about one"), std::string::npos)
        << cachain_last_error();
}

}  // namespace
