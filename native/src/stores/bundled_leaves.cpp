#include "bundled_leaves.h"

namespace cachain {

void note_bundled_leaves(std::vector<PlacementResult>& results, const CertificateSet& inputs) {
    for (auto& result : results) {
        if (result.action != PlacementAction::Skipped || result.status != CACHAIN_E_REFUSED || !result.certificate) continue;
        const std::string origin = inputs.origin_of(*result.certificate);
        if (origin.empty() || inputs.count_from(origin) < 2) continue;
        const Certificate& leaf = *result.certificate;
        const std::string name = leaf.common_name().empty() ? leaf.subject() : leaf.common_name();
        result.status = CACHAIN_OK;
        result.message = "Leaving out '" + name + "' from " + origin +
                         ": it is not a CA certificate (a server's own certificate that came with its chain), so it "
                         "belongs in no trust store (use -Force to trust it directly)";
    }
}

}  // namespace cachain
