// The benchmark's PKI: roots, policy CAs, issuing CAs, decoys and leaves,
// generated once and cached on disk as DER (and PEM) bundles, so a re-run
// of the benchmarks only reads files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cachain::bench {

// How many of each, and which keys. Decoys are split 40% "same name,
// another key" (twins), 30% expired alternates (same name and key, long
// expired) and 30% cross-signs (a CA's name and key signed by another
// parent: the policy CAs by the other roots first, then issuing CAs by
// another policy CA). Each kind is spread evenly over the CAs it imitates.
struct PkiShape {
    std::size_t roots = 3;
    std::size_t policies = 10;
    std::size_t issuing = 100;
    std::size_t decoys = 1000;
    std::size_t leaves = 10000;
    // Mixed RSA-2048 and ECDSA P-256 CAs and leaves; false: ECDSA P-256
    // only, with a few issuing keys shared by many CAs (fast to generate a
    // pool of 100,000).
    bool mixed_keys = true;

    // The certificates a chain may be built from, roots excluded.
    std::size_t pool_size() const { return policies + issuing + decoys; }
    std::string describe() const;
};

// A pool of pool_size certificates, roots included: one decoy per ten
// certificates, 3 roots, 10 policy CAs, and issuing CAs for the rest, so
// each name has the same few candidates whatever the size.
PkiShape scaled_shape(std::size_t pool_size, std::size_t leaves);

// Which of targets CAs item index (of count items of one kind) belongs to:
// evenly spread, whichever is more numerous.
std::size_t spread(std::size_t index, std::size_t count, std::size_t targets);

// Which CA a decoy of one kind imitates: each CA in turn when there are at
// least as many decoys as CAs, else CAs picked by a hash of (kind, index),
// so decoys never line up with the evenly spread leaves (which would give a
// pool size more decoys per leaf than another).
std::size_t decoy_target(std::size_t index, std::size_t count, std::size_t targets, std::uint64_t kind);

// The issuing CA (0-based, among the issuing CAs) that issued leaf i.
inline std::size_t issuing_of_leaf(const PkiShape& shape, std::size_t leaf) {
    return spread(leaf, shape.leaves, shape.issuing);
}

// The files in a generated directory. intermediates.der holds the policy
// CAs, then the issuing CAs, in order.
struct PkiFiles {
    std::filesystem::path directory;

    std::filesystem::path manifest() const { return directory / "manifest.txt"; }
    std::filesystem::path roots_der() const { return directory / "roots.der"; }
    std::filesystem::path intermediates_der() const { return directory / "intermediates.der"; }
    std::filesystem::path decoys_der() const { return directory / "decoys.der"; }
    std::filesystem::path leaves_der() const { return directory / "leaves.der"; }
    // For .NET, which reads PEM bundles but not concatenated DER; written
    // for mixed-key sets only (the chain-throughput set).
    std::filesystem::path roots_pem() const { return directory / "roots.pem"; }
    std::filesystem::path pool_pem() const { return directory / "pool.pem"; }  // intermediates, then decoys
    std::filesystem::path leaves_pem() const { return directory / "leaves.pem"; }
};

// Generates the PKI into files.directory unless its manifest already says
// the same shape. Returns true when it generated.
bool ensure_pki(const PkiShape& shape, const PkiFiles& files);

}  // namespace cachain::bench
