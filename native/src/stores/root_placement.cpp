#include "root_placement.h"

#include <algorithm>

#include "certificate_parser.h"

namespace cachain {
namespace {

bool issued_subordinate_ca(const Certificate& root, const Certificate& child) {
    return !child.self_signed() && child.may_issue_certificates() && root.names_issuer_of(child) &&
           root.signed_child(child);
}

std::vector<CertificatePtr> stored(TrustStore& store, StoreKind kind) {
    std::vector<CertificatePtr> certs;
    const std::string location = store.location(kind);
    for (const auto& entry : store.list(kind)) {
        // An entry that does not parse cannot be anyone's issuer here; the
        // store's own tools report it.
        try {
            auto parsed = parse_certificates(entry.der, location, nullptr);
            if (!parsed.empty()) certs.push_back(std::move(parsed.front()));
        } catch (const Failure&) {
        }
    }
    return certs;
}

bool among(const std::vector<CertificatePtr>& certs, const Certificate& cert) {
    return std::any_of(certs.begin(), certs.end(), [&](const CertificatePtr& c) { return c->thumbprint() == cert.thumbprint(); });
}

}  // namespace

bool has_subordinate_ca(const Certificate& root, const std::vector<CertificatePtr>& certs, TrustStore& store) {
    const auto issued = [&](const CertificatePtr& child) { return issued_subordinate_ca(root, *child); };
    if (std::any_of(certs.begin(), certs.end(), issued)) return true;
    const auto in_ca = stored(store, StoreKind::CA);
    return std::any_of(in_ca.begin(), in_ca.end(), issued);
}

std::vector<CertificatePtr> stored_roots_of_subordinates(const std::vector<CertificatePtr>& certs, TrustStore& store) {
    const bool places_a_subordinate = std::any_of(certs.begin(), certs.end(), [](const CertificatePtr& c) {
        return !c->self_signed() && c->may_issue_certificates();
    });
    if (!places_a_subordinate) return {};
    std::vector<CertificatePtr> roots;
    for (auto& root : stored(store, StoreKind::Root)) {
        if (!root->self_signed() || among(certs, *root)) continue;
        const bool issued_one = std::any_of(certs.begin(), certs.end(),
                                            [&](const CertificatePtr& child) { return issued_subordinate_ca(*root, *child); });
        if (issued_one) roots.push_back(std::move(root));
    }
    return roots;
}

}  // namespace cachain
