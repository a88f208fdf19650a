#include "trust_corpus_folder.h"

#include <string>

namespace cachain::testing {
namespace {

std::string pem_of_all(const std::vector<CorpusCertificate>& certificates) {
    std::string pem;
    for (const auto& certificate : certificates) pem += certificate->pem();
    return pem;
}

// One file a certificate, numbered in the store's order: 01.pem, 02.pem, ...
void write_store(const std::filesystem::path& folder, const std::vector<CorpusCertificate>& certificates) {
    std::filesystem::create_directories(folder);
    for (std::size_t i = 0; i < certificates.size(); ++i) {
        const std::string number = std::to_string(i + 1);
        write_file(folder / ((number.size() < 2 ? "0" : "") + number + ".pem"), certificates[i]->pem());
    }
}

std::string case_table(const TrustCase& trust_case) {
    const auto line = [](const std::string& key, const std::string& value) { return key + "\t" + value + "\n"; };
    return line("category", trust_case.category) + line("name", trust_case.name) +
           line("at", std::to_string(static_cast<long long>(trust_case.at))) +
           line("purpose", openssl_purpose_name(trust_case.purpose)) +
           line("host_kind", host_kind_name(trust_case.host_kind)) + line("host", trust_case.host) +
           line("trusted", trust_case.expected.trusted ? "true" : "false") +
           line("openssl_code", std::to_string(trust_case.expected.openssl_code)) +
           line("cause", trust_case.expected.cause);
}

}  // namespace

std::filesystem::path case_folder(const std::filesystem::path& corpus_folder, const TrustCase& trust_case) {
    return corpus_folder / trust_case.category / trust_case.name;
}

void write_trust_case(const std::filesystem::path& corpus_folder, const TrustCase& trust_case) {
    const auto folder = case_folder(corpus_folder, trust_case);
    std::filesystem::create_directories(folder);
    write_file(folder / "target.pem", trust_case.target->pem());
    write_file(folder / "sent.pem", pem_of_all(trust_case.sent));
    write_store(folder / "roots", trust_case.roots);
    write_store(folder / "cas", trust_case.cas);
    write_file(folder / "case.tsv", case_table(trust_case));
}

void write_trust_corpus(const std::filesystem::path& corpus_folder, const std::vector<TrustCase>& corpus) {
    for (const auto& trust_case : corpus) write_trust_case(corpus_folder, trust_case);
}

}  // namespace cachain::testing
