// An ordered collection of certificates without duplicates, and the items
// that could not be loaded into it.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "certificate.h"
#include "failure.h"
#include "issuer_index.h"

namespace cachain {

class CertificateSet {
public:
    // Adds cert unless a certificate with the same bytes is there already.
    // Returns true when it was added. origin says where it came from (a
    // file, "presented by host:port"), for the user; the first one stays.
    bool add(CertificatePtr cert, const std::string& origin = {});
    void add_all(const std::vector<CertificatePtr>& certs, const std::string& origin = {});

    // Where cert came from, "" when unknown or not in this set. A reference
    // valid as long as the set: labelling every element of every path
    // copies only the origin it keeps.
    const std::string& origin_of(const Certificate& cert) const;
    // How many certificates of this set came from origin (a file, a text).
    std::size_t count_from(const std::string& origin) const;
    void record(Problem problem) { problems_.push_back(std::move(problem)); }

    const std::vector<CertificatePtr>& certificates() const noexcept { return certificates_; }
    // The certificates as issuer candidates, kept up to date by add, so a
    // pool is indexed once however many searches use it.
    const IssuerIndex& issuer_index() const noexcept { return index_; }
    const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    std::vector<CertificatePtr> certificates_;
    std::unordered_map<std::string, std::string> origins_;  // SHA-256 -> origin
    IssuerIndex index_;
    std::vector<Problem> problems_;
};

}  // namespace cachain
