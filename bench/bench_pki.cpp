#include "bench_pki.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "test_pki.h"

namespace cachain::bench {
namespace {

using testing::Issued;
using testing::KeyType;

// Appends each certificate to its DER bundle and, when wanted, PEM bundle,
// as soon as it is made, so 100,000 certificates never sit in memory.
class BundleWriter {
public:
    BundleWriter(const std::filesystem::path& der, const std::filesystem::path& pem, bool with_pem)
        : der_(der, std::ios::binary | std::ios::trunc) {
        if (with_pem) pem_.open(pem, std::ios::binary | std::ios::trunc);
    }
    BundleWriter(const std::filesystem::path& der, std::ofstream* shared_pem)
        : der_(der, std::ios::binary | std::ios::trunc), shared_pem_(shared_pem) {}

    void write(const Issued& cert) {
        const auto der = cert.der();
        der_.write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
        std::ofstream* pem = shared_pem_ ? shared_pem_ : &pem_;
        if (pem->is_open()) *pem << cert.pem();
    }

private:
    std::ofstream der_;
    std::ofstream pem_;
    std::ofstream* shared_pem_ = nullptr;
};

// The keys the PKI signs with. Leaf keys are reused across leaves (a leaf's
// key plays no part in building its path), and so are the twins' keys (any
// key but the real one makes a twin); in the ECDSA-only pools, issuing CAs
// share a few keys too.
struct KeyRing {
    std::vector<ossl::EvpPkeyPtr> issuing, twins, leaves;

    static KeyType type_for(bool mixed, std::size_t index) {
        return mixed && index % 2 == 0 ? KeyType::Rsa2048 : KeyType::EcP256;
    }

    explicit KeyRing(const PkiShape& shape) {
        const std::size_t issuing_keys = shape.mixed_keys ? shape.issuing : std::min<std::size_t>(shape.issuing, 64);
        for (std::size_t i = 0; i < issuing_keys; ++i) issuing.push_back(testing::make_key(type_for(shape.mixed_keys, i)));
        for (std::size_t i = 0; i < 8; ++i) twins.push_back(testing::make_key(type_for(shape.mixed_keys, i)));
        for (std::size_t i = 0; i < 4; ++i) leaves.push_back(testing::make_key(type_for(shape.mixed_keys, i)));
    }

    ossl::EvpPkeyPtr issuing_key(std::size_t ca) const { return testing::share(issuing[ca % issuing.size()]); }
};

std::string name_of(const char* kind, std::size_t index) { return std::string("Bench ") + kind + " CA " + std::to_string(index); }

testing::CertSpec expired(testing::CertSpec spec) {
    spec.not_before_days = -3650;
    spec.not_after_days = -365;
    return spec;
}

struct Tiers {
    std::vector<Issued> roots, policies, issuing;
};

Tiers make_tiers(const PkiShape& shape, const KeyRing& keys, BundleWriter& roots, BundleWriter& intermediates) {
    Tiers tiers;
    for (std::size_t r = 0; r < shape.roots; ++r) {
        const KeyType type = KeyRing::type_for(shape.mixed_keys, r);
        tiers.roots.push_back(testing::self_signed(testing::ca_spec(name_of("Root", r), type)));
        roots.write(tiers.roots.back());
    }
    for (std::size_t p = 0; p < shape.policies; ++p) {
        const KeyType type = KeyRing::type_for(shape.mixed_keys, p + 1);
        tiers.policies.push_back(testing::issue(tiers.roots[p % shape.roots], testing::ca_spec(name_of("Policy", p), type)));
        intermediates.write(tiers.policies.back());
    }
    for (std::size_t k = 0; k < shape.issuing; ++k) {
        const Issued& parent = tiers.policies[k % shape.policies];
        tiers.issuing.push_back(
            testing::issue_with_key(parent, testing::ca_spec(name_of("Issuing", k)), keys.issuing_key(k)));
        intermediates.write(tiers.issuing.back());
    }
    return tiers;
}

void make_decoys(const PkiShape& shape, const KeyRing& keys, const Tiers& tiers, BundleWriter& decoys) {
    const std::size_t twins = shape.decoys * 4 / 10, alternates = shape.decoys * 3 / 10;
    const std::size_t cross_signs = shape.decoys - twins - alternates;
    auto parent_of = [&](std::size_t k) -> const Issued& { return tiers.policies[k % shape.policies]; };

    for (std::size_t d = 0; d < twins; ++d) {
        const std::size_t k = decoy_target(d, twins, shape.issuing, 1);
        decoys.write(testing::issue_with_key(parent_of(k), testing::ca_spec(name_of("Issuing", k)),
                                             testing::share(keys.twins[d % keys.twins.size()])));
    }
    for (std::size_t d = 0; d < alternates; ++d) {
        const std::size_t k = decoy_target(d, alternates, shape.issuing, 2);
        decoys.write(testing::issue_with_key(parent_of(k), expired(testing::ca_spec(name_of("Issuing", k))),
                                             keys.issuing_key(k)));
    }
    // Cross-signs: each policy CA by each other root first, then issuing CAs
    // by the next policy CAs along.
    std::size_t made = 0;
    for (std::size_t p = 0; p < shape.policies && made < cross_signs; ++p) {
        for (std::size_t step = 1; step < shape.roots && made < cross_signs; ++step, ++made) {
            const Issued& other_root = tiers.roots[(p + step) % shape.roots];
            decoys.write(testing::issue_with_key(other_root, testing::ca_spec(name_of("Policy", p)),
                                                 testing::share(tiers.policies[p].key)));
        }
    }
    const std::size_t issuing_cross = cross_signs - made;
    for (std::size_t j = 0; j < issuing_cross; ++j) {
        const std::size_t k = decoy_target(j, issuing_cross, shape.issuing, 3);
        const std::size_t step = 1 + (j / shape.issuing) % (shape.policies - 1);
        const Issued& other_policy = tiers.policies[(k + step) % shape.policies];
        decoys.write(testing::issue_with_key(other_policy, testing::ca_spec(name_of("Issuing", k)), keys.issuing_key(k)));
    }
}

void make_leaves(const PkiShape& shape, const KeyRing& keys, const Tiers& tiers, BundleWriter& leaves) {
    for (std::size_t i = 0; i < shape.leaves; ++i) {
        const std::string host = "host-" + std::to_string(i) + ".bench.lab";
        leaves.write(testing::issue_with_key(tiers.issuing[issuing_of_leaf(shape, i)], testing::server_spec(host),
                                             testing::share(keys.leaves[i % keys.leaves.size()])));
    }
}

// Writes every bundle of shape into files.directory.
void generate(const PkiShape& shape, const PkiFiles& files) {
    const bool pem = shape.mixed_keys;
    const KeyRing keys(shape);
    std::ofstream pool_pem;
    if (pem) pool_pem.open(files.pool_pem(), std::ios::binary | std::ios::trunc);
    BundleWriter roots(files.roots_der(), files.roots_pem(), pem);
    BundleWriter intermediates(files.intermediates_der(), &pool_pem);
    BundleWriter decoys(files.decoys_der(), &pool_pem);
    BundleWriter leaves(files.leaves_der(), files.leaves_pem(), pem);

    const Tiers tiers = make_tiers(shape, keys, roots, intermediates);
    make_decoys(shape, keys, tiers, decoys);
    make_leaves(shape, keys, tiers, leaves);
}

}  // namespace

std::string PkiShape::describe() const {
    std::ostringstream text;
    text << "roots=" << roots << " policies=" << policies << " issuing=" << issuing << " decoys=" << decoys
         << " leaves=" << leaves << " keys=" << (mixed_keys ? "rsa2048+p256" : "p256") << " layout=2";
    return text.str();
}

PkiShape scaled_shape(std::size_t pool_size, std::size_t leaves) {
    PkiShape shape;
    shape.decoys = pool_size / 10;
    shape.issuing = pool_size - shape.roots - shape.policies - shape.decoys;
    shape.leaves = leaves;
    shape.mixed_keys = false;
    return shape;
}

std::size_t spread(std::size_t index, std::size_t count, std::size_t targets) {
    return count >= targets ? index % targets : index * targets / count;
}

std::size_t decoy_target(std::size_t index, std::size_t count, std::size_t targets, std::uint64_t kind) {
    if (count >= targets) return index % targets;
    // splitmix64's finalizer: a well-mixed hash, the same on every run.
    std::uint64_t x = (kind << 40) ^ index;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::size_t>(x % targets);
}

bool ensure_pki(const PkiShape& shape, const PkiFiles& files) {
    {
        std::ifstream manifest(files.manifest());
        std::string recorded;
        if (manifest && std::getline(manifest, recorded) && recorded == shape.describe()) return false;
    }
    std::filesystem::create_directories(files.directory);
    std::filesystem::remove(files.manifest());  // an interrupted run must not look finished

    generate(shape, files);  // every bundle is closed (flushed) when it returns
    std::ofstream(files.manifest()) << shape.describe() << "\n";
    return true;
}

}  // namespace cachain::bench
