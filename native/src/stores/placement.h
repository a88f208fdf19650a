// The seed's placement rule, applied to any trust store as one
// all-or-nothing transaction, and its exact undo.
//
// The rule: a root (self-signed CA) goes into Root, and into CA as well when
// its chain has subordinate CAs (root_placement.h); every other CA (policy,
// issuing) into CA only; a certificate that is not a CA into no store,
// unless forced. Roles come from the certificates, never from file names.
#pragma once

#include <string>
#include <vector>

#include "certificate.h"
#include "certificate_set.h"
#include "trust_store.h"

namespace cachain {

enum class PlacementAction { Added, AlreadyPresent, WouldAdd, Skipped, Removed, NotPresent, WouldRemove };

struct PlacementResult {
    CertificatePtr certificate;   // null only for a removal of a thumbprint the store does not hold
    std::string thumbprint;
    StoreKind store = StoreKind::CA;
    std::string location;         // "LocalMachine\Root", "/srv/trust/CA"
    cachain_store_location store_location = CACHAIN_LOCATION_DIRECTORY;  // the kind of store location is in
    PlacementAction action = PlacementAction::Skipped;
    cachain_status status = CACHAIN_OK;  // CACHAIN_E_REFUSED for a skipped certificate
    std::string message;          // why it was skipped, "" otherwise
};

struct Removal {
    StoreKind store;
    std::string thumbprint;  // SHA-1, any case
    // In a call on several stores, the location of the one store this is
    // for (a write declined at -Confirm, a removal confirmed there); "" for
    // every store.
    std::string location{};
};

struct PlacementOptions {
    bool dry_run = false;     // report what would change, change nothing
    bool force = false;       // place non-CA certificates too (see stores_for)
    bool root_in_ca = true;   // the seed's layout: a multi-tier chain's root in CA as well as Root
    // (store, thumbprint) writes the user declined (-Confirm): left out and
    // reported as Skipped with CACHAIN_E_CANCELLED; the rest of the call goes on.
    std::vector<Removal> declined;
};

// Where the rule puts cert, were its chain multi-tier: a root into Root and
// CA (unless !root_in_ca). A forced non-CA certificate goes into Root when
// it is self-signed (trusting it directly), into CA otherwise. Throws
// Failure(REFUSED) for a non-CA certificate that is not forced.
std::vector<StoreKind> stores_for(const Certificate& cert, const PlacementOptions& options);

// Refuses a set whose links do not hold: a certificate whose issuer is in
// the set by name, but whose signature no such issuer's key verifies.
// Issuers outside the set are fine (the store may hold them already).
void check_links(const std::vector<CertificatePtr>& certs);

// Places certs by the rule. Non-CA certificates are reported as Skipped
// (with CACHAIN_E_REFUSED) and do not stop the others. If any store write
// or the final commit fails, everything this call added is removed again
// and Failure is thrown; what was there before is never touched.
std::vector<PlacementResult> place(TrustStore& store, const std::vector<CertificatePtr>& certs,
                                   const PlacementOptions& options);

// Removes exactly these (store, thumbprint) pairs: never by name or serial.
// All or nothing: if a removal or the commit fails, what was removed is put
// back and Failure is thrown.
std::vector<PlacementResult> unplace(TrustStore& store, const std::vector<Removal>& removals, bool dry_run);

// A leaf that arrives inside a bundle with its CAs (a .pfx exported with its
// chain, a .p7b, a PEM file of the whole chain) was not asked to be trusted:
// the user handed over the chain, and the leaf came along. It is left out
// with a note instead of an error. A leaf named alone (a file or text that
// holds just that certificate) is still refused as an error, since the user
// asked for exactly it. So each refused leaf whose origin in inputs holds
// other certificates too becomes a note: still Skipped, status CACHAIN_OK,
// with a message that says why it was left out.
void note_bundled_leaves(std::vector<PlacementResult>& results, const CertificateSet& inputs);

}  // namespace cachain
