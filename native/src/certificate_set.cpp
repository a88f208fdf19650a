#include "certificate_set.h"

namespace cachain {

bool CertificateSet::add(CertificatePtr cert) {
    if (!sha256s_.insert(cert->sha256()).second) return false;
    certificates_.push_back(std::move(cert));
    return true;
}

void CertificateSet::add_all(const std::vector<CertificatePtr>& certs) {
    for (const auto& cert : certs) add(cert);
}

}  // namespace cachain
