#include "certificate_set.h"

namespace cachain {

bool CertificateSet::add(CertificatePtr cert, const std::string& origin) {
    if (!origins_.emplace(cert->sha256(), origin).second) return false;
    index_.add(cert);
    certificates_.push_back(std::move(cert));
    return true;
}

void CertificateSet::add_all(const std::vector<CertificatePtr>& certs, const std::string& origin) {
    for (const auto& cert : certs) add(cert, origin);
}

const std::string& CertificateSet::origin_of(const Certificate& cert) const {
    static const std::string unknown;
    const auto found = origins_.find(cert.sha256());
    return found == origins_.end() ? unknown : found->second;
}

std::size_t CertificateSet::count_from(const std::string& origin) const {
    std::size_t count = 0;
    for (const auto& entry : origins_) count += entry.second == origin ? 1 : 0;
    return count;
}

}  // namespace cachain
