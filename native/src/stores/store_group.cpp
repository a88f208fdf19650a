#include "store_group.h"

#include <string>


namespace cachain {
namespace {

// What one store's part of the call changed, to undo it.
struct Done {
    TrustStore* store;
    std::vector<PlacementResult> results;
};

// Takes back one store's part: removes what it added, or puts back what it
// removed, exactly where it was. Returns whether there was anything to undo.
bool undo(Done& part, PlacementAction what_was_done) {
    std::vector<Removal> added;
    bool changed = false;
    for (const auto& result : part.results) {
        if (result.action != what_was_done) continue;
        changed = true;
        if (what_was_done == PlacementAction::Added) added.push_back({result.store, result.thumbprint});
        else part.store->add(result.store, result.certificate->der(), result.thumbprint);
    }
    if (!added.empty()) unplace(*part.store, added, false);
    else if (changed) part.store->commit();
    return changed;
}

// Undoes the earlier stores' parts, newest first, and says so in the
// failure of the store that stopped the call.
Failure undone(const Failure& cause, std::vector<Done>& done, PlacementAction what_was_done) {
    std::size_t undone_stores = 0;
    std::string failed;
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
        try {
            if (undo(*it, what_was_done)) ++undone_stores;
        } catch (const Failure& failure) {
            failed += "; undoing this call's change to " + it->store->location(StoreKind::Root) + " failed too (" +
                      failure.what() + ")";
        }
    }
    std::string outcome = failed;
    if (failed.empty() && undone_stores > 0)
        outcome = "; what this call had changed in " + std::to_string(undone_stores) + " other store(s) was undone";
    return Failure(cause.status(), cause.item(), cause.reason() + outcome);
}

// Runs one store's part after another, undoing the earlier parts when one fails.
template <typename Part>
std::vector<PlacementResult> in_each(const std::vector<TrustStore*>& stores, PlacementAction what_is_done, Part part) {
    std::vector<Done> done;
    std::vector<PlacementResult> all;
    for (TrustStore* store : stores) {
        try {
            done.push_back({store, part(*store)});
        } catch (const Failure& failure) {
            throw undone(failure, done, what_is_done);
        }
        all.insert(all.end(), done.back().results.begin(), done.back().results.end());
    }
    return all;
}

}  // namespace

std::vector<PlacementResult> place_in_each(const std::vector<TrustStore*>& stores,
                                           const std::vector<CertificatePtr>& certs, const PlacementOptions& options) {
    return in_each(stores, PlacementAction::Added, [&](TrustStore& store) { return place(store, certs, options); });
}

std::vector<PlacementResult> unplace_in_each(const std::vector<TrustStore*>& stores,
                                             const std::vector<Removal>& removals, bool dry_run) {
    return in_each(stores, PlacementAction::Removed, [&](TrustStore& store) { return unplace(store, removals, dry_run); });
}

}  // namespace cachain
