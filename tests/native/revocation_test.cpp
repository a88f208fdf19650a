// Test-CaChain -CheckRevocation through the C interface, against real
// revocation services on 127.0.0.1: CRLs made by `openssl ca -gencrl` and
// served by `python3 -m http.server`, an `openssl ocsp` responder, and
// hostile servers of our own. Where OpenSSL's own verifier can judge the
// same CRLs (`openssl verify -crl_check_all`), the verdicts must agree.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "background_process.h"
#include "cachain/cachain.h"
#include "loopback_server.h"
#include "process_runner.h"
#include "temp_folder.h"
#include "test_pki.h"
#include "utf8_path.h"

namespace cachain::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A revocation entry for `openssl ca`'s index: when and why.
struct Revoked {
    const Issued* cert;
    std::string when;    // YYMMDDHHMMSSZ
    std::string reason;  // keyCompromise, superseded...
};

// What one evaluation said, read out of the C interface.
struct Outcome {
    bool trusted = false;
    long long cause = 0, status = 0, windows = 0, openssl = 0, verdict_openssl = 0, chain_error = 0;
    std::string reason, fix;
    std::vector<long long> statuses;    // per certificate, path order
    std::vector<std::string> reached;   // per certificate
    std::vector<std::string> summaries;
    long long leaf_revoked_at = 0;
    std::string leaf_reason_code;
};

std::string serial_hex(const Issued& issued) {
    const ossl::BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(issued.cert.get()), nullptr));
    const ossl::OpenSslStringPtr hex(BN_bn2hex(serial.get()));
    return hex.get();
}

class Revocation : public ::testing::Test {
protected:
    void SetUp() override {
        std::filesystem::create_directories(folder_ / "www");
        root_ = self_signed(ca_spec("SchertzLabRootCA"));
        CertSpec issuing = ca_spec("SchertzLabIssuingCA");
        issuing.crl_urls = {url("root.crl")};
        issuing_ = issue(root_, issuing);
        server_ = issue(issuing_, server_with({url("issuing.crl")}));
    }

    CertSpec server_with(std::vector<std::string> crl_urls, std::string ocsp_url = "") {
        CertSpec spec = server_spec("pool1.schertz.lab");
        spec.crl_urls = std::move(crl_urls);
        spec.ocsp_url = std::move(ocsp_url);
        return spec;
    }

    std::string url(const std::string& name) const { return "http://127.0.0.1:" + std::to_string(http_port_) + "/" + name; }

    // The CA's CRL, as `openssl ca -gencrl` makes it, in DER as CAs publish
    // it. last and next ("YYYYMMDDHHMMSSZ") override its dates.
    void publish_crl(const std::string& name, const Issued& ca, const std::vector<Revoked>& revoked,
                     const std::string& last = "", const std::string& next = "") {
        const auto ca_folder = folder_ / ("ca-" + name);
        std::filesystem::create_directories(ca_folder);
        write_file(ca_folder / "ca.pem", ca.pem());
        write_file(ca_folder / "ca.key", key_pem(ca));
        std::string index;
        for (const auto& entry : revoked)
            index += "R\t351231235959Z\t" + entry.when + "," + entry.reason + "\t" + serial_hex(*entry.cert) +
                     "\tunknown\t/CN=revoked\n";
        write_file(ca_folder / "index.txt", index);
        write_file(ca_folder / "crlnumber", std::string("01\n"));
        write_file(ca_folder / "ca.cnf", "[ca]\ndefault_ca = lab\n[lab]\ndatabase = " + (ca_folder / "index.txt").string() +
                                             "\ncrlnumber = " + (ca_folder / "crlnumber").string() +
                                             "\ndefault_md = sha256\ndefault_crl_days = 7\n");
        std::vector<std::string> command{"openssl", "ca", "-batch", "-config", (ca_folder / "ca.cnf").string(), "-gencrl",
                                         "-keyfile", (ca_folder / "ca.key").string(), "-cert",
                                         (ca_folder / "ca.pem").string(), "-out", (ca_folder / "crl.pem").string()};
        if (!last.empty()) command.insert(command.end(), {"-crl_lastupdate", last, "-crl_nextupdate", next});
        const auto made = run_process(command);
        ASSERT_EQ(made.exit_code, 0) << made.output;
        const auto der = run_process({"openssl", "crl", "-in", (ca_folder / "crl.pem").string(), "-outform", "DER",
                                      "-out", (folder_ / "www" / name).string()});
        ASSERT_EQ(der.exit_code, 0) << der.output;
    }

    void serve_www() {
        http_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
            "python3", "-m", "http.server", std::to_string(http_port_), "--bind", "127.0.0.1", "--directory",
            (folder_ / "www").string()});
        ASSERT_TRUE(wait_for_port(http_port_, 10000)) << "python3 -m http.server did not start";
    }

    // An `openssl ocsp` responder for ca (OpenSSL 3.0's -port takes a number
    // only, and listens on every address; the test talks to it on 127.0.0.1), signing with ca's own key, that
    // knows the given certificates as valid and the revoked ones as revoked.
    // signer, when given, signs the answers instead of ca.
    std::unique_ptr<BackgroundProcess> start_responder(int port, const Issued& ca, const std::vector<const Issued*>& valid,
                                                       const std::vector<Revoked>& revoked, const Issued* signer = nullptr) {
        const auto ocsp_folder = folder_ / "ocsp";
        std::filesystem::create_directories(ocsp_folder);
        write_file(ocsp_folder / "ca.pem", ca.pem());
        write_file(ocsp_folder / "signer.pem", (signer ? *signer : ca).pem());
        write_file(ocsp_folder / "signer.key", key_pem(signer ? *signer : ca));
        std::string index;
        for (const auto* cert : valid) index += "V\t351231235959Z\t\t" + serial_hex(*cert) + "\tunknown\t/CN=valid\n";
        for (const auto& entry : revoked)
            index += "R\t351231235959Z\t" + entry.when + "," + entry.reason + "\t" + serial_hex(*entry.cert) +
                     "\tunknown\t/CN=revoked\n";
        write_file(ocsp_folder / "index.txt", index);
        auto responder = std::make_unique<BackgroundProcess>(std::vector<std::string>{
            "openssl", "ocsp", "-index", (ocsp_folder / "index.txt").string(), "-port", std::to_string(port),
            "-rsigner", (ocsp_folder / "signer.pem").string(), "-rkey", (ocsp_folder / "signer.key").string(), "-CA",
            (ocsp_folder / "ca.pem").string(), "-nmin", "60", "-ignore_err"});
        // Asked a real question, not probed with an empty connection, which
        // OpenSSL 3.0's responder waits on forever.
        write_file(ocsp_folder / "asked.pem", server_.pem());
        const auto asked = run_process({"openssl", "ocsp", "-issuer", (ocsp_folder / "ca.pem").string(), "-cert",
                                        (ocsp_folder / "asked.pem").string(), "-url",
                                        "http://127.0.0.1:" + std::to_string(port), "-timeout", "10", "-noverify"});
        EXPECT_EQ(asked.exit_code, 0) << "openssl ocsp did not answer on " << port << ": " << asked.output;
        return responder;
    }

    // The verdict for the server as it presents itself (its certificate and
    // the issuing CA), with the root in a directory store's Root.
    Outcome evaluate(unsigned flags = CACHAIN_EVALUATE_CHECK_REVOCATION) {
        const auto store_folder = folder_ / "store";
        for (const char* kind : {"Root", "CA"}) std::filesystem::create_directories(store_folder / kind);
        char root_name[16];
        std::snprintf(root_name, sizeof root_name, "%08lx.0", X509_subject_name_hash(root_.cert.get()));
        write_file(store_folder / "Root" / root_name, root_.pem());
        cachain_store* store = nullptr;
        cachain_set *leaf = nullptr, *issuers = nullptr;
        EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(store_folder).c_str(), &store), CACHAIN_OK);
        EXPECT_EQ(cachain_set_new(&leaf), CACHAIN_OK);
        EXPECT_EQ(cachain_set_new(&issuers), CACHAIN_OK);
        const auto server = server_.der(), issuing = issuing_.der();
        EXPECT_EQ(cachain_set_add_bytes(leaf, server.data(), server.size(), "presented", nullptr), CACHAIN_OK);
        EXPECT_EQ(cachain_set_add_bytes(issuers, issuing.data(), issuing.size(), "presented", nullptr), CACHAIN_OK);
        cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
        options.timeout_seconds = 2;
        options.flags = flags;
        cachain_verdicts* verdicts = nullptr;
        Outcome outcome;
        EXPECT_EQ(cachain_evaluate_with_options(store, leaf, issuers, &options, &verdicts), CACHAIN_OK)
            << cachain_last_error();
        if (verdicts && cachain_verdicts_count(verdicts) == 1) outcome = read(verdicts);
        cachain_verdicts_free(verdicts);
        cachain_set_free(leaf);
        cachain_set_free(issuers);
        cachain_store_free(store);
        return outcome;
    }

    static Outcome read(const cachain_verdicts* verdicts) {
        Outcome out;
        out.trusted = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TRUSTED) == 1;
        out.cause = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CAUSE);
        out.chain_error = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CHAIN_ERROR);
        out.verdict_openssl = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_OPENSSL_CODE);
        out.status = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_REVOCATION_STATUS);
        out.windows = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_REVOCATION_ERROR);
        out.openssl = cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_REVOCATION_OPENSSL_CODE);
        out.reason = cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_REVOCATION_REASON);
        out.fix = cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_REVOCATION_FIX);
        for (std::size_t i = 0; i < cachain_verdict_revocation_count(verdicts, 0); ++i) {
            out.statuses.push_back(cachain_verdict_revocation_number(verdicts, 0, i, CACHAIN_REVOCATION_STATUS));
            out.reached.emplace_back(cachain_verdict_revocation_text(verdicts, 0, i, CACHAIN_REVOCATION_TEXT_REACHED));
            out.summaries.emplace_back(cachain_verdict_revocation_text(verdicts, 0, i, CACHAIN_REVOCATION_TEXT_SUMMARY));
        }
        out.leaf_revoked_at = cachain_verdict_revocation_number(verdicts, 0, 0, CACHAIN_REVOCATION_REVOKED_AT);
        out.leaf_reason_code = cachain_verdict_revocation_text(verdicts, 0, 0, CACHAIN_REVOCATION_TEXT_REASON_CODE);
        return out;
    }

    // OpenSSL's own verifier with both CRLs, as `openssl verify -crl_check_all`.
    std::string openssl_verify() {
        write_file(folder_ / "root.pem", root_.pem());
        write_file(folder_ / "issuing.pem", issuing_.pem());
        write_file(folder_ / "server.pem", server_.pem());
        std::vector<std::string> command{"openssl", "verify", "-no-CApath", "-no-CAstore", "-crl_check_all",
                                         "-CAfile", (folder_ / "root.pem").string(), "-untrusted",
                                         (folder_ / "issuing.pem").string()};
        for (const char* crl : {"root.crl", "issuing.crl"})
            if (std::filesystem::exists(folder_ / "www" / crl))
                command.insert(command.end(), {"-CRLfile", (folder_ / "www" / crl).string()});
        command.push_back((folder_ / "server.pem").string());
        return run_process(command).output;
    }

    TempFolder folder_;
    int http_port_ = free_loopback_port();
    std::unique_ptr<BackgroundProcess> http_;
    Issued root_, issuing_, server_;
};

constexpr long long crypt_e_revoked = 0x80092010, crypt_e_offline = 0x80092013, crypt_e_no_check = 0x80092012;

TEST_F(Revocation, AGoodChainWithHttpCrlsIsGoodAndOpenSslAgrees) {
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", issuing_, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_TRUE(outcome.trusted) << outcome.reason;
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_GOOD);
    EXPECT_EQ(outcome.windows, 0);
    EXPECT_EQ(outcome.openssl, 0);
    EXPECT_EQ(outcome.reason, "no certificate of the path is revoked: each has a current answer signed by its issuer");
    EXPECT_EQ(outcome.fix, "");
    EXPECT_EQ(outcome.statuses,
              (std::vector<long long>{CACHAIN_REVOCATION_GOOD, CACHAIN_REVOCATION_GOOD, CACHAIN_REVOCATION_NOT_CHECKED}));
    EXPECT_EQ(outcome.reached[0].rfind(url("issuing.crl") + ": not revoked, says the CRL issued ", 0), 0u) << outcome.reached[0];
    EXPECT_EQ(outcome.summaries[2], "a root: trusted by being in Root, so its revocation is never asked");
    EXPECT_NE(openssl_verify().find(": OK"), std::string::npos);
}

TEST_F(Revocation, ARevokedLeafIsRefusedWithItsDateAndReasonAsOpenSslRefusesIt) {
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", issuing_, {{&server_, "261129120000Z", "keyCompromise"}});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_FALSE(outcome.trusted);
    EXPECT_EQ(outcome.cause, CACHAIN_CAUSE_REVOKED);
    EXPECT_EQ(outcome.chain_error, crypt_e_revoked);
    EXPECT_EQ(outcome.verdict_openssl, 23);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_REVOKED);
    EXPECT_EQ(outcome.windows, crypt_e_revoked);
    EXPECT_EQ(outcome.leaf_revoked_at, 1795953600);  // 2026-11-29 12:00:00 UTC
    EXPECT_EQ(outcome.leaf_reason_code, "keyCompromise");
    EXPECT_EQ(outcome.reason, "'pool1.schertz.lab' was revoked on 2026-11-29 12:00:00 UTC (keyCompromise), says " +
                                  url("issuing.crl") +
                                  ": clients that check revocation refuse the server (CRYPT_E_REVOKED, 0x80092010)");
    EXPECT_EQ(outcome.fix.rfind("Replace the revoked certificate", 0), 0u);
    EXPECT_NE(outcome.fix.find("Importing the chain cannot help."), std::string::npos);
    EXPECT_NE(openssl_verify().find("error 23 at 0 depth lookup: certificate revoked"), std::string::npos);
}

TEST_F(Revocation, ARevokedIntermediateIsRefusedAtTheIntermediate) {
    publish_crl("root.crl", root_, {{&issuing_, "261128000000Z", "cACompromise"}});
    publish_crl("issuing.crl", issuing_, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_FALSE(outcome.trusted);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_REVOKED);
    EXPECT_EQ(outcome.statuses[0], CACHAIN_REVOCATION_GOOD);
    EXPECT_EQ(outcome.statuses[1], CACHAIN_REVOCATION_REVOKED);
    EXPECT_EQ(outcome.reason.rfind("'SchertzLabIssuingCA' was revoked on 2026-11-28 00:00:00 UTC (cACompromise), says " +
                                       url("root.crl"), 0), 0u) << outcome.reason;
    EXPECT_NE(openssl_verify().find("error 23 at 1 depth lookup: certificate revoked"), std::string::npos);
}

TEST_F(Revocation, AnExpiredCrlIsOfflineWithTheDateItExpired) {
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", issuing_, {}, "20261101000000Z", "20261108000000Z");
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_TRUE(outcome.trusted);  // the path is sound; only clients that check revocation fail
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_OFFLINE);
    EXPECT_EQ(outcome.windows, crypt_e_offline);
    EXPECT_EQ(outcome.openssl, 12);
    EXPECT_EQ(outcome.reached[0], url("issuing.crl") + ": the CRL expired on 2026-11-08 00:00:00 UTC (issued "
                                                       "2026-11-01 00:00:00 UTC): the CA has not published a newer one there");
    EXPECT_EQ(outcome.fix.rfind("The CA's administrator publishes a current CRL (certutil -CRL on the CA)", 0), 0u);
    EXPECT_NE(openssl_verify().find("error 12 at 0 depth lookup: CRL has expired"), std::string::npos);
}

TEST_F(Revocation, ACrlSignedByAnotherKeyIsRefusedNeverTrusted) {
    // The same name as the issuing CA, another key: a forgery, or a renewal's.
    const Issued impostor = issue(root_, ca_spec("SchertzLabIssuingCA"));
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", impostor, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.windows, crypt_e_no_check);
    EXPECT_EQ(outcome.openssl, 8);
    EXPECT_EQ(outcome.statuses[0], CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.reason, "no revocation answer about 'pool1.schertz.lab' can be trusted: " + url("issuing.crl") +
                                  ": the CRL is not signed by the key of 'SchertzLabIssuingCA' (a forged CRL, or one "
                                  "signed by a renewed CA key this path does not have); so clients on this machine that "
                                  "check revocation fail with CRYPT_E_NO_REVOCATION_CHECK (0x80092012); programs that "
                                  "check through WinVerifyTrust or WinHTTP report CERT_E_REVOCATION_FAILURE (0x800B010E)");
    EXPECT_NE(openssl_verify().find("error 8 at 0 depth lookup: CRL signature failure"), std::string::npos);
}

TEST_F(Revocation, AnLdapOnlyCdpIsUnreachableOutsideTheDomainEvenOffline) {
    const std::string ldap = "ldap:///CN=SchertzLabIssuingCA,CN=ISSUING,CN=CDP,CN=Public%20Key%20Services,CN=Services,"
                             "CN=Configuration,DC=schertz,DC=lab?certificateRevocationList?base?objectClass=cRLDistributionPoint";
    server_ = issue(issuing_, server_with({ldap}));
    publish_crl("root.crl", root_, {});
    serve_www();
    for (const unsigned flags : {CACHAIN_EVALUATE_CHECK_REVOCATION,
                                 CACHAIN_EVALUATE_CHECK_REVOCATION | CACHAIN_EVALUATE_REVOCATION_OFFLINE}) {
        const Outcome outcome = evaluate(flags);
        EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_OFFLINE) << flags;
        EXPECT_EQ(outcome.windows, crypt_e_offline);
        EXPECT_EQ(outcome.openssl, 3);
        EXPECT_EQ(outcome.reason,
                  "'pool1.schertz.lab' publishes its revocation status only at " + ldap +
                      ": ldap: addresses, which only members of the CA's Active Directory domain can reach, so clients "
                      "on this machine that check revocation fail with CRYPT_E_REVOCATION_OFFLINE (0x80092013); "
                      "programs that check through WinVerifyTrust or WinHTTP report CERT_E_REVOCATION_FAILURE "
                      "(0x800B010E)");
        EXPECT_EQ(outcome.fix.rfind("Either the CA's administrator adds an http:// CRL distribution point", 0), 0u);
        EXPECT_NE(outcome.fix.find("then a revoked certificate is accepted until it expires"), std::string::npos);
    }
}

TEST_F(Revocation, OfflineFetchesNothingAndSaysWhereTheStatusIsPublished) {
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", issuing_, {{&server_, "261129120000Z", "keyCompromise"}});
    // No server: anything fetched would fail, and be said.
    const Outcome outcome = evaluate(CACHAIN_EVALUATE_CHECK_REVOCATION | CACHAIN_EVALUATE_REVOCATION_OFFLINE);
    EXPECT_TRUE(outcome.trusted);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_NOT_CHECKED);
    EXPECT_EQ(outcome.windows, 0);
    EXPECT_EQ(outcome.reached[0], url("issuing.crl") + ": not fetched (offline)");
    EXPECT_EQ(outcome.reason, "not fetched (offline): the revocation status of 'pool1.schertz.lab' is published at " +
                                  url("issuing.crl"));
}

// OpenSSL's HTTP client retries a refused connection until its time limit
// (BIO_do_connect_retry), as for a server still starting.
TEST_F(Revocation, AClosedPortIsOffline) {
    publish_crl("root.crl", root_, {});
    const int closed = free_loopback_port();
    server_ = issue(issuing_, server_with({"http://127.0.0.1:" + std::to_string(closed) + "/issuing.crl"}));
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_OFFLINE);
    EXPECT_EQ(outcome.windows, crypt_e_offline);
    EXPECT_EQ(outcome.reason.rfind("this machine cannot fetch the revocation status of 'pool1.schertz.lab': http://127.0.0.1:" +
                                       std::to_string(closed) + "/issuing.crl: no complete answer within 2 seconds; ", 0), 0u)
        << outcome.reason;
    EXPECT_EQ(outcome.fix.rfind("Let this machine reach those addresses over HTTP", 0), 0u);
}

TEST_F(Revocation, ACrlDrippedForeverIsCutAtTheTimeLimit) {
    const LoopbackServer drip([](Socket fd, const std::atomic<bool>& stopping) {
        read_until(fd, "\r\n\r\n");
        send_all(fd, "HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\n\r\n");
        const auto until = Clock::now() + std::chrono::seconds(30);
        while (!stopping && Clock::now() < until && send_all(fd, "0"))
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    });
    publish_crl("root.crl", root_, {});
    server_ = issue(issuing_, server_with({"http://127.0.0.1:" + std::to_string(drip.port()) + "/issuing.crl"}));
    serve_www();
    const auto started = Clock::now();
    const Outcome outcome = evaluate();
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(8));
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_OFFLINE);
    EXPECT_EQ(outcome.reached[0], "http://127.0.0.1:" + std::to_string(drip.port()) +
                                      "/issuing.crl: no complete answer within 2 seconds");
}

TEST_F(Revocation, AHundredMegabyteCrlIsRefusedAtTheSizeLimit) {
    publish_crl("root.crl", root_, {});
    {
        std::FILE* file = std::fopen((folder_ / "www" / "issuing.crl").string().c_str(), "wb");
        ASSERT_NE(file, nullptr);
        std::fseek(file, 100L * 1024 * 1024 - 1, SEEK_SET);  // sparse: 100 MiB that cost no disk
        std::fputc(0, file);
        std::fclose(file);
    }
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_OFFLINE);
    EXPECT_EQ(outcome.reached[0], url("issuing.crl") + ": the answer is larger than 16384 KiB");
}

TEST_F(Revocation, AnOcspResponderThatSaysRevokedIsBelieved) {
    const int ocsp_port = free_loopback_port();
    server_ = issue(issuing_, server_with({}, "http://127.0.0.1:" + std::to_string(ocsp_port)));
    publish_crl("root.crl", root_, {});
    serve_www();
    const auto responder = start_responder(ocsp_port, issuing_, {}, {{&server_, "261129120000Z", "superseded"}});
    const Outcome outcome = evaluate();
    EXPECT_FALSE(outcome.trusted);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_REVOKED);
    EXPECT_EQ(outcome.leaf_revoked_at, 1795953600);
    EXPECT_EQ(outcome.leaf_reason_code, "superseded");
    EXPECT_EQ(outcome.reached[0], "http://127.0.0.1:" + std::to_string(ocsp_port) +
                                      ": revoked on 2026-11-29 12:00:00 UTC (superseded), says the OCSP responder");
}

TEST_F(Revocation, AnOcspResponderThatSaysGoodIsBelieved) {
    const int ocsp_port = free_loopback_port();
    server_ = issue(issuing_, server_with({}, "http://127.0.0.1:" + std::to_string(ocsp_port)));
    publish_crl("root.crl", root_, {});
    serve_www();
    const auto responder = start_responder(ocsp_port, issuing_, {&server_}, {});
    const Outcome outcome = evaluate();
    EXPECT_TRUE(outcome.trusted);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_GOOD) << outcome.reached[0];
    EXPECT_EQ(outcome.reached[0].rfind("http://127.0.0.1:" + std::to_string(ocsp_port) +
                                           ": not revoked, says the OCSP responder (answer of ", 0), 0u)
        << outcome.reached[0];
}

TEST_F(Revocation, AnOcspAnswerSignedByAnotherKeyIsRefused) {
    const int ocsp_port = free_loopback_port();
    const std::string responder = "http://127.0.0.1:" + std::to_string(ocsp_port);
    server_ = issue(issuing_, server_with({}, responder));
    const Issued impostor = issue(root_, ca_spec("SchertzLabIssuingCA"));  // the CA's name, another key
    publish_crl("root.crl", root_, {});
    serve_www();
    const auto running = start_responder(ocsp_port, issuing_, {&server_}, {}, &impostor);
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.openssl, 74);
    EXPECT_EQ(outcome.reached[0], responder + ": the answer is signed neither by 'SchertzLabIssuingCA' nor by a "
                                              "responder it delegated OCSP signing to");
}

TEST_F(Revocation, AnOcspAnswerFromADelegatedResponderIsBelievedOnlyWithOcspSigning) {
    const int ocsp_port = free_loopback_port();
    const std::string responder = "http://127.0.0.1:" + std::to_string(ocsp_port);
    server_ = issue(issuing_, server_with({}, responder));
    CertSpec delegated = server_spec("ocsp.schertz.lab");
    delegated.extended_key_usage_value = "OCSPSigning";
    const Issued ocsp_signer = issue(issuing_, delegated);
    publish_crl("root.crl", root_, {});
    serve_www();
    {
        const auto running = start_responder(ocsp_port, issuing_, {&server_}, {}, &ocsp_signer);
        EXPECT_EQ(evaluate().status, CACHAIN_REVOCATION_GOOD);
    }
    // The same CA's server certificate may not speak for it.
    const Issued not_delegated = issue(issuing_, server_spec("www.schertz.lab"));
    const int other_port = free_loopback_port();
    server_ = issue(issuing_, server_with({}, "http://127.0.0.1:" + std::to_string(other_port)));
    const auto running = start_responder(other_port, issuing_, {&server_}, {}, &not_delegated);
    EXPECT_EQ(evaluate().status, CACHAIN_REVOCATION_UNUSABLE);
}

TEST_F(Revocation, AnOcspResponderThatDoesNotKnowTheCertificateIsRefused) {
    const int ocsp_port = free_loopback_port();
    const std::string responder = "http://127.0.0.1:" + std::to_string(ocsp_port);
    server_ = issue(issuing_, server_with({}, responder));
    publish_crl("root.crl", root_, {});
    serve_www();
    const auto running = start_responder(ocsp_port, issuing_, {}, {});
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.openssl, 75);
    EXPECT_EQ(outcome.reached[0], responder + ": the OCSP responder does not know this certificate (status unknown)");
}

TEST_F(Revocation, ACrlOfAnotherCaIsRefused) {
    const Issued other = issue(root_, ca_spec("SchertzLabOtherCA"));
    publish_crl("root.crl", root_, {});
    publish_crl("issuing.crl", other, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.openssl, 33);
    EXPECT_EQ(outcome.reached[0], url("issuing.crl") + ": the CRL was issued by another CA, not by 'SchertzLabIssuingCA'");
}

TEST_F(Revocation, AnOcspResponderThatAnswersGarbageIsRefused) {
    const LoopbackServer garbage([](Socket fd, const std::atomic<bool>&) {
        read_until(fd, "\r\n\r\n");
        send_all(fd, "HTTP/1.0 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 7\r\n\r\ngarbage");
    });
    const std::string responder = "http://127.0.0.1:" + std::to_string(garbage.port());
    server_ = issue(issuing_, server_with({}, responder));
    publish_crl("root.crl", root_, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_UNUSABLE);
    EXPECT_EQ(outcome.windows, crypt_e_no_check);
    EXPECT_EQ(outcome.openssl, 74);
    EXPECT_EQ(outcome.reached[0], responder + ": not an OCSP answer (7 bytes OpenSSL cannot read as one)");
}

TEST_F(Revocation, ACertificateThatPublishesNothingCannotBeChecked) {
    server_ = issue(issuing_, server_with({}));
    publish_crl("root.crl", root_, {});
    serve_www();
    const Outcome outcome = evaluate();
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_NOT_PUBLISHED);
    EXPECT_EQ(outcome.windows, crypt_e_no_check);
    EXPECT_EQ(outcome.reason, "'pool1.schertz.lab' names no CRL distribution point and no OCSP responder, so clients that "
                              "check revocation fail with CRYPT_E_NO_REVOCATION_CHECK (0x80092012); programs that check "
                              "through WinVerifyTrust or WinHTTP report CERT_E_REVOCATION_FAILURE (0x800B010E)");
}

TEST_F(Revocation, WithoutTheFlagNothingIsChecked) {
    const Outcome outcome = evaluate(0);
    EXPECT_EQ(outcome.status, CACHAIN_REVOCATION_NOT_CHECKED);
    EXPECT_EQ(outcome.statuses.size(), 0u);
    EXPECT_EQ(outcome.reason, "");
}

}  // namespace
}  // namespace cachain::testing
