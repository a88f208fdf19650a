// Warnings about what a placement did that the user would want to know but
// that does not stop it: an expired root is still placed (a user may be
// restoring an old chain on purpose), yet nothing that ends in it is trusted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "placement.h"

namespace cachain {

// One warning per root this placement added to Root (in one store or more) whose validity ended
// before now: "the root 'CN' (thumbprint) expired on 2020-01-31 ...".
std::vector<std::string> expired_root_warnings(const std::vector<PlacementResult>& results, std::int64_t now);

// "the store folder X did not exist and was created" when this placement
// added something to a store whose folder (missing_folder, taken before the
// placement) was not there: a mistyped -StorePath or -SystemRoot shows.
// noun: the store's missing_noun ("folder", "file").
std::vector<std::string> created_store_warnings(const std::vector<PlacementResult>& results, const std::string& missing_folder,
                                                const std::string& noun = "folder");

}  // namespace cachain
