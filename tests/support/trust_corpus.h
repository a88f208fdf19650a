// The trust corpus: labelled cases of "does a client trust this chain?",
// built with the test PKI at run time, one category per kind of check a
// verifier makes. Each label is what OpenSSL's verifier (X509_verify_cert,
// as `openssl verify` runs it with default flags) decides, and
// trust_corpus_test.cpp proves every label against the real command-line
// tool. Test-CaChain's verdict is checked against these labels.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "test_pki.h"

namespace cachain::testing {

// A certificate shared by the cases that use it (a root anchors many).
using CorpusCertificate = std::shared_ptr<const Issued>;

// What the client verifies the chain for: OpenSSL's -purpose names.
enum class Purpose { ServerAuth, ClientAuth, Any };
const char* openssl_purpose_name(Purpose purpose);  // "sslserver", "sslclient", "any"

// How the host is checked: -verify_hostname, -verify_ip, or not at all.
enum class HostKind { None, DnsName, IpAddress };
const char* host_kind_name(HostKind kind);  // "none", "dns", "ip"

struct ExpectedVerdict {
    bool trusted = false;
    int openssl_code = 0;  // X509_V_OK or the X509_V_ERR_* that X509_verify_cert reports first
    std::string cause;     // "trusted", "issuer-missing", "expired", ...: see trust_corpus.cpp
};

struct TrustCase {
    std::string category;  // a folder name: "path-building", "validity", ...
    std::string name;      // unique within its category, a folder name too
    CorpusCertificate target;
    std::vector<CorpusCertificate> sent;   // what the server sends after its leaf: untrusted
    std::vector<CorpusCertificate> roots;  // the Root store: the anchors
    std::vector<CorpusCertificate> cas;    // the CA store: untrusted intermediates the machine holds
    std::time_t at = 0;                    // the evaluation time, to the second
    Purpose purpose = Purpose::ServerAuth;
    HostKind host_kind = HostKind::None;
    std::string host;                      // the DNS name or IP address checked, "" with HostKind::None
    ExpectedVerdict expected;
};

// Every case, its certificates made fresh. now is the evaluation time of
// every case that is not about time; the certificates' validity is relative
// to the real clock, so pass a time close to it (the default is the clock).
std::vector<TrustCase> build_trust_corpus(std::time_t now = std::time(nullptr));

}  // namespace cachain::testing
