// The CA certificates a machine already holds, as an issuer source: what the
// Certification Path tab of a domain member builds from. On Windows the
// LocalMachine and CurrentUser stores Root, CA and AuthRoot; on Linux the
// system trust bundle and CaChain's intermediates folder.
#pragma once

#include <filesystem>

#include "certificate_set.h"

namespace cachain {

// Adds them to set, each with its store as origin ("LocalMachine\Root",
// "/etc/ssl/certs/ca-certificates.crt"). system_root: on Linux the root of
// the machine to read (a mounted image, "/" for this one); not used on
// Windows. A store that cannot be read is recorded as a problem of set,
// naming it and why; the others are still added.
void add_local_issuers(CertificateSet& set, const std::filesystem::path& system_root);

}  // namespace cachain
