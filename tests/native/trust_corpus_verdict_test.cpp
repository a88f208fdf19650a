// Test-CaChain's verdict on every case of the trust corpus equals the
// corpus's label, which trust_corpus_test.cpp proves against the real
// `openssl verify`: trusted or not, OpenSSL's exact code, and a cause kind
// that is the label's.
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include "cachain/cachain.h"
#include "system_import_support.h"
#include "temp_folder.h"
#include "trust_corpus.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

// The corpus's cause labels as the library's cause kinds. "key-usage" is
// two kinds: a CA whose keyUsage lacks keyCertSign (OpenSSL's invalid CA),
// and a leaf whose keyUsage does not allow the purpose, which OpenSSL and
// Windows both report as the wrong usage.
cachain_trust_cause cause_kind_of(const ExpectedVerdict& label) {
    static const std::map<std::string, cachain_trust_cause> kinds{
        {"trusted", CACHAIN_CAUSE_NONE},
        {"issuer-missing", CACHAIN_CAUSE_ISSUER_MISSING},
        {"untrusted-root", CACHAIN_CAUSE_ROOT_NOT_TRUSTED},
        {"anchor-not-self-signed", CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED},
        {"invalid-ca", CACHAIN_CAUSE_INVALID_CA},
        {"path-length", CACHAIN_CAUSE_PATH_LENGTH},
        {"wrong-purpose", CACHAIN_CAUSE_WRONG_PURPOSE},
        {"bad-signature", CACHAIN_CAUSE_BAD_SIGNATURE},
        {"expired", CACHAIN_CAUSE_EXPIRED},
        {"not-yet-valid", CACHAIN_CAUSE_NOT_YET_VALID},
        {"critical-extension", CACHAIN_CAUSE_CRITICAL_EXTENSION},
        {"host-mismatch", CACHAIN_CAUSE_HOST_NAME_MISMATCH},
        {"name-constraints", CACHAIN_CAUSE_NAME_CONSTRAINTS},
    };
    if (label.cause == "key-usage")
        return label.openssl_code == X509_V_ERR_INVALID_PURPOSE ? CACHAIN_CAUSE_WRONG_PURPOSE : CACHAIN_CAUSE_CA_KEY_USAGE;
    const auto found = kinds.find(label.cause);
    EXPECT_NE(found, kinds.end()) << "the corpus has a cause label this test does not know: " << label.cause;
    return found == kinds.end() ? CACHAIN_CAUSE_OTHER : found->second;
}

// The cause kind of a case's verdict: its label's, except where the label's
// vocabulary is coarser than the library's causes. Two CAs that only
// certify each other: OpenSSL says only "no issuer" (20); issue 16 (item 2)
// wants the loop named, not the issuer called "not supplied".
cachain_trust_cause expected_cause_kind(const TrustCase& trust_case) {
    if (trust_case.category == "path-building" && trust_case.name == "loop-without-an-anchor")
        return CACHAIN_CAUSE_PATH_LOOP;
    return cause_kind_of(trust_case.expected);
}

cachain_purpose purpose_of(Purpose purpose) {
    switch (purpose) {
    case Purpose::ClientAuth: return CACHAIN_PURPOSE_CLIENT_AUTH;
    case Purpose::Any: return CACHAIN_PURPOSE_ANY;
    case Purpose::ServerAuth: break;
    }
    return CACHAIN_PURPOSE_SERVER_AUTH;
}

// Writes certs into folder under the names `openssl rehash` gives them,
// whatever they are (placement would refuse a CA that is not self-signed in
// Root, and the corpus puts one there on purpose).
void write_hashed(const fs::path& folder, const std::vector<CorpusCertificate>& certs) {
    fs::create_directories(folder);
    for (const auto& cert : certs) {
        for (int n = 0;; ++n) {
            char name[32];
            std::snprintf(name, sizeof name, "%08lx.%d", X509_subject_name_hash(cert->cert.get()), n);
            if (fs::exists(folder / name)) continue;
            write_file(folder / name, cert->pem());
            break;
        }
    }
}

std::string pem_of(const std::vector<CorpusCertificate>& certs) {
    std::string pem;
    for (const auto& cert : certs) pem += cert->pem();
    return pem;
}

struct Verdict {
    int64_t trusted = -1, openssl = -1, cause = -1;
    std::string reason;
};

// Test-CaChain of the case's target, what the server sends supplied, against
// the store at folder (a directory store, or the Linux system trust rooted there).
Verdict evaluate(const TrustCase& trust_case, cachain_store_location location, const fs::path& folder) {
    Verdict verdict;
    cachain_set* inputs = nullptr;
    cachain_set* sent = nullptr;
    cachain_store* store = nullptr;
    cachain_verdicts* verdicts = nullptr;
    cachain_set_new(&inputs);
    cachain_set_new(&sent);
    const auto target = trust_case.target->der();
    const std::string sent_pem = pem_of(trust_case.sent);
    EXPECT_EQ(cachain_set_add_bytes(inputs, target.data(), target.size(), "target", nullptr), CACHAIN_OK);
    if (!sent_pem.empty()) {
        EXPECT_EQ(cachain_set_add_bytes(sent, reinterpret_cast<const uint8_t*>(sent_pem.data()), sent_pem.size(),
                                        "sent.pem", nullptr), CACHAIN_OK);
    }
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.at = static_cast<int64_t>(trust_case.at);
    options.purpose = purpose_of(trust_case.purpose);
    options.dns_name = trust_case.host_kind == HostKind::None ? nullptr : trust_case.host.c_str();
    EXPECT_EQ(cachain_store_open(location, cachain::utf8_from_path(folder).c_str(), &store), CACHAIN_OK)
        << cachain_last_error();
    EXPECT_EQ(cachain_evaluate_with_options(store, inputs, sent, &options, &verdicts), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_verdicts_count(verdicts), 1u);
    if (cachain_verdicts_count(verdicts) == 1)
        verdict = {cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TRUSTED),
                   cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_OPENSSL_CODE),
                   cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CAUSE),
                   cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_REASON)};
    cachain_verdicts_free(verdicts);
    cachain_store_free(store);
    cachain_set_free(sent);
    cachain_set_free(inputs);
    return verdict;
}

TEST(TrustCorpusVerdict, TheVerdictIsTheJudgesOnEveryCase) {
    const auto corpus = build_trust_corpus();
    ASSERT_EQ(corpus.size(), 69u);
    TempFolder folder;
    for (const auto& trust_case : corpus) {
        SCOPED_TRACE(trust_case.category + "/" + trust_case.name);
        const fs::path store = folder.path() / trust_case.category / trust_case.name;
        write_hashed(store / "Root", trust_case.roots);
        write_hashed(store / "CA", trust_case.cas);
        const Verdict verdict = evaluate(trust_case, CACHAIN_LOCATION_DIRECTORY, store);
        EXPECT_EQ(verdict.trusted, trust_case.expected.trusted ? 1 : 0) << verdict.reason;
        EXPECT_EQ(verdict.openssl, trust_case.expected.openssl_code) << verdict.reason;
        EXPECT_EQ(verdict.cause, expected_cause_kind(trust_case)) << verdict.reason;
    }
}

#ifndef _WIN32
// The CA store's intermediates are CaChain's intermediates file on Linux,
// which no TLS client reads: the case a directory store (modelling Windows,
// whose clients read the CA store) trusts is refused there, as curl refuses it.
TEST(TrustCorpusVerdict, TheLinuxSystemTrustRefusesALeafWhoseIntermediatesOnlyItsCaStoreHolds) {
    const auto corpus = build_trust_corpus();
    const TrustCase* leaf_only = nullptr;
    for (const auto& trust_case : corpus)
        if (trust_case.name == "leaf-only-sent-intermediates-in-ca-store") leaf_only = &trust_case;
    ASSERT_NE(leaf_only, nullptr);
    ASSERT_FALSE(leaf_only->cas.empty());
    TempFolder folder;
    const fs::path system_root = folder.path() / "system";
    for (const char* subfolder : {"etc/ssl/certs", "usr/share/ca-certificates", "usr/local/share/ca-certificates"})
        fs::create_directories(system_root / subfolder);
    write_file(system_root / "etc/ca-certificates.conf", std::string());
    ASSERT_EQ(import_into(system_root, pem_of(leaf_only->roots) + pem_of(leaf_only->cas)), CACHAIN_OK)
        << cachain_last_error();
    const Verdict verdict = evaluate(*leaf_only, CACHAIN_LOCATION_LOCAL_MACHINE, system_root);
    EXPECT_EQ(verdict.trusted, 0) << verdict.reason;
    EXPECT_EQ(verdict.openssl, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY) << verdict.reason;
    EXPECT_EQ(verdict.cause, CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES) << verdict.reason;
}
#endif

}  // namespace
