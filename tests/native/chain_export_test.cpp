// Export: the CA certificates as files an administrator can carry to
// another machine, written atomically, never clobbering a different file.
#include <algorithm>
#include <ctime>
#include <set>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "chain_discovery.h"
#include "chain_exporter.h"
#include "failure.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace cachain {
namespace {

using namespace testing;
namespace fs = std::filesystem;

class ChainExport : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    static Chain seed_chain() {
        std::vector<CertificatePtr> pool;
        for (const Issued* i : {&pki_->root, &pki_->policy, &pki_->issuing})
            pool.push_back(parse_certificates(i->der(), "pool", nullptr).at(0));
        const auto target = parse_certificates(pki_->server.der(), "server", nullptr);
        return discover_chains(target, pool, std::time(nullptr)).at(0);
    }

    static std::set<std::string> names_in(const fs::path& folder) {
        std::set<std::string> names;
        for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
        return names;
    }

    static SeedPki* pki_;
    TempFolder folder_;
};
SeedPki* ChainExport::pki_ = nullptr;

TEST_F(ChainExport, WritesEachCaCertificateAsDerCerNamedAfterItsSubject) {
    const auto files = export_chain(seed_chain(), folder_ / "certs", {});
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(names_in(folder_ / "certs"),
              (std::set<std::string>{"SchertzLabRootCA.cer", "SchertzLabPolicyCA.cer", "SchertzLabIssuingCA.cer"}));
    EXPECT_EQ(files[0].path.filename(), "SchertzLabRootCA.cer");  // root first
    for (const auto& file : files) {
        EXPECT_EQ(file.action, CACHAIN_FILE_WRITTEN);
        EXPECT_EQ(file.status, CACHAIN_OK);
    }
    EXPECT_EQ(read_file(folder_ / "certs/SchertzLabRootCA.cer"), pki_->root.der());
}

TEST_F(ChainExport, WritesTheLeafOnlyWhenAsked) {
    ExportOptions options;
    options.include_leaf = true;
    export_chain(seed_chain(), folder_.path(), options);
    EXPECT_EQ(names_in(folder_.path()).count("pool1.schertz.lab.cer"), 1u);
    EXPECT_EQ(names_in(folder_.path()).size(), 4u);
}

TEST_F(ChainExport, WritesPemFilesThatReadBackAsTheSameCertificates) {
    ExportOptions options;
    options.format = CACHAIN_FORMAT_PEM;
    export_chain(seed_chain(), folder_.path(), options);
    const auto bytes = read_file(folder_ / "SchertzLabPolicyCA.pem");
    const std::string text(bytes.begin(), bytes.end());
    EXPECT_EQ(text, pki_->policy.pem());
}

TEST_F(ChainExport, WritesOnePkcs7BundleWithTheWholeChain) {
    ExportOptions options;
    options.format = CACHAIN_FORMAT_P7B;
    const auto files = export_chain(seed_chain(), folder_.path(), options);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].path.filename(), "pool1.schertz.lab-chain.p7b");
    EXPECT_EQ(files[0].certificate, nullptr);
    const auto certs = parse_certificates(read_file(files[0].path), "bundle", nullptr);
    EXPECT_EQ(certs.size(), 3u);
}

TEST_F(ChainExport, ChangesNothingWhenTheSameChainIsExportedAgain) {
    export_chain(seed_chain(), folder_.path(), {});
    const auto before = fs::last_write_time(folder_ / "SchertzLabRootCA.cer");
    const auto again = export_chain(seed_chain(), folder_.path(), {});
    for (const auto& file : again) EXPECT_EQ(file.action, CACHAIN_FILE_UNCHANGED);
    EXPECT_EQ(fs::last_write_time(folder_ / "SchertzLabRootCA.cer"), before);
    EXPECT_EQ(names_in(folder_.path()).size(), 3u);  // no temporary files left behind
}

TEST_F(ChainExport, NeverOverwritesADifferentFileUnlessForced) {
    write_file(folder_ / "SchertzLabRootCA.cer", std::string("the admin's own file"));
    const auto files = export_chain(seed_chain(), folder_.path(), {});
    const auto root = std::find_if(files.begin(), files.end(), [](const ExportedFile& f) {
        return f.path.filename() == "SchertzLabRootCA.cer";
    });
    ASSERT_NE(root, files.end());
    EXPECT_EQ(root->action, CACHAIN_FILE_FAILED);
    EXPECT_EQ(root->status, CACHAIN_E_EXISTS);
    EXPECT_NE(root->message.find("SchertzLabRootCA.cer"), std::string::npos);
    EXPECT_NE(root->message.find("Force"), std::string::npos);
    const auto kept = read_file(folder_ / "SchertzLabRootCA.cer");
    EXPECT_EQ(std::string(kept.begin(), kept.end()), "the admin's own file");
    // The bad one did not stop the good ones.
    EXPECT_EQ(std::count_if(files.begin(), files.end(), [](const ExportedFile& f) { return f.status == CACHAIN_OK; }), 2);

    ExportOptions forced;
    forced.force = true;
    const auto replaced = export_chain(seed_chain(), folder_.path(), forced);
    EXPECT_EQ(replaced[0].action, CACHAIN_FILE_REPLACED);
    EXPECT_EQ(read_file(folder_ / "SchertzLabRootCA.cer"), pki_->root.der());
}

TEST_F(ChainExport, DryRunSaysWhatWouldHappenAndWritesNothing) {
    ExportOptions options;
    options.dry_run = true;
    const auto files = export_chain(seed_chain(), folder_ / "not-yet", options);
    ASSERT_EQ(files.size(), 3u);
    for (const auto& file : files) EXPECT_EQ(file.action, CACHAIN_FILE_WOULD_WRITE);
    EXPECT_FALSE(fs::exists(folder_ / "not-yet"));
}

TEST_F(ChainExport, SettlesNameCollisionsByThumbprint) {
    // Two generations of a root with the same name: both must survive.
    const Issued old_root = self_signed(ca_spec("SameNameCA"));
    const Issued new_root = self_signed(ca_spec("SameNameCA"));
    const Issued cross = issue_with_key(old_root, ca_spec("SameNameCA"), share(new_root.key));
    const Issued server = issue(new_root, server_spec("collide.schertz.lab"));
    std::vector<CertificatePtr> pool;
    for (const Issued* i : {&cross, &old_root}) pool.push_back(parse_certificates(i->der(), "pool", nullptr).at(0));
    const auto chain = discover_chains(parse_certificates(server.der(), "s", nullptr), pool, std::time(nullptr)).at(0);
    ASSERT_EQ(chain.elements.size(), 3u);
    const auto files = export_chain(chain, folder_.path(), {});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_NE(files[0].path, files[1].path);
    for (const auto& file : files) {
        EXPECT_EQ(file.path.filename().string().rfind("SameNameCA_", 0), 0u) << file.path;
        EXPECT_NE(file.path.filename().string().find(file.certificate->thumbprint().substr(0, 8)), std::string::npos);
    }
}

TEST_F(ChainExport, RefusesWhenTheDestinationIsAFile) {
    write_file(folder_ / "occupied", std::string("x"));
    EXPECT_THROW(export_chain(seed_chain(), folder_ / "occupied", {}), Failure);
}

TEST_F(ChainExport, KeepsNamesFromHostileSubjectsInsideTheFolder) {
    std::vector<Name> names;
    for (const std::string& cn : std::vector<std::string>{"../../../etc/cron.d/evil", "/etc/passwd", "C:\\Windows\\System32\\x", "CON", "..",
                                 std::string("nul\0byte", 8), std::string("\xE2\x80\xAErec.exe")}) {
        names.push_back(lab_name(cn));
    }
    names.push_back(Name{{{"DC", std::string(300, 'A')}}});  // no CN: the subject names the file
    for (const Name& name : names) {
        CertSpec spec = ca_spec("unused");
        spec.subject = name;
        const Issued root = self_signed(spec);
        const auto target = parse_certificates(root.der(), "root", nullptr);
        const auto chain = discover_chains(target, {}, std::time(nullptr)).at(0);
        TempFolder out;
        const auto files = export_chain(chain, out.path(), {});
        ASSERT_EQ(files.size(), 1u);
        EXPECT_EQ(files[0].status, CACHAIN_OK) << files[0].message;
        EXPECT_EQ(files[0].path.parent_path(), out.path()) << files[0].path;
        EXPECT_EQ(names_in(out.path()).size(), 1u);
    }
}

}  // namespace
}  // namespace cachain
