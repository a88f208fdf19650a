// Java keystores as trust stores, through the real keytool on keystores
// made in a temporary folder: JKS and PKCS#12, roots only, CaChain's own
// aliases, and keytool's own listing as the witness. The Java client that
// judges trust runs in the Pester tests (tests/module/Java.Tests.ps1).
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "java_store.h"
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

std::vector<std::uint8_t> bytes_of(const fs::path& file) { return read_whole_file(file, fs::file_size(file)); }

// keytool's own listing of a keystore: its type, then "<alias> <entry type>" per entry, sorted.
std::vector<std::string> listing(const fs::path& keystore, const std::string& password = "changeit") {
    const ProcessResult listed = run_process({"keytool", "-list", "-keystore", keystore.string(), "-storepass", password});
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    std::vector<std::string> lines;
    std::smatch match;
    std::string text = listed.output;
    if (std::regex_search(text, match, std::regex("Keystore type: (\\w+)"))) lines.push_back("type " + match[1].str());
    std::vector<std::string> entries;
    const std::regex entry_line("([^,]+), .*, (\\w+), *");  // "<alias>, <date with a comma>, <entry type>, "
    std::istringstream lines_of(text);
    for (std::string line; std::getline(lines_of, line);)
        if (std::regex_match(line, match, entry_line)) entries.push_back(match[1].str() + " " + match[2].str());
    std::sort(entries.begin(), entries.end());
    lines.insert(lines.end(), entries.begin(), entries.end());
    return lines;
}

void import_foreign(const fs::path& keystore, const fs::path& folder, const Issued& cert, const std::string& alias,
                    const std::string& type, const std::string& password = "changeit") {
    const fs::path file = folder / (alias + ".der");
    write_file(file, cert.der());
    const ProcessResult imported = run_process({"keytool", "-importcert", "-noprompt", "-alias", alias, "-file", file.string(),
                                                "-keystore", keystore.string(), "-storetype", type, "-storepass", password});
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
}

class JavaStoreTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    static std::vector<CertificatePtr> seed_cas() { return {load(pki_->root), load(pki_->policy), load(pki_->issuing)}; }
    static std::string root_alias() { return java_alias(load(pki_->root)->thumbprint()); }
    // "<action> <message>" per result.
    static std::vector<std::string> summary(const std::vector<PlacementResult>& results) {
        std::vector<std::string> lines;
        for (const auto& r : results) lines.push_back(std::to_string(static_cast<int>(r.action)) + " " + r.message);
        return lines;
    }
    static std::vector<Removal> removals_of(const std::vector<PlacementResult>& placed) {
        std::vector<Removal> removals;
        for (const auto& result : placed)
            if (result.action == PlacementAction::Added) removals.push_back({result.store, result.thumbprint});
        return removals;
    }

    static SeedPki* pki_;
    TempFolder folder_;
    fs::path keystore_ = folder_.path() / "truststore.p12";
};
SeedPki* JavaStoreTest::pki_ = nullptr;

TEST_F(JavaStoreTest, TrustsOnlyTheRootUnderCaChainsAliasAndLeavesTheIntermediatesOutWithANote) {
    JavaStore store(keystore_, "changeit");
    const auto placed = place(store, seed_cas(), {});
    const std::string note = ": Java trusts every certificate of a keystore as a root of its own, so CaChain puts only "
                             "roots in one; the server must send its intermediates";
    EXPECT_EQ(summary(placed), (std::vector<std::string>{
                                   "0 ", "3 Leaving out 'SchertzLabPolicyCA'" + note, "3 Leaving out 'SchertzLabIssuingCA'" + note}));
    EXPECT_EQ(listing(keystore_), (std::vector<std::string>{"type PKCS12", root_alias() + " trustedCertEntry"}));

    JavaStore again(keystore_, "changeit");
    EXPECT_EQ(summary(place(again, seed_cas(), {})).at(0), "1 ");
    EXPECT_EQ(summary(unplace(again, removals_of(placed), false)), (std::vector<std::string>{"4 "}));
    EXPECT_FALSE(fs::exists(keystore_)) << "the keystore CaChain created, emptied, is deleted";
}

TEST_F(JavaStoreTest, KeepsAJksKeystoreJksWithOthersEntriesAndGivesItBackAsItWas) {
    const fs::path jks = folder_.path() / "cacerts";
    const Issued other = self_signed(ca_spec("SomeoneElsesRootCA"));
    import_foreign(jks, folder_.path(), other, "someone", "JKS");
    const auto before = listing(jks);
    JavaStore store(jks, "changeit");
    const auto placed = place(store, seed_cas(), {});
    EXPECT_EQ(listing(jks), (std::vector<std::string>{"type JKS", root_alias() + " trustedCertEntry", "someone trustedCertEntry"}));
    std::vector<std::string> sources;
    for (const auto& root : JavaStore(jks, "changeit").list(StoreKind::Root)) sources.push_back(root.source);
    std::sort(sources.begin(), sources.end());
    EXPECT_EQ(sources, (std::vector<std::string>{"", jks.string() + " (not placed by CaChain: alias someone)"}));
    unplace(store, removals_of(placed), false);
    EXPECT_EQ(listing(jks), before);
}

TEST_F(JavaStoreTest, ARefusedPasswordChangesNothingAndSaysHowToGiveIt) {
    import_foreign(keystore_, folder_.path(), self_signed(ca_spec("SomeoneElsesRootCA")), "someone", "PKCS12", "secret");
    const auto before = bytes_of(keystore_);
    JavaStore store(keystore_, "changeit");
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_WRONG_PASSWORD);
        EXPECT_EQ(failure.item(), keystore_.string());
        EXPECT_EQ(failure.reason(), "the keystore refused the password: give its password with -KeystorePassword (a JDK's "
                                    "cacerts uses changeit unless someone changed it); nothing was changed");
    }
    EXPECT_EQ(bytes_of(keystore_), before);
    JavaStore right(keystore_, "secret");
    place(right, seed_cas(), {});
    EXPECT_EQ(listing(keystore_, "secret"), (std::vector<std::string>{"type PKCS12", root_alias() + " trustedCertEntry",
                                                                      "someone trustedCertEntry"}));
}

TEST_F(JavaStoreTest, ADamagedKeystoreIsNamedAndLeftAsItWas) {
    const std::vector<std::uint8_t> junk(2048, 0x30);
    write_file(keystore_, junk);
    JavaStore store(keystore_, "changeit");
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_UNSUPPORTED_FORMAT);
        EXPECT_EQ(failure.what(), keystore_.string() + ": is not a keystore keytool can read (damaged, or not JKS or "
                                                        "PKCS#12); nothing was changed");
    }
    EXPECT_EQ(bytes_of(keystore_), junk);
}

TEST_F(JavaStoreTest, NamesThePackageWhenKeytoolIsMissing) {
    JavaStore store(keystore_, "changeit", "keytool-not-installed");
    try {
        place(store, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_NOT_SUPPORTED);
        EXPECT_EQ(failure.item(), "keytool-not-installed");
        EXPECT_NE(failure.reason().find("(Debian and Ubuntu: default-jre-headless)"), std::string::npos) << failure.what();
    }
    EXPECT_FALSE(fs::exists(keystore_));
}

TEST_F(JavaStoreTest, WritesNothingWhenAnotherProgramChangedTheKeystoreMeanwhile) {
    import_foreign(keystore_, folder_.path(), self_signed(ca_spec("SomeoneElsesRootCA")), "someone", "PKCS12");
    JavaStore store(keystore_, "changeit");
    ASSERT_FALSE(store.contains(StoreKind::Root, load(pki_->root)->thumbprint()));  // read now
    import_foreign(keystore_, folder_.path(), self_signed(ca_spec("AnotherRootCA")), "another", "PKCS12");
    const auto theirs = bytes_of(keystore_);
    EXPECT_THROW(place(store, seed_cas(), {}), Failure);
    EXPECT_EQ(bytes_of(keystore_), theirs);
}

TEST_F(JavaStoreTest, AFailureInTheNextStoreTakesTheRootOutOfTheKeystoreAgain) {
    import_foreign(keystore_, folder_.path(), self_signed(ca_spec("SomeoneElsesRootCA")), "someone", "PKCS12");
    const auto before = bytes_of(keystore_);
    JavaStore java(keystore_, "changeit");
    NssStore nss{NssDatabase(folder_.path() / "nssdb", "certutil-not-installed")};
    try {
        place_in_each({&java, &nss}, seed_cas(), {});
        FAIL() << "placed";
    } catch (const Failure& failure) {
        EXPECT_NE(std::string(failure.what()).find("what this call had changed in 1 other store(s) was undone"), std::string::npos)
            << failure.what();
    }
    EXPECT_EQ(listing(keystore_), (std::vector<std::string>{"type PKCS12", "someone trustedCertEntry"}));
    EXPECT_NE(bytes_of(keystore_), before) << "undone by a second rewrite, not left alone";
}

TEST(JavaKeystoreDefault, IsTheCacertsOfTheJavaTheSystemRuns) {
    const ProcessResult settings = run_process({"java", "-XshowSettings:properties", "-version"});
    std::smatch home;
    ASSERT_TRUE(std::regex_search(settings.output, home, std::regex("java\\.home = (\\S+)"))) << settings.output;
    EXPECT_EQ(default_java_keystore(), fs::path(home[1].str()) / "lib" / "security" / "cacerts");
}

}  // namespace
}  // namespace cachain
