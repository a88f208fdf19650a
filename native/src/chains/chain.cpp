#include "chain.h"

namespace cachain {

cachain_role role_of(const Certificate& cert) noexcept {
    if (!cert.may_issue_certificates()) return CACHAIN_ROLE_LEAF;
    return cert.self_signed() ? CACHAIN_ROLE_ROOT : CACHAIN_ROLE_INTERMEDIATE;
}

}  // namespace cachain
