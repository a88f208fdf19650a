// The one sentence that tells a user what a discovered chain means.
#pragma once

#include <cstddef>
#include <string>

#include "chain.h"

namespace cachain {

std::string summarize(const Chain& chain, std::size_t signature_checks, std::size_t max_depth);

}  // namespace cachain
