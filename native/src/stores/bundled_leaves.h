// A leaf that arrives inside a bundle with its CAs (a .pfx exported with its
// chain, a .p7b, a PEM file of the whole chain) was not asked to be trusted:
// the user handed over the chain, and the leaf came along. It is left out
// with a note instead of an error. A leaf named alone (a file or text that
// holds just that certificate) is still refused as an error, since the user
// asked for exactly it.
#pragma once

#include <vector>

#include "certificate_set.h"
#include "placement.h"

namespace cachain {

// Turns each refused leaf whose origin in inputs holds other certificates
// too into a note: still Skipped, status CACHAIN_OK, with a message that
// says why it was left out.
void note_bundled_leaves(std::vector<PlacementResult>& results, const CertificateSet& inputs);

}  // namespace cachain
