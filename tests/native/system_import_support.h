// What the placement tests share: an import, a removal and a trust test
// through the C interface the cmdlets use (Import-, Remove- and
// Test-CaChain -SystemRoot or -StorePath), and the files an import leaves in
// a system root.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cachain/cachain.h"
#include "utf8_path.h"
#include "test_pki.h"

namespace cachain::testing {

struct PlacedAction {
    cachain_store_name store;
    std::string thumbprint;
    cachain_placement_action action;
    bool operator==(const PlacedAction& other) const {
        return store == other.store && thumbprint == other.thumbprint && action == other.action;
    }
};

// For GoogleTest's messages.
inline void PrintTo(const PlacedAction& placed, std::ostream* out) {
    *out << "{store " << placed.store << ", " << placed.thumbprint << ", action " << placed.action << "}";
}

// Import-CaChain of the certificates in pem into the store at location
// (folder: -StorePath or -SystemRoot). Returns the status; actions (if
// given) receives each result.
inline cachain_status place_pem(cachain_store_location location, const std::filesystem::path& folder,
                                const std::string& pem, std::vector<PlacedAction>* actions = nullptr) {
    cachain_set* set = nullptr;
    cachain_store* store = nullptr;
    cachain_placement* placement = nullptr;
    cachain_set_new(&set);
    cachain_status status = cachain_set_add_bytes(set, reinterpret_cast<const uint8_t*>(pem.data()), pem.size(), "chain.pem", nullptr);
    if (status == CACHAIN_OK) status = cachain_store_open(location, cachain::utf8_from_path(folder).c_str(), &store);
    if (status == CACHAIN_OK) status = cachain_place(store, set, 0, &placement);
    for (std::size_t i = 0; actions && i < cachain_placement_count(placement); ++i)
        actions->push_back({static_cast<cachain_store_name>(cachain_placement_number(placement, i, CACHAIN_PLACEMENT_STORE)),
                            cachain_placement_text(placement, i, CACHAIN_PLACEMENT_TEXT_THUMBPRINT),
                            static_cast<cachain_placement_action>(cachain_placement_number(placement, i, CACHAIN_PLACEMENT_ACTION))});
    cachain_placement_free(placement);
    cachain_store_free(store);
    cachain_set_free(set);
    return status;
}

// Import-CaChain -SystemRoot system_root of the certificates in pem.
inline cachain_status import_into(const std::filesystem::path& system_root, const std::string& pem,
                                  std::vector<PlacedAction>* actions = nullptr) {
    return place_pem(CACHAIN_LOCATION_LOCAL_MACHINE, system_root, pem, actions);
}

// Remove-CaChain -SystemRoot system_root of these thumbprints, from both stores.
inline cachain_status remove_from(const std::filesystem::path& system_root, const std::vector<std::string>& thumbprints) {
    cachain_store* store = nullptr;
    cachain_placement* placement = nullptr;
    std::vector<const char*> names;
    for (const auto& thumbprint : thumbprints) names.push_back(thumbprint.c_str());
    cachain_status status = cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, cachain::utf8_from_path(system_root).c_str(), &store);
    if (status == CACHAIN_OK) status = cachain_unplace(store, nullptr, names.data(), names.size(), 0, &placement);
    cachain_placement_free(placement);
    cachain_store_free(store);
    return status;
}

// Test-CaChain -SystemRoot system_root of leaf, its chain's CAs supplied
// (issuers_pem): 1 trusted, 0 not, -1 when the call failed.
inline int trusted_in(const std::filesystem::path& system_root, const Issued& leaf, const std::string& issuers_pem) {
    cachain_set* set = nullptr;
    cachain_set* issuers = nullptr;
    cachain_store* store = nullptr;
    cachain_verdicts* verdicts = nullptr;
    cachain_set_new(&set);
    cachain_set_new(&issuers);
    const auto der = leaf.der();
    int trusted = -1;
    if (cachain_set_add_bytes(set, der.data(), der.size(), "leaf", nullptr) == CACHAIN_OK &&
        cachain_set_add_bytes(issuers, reinterpret_cast<const uint8_t*>(issuers_pem.data()), issuers_pem.size(), "chain.pem",
                              nullptr) == CACHAIN_OK &&
        cachain_store_open(CACHAIN_LOCATION_LOCAL_MACHINE, cachain::utf8_from_path(system_root).c_str(), &store) == CACHAIN_OK &&
        cachain_evaluate(store, set, issuers, &verdicts) == CACHAIN_OK && cachain_verdicts_count(verdicts) == 1)
        trusted = static_cast<int>(cachain_verdict_number(verdicts, 0, CACHAIN_VERDICT_TRUSTED));
    cachain_verdicts_free(verdicts);
    cachain_store_free(store);
    cachain_set_free(issuers);
    cachain_set_free(set);
    return trusted;
}

inline std::filesystem::path root_file(const std::filesystem::path& system_root, const std::string& thumbprint) {
    return system_root / "usr/local/share/ca-certificates/cachain" / (thumbprint + ".crt");
}

inline std::filesystem::path intermediates_file(const std::filesystem::path& system_root) {
    return system_root / "usr/local/share/cachain/intermediates.pem";
}

}  // namespace cachain::testing
