#include "trust_corpus.h"

#include <openssl/x509_vfy.h>

#include <utility>

// Causes, one per kind of refusal (ExpectedVerdict::cause):
//   trusted, issuer-missing, untrusted-root, anchor-not-self-signed,
//   invalid-ca, path-length, key-usage, wrong-purpose, bad-signature,
//   expired, not-yet-valid, critical-extension, host-mismatch,
//   name-constraints.
// Every label below was first written as expected, then checked against
// `openssl verify` (OpenSSL 3.0); where OpenSSL's default behaviour is not
// what one might assume, a comment at the case says what it does.

namespace cachain::testing {

const char* openssl_purpose_name(Purpose purpose) {
    switch (purpose) {
        case Purpose::ServerAuth: return "sslserver";
        case Purpose::ClientAuth: return "sslclient";
        case Purpose::Any: return "any";
    }
    return "";
}

const char* host_kind_name(HostKind kind) {
    switch (kind) {
        case HostKind::None: return "none";
        case HostKind::DnsName: return "dns";
        case HostKind::IpAddress: return "ip";
    }
    return "";
}

namespace {

constexpr std::time_t hour = 3600;
constexpr std::time_t day = 24 * hour;

CorpusCertificate shared(Issued issued) { return std::make_shared<const Issued>(std::move(issued)); }

ExpectedVerdict trusted() { return {true, X509_V_OK, "trusted"}; }
ExpectedVerdict refused(int code, std::string cause) { return {false, code, std::move(cause)}; }

// root -> policy CA -> issuing CA, the seed's lab; leaves are issued by the
// issuing CA.
struct Lab {
    CorpusCertificate root, policy, issuing;
    std::vector<CorpusCertificate> intermediates() const { return {issuing, policy}; }
};

Lab make_lab(const std::string& prefix) {
    Lab lab;
    lab.root = shared(self_signed(ca_spec(prefix + "RootCA")));
    lab.policy = shared(issue(*lab.root, ca_spec(prefix + "PolicyCA")));
    lab.issuing = shared(issue(*lab.policy, ca_spec(prefix + "IssuingCA")));
    return lab;
}

CorpusCertificate leaf_of(const CorpusCertificate& issuer, CertSpec spec) { return shared(issue(*issuer, spec)); }

// The cases of one category, evaluated at now unless a case says otherwise.
class Category {
public:
    Category(std::string name, std::time_t now) : name_(std::move(name)), now_(now) {}

    TrustCase& add(std::string name, CorpusCertificate target, std::vector<CorpusCertificate> sent,
                   std::vector<CorpusCertificate> roots, ExpectedVerdict expected) {
        TrustCase trust_case;
        trust_case.category = name_;
        trust_case.name = std::move(name);
        trust_case.target = std::move(target);
        trust_case.sent = std::move(sent);
        trust_case.roots = std::move(roots);
        trust_case.at = now_;
        trust_case.expected = std::move(expected);
        cases_.push_back(std::move(trust_case));
        return cases_.back();
    }

    void move_into(std::vector<TrustCase>& corpus) {
        for (auto& trust_case : cases_) corpus.push_back(std::move(trust_case));
        cases_.clear();
    }

private:
    std::string name_;
    std::time_t now_;
    std::vector<TrustCase> cases_;
};

// Missing and extra intermediates, input order, cross-signs, loops, length.
void add_path_building(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("path-building", now);
    const Lab lab = make_lab("PathLab");
    const Lab other = make_lab("OtherLab");
    const auto leaf = leaf_of(lab.issuing, server_spec("pool1.schertz.lab"));
    cases.add("complete-chain-sent", leaf, lab.intermediates(), {lab.root}, trusted());
    cases.add("intermediates-sent-in-reverse-order", leaf, {lab.policy, lab.issuing}, {lab.root}, trusted());
    cases.add("extra-and-repeated-intermediates-sent", leaf,
              {other.issuing, lab.issuing, other.policy, lab.policy, lab.issuing}, {lab.root}, trusted());
    cases.add("root-sent-too", leaf, {lab.issuing, lab.policy, lab.root}, {lab.root}, trusted());
    cases.add("leaf-only-sent", leaf, {}, {lab.root},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "issuer-missing"));
    cases.add("policy-ca-missing", leaf, {lab.issuing}, {lab.root},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "issuer-missing"));
    // The CA store's certificates are given to the verifier as untrusted
    // intermediates (openssl verify -untrusted), as Windows' CA store is.
    // No Linux TLS client reads CaChain's intermediates folder: whether the
    // judge passes the CA store on Linux is the judge's decision.
    cases.add("leaf-only-sent-intermediates-in-ca-store", leaf, {}, {lab.root}, trusted()).cas = lab.intermediates();
    cases.add("root-sent-but-not-anchored", leaf, {lab.issuing, lab.policy, lab.root}, {other.root},
              refused(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "untrusted-root"));

    // A new root (its own key) cross-signed by an old one: either anchors.
    const auto old_anchor = shared(self_signed(ca_spec("CrossOldRootCA")));
    const auto new_anchor = shared(self_signed(ca_spec("CrossNewRootCA")));
    const auto new_by_old = shared(issue_with_key(*old_anchor, ca_spec("CrossNewRootCA"), share(new_anchor->key)));
    const auto cross_issuing = shared(issue(*new_anchor, ca_spec("CrossIssuingCA")));
    const auto cross_leaf = leaf_of(cross_issuing, server_spec("cross.schertz.lab"));
    cases.add("cross-signed-old-root-anchored", cross_leaf, {cross_issuing, new_by_old}, {old_anchor}, trusted());
    cases.add("cross-signed-new-root-anchored", cross_leaf, {cross_issuing, new_by_old}, {new_anchor}, trusted());
    cases.add("cross-signed-neither-root-anchored", cross_leaf, {cross_issuing, new_by_old}, {lab.root},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "issuer-missing"));

    // Two CAs that certify each other: A by B and B by A, a loop.
    const Issued loop_a = self_signed(ca_spec("LoopACA"));
    const auto b_anchor = shared(self_signed(ca_spec("LoopBCA")));
    const auto a_by_b = shared(issue_with_key(*b_anchor, ca_spec("LoopACA"), share(loop_a.key)));
    const auto b_by_a = shared(issue_with_key(loop_a, ca_spec("LoopBCA"), share(b_anchor->key)));
    const auto loop_leaf = shared(issue(loop_a, server_spec("loop.schertz.lab")));
    cases.add("loop-with-an-anchor", loop_leaf, {a_by_b, b_by_a}, {b_anchor}, trusted());
    cases.add("loop-without-an-anchor", loop_leaf, {a_by_b, b_by_a}, {lab.root},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "issuer-missing"));

    // Ten CAs below the root.
    const auto long_anchor = shared(self_signed(ca_spec("LongRootCA")));
    std::vector<CorpusCertificate> long_cas{shared(issue(*long_anchor, ca_spec("LongCA1")))};
    for (int i = 2; i <= 10; ++i)
        long_cas.push_back(shared(issue(*long_cas.back(), ca_spec("LongCA" + std::to_string(i)))));
    const auto long_leaf = leaf_of(long_cas.back(), server_spec("long.schertz.lab"));
    cases.add("long-chain-all-sent", long_leaf, long_cas, {long_anchor}, trusted());
    auto with_gap = long_cas;
    with_gap.erase(with_gap.begin() + 4);  // LongCA5
    cases.add("long-chain-one-ca-missing", long_leaf, with_gap, {long_anchor},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "issuer-missing"));
    cases.move_into(corpus);
}

// pathLenConstraint, basicConstraints and keyUsage.
void add_ca_constraints(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("ca-constraints", now);
    const auto root = shared(self_signed(ca_spec("ConstraintsRootCA")));
    const auto issued_by = [&](CertSpec policy_spec) {
        const auto policy = shared(issue(*root, policy_spec));
        const auto issuing = shared(issue(*policy, ca_spec("ConstraintsIssuingCA")));
        return std::vector<CorpusCertificate>{issuing, policy};
    };
    const auto leaf_below = [&](const std::vector<CorpusCertificate>& cas, const std::string& host) {
        return leaf_of(cas.front(), server_spec(host));
    };

    auto policy_spec = ca_spec("ConstraintsPolicyCA");
    policy_spec.path_length = 1;
    const auto room_for_one = issued_by(policy_spec);
    cases.add("path-length-1-one-ca-below", leaf_below(room_for_one, "pathlen.schertz.lab"), room_for_one, {root},
              trusted());
    policy_spec.path_length = 0;
    const auto room_for_none = issued_by(policy_spec);
    cases.add("path-length-0-one-ca-below", leaf_below(room_for_none, "pathlen.schertz.lab"), room_for_none, {root},
              refused(X509_V_ERR_PATH_LENGTH_EXCEEDED, "path-length"));

    auto not_a_ca = ca_spec("ConstraintsPolicyCA");
    not_a_ca.ca = false;  // basicConstraints CA:FALSE, keyUsage still allows signing certificates
    not_a_ca.key_usage_value = "critical,digitalSignature,keyCertSign,cRLSign";
    not_a_ca.extended_key_usage_value = "";
    not_a_ca.subject_alt_names = "";
    const auto false_ca = issued_by(not_a_ca);
    cases.add("issuer-basic-constraints-ca-false", leaf_below(false_ca, "notaca.schertz.lab"), false_ca, {root},
              refused(X509_V_ERR_INVALID_CA, "invalid-ca"));

    auto no_constraints = ca_spec("ConstraintsPolicyCA");
    no_constraints.basic_constraints = false;
    const auto unconstrained = issued_by(no_constraints);
    cases.add("issuer-without-basic-constraints", leaf_below(unconstrained, "nobc.schertz.lab"), unconstrained, {root},
              refused(X509_V_ERR_INVALID_CA, "invalid-ca"));

    auto no_cert_sign = ca_spec("ConstraintsPolicyCA");
    no_cert_sign.key_cert_sign = false;  // keyUsage digitalSignature only
    const auto cannot_sign = issued_by(no_cert_sign);
    // OpenSSL 3.0 reports a CA whose keyUsage lacks keyCertSign first as an
    // invalid CA (X509_V_ERR_INVALID_CA, 79 in 3.0), not as
    // X509_V_ERR_KEYUSAGE_NO_CERTSIGN (32), which comes only later, when a
    // verify callback lets the verification go on.
    cases.add("issuer-key-usage-without-key-cert-sign", leaf_below(cannot_sign, "noku.schertz.lab"), cannot_sign,
              {root}, refused(X509_V_ERR_INVALID_CA, "key-usage"));

    auto no_key_usage = ca_spec("ConstraintsPolicyCA");
    no_key_usage.key_usage = false;  // no keyUsage at all: every usage allowed
    const auto any_usage = issued_by(no_key_usage);
    cases.add("issuer-without-key-usage", leaf_below(any_usage, "anyku.schertz.lab"), any_usage, {root}, trusted());

    const auto lab = issued_by(ca_spec("ConstraintsPolicyCA"));
    auto signing_leaf = server_spec("certsign.schertz.lab");
    signing_leaf.key_usage_value = "critical,digitalSignature,keyCertSign";
    // OpenSSL accepts a leaf (CA:FALSE) that asserts keyCertSign unless
    // X509_V_FLAG_X509_STRICT is set (-x509_strict), which refuses it with
    // X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA (82).
    cases.add("leaf-not-a-ca-asserting-key-cert-sign", leaf_of(lab.front(), signing_leaf), lab, {root}, trusted());

    auto agreement_only = server_spec("nonrepudiation.schertz.lab");
    agreement_only.key_usage_value = "critical,nonRepudiation";
    cases.add("leaf-key-usage-without-digital-signature", leaf_of(lab.front(), agreement_only), lab, {root},
              refused(X509_V_ERR_INVALID_PURPOSE, "key-usage"));
    cases.move_into(corpus);
}

// Signatures that do not verify, in each position.
void add_bad_signatures(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("bad-signature", now);
    const Lab lab = make_lab("SignatureLab");
    cases.add("all-signatures-intact", leaf_of(lab.issuing, server_spec("intact.schertz.lab")), lab.intermediates(),
              {lab.root}, trusted());
    auto broken_leaf = server_spec("broken.schertz.lab");
    broken_leaf.broken_signature = true;
    cases.add("leaf-signature-broken", leaf_of(lab.issuing, broken_leaf), lab.intermediates(), {lab.root},
              refused(X509_V_ERR_CERT_SIGNATURE_FAILURE, "bad-signature"));
    auto broken_ca = ca_spec("SignatureLabIssuingCA");
    broken_ca.broken_signature = true;
    const auto broken_issuing = shared(issue(*lab.policy, broken_ca));
    cases.add("intermediate-signature-broken", leaf_of(broken_issuing, server_spec("brokenca.schertz.lab")),
              {broken_issuing, lab.policy}, {lab.root}, refused(X509_V_ERR_CERT_SIGNATURE_FAILURE, "bad-signature"));
    auto broken_root_spec = ca_spec("BrokenSelfSignatureRootCA");
    broken_root_spec.broken_signature = true;
    const auto broken_root = shared(self_signed(broken_root_spec));
    // OpenSSL does not check a trust anchor's own signature (unless
    // X509_V_FLAG_CHECK_SS_SIGNATURE, -check_ss_sig, which gives 7): the
    // anchor is trusted as stored.
    cases.add("root-self-signature-broken", leaf_of(broken_root, server_spec("brokenroot.schertz.lab")), {},
              {broken_root}, trusted());
    cases.move_into(corpus);
}

// notBefore and notAfter, to the second, of the leaf, a CA and the root.
void add_validity(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("validity", now);
    const Lab lab = make_lab("ValidityLab");
    auto timed = server_spec("timed.schertz.lab");
    const std::time_t not_before = now - 5 * hour;
    const std::time_t not_after = now + 10 * day;
    timed.not_before_at = not_before;
    timed.not_after_at = not_after;
    const auto leaf = leaf_of(lab.issuing, timed);
    cases.add("one-second-before-not-before", leaf, lab.intermediates(), {lab.root},
              refused(X509_V_ERR_CERT_NOT_YET_VALID, "not-yet-valid")).at = not_before - 1;
    cases.add("at-not-before", leaf, lab.intermediates(), {lab.root}, trusted()).at = not_before;
    cases.add("one-second-before-not-after", leaf, lab.intermediates(), {lab.root}, trusted()).at = not_after - 1;
    // RFC 5280 makes notAfter inclusive, but OpenSSL's X509_cmp_time counts
    // a time equal to notAfter as past it: at notAfter itself, expired.
    cases.add("at-not-after", leaf, lab.intermediates(), {lab.root},
              refused(X509_V_ERR_CERT_HAS_EXPIRED, "expired")).at = not_after;
    cases.add("one-second-after-not-after", leaf, lab.intermediates(), {lab.root},
              refused(X509_V_ERR_CERT_HAS_EXPIRED, "expired")).at = not_after + 1;

    auto expired_ca_spec = ca_spec("ValidityLabExpiredIssuingCA");
    expired_ca_spec.not_before_at = now - 30 * day;
    expired_ca_spec.not_after_at = now - day;
    const auto expired_ca = shared(issue(*lab.policy, expired_ca_spec));
    cases.add("intermediate-expired", leaf_of(expired_ca, server_spec("expiredca.schertz.lab")),
              {expired_ca, lab.policy}, {lab.root}, refused(X509_V_ERR_CERT_HAS_EXPIRED, "expired"));
    // A root that ends in 200 days, above a CA and a leaf that outlive it:
    // on day 201 only the anchor has expired, and its validity counts too.
    auto short_root_spec = ca_spec("ValidityLabShortRootCA");
    short_root_spec.not_after_days = 200;
    const auto short_root = shared(self_signed(short_root_spec));
    const auto long_lived_ca = shared(issue(*short_root, ca_spec("ValidityLabLongLivedCA")));
    cases.add("after-the-root-expires", leaf_of(long_lived_ca, server_spec("later.schertz.lab")), {long_lived_ca},
              {short_root}, refused(X509_V_ERR_CERT_HAS_EXPIRED, "expired")).at = now + 201 * day;
    cases.move_into(corpus);
}

// Extensions a verifier does not know, critical or not.
void add_critical_extensions(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("critical-extensions", now);
    const Lab lab = make_lab("ExtensionLab");
    auto harmless = server_spec("noncritical.schertz.lab");
    harmless.unknown_extension = true;
    harmless.unknown_extension_critical = false;
    cases.add("unknown-non-critical-in-leaf", leaf_of(lab.issuing, harmless), lab.intermediates(), {lab.root},
              trusted());
    auto critical_leaf = server_spec("critical.schertz.lab");
    critical_leaf.unknown_extension = true;
    cases.add("unknown-critical-in-leaf", leaf_of(lab.issuing, critical_leaf), lab.intermediates(), {lab.root},
              refused(X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, "critical-extension"));
    auto critical_ca_spec = ca_spec("ExtensionLabCriticalIssuingCA");
    critical_ca_spec.unknown_extension = true;
    const auto critical_ca = shared(issue(*lab.policy, critical_ca_spec));
    cases.add("unknown-critical-in-intermediate", leaf_of(critical_ca, server_spec("criticalca.schertz.lab")),
              {critical_ca, lab.policy}, {lab.root},
              refused(X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, "critical-extension"));
    auto critical_root_spec = ca_spec("ExtensionLabCriticalRootCA");
    critical_root_spec.unknown_extension = true;
    const auto critical_root = shared(self_signed(critical_root_spec));
    cases.add("unknown-critical-in-root", leaf_of(critical_root, server_spec("criticalroot.schertz.lab")), {},
              {critical_root}, refused(X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, "critical-extension"));
    cases.move_into(corpus);
}

// Anchors that are not self-signed: an intermediate placed in Root.
void add_anchors(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("anchors", now);
    const Lab lab = make_lab("AnchorLab");
    const auto leaf = leaf_of(lab.issuing, server_spec("anchor.schertz.lab"));
    cases.add("self-signed-root-anchored", leaf, lab.intermediates(), {lab.root}, trusted());
    cases.add("intermediate-and-root-anchored", leaf, {lab.issuing}, {lab.policy, lab.root}, trusted());
    // Without X509_V_FLAG_PARTIAL_CHAIN OpenSSL does not stop at a trusted
    // certificate that is not self-signed: it looks for the anchor's issuer
    // and reports X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT (2, not 20). With
    // -partial_chain, the three refused cases below are trusted.
    cases.add("intermediate-anchored-root-absent", leaf, {lab.issuing}, {lab.policy},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "anchor-not-self-signed"));
    cases.add("issuing-ca-anchored-leaf-only-sent", leaf, {}, {lab.issuing},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "anchor-not-self-signed"));
    // Once the chain reaches a trusted certificate, OpenSSL looks for the
    // rest only among the anchors: the root the server sends is not used.
    cases.add("intermediate-anchored-root-sent", leaf, {lab.issuing, lab.root}, {lab.policy},
              refused(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "anchor-not-self-signed"));
    cases.move_into(corpus);
}

// The host a client connects to, against the leaf's names.
void add_host_names(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("host-names", now);
    const Lab lab = make_lab("HostLab");
    const auto add = [&](const std::string& name, CertSpec spec, HostKind kind, const std::string& host,
                         ExpectedVerdict expected) {
        auto& added = cases.add(name, leaf_of(lab.issuing, std::move(spec)), lab.intermediates(), {lab.root},
                                std::move(expected));
        added.host_kind = kind;
        added.host = host;
    };
    const auto mismatch = [] { return refused(X509_V_ERR_HOSTNAME_MISMATCH, "host-mismatch"); };
    add("dns-name-matches", server_spec("pool1.schertz.lab"), HostKind::DnsName, "pool1.schertz.lab", trusted());
    add("dns-name-matches-in-another-case", server_spec("pool1.schertz.lab"), HostKind::DnsName, "POOL1.Schertz.Lab",
        trusted());
    add("dns-name-differs", server_spec("pool1.schertz.lab"), HostKind::DnsName, "pool2.schertz.lab", mismatch());
    auto wildcard = server_spec("*.schertz.lab");
    add("wildcard-matches-one-label", wildcard, HostKind::DnsName, "pool7.schertz.lab", trusted());
    add("wildcard-does-not-match-two-labels", wildcard, HostKind::DnsName, "a.pool7.schertz.lab", mismatch());
    add("wildcard-does-not-match-the-bare-domain", wildcard, HostKind::DnsName, "schertz.lab", mismatch());
    auto with_ip = server_spec("ip.schertz.lab");
    with_ip.subject_alt_names = "DNS:ip.schertz.lab,IP:127.0.0.1";
    add("ip-address-matches", with_ip, HostKind::IpAddress, "127.0.0.1", trusted());
    add("ip-address-differs", with_ip, HostKind::IpAddress, "127.0.0.2",
        refused(X509_V_ERR_IP_ADDRESS_MISMATCH, "host-mismatch"));
    auto ip_as_dns = server_spec("127.0.0.1");  // SAN DNS:127.0.0.1, not an iPAddress entry
    add("ip-address-only-as-a-dns-name", ip_as_dns, HostKind::IpAddress, "127.0.0.1",
        refused(X509_V_ERR_IP_ADDRESS_MISMATCH, "host-mismatch"));
    auto cn_only = server_spec("cnonly.schertz.lab");
    cn_only.subject_alt_names = "";
    // With no DNS subjectAltName, OpenSSL still matches the subject's CN
    // (browsers and Windows' SSL policy no longer do).
    add("common-name-only-no-subject-alt-name", cn_only, HostKind::DnsName, "cnonly.schertz.lab", trusted());
    auto san_elsewhere = server_spec("cn.schertz.lab");
    san_elsewhere.subject_alt_names = "DNS:san.schertz.lab";
    add("common-name-ignored-beside-a-subject-alt-name", san_elsewhere, HostKind::DnsName, "cn.schertz.lab",
        mismatch());
    cases.move_into(corpus);
}

// Extended key usage of the leaf and of the CAs, for each purpose.
void add_extended_key_usage(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("extended-key-usage", now);
    const Lab lab = make_lab("UsageLab");
    const auto add = [&](const std::string& name, const std::string& usages, Purpose purpose,
                         ExpectedVerdict expected) {
        auto spec = server_spec(name + ".schertz.lab");
        spec.extended_key_usage_value = usages;
        cases.add(name, leaf_of(lab.issuing, spec), lab.intermediates(), {lab.root}, std::move(expected)).purpose =
            purpose;
    };
    const auto wrong = [] { return refused(X509_V_ERR_INVALID_PURPOSE, "wrong-purpose"); };
    add("server-auth-for-a-server", "serverAuth", Purpose::ServerAuth, trusted());
    add("client-auth-only-for-a-server", "clientAuth", Purpose::ServerAuth, wrong());
    add("client-auth-for-a-client", "clientAuth", Purpose::ClientAuth, trusted());
    add("server-auth-only-for-a-client", "serverAuth", Purpose::ClientAuth, wrong());
    add("no-extended-key-usage-for-a-server", "", Purpose::ServerAuth, trusted());
    // anyExtendedKeyUsage alone does not satisfy OpenSSL's sslserver purpose.
    add("any-extended-key-usage-for-a-server", "anyExtendedKeyUsage", Purpose::ServerAuth, wrong());
    add("code-signing-for-any-purpose", "codeSigning", Purpose::Any, trusted());

    // OpenSSL applies the purpose to the CAs' extendedKeyUsage too.
    auto client_ca_spec = ca_spec("UsageLabClientIssuingCA");
    client_ca_spec.extended_key_usage_value = "clientAuth";
    const auto client_ca = shared(issue(*lab.policy, client_ca_spec));
    cases.add("issuing-ca-limited-to-client-auth", leaf_of(client_ca, server_spec("clientca.schertz.lab")),
              {client_ca, lab.policy}, {lab.root}, wrong());
    auto server_ca_spec = ca_spec("UsageLabServerIssuingCA");
    server_ca_spec.extended_key_usage_value = "serverAuth";
    const auto server_ca = shared(issue(*lab.policy, server_ca_spec));
    cases.add("issuing-ca-limited-to-server-auth", leaf_of(server_ca, server_spec("serverca.schertz.lab")),
              {server_ca, lab.policy}, {lab.root}, trusted());
    cases.move_into(corpus);
}

// nameConstraints on a CA or on the root, against the leaf's names.
void add_name_constraints(std::vector<TrustCase>& corpus, std::time_t now) {
    Category cases("name-constraints", now);
    const Lab lab = make_lab("ConstrainedLab");
    auto constrained_spec = ca_spec("ConstrainedLabIssuingCA");
    constrained_spec.name_constraints = "critical,permitted;DNS:schertz.lab,excluded;DNS:secret.schertz.lab";
    const auto constrained = shared(issue(*lab.policy, constrained_spec));
    const std::vector<CorpusCertificate> sent{constrained, lab.policy};
    cases.add("dns-name-within-permitted", leaf_of(constrained, server_spec("pool1.schertz.lab")), sent, {lab.root},
              trusted());
    cases.add("dns-name-outside-permitted", leaf_of(constrained, server_spec("pool1.other.lab")), sent, {lab.root},
              refused(X509_V_ERR_PERMITTED_VIOLATION, "name-constraints"));
    cases.add("dns-name-in-excluded", leaf_of(constrained, server_spec("db.secret.schertz.lab")), sent, {lab.root},
              refused(X509_V_ERR_EXCLUDED_VIOLATION, "name-constraints"));
    auto ip_leaf = server_spec("ip.schertz.lab");
    ip_leaf.subject_alt_names = "DNS:ip.schertz.lab,IP:192.0.2.7";
    // Constraints on DNS names say nothing about IP addresses.
    cases.add("ip-address-beside-dns-only-constraints", leaf_of(constrained, ip_leaf), sent, {lab.root}, trusted());
    auto cn_only = server_spec("cnonly.other.lab");
    cn_only.subject_alt_names = "";
    // With no subjectAltName, OpenSSL checks a CN that looks like a host
    // name against the DNS constraints.
    cases.add("common-name-only-outside-permitted", leaf_of(constrained, cn_only), sent, {lab.root},
              refused(X509_V_ERR_PERMITTED_VIOLATION, "name-constraints"));

    auto constrained_root_spec = ca_spec("ConstrainedRootCA");
    constrained_root_spec.name_constraints = "critical,permitted;DNS:other.lab";
    const auto constrained_root = shared(self_signed(constrained_root_spec));
    cases.add("root-constraints-apply", leaf_of(constrained_root, server_spec("pool1.schertz.lab")), {},
              {constrained_root}, refused(X509_V_ERR_PERMITTED_VIOLATION, "name-constraints"));
    cases.move_into(corpus);
}

}  // namespace

std::vector<TrustCase> build_trust_corpus(std::time_t now) {
    std::vector<TrustCase> corpus;
    add_path_building(corpus, now);
    add_ca_constraints(corpus, now);
    add_bad_signatures(corpus, now);
    add_validity(corpus, now);
    add_critical_extensions(corpus, now);
    add_anchors(corpus, now);
    add_host_names(corpus, now);
    add_extended_key_usage(corpus, now);
    add_name_constraints(corpus, now);
    return corpus;
}

}  // namespace cachain::testing
