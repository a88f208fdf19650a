// Part 2 of the benchmarks: time per chain and peak memory as the pool grows
// from 100 to 100,000 certificates. Each size runs in its own process, so
// its peak resident set (ru_maxrss) is its own. Prints one Markdown row.
//
//   cachain_bench_scale <data-dir> <pool-size> --generate   make (or keep) the PKI
//   cachain_bench_scale <data-dir> <pool-size>              measure it
//   cachain_bench_scale --header                            the table's header
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_data.h"
#include "bench_pki.h"
#include "certificate_parser.h"
#include "engine_runs.h"
#include "keyless_decoder.h"
#include "stopwatch.h"

using namespace cachain;
using namespace cachain::bench;

namespace {

constexpr std::size_t kLeaves = 2000;
constexpr int kPasses = 3;
constexpr std::size_t kPerCallSample = 50;  // a call indexes the whole pool: 0.1 s at 100,000

std::vector<std::uint8_t> pool_bytes(const PkiFiles& files) {
    std::vector<std::uint8_t> pool = read_bytes(files.roots_der());
    for (const auto& path : {files.intermediates_der(), files.decoys_der()}) {
        const auto more = read_bytes(path);
        pool.insert(pool.end(), more.begin(), more.end());
    }
    return pool;
}

// Per certificate: OpenSSL's own work in loading, the X509 template decoded
// without the public key, as the load does before it indexes anything.
double openssl_decode_micros(const std::vector<std::uint8_t>& pool_der) {
    const auto ders = split_der(pool_der);
    const double total = best_pass_micros(1, [&] {
        for (const auto& der : ders) {
            const unsigned char* cursor = der.data();
            if (!decode_without_key(&cursor, static_cast<long>(der.size()))) throw std::runtime_error("decode failed");
        }
    });
    return total / static_cast<double>(ders.size());
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc == 2 && std::string(argv[1]) == "--header") {
        std::printf("| Pool (certificates) | load µs per certificate | µs per chain, one PathBuilder | "
                    "µs per chain, PathBuilder per leaf | µs per chain, C ABI one call | µs per chain, C ABI a call per leaf "
                    "(first 50) | best path complete | peak RSS (MiB) | of the load, OpenSSL's decode without the key, µs |\n"
                    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        return 0;
    }
    if (argc < 3) {
        std::cerr << "usage: cachain_bench_scale <data-dir> <pool-size> [--generate] | --header\n";
        return 2;
    }
    const PkiFiles files{argv[1]};
    const std::size_t size = std::strtoul(argv[2], nullptr, 10);
    const PkiShape shape = scaled_shape(size, kLeaves);
    if (argc > 3 && std::string(argv[3]) == "--generate") {
        std::cerr << (ensure_pki(shape, files) ? "generated " : "kept cached ") << shape.describe() << "\n";
        return 0;
    }
    ensure_pki(shape, files);

    const auto pool_der = pool_bytes(files);
    const auto leaves_der = read_bytes(files.leaves_der());
    // The leaves first: the first parse also pays for OpenSSL's one-time
    // set-up (providers, decoders), which is not the pool's cost.
    const auto leaves = parse_certificates(leaves_der, "leaves", nullptr);
    const std::int64_t now = std::time(nullptr);

    // The internal API's pool is freed before the C ABI loads its own, so
    // the peak is one pool's, not two.
    double load_micros = 0;
    std::size_t pool_size = 0;
    Measurement shared, per_leaf;
    {
        std::vector<CertificatePtr> pool;
        load_micros = best_pass_micros(1, [&] { pool = parse_certificates(pool_der, "pool", nullptr); });
        pool_size = pool.size();
        shared = engine_shared_builder(pool, leaves, now, kPasses);
        per_leaf = engine_builder_per_leaf(pool, leaves, now, kPasses);
    }
    const double decode_micros = openssl_decode_micros(pool_der);
    const auto one_call = c_abi_one_call(pool_der, leaves_der, kPasses);
    auto sample = split_der(leaves_der);
    sample.resize(std::min(sample.size(), kPerCallSample));
    const auto per_call = c_abi_call_per_leaf(pool_der, sample, 1);
    std::printf("| %zu | %.1f | %.1f | %.1f | %.1f | %.1f | %zu / %zu | %.1f | %.1f |\n", pool_size,
                load_micros / static_cast<double>(pool_size), shared.micros_per_chain, per_leaf.micros_per_chain,
                one_call.micros_per_chain, per_call.micros_per_chain, shared.complete, leaves.size(),
                static_cast<double>(peak_rss_kib()) / 1024.0, decode_micros);
    return 0;
} catch (const std::exception& e) {
    std::cerr << "cachain_bench_scale: " << e.what() << "\n";
    return 1;
}
