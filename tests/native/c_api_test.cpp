// The C interface as another language sees it: status codes, messages,
// ownership, and no crash on bad arguments.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#ifdef _WIN32
#include <windows.h>
#endif

#include "cachain/cachain.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;

class CApi : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(cachain_set_new(&inputs_), CACHAIN_OK);
        ASSERT_EQ(cachain_set_new(&pool_), CACHAIN_OK);
    }
    void TearDown() override {
        cachain_export_free(export_);
        cachain_chains_free(chains_);
        cachain_set_free(pool_);
        cachain_set_free(inputs_);
    }

    cachain_set* inputs_ = nullptr;
    cachain_set* pool_ = nullptr;
    cachain_chains* chains_ = nullptr;
    cachain_export* export_ = nullptr;
    TempFolder folder_;
};

// Paths are UTF-8 at the C interface on every platform; on Windows they must
// reach the file system as the same UTF-16 names (C:\Users\Jürgen\...).
TEST_F(CApi, LoadsAndExportsUnderFolderNamesWithNonAsciiLettersAndSpaces) {
    const SeedPki pki = make_seed_pki();
    const std::filesystem::path certs = folder_.path() / path_from_utf8("Jürgen") / "certs";
    std::filesystem::create_directories(certs);
    write_file(folder_ / "pool1.cer", pki.server.der());
    write_file(certs / "Root CA.cer", pki.root.der());
    write_file(certs / path_from_utf8("Zwischenzertifizierungsstellen für Prüfung.p7b"),
               pkcs7_of({&pki.policy, &pki.issuing}));

    const std::string folder = utf8_from_path(certs);
    ASSERT_NE(folder.find("J\xC3\xBCrgen"), std::string::npos) << "the test's own path is UTF-8";
#ifdef _WIN32
    // Under a UTF-8 ANSI code page, narrow Windows calls would pass this test by luck.
    ASSERT_NE(GetACP(), static_cast<UINT>(CP_UTF8));
#endif
    ASSERT_EQ(cachain_set_add_path(pool_, folder.c_str(), nullptr), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_set_count(pool_), 3u);
    ASSERT_EQ(cachain_set_add_path(pool_, (folder + "/Root CA.cer").c_str(), nullptr), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(cachain_set_add_path(inputs_, utf8_from_path(folder_ / "pool1.cer").c_str(), nullptr), CACHAIN_OK);
    ASSERT_EQ(cachain_discover(inputs_, pool_, &chains_), CACHAIN_OK);

    const std::string destination = utf8_from_path(folder_.path()) + "/" + "Zertifikate f\xC3\xBCr J\xC3\xBCrgen";
    ASSERT_EQ(cachain_export_chain(cachain_chains_get(chains_, 0), destination.c_str(), CACHAIN_FORMAT_DER, 0, &export_),
              CACHAIN_OK)
        << cachain_last_error();
    ASSERT_EQ(cachain_export_count(export_), 3u);
    EXPECT_TRUE(std::filesystem::is_regular_file(path_from_utf8(destination) / "SchertzLabRootCA.cer"));
    const char* written = nullptr;
    ASSERT_EQ(cachain_export_file(export_, 0, &written, nullptr, nullptr, nullptr), CACHAIN_OK);
    EXPECT_EQ(std::string(written).rfind(destination, 0), 0u) << written << " is reported as UTF-8 under the folder";
}

TEST_F(CApi, FindsAndExportsTheSeedChainThroughTheCInterfaceAlone) {
    const SeedPki pki = make_seed_pki();
    write_file(folder_ / "pool1.cer", pki.server.der());
    std::filesystem::create_directories(folder_ / "issuers");
    write_file(folder_ / "issuers" / "root.cer", pki.root.der());
    write_file(folder_ / "issuers" / "cas.pem", pem_of({&pki.policy, &pki.issuing}));

    ASSERT_EQ(cachain_set_add_path(inputs_, utf8_from_path(folder_ / "pool1.cer").c_str(), nullptr), CACHAIN_OK);
    ASSERT_EQ(cachain_set_add_path(pool_, utf8_from_path(folder_ / "issuers").c_str(), nullptr), CACHAIN_OK);
    EXPECT_EQ(cachain_set_count(pool_), 3u);
    ASSERT_EQ(cachain_discover(inputs_, pool_, &chains_), CACHAIN_OK);
    const cachain_chain* chain = cachain_chains_get(chains_, 0);
    ASSERT_NE(chain, nullptr);
    EXPECT_EQ(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_STATUS), CACHAIN_CHAIN_COMPLETE);
    EXPECT_EQ(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_RANK), 0);
    ASSERT_EQ(cachain_chain_length(chain), 4u);
    EXPECT_EQ(cachain_chain_role(chain, 3), CACHAIN_ROLE_ROOT);
    EXPECT_STREQ(cachain_cert_text(cachain_chain_cert(chain, 3), CACHAIN_TEXT_COMMON_NAME), "SchertzLabRootCA");
    EXPECT_EQ(cachain_cert_number(cachain_chain_cert(chain, 3), CACHAIN_NUMBER_SELF_SIGNED), 1);
    EXPECT_EQ(cachain_chain_validity(chain, 0), CACHAIN_VALIDITY_VALID);
    EXPECT_STREQ(cachain_chain_text(chain, CACHAIN_CHAIN_TEXT_MISSING_ISSUER), "");

    const uint8_t* der = nullptr;
    size_t length = 0;
    ASSERT_EQ(cachain_cert_der(cachain_chain_cert(chain, 3), &der, &length), CACHAIN_OK);
    EXPECT_EQ(std::vector<uint8_t>(der, der + length), pki.root.der());

    const auto out = folder_ / "certs";
    ASSERT_EQ(cachain_export_chain(chain, utf8_from_path(out).c_str(), CACHAIN_FORMAT_DER, 0, &export_), CACHAIN_OK);
    ASSERT_EQ(cachain_export_count(export_), 3u);
    const char* path = nullptr;
    cachain_file_action action{};
    cachain_status status{};
    const char* message = nullptr;
    ASSERT_EQ(cachain_export_file(export_, 0, &path, &action, &status, &message), CACHAIN_OK);
    EXPECT_EQ(std::string(path), (out / "SchertzLabRootCA.cer").string());
    EXPECT_EQ(action, CACHAIN_FILE_WRITTEN);
    EXPECT_STREQ(message, "");
    EXPECT_STREQ(cachain_cert_text(cachain_export_cert(export_, 0), CACHAIN_TEXT_COMMON_NAME), "SchertzLabRootCA");
}

TEST_F(CApi, ReportsBadItemsWithTheirNamesAndKeepsTheGoodOnes) {
    const SeedPki pki = make_seed_pki();
    write_file(folder_ / "good.cer", pki.root.der());
    write_file(folder_ / "junk.cer", std::string("not a certificate at all"));
    EXPECT_EQ(cachain_set_add_path(inputs_, utf8_from_path(folder_.path()).c_str(), nullptr), CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_NE(std::string(cachain_last_error()).find("junk.cer"), std::string::npos) << cachain_last_error();
    EXPECT_EQ(cachain_set_count(inputs_), 1u);
    ASSERT_EQ(cachain_set_problem_count(inputs_), 1u);
    cachain_status code{};
    const char* item = nullptr;
    const char* message = nullptr;
    ASSERT_EQ(cachain_set_problem(inputs_, 0, &code, &item, &message), CACHAIN_OK);
    EXPECT_EQ(code, CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_EQ(std::string(item), (folder_ / "junk.cer").string());
    EXPECT_NE(std::string(message).find("not DER, PEM"), std::string::npos);
}

TEST_F(CApi, LoadsBytesAndRecordsAFailureWithTheCallersItemName) {
    const std::string text = "-----BEGIN CERTIFICATE-----\nAAAA\n";
    EXPECT_EQ(cachain_set_add_bytes(inputs_, reinterpret_cast<const uint8_t*>(text.data()), text.size(), "clipboard",
                                    nullptr),
              CACHAIN_E_TRUNCATED);
    EXPECT_NE(std::string(cachain_last_error()).find("clipboard"), std::string::npos);
    EXPECT_EQ(cachain_set_problem_count(inputs_), 1u);
    EXPECT_EQ(cachain_set_count(inputs_), 0u);

    const auto der = make_seed_pki().root.der();
    EXPECT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), nullptr, nullptr), CACHAIN_OK);
    EXPECT_STREQ(cachain_last_error(), "");
    EXPECT_EQ(cachain_set_count(inputs_), 1u);
}

TEST_F(CApi, RefusesNullArgumentsWithoutCrashing) {
    EXPECT_EQ(cachain_set_new(nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_set_add_path(nullptr, "x", nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_set_add_path(inputs_, nullptr, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_set_add_bytes(inputs_, nullptr, 5, "x", nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_set_add_bytes(inputs_, nullptr, 0, "x", nullptr), CACHAIN_E_EMPTY);
    EXPECT_EQ(cachain_discover(nullptr, nullptr, &chains_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_discover(inputs_, nullptr, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_export_chain(nullptr, "x", CACHAIN_FORMAT_DER, 0, &export_), CACHAIN_E_ARGUMENT);
    EXPECT_NE(std::string(cachain_last_error()).find("chain"), std::string::npos);
    EXPECT_EQ(cachain_cert_der(nullptr, nullptr, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_set_problem(inputs_, 99, nullptr, nullptr, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_export_file(nullptr, 0, nullptr, nullptr, nullptr, nullptr), CACHAIN_E_ARGUMENT);

    EXPECT_EQ(cachain_set_count(nullptr), 0u);
    EXPECT_EQ(cachain_set_cert(inputs_, 7), nullptr);
    EXPECT_EQ(cachain_cert_text(nullptr, CACHAIN_TEXT_SUBJECT), nullptr);
    EXPECT_EQ(cachain_chains_get(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_chain_length(nullptr), 0u);
    EXPECT_EQ(cachain_chain_cert(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_export_cert(nullptr, 0), nullptr);
    cachain_set_free(nullptr);
    cachain_chains_free(nullptr);
    cachain_export_free(nullptr);
}

// cachain.h's promise for NULL handles, function by function: every *_free
// accepts NULL; an accessor returns NULL or 0 ("" for cachain_endpoint_text
// and cachain_explanation_text, -1 for cachain_explanation_value, as their
// comments say); a function that can fail refuses with CACHAIN_E_ARGUMENT,
// names the missing argument, and leaves NULL in the handle it would have
// handed out. cachain_version, cachain_last_error and cachain_catalog_count
// take no handle.
class CApiNullHandles : public ::testing::Test {
protected:
    static void expect_refused(cachain_status status, const char* argument) {
        EXPECT_EQ(status, CACHAIN_E_ARGUMENT) << argument;
        EXPECT_EQ(std::string(cachain_last_error()), std::string("the argument '") + argument + "' is required");
    }

    // Not a handle: what an out-parameter holds before a call that must overwrite it with NULL.
    template <typename Handle>
    static Handle* stale() {
        static int storage = 0;
        return reinterpret_cast<Handle*>(&storage);
    }
};

TEST_F(CApiNullHandles, FunctionsThatCanFailRefuseThemAndHandOutNull) {
    const uint8_t* der = nullptr;
    size_t length = 0;
    expect_refused(cachain_cert_der(nullptr, &der, &length), "cert");

    const uint8_t byte = 0x30;
    cachain_set* set = nullptr;
    ASSERT_EQ(cachain_set_new(&set), CACHAIN_OK);
    expect_refused(cachain_set_new(nullptr), "set");
    expect_refused(cachain_set_add_bytes(nullptr, &byte, 1, "item", nullptr), "set");
    expect_refused(cachain_set_add_path(nullptr, "item", nullptr), "set");
    expect_refused(cachain_set_add_local_issuers(nullptr, nullptr), "set");
    expect_refused(cachain_set_add_set(nullptr, set), "set");
    expect_refused(cachain_set_add_set(set, nullptr), "other");
    expect_refused(cachain_set_problem(nullptr, 0, nullptr, nullptr, nullptr), "set");
    expect_refused(cachain_fetch_endpoint("127.0.0.1:1", CACHAIN_PROTOCOL_TLS, 1, nullptr, nullptr), "target");
    cachain_set_free(set);

    cachain_chains* chains = stale<cachain_chains>();
    expect_refused(cachain_discover(nullptr, nullptr, &chains), "inputs");
    EXPECT_EQ(chains, nullptr);
    chains = stale<cachain_chains>();
    expect_refused(cachain_discover_with_options(nullptr, nullptr, nullptr, &chains), "inputs");
    EXPECT_EQ(chains, nullptr);
    chains = stale<cachain_chains>();
    expect_refused(cachain_discover_ex(nullptr, nullptr, CACHAIN_DISCOVER_OFFLINE, 0, &chains), "inputs");
    EXPECT_EQ(chains, nullptr);

    cachain_endpoint* endpoint = stale<cachain_endpoint>();
    expect_refused(cachain_endpoint_parse(nullptr, 0, &endpoint), "text");
    EXPECT_EQ(endpoint, nullptr);

    cachain_export* exported = stale<cachain_export>();
    expect_refused(cachain_export_chain(nullptr, "folder", CACHAIN_FORMAT_DER, 0, &exported), "chain");
    EXPECT_EQ(exported, nullptr);
    expect_refused(cachain_export_file(nullptr, 0, nullptr, nullptr, nullptr, nullptr), "result");

    expect_refused(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, "folder", nullptr), "store");
    cachain_store* store = stale<cachain_store>();
    expect_refused(cachain_store_open_callbacks(nullptr, "Root", "CA", &store), "callbacks");
    EXPECT_EQ(store, nullptr);

    cachain_set* listed = stale<cachain_set>();
    expect_refused(cachain_store_list(nullptr, CACHAIN_STORE_ROOT, &listed), "store");
    EXPECT_EQ(listed, nullptr);

    cachain_placement* placement = stale<cachain_placement>();
    expect_refused(cachain_place(nullptr, nullptr, 0, &placement), "store");
    EXPECT_EQ(placement, nullptr);
    placement = stale<cachain_placement>();
    expect_refused(cachain_place_except(nullptr, nullptr, 0, nullptr, nullptr, 0, &placement), "store");
    EXPECT_EQ(placement, nullptr);
    placement = stale<cachain_placement>();
    expect_refused(cachain_unplace(nullptr, nullptr, nullptr, 0, 0, &placement), "store");
    EXPECT_EQ(placement, nullptr);

    cachain_verdicts* verdicts = stale<cachain_verdicts>();
    expect_refused(cachain_evaluate(nullptr, nullptr, nullptr, &verdicts), "store");
    EXPECT_EQ(verdicts, nullptr);

    cachain_explanation* explanation = stale<cachain_explanation>();
    expect_refused(cachain_explain(nullptr, &explanation), "code");
    EXPECT_EQ(explanation, nullptr);
    expect_refused(cachain_catalog_entry(0, nullptr), "result");
}

TEST_F(CApiNullHandles, AccessorsAnswerNullOrZero) {
    EXPECT_EQ(cachain_cert_text(nullptr, CACHAIN_TEXT_SUBJECT), nullptr);
    EXPECT_EQ(cachain_cert_number(nullptr, CACHAIN_NUMBER_NOT_AFTER), 0);

    EXPECT_EQ(cachain_set_count(nullptr), 0u);
    EXPECT_EQ(cachain_set_cert(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_set_problem_count(nullptr), 0u);

    EXPECT_EQ(cachain_chains_count(nullptr), 0u);
    EXPECT_EQ(cachain_chains_get(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_chain_number(nullptr, CACHAIN_CHAIN_FIELD_TARGET), 0);
    EXPECT_EQ(cachain_chain_text(nullptr, CACHAIN_CHAIN_TEXT_SUMMARY), nullptr);
    EXPECT_EQ(cachain_chain_length(nullptr), 0u);
    EXPECT_EQ(cachain_chain_cert(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_chain_role(nullptr, 0), 0);
    EXPECT_EQ(cachain_chain_validity(nullptr, 0), 0);
    EXPECT_EQ(cachain_chain_source(nullptr, 0), nullptr);

    EXPECT_STREQ(cachain_endpoint_text(nullptr), "");

    EXPECT_EQ(cachain_export_count(nullptr), 0u);
    EXPECT_EQ(cachain_export_cert(nullptr, 0), nullptr);

    EXPECT_EQ(cachain_store_location_text(nullptr, CACHAIN_STORE_ROOT), nullptr);

    EXPECT_EQ(cachain_placement_count(nullptr), 0u);
    EXPECT_EQ(cachain_placement_cert(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_placement_number(nullptr, 0, CACHAIN_PLACEMENT_STATUS), 0);
    EXPECT_EQ(cachain_placement_text(nullptr, 0, CACHAIN_PLACEMENT_TEXT_THUMBPRINT), nullptr);
    EXPECT_EQ(cachain_placement_warning_count(nullptr), 0u);
    EXPECT_EQ(cachain_placement_warning(nullptr, 0), nullptr);

    EXPECT_EQ(cachain_verdicts_count(nullptr), 0u);
    EXPECT_EQ(cachain_verdict_chain(nullptr, 0), nullptr);
    EXPECT_EQ(cachain_verdict_number(nullptr, 0, CACHAIN_VERDICT_TRUSTED), 0);
    EXPECT_EQ(cachain_verdict_text(nullptr, 0, CACHAIN_VERDICT_TEXT_REASON), nullptr);

    EXPECT_STREQ(cachain_explanation_text(nullptr, CACHAIN_EXPLANATION_NAME), "");
    EXPECT_EQ(cachain_explanation_value(nullptr), -1);
}

TEST_F(CApiNullHandles, FreeFunctionsAcceptNull) {
    cachain_set_free(nullptr);
    cachain_chains_free(nullptr);
    cachain_endpoint_free(nullptr);
    cachain_export_free(nullptr);
    cachain_store_free(nullptr);
    cachain_placement_free(nullptr);
    cachain_verdicts_free(nullptr);
    cachain_explanation_free(nullptr);
    SUCCEED() << "no free function crashed on NULL";
}

TEST_F(CApi, DiscoversWithTheOptionsStructAndRefusesAnUnknownVersion) {
    const auto der = make_seed_pki().root.der();
    ASSERT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), "root", nullptr), CACHAIN_OK);
    cachain_discover_options options = CACHAIN_DISCOVER_OPTIONS_INIT;
    options.flags = CACHAIN_DISCOVER_OFFLINE;
    ASSERT_EQ(cachain_discover_with_options(inputs_, nullptr, &options, &chains_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(cachain_chains_count(chains_), 1u);
    cachain_chains_free(chains_);
    chains_ = nullptr;

    // A struct from a later header: its fields may not be where this library reads them.
    options.version = CACHAIN_DISCOVER_OPTIONS_VERSION + 1;
    EXPECT_EQ(cachain_discover_with_options(inputs_, nullptr, &options, &chains_), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(chains_, nullptr);
    EXPECT_STREQ(cachain_last_error(), "cachain_discover_options version 3 is not one this library knows (it knows 1 to 2): "
                                       "start from the header's _INIT macro");
    options.version = 0;  // never initialised: memset to zero
    EXPECT_EQ(cachain_discover_with_options(inputs_, nullptr, &options, &chains_), CACHAIN_E_ARGUMENT);
}

// "target rank: CN > CN > ..." for each path returned, in order.
std::vector<std::string> described_paths(const cachain_chains* chains) {
    std::vector<std::string> paths;
    for (size_t i = 0; i < cachain_chains_count(chains); ++i) {
        const cachain_chain* chain = cachain_chains_get(chains, i);
        std::string path = std::to_string(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_TARGET)) + " " +
                           std::to_string(cachain_chain_number(chain, CACHAIN_CHAIN_FIELD_RANK)) + ":";
        for (size_t depth = 0; depth < cachain_chain_length(chain); ++depth)
            path += std::string(depth ? " > " : " ") + cachain_cert_text(cachain_chain_cert(chain, depth), CACHAIN_TEXT_COMMON_NAME);
        paths.push_back(path);
    }
    return paths;
}

// Two servers under RootA, which RootB has cross-signed: each has a path
// straight to RootA (the best: shorter) and one through the cross-sign.
TEST_F(CApi, MaxPathsOneReturnsEachTargetsBestPathAloneAndAVersionOneStructEveryPath) {
    const Issued root_a = self_signed(ca_spec("RootA"));
    const Issued root_b = self_signed(ca_spec("RootB"));
    const Issued a_by_b = issue_with_key(root_b, ca_spec("RootA"), share(root_a.key));
    for (const Issued& server : {issue(root_a, server_spec("one.schertz.lab")), issue(root_a, server_spec("two.schertz.lab"))}) {
        const auto der = server.der();
        ASSERT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), "server", nullptr), CACHAIN_OK);
    }
    for (const Issued* ca : {&a_by_b, &root_b, &root_a}) {
        const auto der = ca->der();
        ASSERT_EQ(cachain_set_add_bytes(pool_, der.data(), der.size(), "pool", nullptr), CACHAIN_OK);
    }
    const std::vector<std::string> every_path{
        "0 0: one.schertz.lab > RootA", "0 1: one.schertz.lab > RootA > RootB",
        "1 0: two.schertz.lab > RootA", "1 1: two.schertz.lab > RootA > RootB"};

    cachain_discover_options options = CACHAIN_DISCOVER_OPTIONS_INIT;
    options.flags = CACHAIN_DISCOVER_OFFLINE;
    ASSERT_EQ(cachain_discover_with_options(inputs_, pool_, &options, &chains_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(described_paths(chains_), every_path);
    cachain_chains_free(chains_);

    options.max_paths = 1;
    ASSERT_EQ(cachain_discover_with_options(inputs_, pool_, &options, &chains_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(described_paths(chains_),
              (std::vector<std::string>{"0 0: one.schertz.lab > RootA", "1 0: two.schertz.lab > RootA"}));
    cachain_chains_free(chains_);

    // Version 1 has no max_paths: a version 1 struct is read without it,
    // whatever follows it in memory.
    options.version = 1;
    ASSERT_EQ(cachain_discover_with_options(inputs_, pool_, &options, &chains_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(described_paths(chains_), every_path);
    cachain_chains_free(chains_);

    // A caller built against the version 1 header passes a struct that ends
    // before max_paths (the sanitizer run would see a read past it).
    const struct { unsigned int version; uint32_t flags, timeout_seconds; } version_one{1, CACHAIN_DISCOVER_OFFLINE, 0};
    ASSERT_EQ(cachain_discover_with_options(inputs_, pool_, reinterpret_cast<const cachain_discover_options*>(&version_one),
                                            &chains_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(described_paths(chains_), every_path);
}

TEST_F(CApi, RejectsAnUnknownExportFormat) {
    const auto der = make_seed_pki().root.der();
    ASSERT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), "root", nullptr), CACHAIN_OK);
    ASSERT_EQ(cachain_discover(inputs_, nullptr, &chains_), CACHAIN_OK);
    EXPECT_EQ(cachain_export_chain(cachain_chains_get(chains_, 0), utf8_from_path(folder_.path()).c_str(),
                                   static_cast<cachain_format>(42), 0, &export_),
              CACHAIN_E_ARGUMENT);
    EXPECT_NE(std::string(cachain_last_error()).find("format"), std::string::npos);
}

TEST_F(CApi, SaysWhenAChainHasNothingToExport) {
    const Issued self = self_signed(server_spec("self.schertz.lab"));
    const auto der = self.der();
    ASSERT_EQ(cachain_set_add_bytes(inputs_, der.data(), der.size(), "self", nullptr), CACHAIN_OK);
    ASSERT_EQ(cachain_discover(inputs_, nullptr, &chains_), CACHAIN_OK);
    EXPECT_EQ(cachain_export_chain(cachain_chains_get(chains_, 0), utf8_from_path(folder_.path()).c_str(), CACHAIN_FORMAT_DER, 0,
                                   &export_),
              CACHAIN_E_EMPTY);
    EXPECT_EQ(export_, nullptr);
    EXPECT_NE(std::string(cachain_last_error()).find("no CA certificate"), std::string::npos);
}

TEST(CApiEndpoints, ParsesWhatAnAdministratorTypesWithTheCallersDefaultPort) {
    const auto text_of = [](const char* text, uint32_t default_port) {
        cachain_endpoint* endpoint = nullptr;
        const cachain_status status = cachain_endpoint_parse(text, default_port, &endpoint);
        std::string parsed = status == CACHAIN_OK ? cachain_endpoint_text(endpoint) : cachain_last_error();
        cachain_endpoint_free(endpoint);
        return parsed;
    };
    EXPECT_EQ(text_of("[::1]:18444", 443), "[::1]:18444");
    EXPECT_EQ(text_of("[::1]", 18444), "[::1]:18444");
    EXPECT_EQ(text_of("pool1.schertz.lab:5061", 443), "pool1.schertz.lab:5061");
    EXPECT_EQ(text_of("pool1.schertz.lab", 0), "pool1.schertz.lab:443");
    EXPECT_EQ(text_of("https://pool1.schertz.lab:8443/owa", 443), "pool1.schertz.lab:8443");
    EXPECT_EQ(text_of("pool1.schertz.lab:70000", 443), "pool1.schertz.lab:70000: the port must be a number from 1 to 65535");
    EXPECT_EQ(text_of("pool1.schertz.lab", 70000), "default_port 70000 is not a port from 1 to 65535");

    cachain_endpoint* endpoint = nullptr;
    EXPECT_EQ(cachain_endpoint_parse("[::1", 443, &endpoint), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(endpoint, nullptr);
    EXPECT_EQ(cachain_endpoint_parse(nullptr, 443, &endpoint), CACHAIN_E_ARGUMENT);
    EXPECT_EQ(cachain_endpoint_parse("pool1", 443, nullptr), CACHAIN_E_ARGUMENT);
    EXPECT_STREQ(cachain_endpoint_text(nullptr), "");
    cachain_endpoint_free(nullptr);
}

TEST(CApiVersion, ReportsTheLibraryVersion) { EXPECT_STREQ(cachain_version(), CACHAIN_TEST_EXPECTED_VERSION); }

// The header's macros are typed by hand: this keeps them the project's version.
TEST(CApiVersion, HeaderMacrosAreTheProjectVersion) {
    const std::string header = std::to_string(CACHAIN_VERSION_MAJOR) + "." + std::to_string(CACHAIN_VERSION_MINOR) + "." +
                               std::to_string(CACHAIN_VERSION_PATCH);
    EXPECT_EQ(header, CACHAIN_TEST_EXPECTED_VERSION);
}

}  // namespace
