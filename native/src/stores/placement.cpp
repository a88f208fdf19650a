#include "placement.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "certificate_parser.h"
#include "root_placement.h"

namespace cachain {
namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return text;
}

PlacementResult result_for(TrustStore& store, const CertificatePtr& cert, StoreKind kind) {
    PlacementResult result;
    result.certificate = cert;
    result.thumbprint = cert->thumbprint();
    result.store = kind;
    result.location = store.location(kind);
    result.store_location = store.store_location();
    return result;
}

// Undoes what a failed transaction changed, best effort, and says so.
template <typename Undo>
Failure rolled_back(const Failure& cause, TrustStore& store, std::size_t changes, Undo&& undo) {
    std::string outcome = changes == 0 ? "; nothing was changed" : "; the " + std::to_string(changes) +
                                                                       " change(s) made before it were undone";
    try {
        undo();
        if (changes > 0) store.commit();
    } catch (const Failure& failure) {
        outcome = "; undoing the earlier changes failed too (" + std::string(failure.what()) + ")";
    }
    return Failure(cause.status(), cause.item(), cause.reason() + outcome);
}

}  // namespace

std::vector<StoreKind> stores_for(const Certificate& cert, const PlacementOptions& options) {
    if (!cert.may_issue_certificates()) {
        if (!options.force) {
            throw Failure(CACHAIN_E_REFUSED, quoted_name(cert),
                          "is not a CA certificate, so it belongs in no trust store; it was skipped "
                          "(use -Force to trust it directly)");
        }
        return {cert.self_signed() ? StoreKind::Root : StoreKind::CA};
    }
    if (!cert.self_signed()) return {StoreKind::CA};
    if (!options.root_in_ca) return {StoreKind::Root};
    return {StoreKind::Root, StoreKind::CA};
}

void check_links(const std::vector<CertificatePtr>& certs) {
    for (const auto& child : certs) {
        if (child->self_signed()) continue;
        bool named = false, signed_by_one = false;
        for (const auto& issuer : certs) {
            if (issuer == child || !issuer->names_issuer_of(*child)) continue;
            named = true;
            if (issuer->signed_child(*child)) signed_by_one = true;
        }
        if (named && !signed_by_one) {
            throw Failure(CACHAIN_E_REFUSED, quoted_name(*child),
                          "names '" + child->issuer() +
                              "' as its issuer, but no certificate of that name in the set signed it "
                              "(a wrong or tampered certificate); nothing was placed");
        }
    }
}

namespace {

// Whether the user declined this write.
bool declined(const PlacementOptions& options, const PlacementResult& result) {
    return std::any_of(options.declined.begin(), options.declined.end(), [&](const Removal& write) {
        return write.store == result.store && upper(write.thumbprint) == result.thumbprint &&
               (write.location.empty() || write.location == result.location);
    });
}

}  // namespace

namespace {

// The stores the rule puts cert into, within this set: a root goes into CA
// as well only when its chain has a subordinate CA (root_placement.h).
std::vector<StoreKind> stores_in_set(TrustStore& store, const CertificatePtr& cert,
                                     const std::vector<CertificatePtr>& certs, const PlacementOptions& options) {
    auto kinds = stores_for(*cert, options);
    const bool root_in_both = kinds.size() == 2;
    if (root_in_both && !has_subordinate_ca(*cert, certs, store)) return {StoreKind::Root};
    return kinds;
}

// Every write the rule asks for, before any is made: the set's own, then
// the CA entries of roots already in Root whose subordinates arrive now.
std::vector<PlacementResult> planned_writes(TrustStore& store, const std::vector<CertificatePtr>& certs,
                                            const PlacementOptions& options) {
    std::vector<PlacementResult> results;
    for (const auto& cert : certs) {
        try {
            for (const StoreKind kind : stores_in_set(store, cert, certs, options)) {
                results.push_back(result_for(store, cert, kind));
                if (kind == StoreKind::CA && !store.why_no_intermediates().empty())
                    results.back().message = "Leaving out " + quoted_name(*cert) + ": " + store.why_no_intermediates();
            }
        } catch (const Failure& refused) {
            PlacementResult skipped = result_for(store, cert, StoreKind::CA);
            skipped.status = refused.status();
            skipped.message = refused.what();
            results.push_back(std::move(skipped));
        }
    }
    if (options.root_in_ca) {
        for (const auto& root : stored_roots_of_subordinates(certs, store))
            results.push_back(result_for(store, root, StoreKind::CA));
    }
    return results;
}

}  // namespace

std::vector<PlacementResult> place(TrustStore& store, const std::vector<CertificatePtr>& certs,
                                   const PlacementOptions& given) {
    check_links(certs);
    PlacementOptions options = given;
    options.root_in_ca = options.root_in_ca && store.root_also_in_ca();
    std::vector<PlacementResult> results = planned_writes(store, certs, options);

    for (auto& result : results) {
        if (result.status == CACHAIN_OK && declined(options, result)) {
            result.status = CACHAIN_E_CANCELLED;
            result.message = "'" + result.certificate->common_name() + "' was not added to " + result.location + ": not confirmed";
        }
    }

    std::vector<PlacementResult*> added;
    try {
        for (auto& result : results) {
            // A refusal, or a note that is no write (an intermediate a store takes none of).
            if (result.status != CACHAIN_OK || !result.message.empty()) continue;
            if (store.contains(result.store, result.thumbprint)) {
                result.action = PlacementAction::AlreadyPresent;
            } else if (options.dry_run) {
                result.action = PlacementAction::WouldAdd;
            } else if (store.add(result.store, result.certificate->der(), result.thumbprint)) {
                result.action = PlacementAction::Added;
                added.push_back(&result);
            } else {
                result.action = PlacementAction::AlreadyPresent;  // another process was quicker
            }
        }
        if (!added.empty()) store.commit();
    } catch (const Failure& failure) {
        throw rolled_back(failure, store, added.size(), [&] {
            for (auto it = added.rbegin(); it != added.rend(); ++it) store.remove((*it)->store, (*it)->thumbprint);
        });
    }
    return results;
}

std::vector<PlacementResult> unplace(TrustStore& store, const std::vector<Removal>& removals, bool dry_run) {
    std::map<StoreKind, std::vector<StoredCertificate>> contents;
    const auto stored = [&](StoreKind kind, const std::string& thumbprint) -> const StoredCertificate* {
        if (!contents.count(kind)) contents[kind] = store.list(kind);
        for (const auto& entry : contents[kind])
            if (upper(entry.thumbprint) == thumbprint) return &entry;
        return nullptr;
    };

    std::vector<PlacementResult> results;
    std::vector<std::pair<StoreKind, const StoredCertificate*>> removed;
    try {
        for (const auto& removal : removals) {
            if (!removal.location.empty() && removal.location != store.location(removal.store)) continue;  // another store's
            PlacementResult result;
            result.thumbprint = upper(removal.thumbprint);
            result.store = removal.store;
            result.location = store.location(removal.store);
            result.store_location = store.store_location();
            // Listed, and the store's own: a root another tool put in a shared
            // file (its source says where) is listed but not CaChain's to remove.
            const StoredCertificate* entry = stored(removal.store, result.thumbprint);
            if (entry && !entry->source.empty() && !store.owns(removal.store, result.thumbprint)) entry = nullptr;
            if (entry) result.certificate = parse_certificates(entry->der, result.location, nullptr).at(0);
            if (!entry) {
                result.action = PlacementAction::NotPresent;
            } else if (dry_run) {
                result.action = PlacementAction::WouldRemove;
            } else if (store.remove(removal.store, result.thumbprint)) {
                result.action = PlacementAction::Removed;
                removed.emplace_back(removal.store, entry);
            } else {
                result.action = PlacementAction::NotPresent;
            }
            results.push_back(std::move(result));
        }
        if (!removed.empty()) store.commit();
    } catch (const Failure& failure) {
        throw rolled_back(failure, store, removed.size(), [&] {
            for (auto it = removed.rbegin(); it != removed.rend(); ++it)
                store.add(it->first, it->second->der, it->second->thumbprint);
        });
    }
    return results;
}

void note_bundled_leaves(std::vector<PlacementResult>& results, const CertificateSet& inputs) {
    for (auto& result : results) {
        if (result.action != PlacementAction::Skipped || result.status != CACHAIN_E_REFUSED || !result.certificate) continue;
        const std::string origin = inputs.origin_of(*result.certificate);
        if (origin.empty() || inputs.count_from(origin) < 2) continue;
        const Certificate& leaf = *result.certificate;
        result.status = CACHAIN_OK;
        result.message = "Leaving out " + quoted_name(leaf) + " from " + origin +
                         ": it is not a CA certificate (a server's own certificate that came with its chain), so it "
                         "belongs in no trust store (use -Force to trust it directly)";
    }
}

}  // namespace cachain
