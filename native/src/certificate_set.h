// An ordered collection of certificates without duplicates, and the items
// that could not be loaded into it.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "certificate.h"
#include "error.h"

namespace cachain {

class CertificateSet {
public:
    // Adds cert unless a certificate with the same bytes is there already.
    // Returns true when it was added.
    bool add(CertificatePtr cert);
    void add_all(const std::vector<CertificatePtr>& certs);
    void record(Problem problem) { problems_.push_back(std::move(problem)); }

    const std::vector<CertificatePtr>& certificates() const noexcept { return certificates_; }
    const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    std::vector<CertificatePtr> certificates_;
    std::unordered_set<std::string> sha256s_;
    std::vector<Problem> problems_;
};

}  // namespace cachain
