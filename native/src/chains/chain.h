// The value types that chain discovery produces.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "certificate.h"

namespace cachain {

struct ChainElement {
    CertificatePtr certificate;
    cachain_role role = CACHAIN_ROLE_LEAF;
    cachain_validity validity = CACHAIN_VALIDITY_VALID;
    std::string source;  // where it came from: a file, "presented by host:port", "downloaded from <url>"
};

// What to look for when a chain stops short of a root.
struct MissingIssuer {
    std::string name;    // the issuer's subject, as the child names it
    std::string key_id;  // the child's authority key identifier, "" if none
    std::string url;     // the child's AIA caIssuers URL, "" if none
    std::string why;     // what was found under that name and why it did not fit
    // How many candidates under that name were turned away, and why, so a
    // verdict can name the real cause (it is not "not supplied").
    std::size_t wrong_key = 0, not_ca = 0, looping = 0, too_deep = 0;
};

struct Chain {
    std::vector<ChainElement> elements;  // depth 0 is the target, the last is the root
    cachain_chain_status status = CACHAIN_CHAIN_COMPLETE;
    MissingIssuer missing;               // filled when status is MISSING_ISSUER
    std::size_t target = 0;              // which target this path belongs to
    std::size_t rank = 0;                // 0 for the best path of its target
    std::string summary;                 // set only when the search stopped at its limit: read it with summary_of
};

}  // namespace cachain
