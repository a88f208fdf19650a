// Several trust stores changed by one call as one transaction: every NSS
// database of a user, or every kind of store a user's software reads.
// Stores are changed one after the other; when one fails (and rolls back
// its own part), what the call changed in the stores before it is undone,
// so that no store is left changed.
#pragma once

#include <vector>

#include "placement.h"
#include "trust_store.h"

namespace cachain {

// place() into each store in turn; the results of all, each naming its
// store's location. On failure, the earlier stores' additions are removed
// again and Failure names the store that failed.
std::vector<PlacementResult> place_in_each(const std::vector<TrustStore*>& stores,
                                           const std::vector<CertificatePtr>& certs, const PlacementOptions& options);

// unplace() from each store in turn, each removal applying to every store;
// on failure, what the call removed from the earlier stores is put back.
std::vector<PlacementResult> unplace_in_each(const std::vector<TrustStore*>& stores,
                                             const std::vector<Removal>& removals, bool dry_run);

}  // namespace cachain
