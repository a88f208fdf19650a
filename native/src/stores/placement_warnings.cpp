#include "placement_warnings.h"

#include <algorithm>
#include <set>

#include "utc_text.h"

namespace cachain {

std::vector<std::string> expired_root_warnings(const std::vector<PlacementResult>& results, std::int64_t now) {
    std::vector<std::string> warnings;
    std::set<std::string> warned;  // a root added to several stores (All, every NSS database) is said once
    for (const auto& result : results) {
        if (result.action != PlacementAction::Added || result.store != StoreKind::Root || !result.certificate) continue;
        const Certificate& root = *result.certificate;
        if (root.validity_at(now) != CACHAIN_VALIDITY_EXPIRED || !warned.insert(root.thumbprint()).second) continue;
        warnings.push_back("the root " + quoted_name(root) + " (" + root.thumbprint() + ") expired on " + utc_time(root.not_after()) +
                           "; it was imported, but no chain that ends in it is trusted until it is renewed");
    }
    return warnings;
}

std::vector<std::string> created_store_warnings(const std::vector<PlacementResult>& results, const std::string& missing_folder,
                                                const std::string& noun) {
    if (missing_folder.empty()) return {};
    const bool added = std::any_of(results.begin(), results.end(),
                                   [](const PlacementResult& result) { return result.action == PlacementAction::Added; });
    if (!added) return {};
    return {"the store " + noun + " " + missing_folder + " did not exist and was created"};
}

}  // namespace cachain
