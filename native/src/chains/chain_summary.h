// The one sentence that tells a user what a discovered chain means.
#pragma once

#include <cstddef>
#include <string>

#include "chain.h"

namespace cachain {

std::string summarize(const Chain& chain, std::size_t signature_checks, std::size_t max_depth);

// The chain's sentence: the one it was given (a search stopped at its limit
// says so when it stops), else written now. Searches no longer write one for
// each path they keep: a call that returns eight paths per leaf spent more
// time on sentences than on signatures, and most are never read.
std::string summary_of(const Chain& chain);

}  // namespace cachain
