// The words of a trust verdict: one cause per failure, a reason that names
// the certificate the failure is about, and a fix that can work ("import"
// only where importing helps).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "chain.h"
#include "trust_store.h"
#include "trust_judge.h"

namespace cachain {

struct VerdictFacts {
    const Judgement& judgement;            // what the clients decide
    const Chain& path;                     // CaChain's best path, built with all the store holds
    const TrustStore& store;
    const std::set<std::string>& anchors;  // thumbprints of the store's Root certificates
    const std::set<std::string>& offered;  // thumbprints of what clients may chain through
    bool clients_read_ca;                  // whether the store's CA certificates are among offered
    const EvaluationOptions& options;
    const std::map<std::string, std::string>& root_sources;  // thumbprint -> where a root is held, when not Root itself
    const std::vector<UnreadableEntry>& unreadable_roots;    // the Root entries OpenSSL cannot read
    const std::vector<UnreadableEntry>& unreadable;          // those and the CA entries it cannot read
    const std::map<std::string, std::string>& downloaded_from;  // thumbprint -> URL, what CaChain downloaded
};

struct VerdictWords {
    cachain_trust_cause cause = CACHAIN_CAUSE_NONE;
    std::string reason;
    std::string fix;  // "" when trusted
};

VerdictWords explain_verdict(const VerdictFacts& facts);

// One line per CA certificate of path that expires within
// options.warn_within_days of options.at: "'Root CA' expires on 2027-03-01
// (in 91 days)". "" when none, or when no window was given.
std::string expiry_warnings(const Chain& path, const EvaluationOptions& options);

}  // namespace cachain
