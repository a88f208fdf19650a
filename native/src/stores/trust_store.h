// One interface for every place certificates can be trusted: the seed's two
// folders, "Trusted Root Certification Authorities" (Root) and "Intermediate
// Certification Authorities" (CA), wherever a platform keeps them.
//
// Backends deal only in DER bytes and SHA-1 thumbprints (upper-case hex, as
// Windows shows them), so a backend needs no OpenSSL: the Windows CryptoAPI
// backend is built and tested on its own with mingw-w64 and Wine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "cachain/cachain.h"
#include "failure.h"

namespace cachain {

enum class StoreKind {
    Root,  // trust anchors: Trusted Root Certification Authorities
    CA     // intermediates: Intermediate Certification Authorities
};

// "Root" or "CA", the names CryptoAPI and Import-CaChain use.
inline const char* store_kind_name(StoreKind kind) { return kind == StoreKind::Root ? "Root" : "CA"; }

struct StoredCertificate {
    std::vector<std::uint8_t> der;
    std::string thumbprint;  // SHA-1, upper-case hex
    // Where the store holds it when that is not location(kind) itself: the
    // system trust bundle, for a root that another tool or a package put
    // there. "" for the store's own entries.
    std::string source{};
};

// A store entry OpenSSL cannot read: where it is (a file, a store and
// thumbprint) and OpenSSL's reason. It anchors nothing, and a verdict says so.
struct UnreadableEntry {
    std::string where;
    std::string why;
};

class TrustStore {
public:
    virtual ~TrustStore() = default;

    // Where kind lives, for messages and results: "LocalMachine\Root",
    // "/srv/trust/CA", "/usr/local/share/ca-certificates".
    virtual std::string location(StoreKind kind) const = 0;

    // Which kind of store this is, for a call on several kinds (ALL): each
    // result says which kind its store is, so that it can be undone there.
    virtual cachain_store_location store_location() const = 0;

    virtual bool contains(StoreKind kind, const std::string& thumbprint) = 0;

    // Whether kind holds it as the store's own entry, one CaChain may
    // remove: what contains says, unless the store also counts others'
    // entries as present (an NSS database, a Java keystore).
    virtual bool owns(StoreKind kind, const std::string& thumbprint) { return contains(kind, thumbprint); }

    // Adds a certificate. Returns false when it was already there (nothing
    // changed). Throws Failure naming the store, the reason and the fix
    // (CACHAIN_E_ACCESS_DENIED for permissions, CACHAIN_E_IO otherwise).
    virtual bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) = 0;

    // Removes the certificate with this thumbprint. Returns false when it was
    // not there. Throws Failure like add.
    virtual bool remove(StoreKind kind, const std::string& thumbprint) = 0;

    // Everything kind holds.
    virtual std::vector<StoredCertificate> list(StoreKind kind) = 0;

    // What kind makes trusted now, for Test-CaChain. Everything it holds,
    // unless additions take effect only through a refresh: then not what a
    // refresh has not taken in yet (a file an interrupted import left).
    virtual std::vector<StoredCertificate> trusted(StoreKind kind) { return list(kind); }

    // The entries of kind that list and trusted leave out because they cannot
    // be read as one certificate: a file named as a certificate of the store
    // that holds something else, or a certificate with malformed extensions.
    virtual std::vector<UnreadableEntry> unreadable(StoreKind) { return {}; }

    // Forgets what was read, so that the next call reads the store again:
    // a call starts from the store as it is, not as an earlier call (a dry
    // run before a confirmation) found it.
    virtual void read_again() {}

    // Makes the adds and removes since the last commit take effect where a
    // platform needs a step for it (regenerating a bundle, committing a
    // cached store). Throws Failure when that step fails; the caller then
    // undoes the changes.
    virtual void commit() {}

    // What the caller must still do for what commit wrote to take effect,
    // one sentence each (a command to run inside an image whose own tool
    // cannot run from here); empty when nothing. Taking them clears them.
    virtual std::vector<std::string> take_warnings() { return {}; }

    // The folder the user named for this store (a directory store, a system
    // root) when it does not exist, often a typo; "" when it exists or the
    // store is the system's own. Placing creates it; evaluating trust
    // against it is refused, since an absent store trusts nothing.
    virtual std::string missing_folder() const { return {}; }

    // What missing_folder names, for messages: "folder", or "file" for a
    // store that is one file.
    virtual const char* missing_noun() const { return "folder"; }

    // Whether the seed's layout (a multi-tier chain's root in CA as well as
    // in Root) means anything here: not where Root and CA are one file.
    virtual bool root_also_in_ca() const { return true; }

    // Why this store takes no intermediates, one sentence; "" when it takes
    // them. The rule then leaves them out with that note, not an error.
    virtual std::string why_no_intermediates() const { return {}; }
};

}  // namespace cachain
