#include "callback_store.h"

#include <memory>

#include "c_api_handles.h"

namespace cachain {

CallbackStore::CallbackStore(const cachain_store_callbacks& callbacks, std::string root_location, std::string ca_location)
    : callbacks_(callbacks), root_location_(std::move(root_location)), ca_location_(std::move(ca_location)) {
    if (!callbacks_.contains || !callbacks_.add || !callbacks_.remove || !callbacks_.list)
        throw Failure(CACHAIN_E_ARGUMENT, "callbacks", "every store callback is required");
}

std::string CallbackStore::location(StoreKind kind) const {
    return kind == StoreKind::Root ? root_location_ : ca_location_;
}

void CallbackStore::check(cachain_status status, StoreKind kind, const char* doing) const {
    if (status == CACHAIN_OK) return;
    std::string reason = std::string("the store refused to ") + doing + " (status " + std::to_string(status) + ")";
    if (status == CACHAIN_E_ACCESS_DENIED) reason += "; check your account's rights on it";
    throw Failure(status, location(kind), reason);
}

bool CallbackStore::contains(StoreKind kind, const std::string& thumbprint) {
    int present = 0;
    check(callbacks_.contains(callbacks_.context, store_name_of(kind), thumbprint.c_str(), &present), kind, "look up a certificate");
    return present != 0;
}

bool CallbackStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    int added = 0;
    check(callbacks_.add(callbacks_.context, store_name_of(kind), der.data(), der.size(), thumbprint.c_str(), &added), kind,
          "add a certificate");
    return added != 0;
}

bool CallbackStore::remove(StoreKind kind, const std::string& thumbprint) {
    int removed = 0;
    check(callbacks_.remove(callbacks_.context, store_name_of(kind), thumbprint.c_str(), &removed), kind,
          "remove a certificate");
    return removed != 0;
}

std::vector<StoredCertificate> CallbackStore::list(StoreKind kind) {
    const auto set = std::make_unique<cachain_set>();
    check(callbacks_.list(callbacks_.context, store_name_of(kind), set.get()), kind, "list its certificates");
    set->sync_handles();
    std::vector<StoredCertificate> stored;
    for (const auto& cert : set->set.certificates()) {
        const auto der = cert->der();
        stored.push_back({{der.begin(), der.end()}, cert->thumbprint()});
    }
    return stored;
}

}  // namespace cachain
