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

std::string CertificateSet::origin_of(const Certificate& cert) const {
    const auto found = origins_.find(cert.sha256());
    return found == origins_.end() ? std::string{} : found->second;
}

}  // namespace cachain
