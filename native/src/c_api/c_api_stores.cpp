// The C interface to trust stores: opening, listing, placing and removing.
#include <algorithm>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "c_api_handles.h"
#include "c_api_shell.h"
#include "callback_store.h"
#include "certificate_parser.h"
#include "placement.h"
#include "placement_warnings.h"
#include "spoken_list.h"
#include "store_factory.h"
#include "store_group.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;
using cachain::capi::unknown_version;

cachain::StoreKind kind_of(cachain_store_name name) {
    return name == CACHAIN_STORE_ROOT ? cachain::StoreKind::Root : cachain::StoreKind::CA;
}

cachain_placement_action action_of(cachain::PlacementAction action) {
    switch (action) {
    case cachain::PlacementAction::Added: return CACHAIN_ACTION_ADDED;
    case cachain::PlacementAction::AlreadyPresent: return CACHAIN_ACTION_ALREADY_PRESENT;
    case cachain::PlacementAction::WouldAdd: return CACHAIN_ACTION_WOULD_ADD;
    case cachain::PlacementAction::Skipped: return CACHAIN_ACTION_SKIPPED;
    case cachain::PlacementAction::Removed: return CACHAIN_ACTION_REMOVED;
    case cachain::PlacementAction::NotPresent: return CACHAIN_ACTION_NOT_PRESENT;
    case cachain::PlacementAction::WouldRemove: return CACHAIN_ACTION_WOULD_REMOVE;
    }
    return CACHAIN_ACTION_SKIPPED;
}

bool valid_name(cachain_store_name name) { return name == CACHAIN_STORE_ROOT || name == CACHAIN_STORE_CA; }

cachain_placement* wrap(std::vector<cachain::PlacementResult> results, const cachain_store& store) {
    auto placement = std::make_unique<cachain_placement>();
    placement->results = std::move(results);
    for (const auto& result : placement->results) placement->handles.push_back({result.certificate});
    placement->warnings = store.notes;
    for (auto* member : store.all()) {
        auto warnings = member->take_warnings();
        placement->warnings.insert(placement->warnings.end(), warnings.begin(), warnings.end());
    }
    return placement.release();
}

// Forgets what an earlier call left: its warnings (when it failed) and its
// reads of the stores, which may have changed since.
void start_afresh(const cachain_store& store) {
    for (auto* member : store.all()) {
        member->take_warnings();
        member->read_again();
    }
}

// A member's own results, to tell it which of them created it.
std::vector<cachain::PlacementResult> results_of(const std::vector<cachain::PlacementResult>& results,
                                                 const cachain::TrustStore& member) {
    std::vector<cachain::PlacementResult> own;
    for (const auto& result : results)
        if (result.location == member.location(result.store)) own.push_back(result);
    return own;
}

std::string joined_locations(const cachain_store& store, cachain::StoreKind kind) {
    std::vector<std::string> locations;
    for (auto* member : store.all()) locations.push_back(member->location(kind));
    return cachain::spoken_list(locations);
}

// A handle for stores opened by the library, named by their locations.
cachain_store* handle_for(cachain::OpenedStores stores) {
    auto opened = std::make_unique<cachain_store>();
    opened->members = std::move(stores.stores);
    opened->notes = std::move(stores.notes);
    opened->root_location = joined_locations(*opened, cachain::StoreKind::Root);
    opened->ca_location = joined_locations(*opened, cachain::StoreKind::CA);
    return opened.release();
}

}  // namespace

std::vector<cachain::TrustStore*> cachain_store::all() const {
    std::vector<cachain::TrustStore*> stores;
    for (const auto& member : members) stores.push_back(member.get());
    return stores;
}

cachain::TrustStore& cachain_store::single() const {
    if (every_kind)
        throw cachain::Failure(CACHAIN_E_ARGUMENT, root_location,
                               "-StoreLocation All stands for every store of the user's software (" +
                                   std::to_string(members.size()) + " here), and a trust verdict is about one: "
                                   "test each with its own -StoreLocation");
    if (members.size() != 1)
        throw cachain::Failure(CACHAIN_E_ARGUMENT, root_location,
                               "these are " + std::to_string(members.size()) +
                                   " stores, and a trust verdict is about one: name one of them with -StorePath");
    return *members.front();
}

extern "C" {

cachain_status cachain_store_open(cachain_store_location location, const char* path, cachain_store** store) {
    return guarded([&] {
        if (!store) return missing_argument("store");
        *store = nullptr;
        *store = handle_for(cachain::open_stores(location, path ? path : ""));
        (*store)->every_kind = location == CACHAIN_LOCATION_ALL;
        return CACHAIN_OK;
    });
}

cachain_status cachain_store_open_java(const char* keystore, const char* password, cachain_store** store) {
    return guarded([&] {
        if (!store) return missing_argument("store");
        *store = nullptr;
        cachain::OpenedStores keystore_alone;
        keystore_alone.stores.push_back(cachain::open_java_store(keystore ? keystore : "", password ? password : "changeit"));
        *store = handle_for(std::move(keystore_alone));
        return CACHAIN_OK;
    });
}

cachain_status cachain_store_open_callbacks(const cachain_store_callbacks* callbacks, const char* root_location,
                                            const char* ca_location, cachain_store** store) {
    return guarded([&] {
        if (store) *store = nullptr;  // whichever argument is refused, no handle leaves
        if (!callbacks) return missing_argument("callbacks");
        if (callbacks->version != CACHAIN_STORE_CALLBACKS_VERSION)
            return unknown_version("cachain_store_callbacks", callbacks->version, CACHAIN_STORE_CALLBACKS_VERSION);
        if (!root_location || !ca_location) return missing_argument("root_location/ca_location");
        if (!store) return missing_argument("store");
        auto opened = std::make_unique<cachain_store>();
        opened->members.push_back(std::make_unique<cachain::CallbackStore>(*callbacks, root_location, ca_location));
        opened->root_location = root_location;
        opened->ca_location = ca_location;
        *store = opened.release();
        return CACHAIN_OK;
    });
}

void cachain_store_free(cachain_store* store) { delete store; }

const char* cachain_store_location_text(const cachain_store* store, cachain_store_name name) {
    if (!store || !valid_name(name)) return nullptr;
    return name == CACHAIN_STORE_ROOT ? store->root_location.c_str() : store->ca_location.c_str();
}

cachain_status cachain_store_list(cachain_store* store, cachain_store_name name, cachain_set** certs) {
    return guarded([&] {
        if (certs) *certs = nullptr;  // whichever argument is refused, no handle leaves
        if (!store) return missing_argument("store");
        if (!certs) return missing_argument("certs");
        if (!valid_name(name)) return fail(CACHAIN_E_ARGUMENT, "unknown store name " + std::to_string(name));
        auto set = std::make_unique<cachain_set>();
        for (auto* member : store->all())
            for (const auto& stored : member->list(kind_of(name)))
                set->set.add_all(cachain::parse_certificates(stored.der, member->location(kind_of(name)), nullptr));
        set->sync_handles();
        *certs = set.release();
        return CACHAIN_OK;
    });
}

cachain_status cachain_place(cachain_store* store, const cachain_set* certs, uint32_t flags, cachain_placement** result) {
    return cachain_place_except(store, certs, flags, nullptr, nullptr, 0, result);
}

cachain_status cachain_place_except(cachain_store* store, const cachain_set* certs, uint32_t flags,
                                    const cachain_store_name* names, const char* const* thumbprints, size_t count,
                                    cachain_placement** result) {
    return cachain_place_except_in(store, certs, flags, names, thumbprints, nullptr, count, result);
}

cachain_status cachain_place_except_in(cachain_store* store, const cachain_set* certs, uint32_t flags,
                                       const cachain_store_name* names, const char* const* thumbprints,
                                       const char* const* locations, size_t count, cachain_placement** result) {
    return guarded([&] {
        if (result) *result = nullptr;  // whichever argument is refused, no handle leaves
        if (!store) return missing_argument("store");
        if (!certs) return missing_argument("certs");
        if (!result) return missing_argument("result");
        if (count > 0 && (!names || !thumbprints)) return missing_argument("names and thumbprints");
        cachain::PlacementOptions options;
        options.dry_run = (flags & CACHAIN_PLACE_DRY_RUN) != 0;
        options.force = (flags & CACHAIN_PLACE_FORCE) != 0;
        options.root_in_ca = (flags & CACHAIN_PLACE_ROOT_NOT_IN_CA) == 0;
        for (size_t i = 0; i < count; ++i) {
            if (!valid_name(names[i])) return fail(CACHAIN_E_ARGUMENT, "unknown store name " + std::to_string(names[i]));
            if (!thumbprints[i] || !*thumbprints[i]) return missing_argument("thumbprint");
            options.declined.push_back({kind_of(names[i]), thumbprints[i], locations && locations[i] ? locations[i] : ""});
        }
        start_afresh(*store);
        std::vector<std::string> missing_folders;
        for (auto* member : store->all()) missing_folders.push_back(member->missing_folder());
        auto placed = cachain::place_in_each(store->all(), certs->set.certificates(), options);
        cachain::note_bundled_leaves(placed, certs->set);
        std::vector<std::string> warnings;
        for (std::size_t i = 0; i < store->members.size(); ++i) {
            const auto& member = *store->members[i];
            const auto created = cachain::created_store_warnings(results_of(placed, member), missing_folders[i], member.missing_noun());
            warnings.insert(warnings.end(), created.begin(), created.end());
        }
        const auto expired = cachain::expired_root_warnings(placed, static_cast<std::int64_t>(std::time(nullptr)));
        warnings.insert(warnings.end(), expired.begin(), expired.end());
        *result = wrap(std::move(placed), *store);
        (*result)->warnings.insert((*result)->warnings.end(), warnings.begin(), warnings.end());
        return CACHAIN_OK;
    });
}

cachain_status cachain_unplace(cachain_store* store, const cachain_store_name* names, const char* const* thumbprints,
                               size_t count, uint32_t flags, cachain_placement** result) {
    return cachain_unplace_in(store, names, thumbprints, nullptr, count, flags, result);
}

cachain_status cachain_unplace_in(cachain_store* store, const cachain_store_name* names, const char* const* thumbprints,
                                  const char* const* locations, size_t count, uint32_t flags, cachain_placement** result) {
    return guarded([&] {
        if (result) *result = nullptr;  // whichever argument is refused, no handle leaves
        if (!store) return missing_argument("store");
        if (!thumbprints && count > 0) return missing_argument("thumbprints");
        if (!result) return missing_argument("result");
        std::vector<cachain::Removal> removals;
        for (size_t i = 0; i < count; ++i) {
            if (!thumbprints[i] || !*thumbprints[i]) return missing_argument("thumbprint");
            if (names && !valid_name(names[i])) return fail(CACHAIN_E_ARGUMENT, "unknown store name " + std::to_string(names[i]));
            const std::string location = locations && locations[i] ? locations[i] : "";
            if (names) {
                removals.push_back({kind_of(names[i]), thumbprints[i], location});
            } else {
                removals.push_back({cachain::StoreKind::Root, thumbprints[i], location});
                removals.push_back({cachain::StoreKind::CA, thumbprints[i], location});
            }
        }
        start_afresh(*store);
        *result = wrap(cachain::unplace_in_each(store->all(), removals, (flags & CACHAIN_PLACE_DRY_RUN) != 0), *store);
        return CACHAIN_OK;
    });
}

void cachain_placement_free(cachain_placement* result) { delete result; }

size_t cachain_placement_count(const cachain_placement* result) { return result ? result->results.size() : 0; }

const cachain_cert* cachain_placement_cert(const cachain_placement* result, size_t index) {
    if (!result || index >= result->handles.size() || !result->handles[index].certificate) return nullptr;
    return &result->handles[index];
}

int64_t cachain_placement_number(const cachain_placement* result, size_t index, cachain_placement_field field) {
    if (!result || index >= result->results.size()) return 0;
    const auto& entry = result->results[index];
    switch (field) {
    case CACHAIN_PLACEMENT_STORE: return cachain::store_name_of(entry.store);
    case CACHAIN_PLACEMENT_ACTION: return action_of(entry.action);
    case CACHAIN_PLACEMENT_STATUS: return entry.status;
    case CACHAIN_PLACEMENT_STORE_LOCATION: return entry.store_location;
    }
    return 0;
}

const char* cachain_placement_text(const cachain_placement* result, size_t index, cachain_placement_text_field field) {
    if (!result || index >= result->results.size()) return nullptr;
    const auto& entry = result->results[index];
    switch (field) {
    case CACHAIN_PLACEMENT_TEXT_THUMBPRINT: return entry.thumbprint.c_str();
    case CACHAIN_PLACEMENT_TEXT_LOCATION: return entry.location.c_str();
    case CACHAIN_PLACEMENT_TEXT_MESSAGE: return entry.message.c_str();
    }
    return nullptr;
}

size_t cachain_placement_warning_count(const cachain_placement* result) { return result ? result->warnings.size() : 0; }

const char* cachain_placement_warning(const cachain_placement* result, size_t index) {
    if (!result || index >= result->warnings.size()) return nullptr;
    return result->warnings[index].c_str();
}

}  // extern "C"
