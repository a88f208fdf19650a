// The trust corpus's labels are the real judge's, not the code's: every case,
// as written for Pester, goes through the real `openssl verify` with the
// case's anchors, untrusted certificates, time, purpose and host, and the
// first error it reports must be exactly the case's expected code.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "process_runner.h"
#include "temp_folder.h"
#include "trust_corpus_folder.h"

namespace fs = std::filesystem;
using namespace cachain::testing;

namespace {

struct Judgement {
    bool trusted = false;
    int code = -1;  // the first "error N at D depth lookup", 0 when none
    std::string output;
};

std::string text_of(const fs::path& file) {
    const auto bytes = read_file(file);
    return std::string(bytes.begin(), bytes.end());
}

int certificates_in(const std::string& pem) {
    int count = 0;
    for (auto at = pem.find("-----BEGIN CERTIFICATE-----"); at != std::string::npos;
         at = pem.find("-----BEGIN CERTIFICATE-----", at + 1))
        ++count;
    return count;
}

// The PEM files of a store folder, in their numbered order, as one text.
std::string store_text(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::string text;
    for (const auto& file : files) text += text_of(file);
    return text;
}

// openssl verify with only the case's anchors (-no-CApath and -no-CAstore
// keep this machine's own store out), at the case's time.
std::vector<std::string> verify_command(const fs::path& folder, const fs::path& work, const TrustCase& trust_case) {
    write_file(work / "anchors.pem", store_text(folder / "roots"));
    std::vector<std::string> command{"openssl", "verify", "-no-CApath", "-no-CAstore",
                                     "-CAfile", (work / "anchors.pem").string(),
                                     "-attime", std::to_string(static_cast<long long>(trust_case.at)),
                                     "-purpose", openssl_purpose_name(trust_case.purpose)};
    const std::string untrusted = text_of(folder / "sent.pem") + store_text(folder / "cas");
    if (!untrusted.empty()) {
        write_file(work / "untrusted.pem", untrusted);
        command.insert(command.end(), {"-untrusted", (work / "untrusted.pem").string()});
    }
    if (trust_case.host_kind == HostKind::DnsName) command.insert(command.end(), {"-verify_hostname", trust_case.host});
    if (trust_case.host_kind == HostKind::IpAddress) command.insert(command.end(), {"-verify_ip", trust_case.host});
    command.push_back((folder / "target.pem").string());
    return command;
}

Judgement judge(const fs::path& folder, const fs::path& work, const TrustCase& trust_case) {
    fs::create_directories(work);
    const auto result = cachain::run_process(verify_command(folder, work, trust_case));
    Judgement judgement;
    judgement.output = result.output;
    judgement.trusted = result.exit_code == 0 && result.output.find("target.pem: OK") != std::string::npos;
    std::smatch first_error;
    const std::regex error_line(R"(error (\d+) at \d+ depth lookup)");
    judgement.code = std::regex_search(result.output, first_error, error_line) ? std::stoi(first_error[1]) : 0;
    return judgement;
}

class TrustCorpus : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        corpus_ = new std::vector<TrustCase>(build_trust_corpus(now_));
        folder_ = new TempFolder();
        write_trust_corpus(folder_->path() / "corpus", *corpus_);
    }
    static void TearDownTestSuite() {
        delete folder_;
        delete corpus_;
    }

    static const std::time_t now_;
    static std::vector<TrustCase>* corpus_;
    static TempFolder* folder_;
};
const std::time_t TrustCorpus::now_ = std::time(nullptr);
std::vector<TrustCase>* TrustCorpus::corpus_ = nullptr;
TempFolder* TrustCorpus::folder_ = nullptr;

TEST_F(TrustCorpus, OpenSslCommandLineAgreesWithEveryLabel) {
    for (const auto& trust_case : *corpus_) {
        const auto folder = case_folder(folder_->path() / "corpus", trust_case);
        const auto work = folder_->path() / "work" / trust_case.category / trust_case.name;
        const Judgement judgement = judge(folder, work, trust_case);
        const std::string label = trust_case.category + "/" + trust_case.name;
        EXPECT_EQ(judgement.code, trust_case.expected.openssl_code) << label << ":\n" << judgement.output;
        EXPECT_EQ(judgement.trusted, trust_case.expected.trusted) << label << ":\n" << judgement.output;
    }
}

TEST_F(TrustCorpus, EveryCategoryHasATrustedAndARefusedCase) {
    std::map<std::string, std::pair<int, int>> trusted_and_refused;
    for (const auto& trust_case : *corpus_) {
        auto& counts = trusted_and_refused[trust_case.category];
        (trust_case.expected.trusted ? counts.first : counts.second) += 1;
    }
    std::set<std::string> categories;
    for (const auto& [category, counts] : trusted_and_refused) {
        categories.insert(category);
        EXPECT_GE(counts.first, 1) << category << " has no trusted case";
        EXPECT_GE(counts.second, 1) << category << " has no refused case";
    }
    EXPECT_EQ(categories, (std::set<std::string>{"anchors", "bad-signature", "ca-constraints", "critical-extensions",
                                                 "extended-key-usage", "host-names", "name-constraints",
                                                 "path-building", "validity"}));
}

TEST_F(TrustCorpus, EveryLabelIsConsistentAndEveryCaseHasAFolderOfItsOwn) {
    std::set<std::string> folders;
    for (const auto& trust_case : *corpus_) {
        const std::string label = trust_case.category + "/" + trust_case.name;
        EXPECT_TRUE(folders.insert(label).second) << label << " appears twice";
        EXPECT_EQ(trust_case.expected.trusted, trust_case.expected.openssl_code == 0) << label;
        EXPECT_EQ(trust_case.expected.trusted, trust_case.expected.cause == "trusted") << label;
        EXPECT_EQ(trust_case.host.empty(), trust_case.host_kind == HostKind::None) << label;
    }
}

TEST_F(TrustCorpus, WritesEachCaseAsPemFilesAndAKeyValueTable) {
    const fs::path folder = folder_->path() / "corpus" / "validity" / "at-not-after";
    const std::string at = std::to_string(static_cast<long long>(now_ + 10 * 24 * 3600));
    EXPECT_EQ(text_of(folder / "case.tsv"),
              "category\tvalidity\nname\tat-not-after\nat\t" + at +
                  "\npurpose\tsslserver\nhost_kind\tnone\nhost\t\ntrusted\tfalse\nopenssl_code\t10\ncause\texpired\n");
    // The leaf, the two CAs the server sends, one anchor, an empty CA store.
    EXPECT_EQ(certificates_in(text_of(folder / "target.pem")), 1);
    EXPECT_EQ(certificates_in(text_of(folder / "sent.pem")), 2);
    std::vector<std::string> roots;
    for (const auto& entry : fs::directory_iterator(folder / "roots")) roots.push_back(entry.path().filename().string());
    EXPECT_EQ(roots, std::vector<std::string>{"01.pem"});
    EXPECT_TRUE(fs::is_directory(folder / "cas"));
    EXPECT_TRUE(fs::is_empty(folder / "cas"));
}

}  // namespace
