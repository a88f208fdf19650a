#include "placement_warnings.h"

#include <algorithm>
#include <array>
#include <ctime>

#include <openssl/crypto.h>

namespace cachain {
namespace {

// "2020-01-31 23:59:59 UTC"; OPENSSL_gmtime is the portable gmtime_r.
std::string utc_date(std::int64_t seconds) {
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    std::array<char, 32> text{};
    if (!OPENSSL_gmtime(&time, &parts) || std::strftime(text.data(), text.size(), "%Y-%m-%d %H:%M:%S UTC", &parts) == 0)
        return std::to_string(seconds) + " (seconds since 1970)";
    return text.data();
}

}  // namespace

std::vector<std::string> expired_root_warnings(const std::vector<PlacementResult>& results, std::int64_t now) {
    std::vector<std::string> warnings;
    for (const auto& result : results) {
        if (result.action != PlacementAction::Added || result.store != StoreKind::Root || !result.certificate) continue;
        const Certificate& root = *result.certificate;
        if (root.validity_at(now) != CACHAIN_VALIDITY_EXPIRED) continue;
        const std::string name = root.common_name().empty() ? root.subject() : root.common_name();
        warnings.push_back("the root '" + name + "' (" + root.thumbprint() + ") expired on " + utc_date(root.not_after()) +
                           "; it was imported, but no chain that ends in it is trusted until it is renewed");
    }
    return warnings;
}

std::vector<std::string> created_store_warnings(const std::vector<PlacementResult>& results, const std::string& missing_folder) {
    if (missing_folder.empty()) return {};
    const bool added = std::any_of(results.begin(), results.end(),
                                   [](const PlacementResult& result) { return result.action == PlacementAction::Added; });
    if (!added) return {};
    return {"the store folder " + missing_folder + " did not exist and was created"};
}

}  // namespace cachain
