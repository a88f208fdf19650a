// Test-CaChain's verdict is the platform judge's (OpenSSL's X509_verify_cert
// for the Linux system trust and directory stores), one cause per failure,
// each with its codes, its reason naming the certificate and a fix that can
// work; and the evaluation options (-At, -Purpose, -DnsName, -WarnWithinDays).
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/x509v3.h>

#include "cachain/cachain.h"
#ifndef _WIN32
#include "debian_system_root.h"
#endif
#include "full_width_signature.h"
#include "system_import_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;
namespace ossl = cachain::ossl;

constexpr int64_t day = 86400;

struct Verdict {
    int64_t trusted = -1, cause = -1, chain_error = -1, tls_error = -1, openssl = -1;
    std::string reason, fix, warnings, unreadable;
};

// Changes a certificate and signs it again with signer's key: the shapes the
// test PKI does not make (an unknown critical extension, name constraints,
// a serverAuth-only or IP-address leaf).
Issued reshaped(const Issued& signer, Issued cert, const std::function<void(X509*, X509*)>& change) {
    change(cert.cert.get(), signer.cert.get());
    EXPECT_GT(sign_full_width(cert.cert.get(), signer.key.get()), 0);
    return cert;
}

void replace_extension(X509* cert, X509* issuer, int nid, const char* value) {
    const int at = X509_get_ext_by_NID(cert, nid, -1);
    if (at >= 0) X509_EXTENSION_free(X509_delete_ext(cert, at));
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    ASSERT_NE(extension, nullptr) << value;
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
}

void add_unknown_critical_extension(X509* cert, X509*) {
    const ossl::Asn1StringPtr value(ASN1_OCTET_STRING_new());
    const unsigned char null_der[] = {0x05, 0x00};
    ASN1_OCTET_STRING_set(value.get(), null_der, sizeof null_der);
    ASN1_OBJECT* type = OBJ_txt2obj("1.3.6.1.4.1.55555.1", 1);
    X509_EXTENSION* extension = X509_EXTENSION_create_by_OBJ(nullptr, type, 1, value.get());
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    ASN1_OBJECT_free(type);
}

// "2027-03-01 12:34:56 UTC", read from the certificate by OpenSSL.
std::string utc_text(const ASN1_TIME* time, const char* format = "%Y-%m-%d %H:%M:%S UTC") {
    struct tm parts {};
    EXPECT_EQ(ASN1_TIME_to_tm(time, &parts), 1);
    char text[64];
    std::strftime(text, sizeof text, format, &parts);
    return text;
}

int64_t unix_time(const ASN1_TIME* time) {
    struct tm parts {};
    EXPECT_EQ(ASN1_TIME_to_tm(time, &parts), 1);
#ifdef _WIN32
    return static_cast<int64_t>(_mkgmtime(&parts));
#else
    return static_cast<int64_t>(timegm(&parts));
#endif
}

Issued copy_of(const Issued& issued) { return Issued{ossl::X509Ptr(X509_dup(issued.cert.get())), share(issued.key)}; }

// Writes cert into the directory store's Root/ as `openssl rehash` names it,
// whatever it is: placement would refuse a CA that is not self-signed there.
// Returns the file.
fs::path write_into_root(const fs::path& store, const Issued& cert) {
    char name[16];
    std::snprintf(name, sizeof name, "%08lx.0", X509_subject_name_hash(cert.cert.get()));
    fs::create_directories(store / "Root");
    write_file(store / "Root" / name, cert.pem());
    return store / "Root" / name;
}

// cert with a basicConstraints extension whose value is not DER: OpenSSL
// decodes the certificate, but refuses its extensions.
Issued with_malformed_extensions(const Issued& cert) {
    return reshaped(cert, copy_of(cert), [](X509* x509, X509*) {
        const int at = X509_get_ext_by_NID(x509, NID_basic_constraints, -1);
        if (at >= 0) X509_EXTENSION_free(X509_delete_ext(x509, at));
        const ossl::Asn1StringPtr value(ASN1_OCTET_STRING_new());
        const unsigned char not_der[] = {0x01, 0x02};
        ASN1_OCTET_STRING_set(value.get(), not_der, sizeof not_der);
        X509_EXTENSION* extension = X509_EXTENSION_create_by_NID(nullptr, NID_basic_constraints, 1, value.get());
        X509_add_ext(x509, extension, -1);
        X509_EXTENSION_free(extension);
    });
}

#ifndef _WIN32
// Where the Linux system trust at system_root keeps CaChain's intermediates.
std::string ca_location_of(const fs::path& system_root) {
    cachain_store* store = nullptr;
    EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, utf8_from_path(system_root).c_str(), &store), CACHAIN_OK);
    const std::string location = store ? cachain_store_location_text(store, CACHAIN_STORE_CA) : "";
    cachain_store_free(store);
    return location;
}
#endif

class TrustJudge : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new SeedPki(make_seed_pki()); }
    static void TearDownTestSuite() { delete pki_; }

    // A directory store (Root/ and CA/) holding roots in Root.
    void trust_roots(const std::vector<const Issued*>& roots) {
        ASSERT_EQ(place_pem(CACHAIN_LOCATION_DIRECTORY, folder_.path(), pem_of(roots)), CACHAIN_OK) << cachain_last_error();
    }

    // Test-CaChain of leaf with issuers supplied, against the directory
    // store (or the Linux system trust at system_root).
    Verdict evaluate(const Issued& leaf, const std::vector<const Issued*>& issuers,
                     const cachain_evaluate_options& options = CACHAIN_EVALUATE_OPTIONS_INIT,
                     const fs::path& system_root = {}) {
        Verdict verdict;
        cachain_set* inputs = nullptr;
        cachain_set* supplied = nullptr;
        cachain_store* store = nullptr;
        cachain_verdicts* verdicts = nullptr;
        cachain_set_new(&inputs);
        cachain_set_new(&supplied);
        const auto der = leaf.der();
        const std::string pem = pem_of(issuers);
        EXPECT_EQ(cachain_set_add_bytes(inputs, der.data(), der.size(), "leaf", nullptr), CACHAIN_OK);
        if (!issuers.empty()) {
            EXPECT_EQ(cachain_set_add_bytes(supplied, reinterpret_cast<const uint8_t*>(pem.data()), pem.size(), "issuers",
                                            nullptr), CACHAIN_OK);
        }
        const bool linux_trust = !system_root.empty();
        fs::create_directories(folder_.path());
        EXPECT_EQ(cachain_store_open(linux_trust ? CACHAIN_LOCATION_LOCAL_MACHINE : CACHAIN_LOCATION_DIRECTORY,
                                     utf8_from_path(linux_trust ? system_root : folder_.path()).c_str(), &store),
                  CACHAIN_OK);
        EXPECT_EQ(cachain_evaluate_with_options(store, inputs, supplied, &options, &verdicts), CACHAIN_OK)
            << cachain_last_error();
        EXPECT_EQ(cachain_verdicts_count(verdicts), 1u);
        if (cachain_verdicts_count(verdicts) == 1) {
            verdict = {cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TRUSTED),
                       cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CAUSE),
                       cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_CHAIN_ERROR),
                       cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TLS_ERROR),
                       cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_OPENSSL_CODE),
                       cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_REASON),
                       cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_FIX),
                       cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_WARNINGS),
                       cachain_verdict_text(verdicts, 0, CACHAIN_VERDICT_TEXT_UNREADABLE)};
        }
        cachain_verdicts_free(verdicts);
        cachain_store_free(store);
        cachain_set_free(supplied);
        cachain_set_free(inputs);
        return verdict;
    }

    std::string store_path(const char* name) const { return utf8_from_path(folder_ / name); }

    static SeedPki* pki_;
    TempFolder folder_;
};
SeedPki* TrustJudge::pki_ = nullptr;

// Fails with the verdict's words, so a wrong cause shows what was said instead.
#define EXPECT_VERDICT(verdict, trusted_, cause_, chain_error_, tls_error_, openssl_, reason_, fix_) \
    do {                                                                                              \
        EXPECT_EQ((verdict).trusted, trusted_) << (verdict).reason;                                  \
        EXPECT_EQ((verdict).cause, cause_) << (verdict).reason;                                      \
        EXPECT_EQ((verdict).chain_error, chain_error_);                                              \
        EXPECT_EQ((verdict).tls_error, tls_error_);                                                  \
        EXPECT_EQ((verdict).openssl, openssl_);                                                      \
        EXPECT_EQ((verdict).reason, reason_);                                                        \
        EXPECT_EQ((verdict).fix, fix_);                                                              \
    } while (0)

constexpr int64_t cert_e_expired = 0x800B0101, cert_e_critical = 0x800B0105, cert_e_untrustedroot = 0x800B0109,
                  cert_e_chaining = 0x800B010A, cert_e_cn_no_match = 0x800B010F, cert_e_wrong_usage = 0x800B0110,
                  cert_e_invalid_name = 0x800B0114, trust_e_cert_signature = 0x80096004,
                  trust_e_basic_constraints = 0x80096019, sec_e_wrong_principal = 0x80090322,
                  sec_e_untrusted_root = 0x80090325, sec_e_cert_unknown = 0x80090327,
                  sec_e_cert_expired = 0x80090328, sec_e_cert_wrong_usage = 0x80090349;

const char* const import_chain = "export the whole CA chain on a machine that has it (Get-CaChain | Export-CaChain) "
                                 "and run Import-CaChain here";

TEST_F(TrustJudge, TrustsTheSeedChainWhenItsRootIsInRoot) {
    trust_roots({&pki_->root});
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 1, CACHAIN_CAUSE_NONE, 0, 0, 0,
                   "trusted: the chain ends at the root 'SchertzLabRootCA' in " + store_path("Root"), "");
}

TEST_F(TrustJudge, NamesTheMissingIssuer) {
    trust_roots({&pki_->root});
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_ISSUER_MISSING, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the chain is incomplete: the issuer 'CN=SchertzLabPolicyCA, DC=schertz, DC=lab' of "
                   "'SchertzLabIssuingCA' is in neither " + store_path("Root") + " nor " + store_path("CA") +
                       ", and was not supplied",
                   import_chain);
}

TEST_F(TrustJudge, NamesTheRootThatIsNotInRoot) {
    fs::create_directories(folder_.path());
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing, &pki_->policy, &pki_->root});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_ROOT_NOT_TRUSTED, cert_e_untrustedroot, sec_e_untrusted_root, 19,
                   "the root 'SchertzLabRootCA' is not in " + store_path("Root"),
                   "run Import-CaChain with the chain's CA certificates");
}

#ifndef _WIN32
// On Windows, LOCAL_MACHINE is the machine's own store: this case is Linux's.
TEST_F(TrustJudge, SaysTheServerOmitsItsIntermediatesWhenOnlyCaChainsIntermediatesFileHasThem) {
    // Case 5 of issue 16: the chain imported into the Linux system trust, a
    // server that sends only its leaf. curl and openssl s_client read the
    // bundle, never CaChain's intermediates file: they fail with code 20.
    const fs::path system_root = folder_ / "system";
    for (const char* folder : {"etc/ssl/certs", "usr/share/ca-certificates", "usr/local/share/ca-certificates"})
        fs::create_directories(system_root / folder);
    write_file(system_root / "etc/ca-certificates.conf", std::string());
    ASSERT_EQ(import_into(system_root, pem_of({&pki_->root, &pki_->policy, &pki_->issuing})), CACHAIN_OK)
        << cachain_last_error();
    const Verdict leaf_only = evaluate(pki_->server, {}, CACHAIN_EVALUATE_OPTIONS_INIT, system_root);
    EXPECT_VERDICT(leaf_only, 0, CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the server does not send its intermediate CA certificates 'SchertzLabIssuingCA' and "
                   "'SchertzLabPolicyCA': they are only in CaChain's intermediates folder " +
                       ca_location_of(system_root) +
                       ", which TLS clients on Linux (curl, openssl s_client) never read, so they cannot build "
                       "the chain to the root 'SchertzLabRootCA'",
                   "configure the server to send its full chain: its certificate followed by 'SchertzLabIssuingCA' "
                   "and 'SchertzLabPolicyCA' (importing cannot fix this)");
    const Verdict full_chain = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, CACHAIN_EVALUATE_OPTIONS_INIT,
                                        system_root);
    EXPECT_EQ(full_chain.trusted, 1) << full_chain.reason;
}

TEST_F(TrustJudge, NamesTheBundleForARootThatAnotherToolOrAPackagePutThere) {
    // Issue 16, item 6a: a root the distribution ships is in the bundle,
    // not in CaChain's folder; one that Import-CaChain placed is in both,
    // and is CaChain's folder's.
    const fs::path system_root = folder_ / "system";
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root, {&pki_->root}));
    const Verdict shipped = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, CACHAIN_EVALUATE_OPTIONS_INIT,
                                     system_root);
    EXPECT_VERDICT(shipped, 1, CACHAIN_CAUSE_NONE, 0, 0, 0,
                   "trusted: the chain ends at the root 'SchertzLabRootCA' in " + utf8_from_path(bundle_of(system_root)),
                   "");
    const fs::path imported_root = folder_ / "imported";
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(imported_root, {}));
    ASSERT_EQ(import_into(imported_root, pem_of({&pki_->root})), CACHAIN_OK) << cachain_last_error();
    ASSERT_EQ(bundle_thumbprints(imported_root).size(), 1u);
    const Verdict imported = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, CACHAIN_EVALUATE_OPTIONS_INIT,
                                      imported_root);
    EXPECT_VERDICT(imported, 1, CACHAIN_CAUSE_NONE, 0, 0, 0,
                   "trusted: the chain ends at the root 'SchertzLabRootCA' in " +
                       utf8_from_path(root_file(imported_root, "any").parent_path()),
                   "");
}

TEST_F(TrustJudge, NamesARootFileOfCaChainsFolderThatCannotBeReadAndKeepsTheBundlesOtherRoots) {
    // Issue 16, item 3, in the Linux system trust: a root with malformed
    // extensions in CaChain's folder, taken into the bundle by the real
    // refresh. OpenSSL clients still load the bundle's other roots.
    const Issued shipped_root = self_signed(ca_spec("ShippedRootCA"));
    const Issued shipped_leaf = issue(shipped_root, server_spec("shipped.schertz.lab"));
    const fs::path system_root = folder_ / "system";
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root, {&shipped_root}));
    const fs::path file = root_file(system_root, "SchertzLabRootCA");
    fs::create_directories(file.parent_path());
    write_file(file, with_malformed_extensions(pki_->root).pem());
    const auto refreshed = cachain::run_process(cachain::debian_layout(system_root).refresh);
    ASSERT_EQ(refreshed.exit_code, 0) << refreshed.output;
    const std::string bundle = utf8_from_path(bundle_of(system_root)), crt = utf8_from_path(file);
    const std::string unreadable = bundle + " (certificate 2): the certificate has malformed extensions\n" + crt +
                                   ": the certificate has malformed extensions";

    const Verdict lab = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, CACHAIN_EVALUATE_OPTIONS_INIT, system_root);
    EXPECT_VERDICT(lab, 0, CACHAIN_CAUSE_ISSUER_MISSING, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of "
                   "'SchertzLabPolicyCA' is not among the certificates of " + utf8_from_path(file.parent_path()) +
                       " and " + ca_location_of(system_root) + " that could be read, and was not supplied; " + bundle +
                       " (certificate 2) could not be read (the certificate has malformed extensions); " + crt +
                       " could not be read (the certificate has malformed extensions)",
                   std::string("replace what could not be read: ") + import_chain);
    EXPECT_EQ(lab.unreadable, unreadable);
    const Verdict shipped = evaluate(shipped_leaf, {}, CACHAIN_EVALUATE_OPTIONS_INIT, system_root);
    EXPECT_VERDICT(shipped, 1, CACHAIN_CAUSE_NONE, 0, 0, 0,
                   "trusted: the chain ends at the root 'ShippedRootCA' in " + bundle, "");
    EXPECT_EQ(shipped.unreadable, unreadable);
}

TEST_F(TrustJudge, NamesADamagedBundleThatClientsCannotLoad) {
    // A PEM block cut off in ca-certificates.crt: OpenSSL loads none of the
    // bundle's roots (X509_load_cert_crl_file fails whole), so nothing is trusted.
    const fs::path system_root = folder_ / "system";
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root, {&pki_->root}));
    const std::string cut_off = pki_->policy.pem().substr(0, 200);
    const auto whole = read_file(bundle_of(system_root));
    write_file(bundle_of(system_root), std::string(whole.begin(), whole.end()) + cut_off);
    const std::string bundle = utf8_from_path(bundle_of(system_root));
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, CACHAIN_EVALUATE_OPTIONS_INIT,
                                     system_root);
    const std::string why = "a PEM block after certificate 1 is cut off or damaged (bad end line)";
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_ISSUER_MISSING, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of "
                   "'SchertzLabPolicyCA' is not among the certificates of " +
                       utf8_from_path(root_file(system_root, "any").parent_path()) + " and " +
                       ca_location_of(system_root) + " that could be read, and was not supplied; " + bundle +
                       " could not be read (" + why + ")",
                   std::string("replace what could not be read: ") + import_chain);
    EXPECT_EQ(verdict.unreadable, bundle + ": " + why);
}

#endif

TEST_F(TrustJudge, ChainsThroughTheCaFolderOfADirectoryStoreAsWindowsClientsDoThroughTheirCaStore) {
    trust_roots({&pki_->root, &pki_->policy, &pki_->issuing});
    const Verdict verdict = evaluate(pki_->server, {});
    EXPECT_VERDICT(verdict, 1, CACHAIN_CAUSE_NONE, 0, 0, 0,
                   "trusted: the chain ends at the root 'SchertzLabRootCA' in " + store_path("Root"), "");
}

TEST_F(TrustJudge, SaysAnAnchorThatIsNotSelfSignedIsNotEnough) {
    write_into_root(folder_.path(), pki_->issuing);
    const Verdict verdict = evaluate(pki_->server, {});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED, cert_e_chaining, sec_e_untrusted_root, 2,
                   "'SchertzLabIssuingCA' is in " + store_path("Root") + " but is not self-signed: OpenSSL clients "
                   "(curl, openssl s_client) do not accept it as a trust anchor without its own root, and its issuer "
                   "'CN=SchertzLabPolicyCA, DC=schertz, DC=lab' is not in " + store_path("Root"),
                   "import the root that issued 'SchertzLabIssuingCA': its issuer 'CN=SchertzLabPolicyCA, DC=schertz, "
                   "DC=lab' (and, if that is not self-signed, the CAs above it up to their root), with Import-CaChain");
    EXPECT_EQ(verdict.unreadable, "");
}

TEST_F(TrustJudge, SaysARootOfTheStoreCouldNotBeReadAndWhyInsteadOfCallingItAbsent) {
    // Issue 16, item 3: a root with malformed extensions in Root anchors
    // nothing; the verdict names the file and OpenSSL's reason.
    const std::string file = utf8_from_path(write_into_root(folder_.path(), with_malformed_extensions(pki_->root)));
    const Verdict chain_sent = evaluate(pki_->server, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(chain_sent, 0, CACHAIN_CAUSE_ISSUER_MISSING, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of "
                   "'SchertzLabPolicyCA' is not among the certificates of " + store_path("Root") + " and " +
                       store_path("CA") + " that could be read, and was not supplied; " + file +
                       " could not be read (the certificate has malformed extensions)",
                   std::string("replace what could not be read: ") + import_chain);
    EXPECT_EQ(chain_sent.unreadable, file + ": the certificate has malformed extensions");
    const Verdict root_sent = evaluate(pki_->server, {&pki_->issuing, &pki_->policy, &pki_->root});
    EXPECT_VERDICT(root_sent, 0, CACHAIN_CAUSE_ROOT_NOT_TRUSTED, cert_e_untrustedroot, sec_e_untrusted_root, 19,
                   "the root 'SchertzLabRootCA' is not among the certificates of " + store_path("Root") +
                       " that could be read; " + file + " could not be read (the certificate has malformed extensions)",
                   "replace what could not be read: run Import-CaChain with the chain's CA certificates");
    EXPECT_EQ(root_sent.unreadable, file + ": the certificate has malformed extensions");
}

TEST_F(TrustJudge, SaysWhichCertificateExpiredAndWhen) {
    trust_roots({&pki_->root});
    CertSpec spec = server_spec("old.schertz.lab");
    spec.not_before_days = -30;
    spec.not_after_days = -2;
    const Issued expired = issue(pki_->issuing, spec);
    const Verdict verdict = evaluate(expired, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_EXPIRED, cert_e_expired, sec_e_cert_expired, 10,
                   "'old.schertz.lab' expired on " + utc_text(X509_get0_notAfter(expired.cert.get())),
                   "renew the certificate 'old.schertz.lab' (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, SaysWhichCertificateIsNotValidYet) {
    trust_roots({&pki_->root});
    CertSpec spec = server_spec("new.schertz.lab");
    spec.not_before_days = 2;
    const Issued early = issue(pki_->issuing, spec);
    const std::string from = utc_text(X509_get0_notBefore(early.cert.get()));
    const Verdict verdict = evaluate(early, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_NOT_YET_VALID, cert_e_expired, sec_e_cert_expired, 9,
                   "'new.schertz.lab' is not valid before " + from,
                   "correct this machine's clock if it is wrong, or use 'new.schertz.lab' from " + from +
                       " on (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, RefusesAnUnknownCriticalExtensionInTheLeaf) {
    trust_roots({&pki_->root});
    const Issued leaf = reshaped(pki_->issuing, copy_of(pki_->server), add_unknown_critical_extension);
    const Verdict verdict = evaluate(leaf, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_CRITICAL_EXTENSION, cert_e_critical, sec_e_cert_unknown, 34,
                   "'pool1.schertz.lab' has a critical extension that clients do not know, so they must refuse it",
                   "have 'pool1.schertz.lab' reissued without the unknown extension, or with it marked "
                   "non-critical (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, RefusesAnUnknownCriticalExtensionInAnIntermediate) {
    trust_roots({&pki_->root});
    const Issued issuing = reshaped(pki_->policy, copy_of(pki_->issuing), add_unknown_critical_extension);
    const Verdict verdict = evaluate(pki_->server, {&issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_CRITICAL_EXTENSION, cert_e_critical, sec_e_cert_unknown, 34,
                   "'SchertzLabIssuingCA' has a critical extension that clients do not know, so they must refuse it",
                   "have 'SchertzLabIssuingCA' reissued without the unknown extension, or with it marked "
                   "non-critical (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, ChecksTheHostNameWhenOneIsGiven) {
    trust_roots({&pki_->root});
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.dns_name = "pool1.schertz.lab";
    EXPECT_EQ(evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    options.dns_name = "pool2.schertz.lab";
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_HOST_NAME_MISMATCH, cert_e_cn_no_match, sec_e_wrong_principal, 62,
                   "the name 'pool2.schertz.lab' is not one that 'pool1.schertz.lab' is issued for (its Subject "
                   "Alternative Names)",
                   "connect with a name that 'pool1.schertz.lab' lists in its Subject Alternative Names, or have it "
                   "reissued for 'pool2.schertz.lab' (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, MatchesAWildcardForOneLabelOnly) {
    trust_roots({&pki_->root});
    const Issued wildcard = issue(pki_->issuing, server_spec("*.schertz.lab"));
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.dns_name = "pool7.schertz.lab";
    EXPECT_EQ(evaluate(wildcard, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    options.dns_name = "a.pool7.schertz.lab";
    const Verdict deeper = evaluate(wildcard, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_EQ(deeper.cause, CACHAIN_CAUSE_HOST_NAME_MISMATCH) << deeper.reason;
    EXPECT_EQ(deeper.openssl, 62);
}

TEST_F(TrustJudge, ChecksAnIpAddressAgainstTheAddressesTheLeafLists) {
    trust_roots({&pki_->root});
    const Issued by_address = reshaped(pki_->issuing, issue(pki_->issuing, server_spec("127.0.0.1")), [](X509* cert, X509* issuer) {
        replace_extension(cert, issuer, NID_subject_alt_name, "IP:127.0.0.1");
    });
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.dns_name = "127.0.0.1";
    EXPECT_EQ(evaluate(by_address, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    options.dns_name = "127.0.0.2";
    const Verdict other = evaluate(by_address, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_VERDICT(other, 0, CACHAIN_CAUSE_HOST_NAME_MISMATCH, cert_e_cn_no_match, sec_e_wrong_principal, 64,
                   "the name '127.0.0.2' is not one that '127.0.0.1' is issued for (its Subject Alternative Names)",
                   "connect with a name that '127.0.0.1' lists in its Subject Alternative Names, or have it "
                   "reissued for '127.0.0.2' (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, RefusesAServerAuthOnlyLeafForClientAuthentication) {
    trust_roots({&pki_->root});
    const Issued server_only = reshaped(pki_->issuing, copy_of(pki_->server), [](X509* cert, X509* issuer) {
        replace_extension(cert, issuer, NID_ext_key_usage, "serverAuth");
    });
    EXPECT_EQ(evaluate(server_only, {&pki_->issuing, &pki_->policy}).trusted, 1);
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.purpose = CACHAIN_PURPOSE_ANY;
    EXPECT_EQ(evaluate(server_only, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    options.purpose = CACHAIN_PURPOSE_CLIENT_AUTH;
    const Verdict verdict = evaluate(server_only, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_WRONG_PURPOSE, cert_e_wrong_usage, sec_e_cert_wrong_usage, 26,
                   "'pool1.schertz.lab' is not valid for TLS client authentication: its extended key usage does not "
                   "allow it",
                   "have 'pool1.schertz.lab' reissued with the Client Authentication extended key usage (importing CA "
                   "certificates cannot fix this)");
}

TEST_F(TrustJudge, NamesTheKeyUsageNotTheExtendedKeyUsageOfALeafThatMayOnlySignCertificates) {
    trust_roots({&pki_->root});
    // Its extendedKeyUsage (serverAuth, clientAuth) allows TLS; its keyUsage does not.
    const Issued signing_only = reshaped(pki_->issuing, copy_of(pki_->server), [](X509* cert, X509* issuer) {
        replace_extension(cert, issuer, NID_key_usage, "critical,keyCertSign");
    });
    const Verdict server = evaluate(signing_only, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(server, 0, CACHAIN_CAUSE_WRONG_PURPOSE, cert_e_wrong_usage, sec_e_cert_wrong_usage, 26,
                   "'pool1.schertz.lab' is not valid for TLS server authentication: its keyUsage is keyCertSign, but "
                   "TLS server authentication needs digitalSignature, keyEncipherment or keyAgreement",
                   "have 'pool1.schertz.lab' reissued with a keyUsage that includes digitalSignature, keyEncipherment "
                   "or keyAgreement (importing CA certificates cannot fix this)");
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.purpose = CACHAIN_PURPOSE_CLIENT_AUTH;
    const Verdict client = evaluate(signing_only, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_VERDICT(client, 0, CACHAIN_CAUSE_WRONG_PURPOSE, cert_e_wrong_usage, sec_e_cert_wrong_usage, 26,
                   "'pool1.schertz.lab' is not valid for TLS client authentication: its keyUsage is keyCertSign, but "
                   "TLS client authentication needs digitalSignature or keyAgreement",
                   "have 'pool1.schertz.lab' reissued with a keyUsage that includes digitalSignature or keyAgreement "
                   "(importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, NamesTheExtendedKeyUsageWhenBothUsageExtensionsForbidThePurpose) {
    trust_roots({&pki_->root});
    // OpenSSL checks the extendedKeyUsage first: that is the one to reissue first.
    const Issued neither = reshaped(pki_->issuing, copy_of(pki_->server), [](X509* cert, X509* issuer) {
        replace_extension(cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
        replace_extension(cert, issuer, NID_ext_key_usage, "codeSigning");
    });
    const Verdict verdict = evaluate(neither, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_WRONG_PURPOSE, cert_e_wrong_usage, sec_e_cert_wrong_usage, 26,
                   "'pool1.schertz.lab' is not valid for TLS server authentication: its extended key usage does not "
                   "allow it",
                   "have 'pool1.schertz.lab' reissued with the Server Authentication extended key usage (importing CA "
                   "certificates cannot fix this)");
}

TEST_F(TrustJudge, RefusesANameOutsideTheIssuersNameConstraints) {
    trust_roots({&pki_->root});
    const Issued constrained = reshaped(pki_->policy, copy_of(pki_->issuing), [](X509* cert, X509* issuer) {
        replace_extension(cert, issuer, NID_name_constraints, "critical,permitted;DNS:.example.com");
    });
    const Verdict verdict = evaluate(pki_->server, {&constrained, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_NAME_CONSTRAINTS, cert_e_invalid_name, sec_e_cert_unknown, 47,
                   "a name of 'pool1.schertz.lab' is outside the name constraints of a CA above it",
                   "have 'pool1.schertz.lab' reissued with a name the CA's name constraints permit, or the CA "
                   "certificate reissued with constraints that permit it (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, NamesTheIssuerThatIsNotACaInsteadOfCallingItMissing) {
    trust_roots({&pki_->root});
    CertSpec spec = ca_spec("NotACa");
    spec.ca = false;
    const Issued not_ca = issue(pki_->policy, spec);
    const Issued leaf = issue(not_ca, server_spec("pool3.schertz.lab"));
    const Verdict verdict = evaluate(leaf, {&not_ca, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_INVALID_CA, trust_e_basic_constraints, sec_e_cert_unknown, 79,
                   "'NotACa' is not a CA (its basicConstraints do not say CA:TRUE), yet it is the issuer of "
                   "'pool3.schertz.lab'; the CA hierarchy itself is wrong, so ask its administrator",
                   "have 'NotACa' reissued as a CA (basicConstraints CA:TRUE), or the certificate below it issued by "
                   "a real CA (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, NamesThePathLengthConstraintThatForbidsTheChain) {
    CertSpec policy_spec = ca_spec("ShortPolicyCA");
    policy_spec.path_length = 0;
    const Issued policy = issue(pki_->root, policy_spec);
    const Issued issuing = issue(policy, ca_spec("DeepIssuingCA"));
    const Issued leaf = issue(issuing, server_spec("pool4.schertz.lab"));
    trust_roots({&pki_->root});
    const Verdict verdict = evaluate(leaf, {&issuing, &policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_PATH_LENGTH, trust_e_basic_constraints, sec_e_cert_unknown, 25,
                   "the issuing CA 'DeepIssuingCA' was found, but the pathLenConstraint 0 of 'ShortPolicyCA' forbids "
                   "a CA below it; the CA hierarchy itself is wrong, so ask its administrator",
                   "have 'ShortPolicyCA' reissued with a pathLenConstraint that allows the CA tiers below it "
                   "(importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, NamesTheCaWhoseKeyUsageForbidsSigningCertificates) {
    CertSpec spec = ca_spec("NoCertSignCA");
    spec.key_cert_sign = false;
    const Issued issuing = issue(pki_->policy, spec);
    const Issued leaf = issue(issuing, server_spec("pool5.schertz.lab"));
    trust_roots({&pki_->root});
    const Verdict verdict = evaluate(leaf, {&issuing, &pki_->policy});
    // OpenSSL 3 reports this as 79, "invalid CA certificate", as for a non-CA issuer.
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_CA_KEY_USAGE, cert_e_wrong_usage, sec_e_cert_wrong_usage, 79,
                   "'NoCertSignCA' is a CA, but its keyUsage lacks keyCertSign, so it may not sign "
                   "'pool5.schertz.lab'; the CA hierarchy itself is wrong, so ask its administrator",
                   "have 'NoCertSignCA' reissued with keyUsage keyCertSign (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, SaysASignatureDoesNotVerify) {
    trust_roots({&pki_->root});
    auto der = pki_->server.der();
    der.back() ^= 0x01;  // inside the signature: the certificate stays well-formed
    const unsigned char* cursor = der.data();
    Issued altered{ossl::X509Ptr(d2i_X509(nullptr, &cursor, static_cast<long>(der.size()))), nullptr};
    ASSERT_NE(altered.cert, nullptr);
    const Verdict verdict = evaluate(altered, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_BAD_SIGNATURE, trust_e_cert_signature, sec_e_cert_unknown, 7,
                   "the signature of 'pool1.schertz.lab' does not verify with the key of its issuer "
                   "'SchertzLabIssuingCA'",
                   "replace 'pool1.schertz.lab' with the certificate its CA issued: this one was altered, or signed "
                   "by another key (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, SaysTheStoresRootOfThatNameHasAnotherKey) {
    // A renewed root: same name, new key. Issue 16, item 6b.
    const Issued renewed = self_signed(ca_spec("SchertzLabRootCA"));
    trust_roots({&renewed});
    const Verdict verdict = evaluate(pki_->server, {&pki_->issuing, &pki_->policy});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_ISSUER_MISSING, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the chain is incomplete: no certificate that signed 'SchertzLabPolicyCA' is in " +
                       store_path("Root") + ", " + store_path("CA") + " or what was supplied; 1 certificate named "
                       "'CN=SchertzLabRootCA, DC=schertz, DC=lab' found, but 1 did not sign it (another key)",
                   "import the CA certificate that signed 'SchertzLabPolicyCA': when its CA was renewed with a new "
                   "key, export the chain again on a machine that trusts the server (Get-CaChain | Export-CaChain) "
                   "and run Import-CaChain here");
}

TEST_F(TrustJudge, JudgesAtTheEvaluationTimeUpToTheNotAfterSecond) {
    trust_roots({&pki_->root});
    const int64_t not_after = unix_time(X509_get0_notAfter(pki_->server.cert.get()));
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    EXPECT_EQ(evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    options.at = not_after - 1;
    EXPECT_EQ(evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options).trusted, 1);
    // OpenSSL counts the notAfter second itself as expired (X509_cmp_time
    // maps "equal" to "before"), so its clients refuse from that second on.
    options.at = not_after;
    const Verdict at_boundary = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_EQ(at_boundary.cause, CACHAIN_CAUSE_EXPIRED) << at_boundary.reason;
    options.at = not_after + 30 * day;
    const Verdict later = evaluate(pki_->server, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_VERDICT(later, 0, CACHAIN_CAUSE_EXPIRED, cert_e_expired, sec_e_cert_expired, 10,
                   "'pool1.schertz.lab' expired on " + utc_text(X509_get0_notAfter(pki_->server.cert.get())),
                   "renew the certificate 'pool1.schertz.lab' (importing CA certificates cannot fix this)");
}

TEST_F(TrustJudge, WarnsAboutCaCertificatesThatExpireWithinTheWindow) {
    trust_roots({&pki_->root});
    CertSpec spec = server_spec("pool6.schertz.lab");
    spec.not_after_days = 3640;  // still valid 91 days before the root expires
    const Issued leaf = issue(pki_->issuing, spec);
    const int64_t root_end = unix_time(X509_get0_notAfter(pki_->root.cert.get()));
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.at = root_end - 91 * day;
    options.warn_within_days = 92;
    const auto date = [](const Issued& cert) { return utc_text(X509_get0_notAfter(cert.cert.get()), "%Y-%m-%d"); };
    const Verdict verdict = evaluate(leaf, {&pki_->issuing, &pki_->policy}, options);
    EXPECT_EQ(verdict.trusted, 1) << verdict.reason;
    EXPECT_EQ(verdict.warnings, "'SchertzLabIssuingCA' expires on " + date(pki_->issuing) + " (in 91 days)\n"
                                "'SchertzLabPolicyCA' expires on " + date(pki_->policy) + " (in 91 days)\n"
                                "'SchertzLabRootCA' expires on " + date(pki_->root) + " (in 91 days)");
    options.warn_within_days = 90;
    EXPECT_EQ(evaluate(leaf, {&pki_->issuing, &pki_->policy}, options).warnings, "");
    options.warn_within_days = 0;
    EXPECT_EQ(evaluate(leaf, {&pki_->issuing, &pki_->policy}, options).warnings, "");
}

TEST_F(TrustJudge, RefusesOptionsItDoesNotKnow) {
    cachain_set* inputs = nullptr;
    cachain_store* store = nullptr;
    cachain_verdicts* verdicts = nullptr;
    ASSERT_EQ(cachain_set_new(&inputs), CACHAIN_OK);
    ASSERT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder_.path()).c_str(), &store), CACHAIN_OK);
    cachain_evaluate_options options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.purpose = static_cast<cachain_purpose>(3);
    EXPECT_EQ(cachain_evaluate_with_options(store, inputs, nullptr, &options, &verdicts), CACHAIN_E_ARGUMENT);
    EXPECT_STREQ(cachain_last_error(), "unknown purpose 3");
    options = CACHAIN_EVALUATE_OPTIONS_INIT;
    options.version = 2;
    EXPECT_EQ(cachain_evaluate_with_options(store, inputs, nullptr, &options, &verdicts), CACHAIN_E_ARGUMENT);
    EXPECT_STREQ(cachain_last_error(), "cachain_evaluate_options version 2 is not one this library knows (it knows 1): "
                                       "start from the header's _INIT macro");
    EXPECT_EQ(verdicts, nullptr);
    cachain_store_free(store);
    cachain_set_free(inputs);
}

TEST_F(TrustJudge, SaysTheOnlyIssuersWouldCloseALoop) {
    fs::create_directories(folder_.path());
    // Two CAs that only cross-sign each other: no self-signed root anywhere.
    const Issued a = self_signed(ca_spec("LoopA"));
    const Issued b = self_signed(ca_spec("LoopB"));
    const Issued a_by_b = issue_with_key(b, ca_spec("LoopA"), share(a.key));
    const Issued b_by_a = issue_with_key(a, ca_spec("LoopB"), share(b.key));
    const Issued leaf = issue(a, server_spec("pool8.schertz.lab"));
    const Verdict verdict = evaluate(leaf, {&a_by_b, &b_by_a});
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_PATH_LOOP, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the only issuers found for 'LoopB' would close a loop: 1 certificate named "
                   "'CN=LoopA, DC=schertz, DC=lab' found, but 1 would make a loop",
                   "supply the chain's self-signed root, or ask the CA's administrator: its CA certificates only "
                   "cross-sign each other");
}

// A chain longer than CaChain's search goes (16 certificates).
std::vector<Issued> long_chain(std::size_t cas) {
    std::vector<Issued> chain;
    chain.push_back(self_signed(ca_spec("LongRoot")));
    for (std::size_t i = 1; i < cas; ++i) chain.push_back(issue(chain.back(), ca_spec("LongCA" + std::to_string(i))));
    chain.push_back(issue(chain.back(), server_spec("pool9.schertz.lab")));
    return chain;
}

TEST_F(TrustJudge, SaysTheSearchStoppedAtItsLimitWithoutAnEmptyIssuerName) {
    fs::create_directories(folder_.path());
    const auto chain = long_chain(20);
    std::vector<const Issued*> cas;
    for (std::size_t i = 1; i + 1 < chain.size(); ++i) cas.push_back(&chain[i]);
    const Verdict verdict = evaluate(chain.back(), cas);
    EXPECT_VERDICT(verdict, 0, CACHAIN_CAUSE_SEARCH_LIMIT, cert_e_chaining, sec_e_untrusted_root, 20,
                   "the search for the chain of 'pool9.schertz.lab' stopped at its limit before it reached a root, "
                   "after 16 certificates (it follows at most 16 deep, and a bounded number of candidate issuers)",
                   "supply only the chain's own CA certificates; a chain deeper than 16 certificates is itself too "
                   "long, so ask the CA's administrator");
}

TEST_F(TrustJudge, SaysSoWhenTheJudgeTrustsWhatCaChainsOwnSearchCouldNotFinish) {
    const auto chain = long_chain(20);
    trust_roots({&chain.front()});
    std::vector<const Issued*> cas;
    for (std::size_t i = 1; i + 1 < chain.size(); ++i) cas.push_back(&chain[i]);
    const Verdict verdict = evaluate(chain.back(), cas);
    EXPECT_EQ(verdict.trusted, 1) << verdict.reason;
    EXPECT_EQ(verdict.cause, CACHAIN_CAUSE_NONE);
    EXPECT_EQ(verdict.reason, "trusted: the chain ends at the root 'LongRoot' in " + store_path("Root") +
                                  " (CaChain's own path stops at 'LongCA5': The search stopped at its limit (15 "
                                  "signature checks, at most 16 certificates deep) before reaching a root, after 16 "
                                  "certificates.)");
}

}  // namespace
