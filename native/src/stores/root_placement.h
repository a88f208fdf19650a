// The seed's rule for a root's second store. "If there is only a single
// Root CA then that single file is imported into just the Trusted Root
// Certification Authorities folder"; with subordinate CAs, the root goes
// into Intermediate Certification Authorities as well. The rule holds per
// chain, and across calls: a root placed alone earlier joins CA when a
// subordinate of it is placed later.
#pragma once

#include <vector>

#include "certificate.h"
#include "trust_store.h"

namespace cachain {

// Whether root has a subordinate CA (a CA certificate it issued): among
// certs, or already in the store's CA.
bool has_subordinate_ca(const Certificate& root, const std::vector<CertificatePtr>& certs, TrustStore& store);

// The roots in the store's Root, not among certs, that issued a CA among
// certs: placing that CA makes the root's chain multi-tier, so the root
// joins CA.
std::vector<CertificatePtr> stored_roots_of_subordinates(const std::vector<CertificatePtr>& certs, TrustStore& store);

}  // namespace cachain
