// Part 1 of the benchmarks: chains per second over the 10,000-leaf PKI, for
// our engine, OpenSSL's X509_verify_cert and the one-signature floor, plus
// the heap a loaded pool costs. Prints Markdown for bench/RESULTS.md.
//
//   cachain_bench_chains <data-dir> --generate      make (or keep) the PKI
//   cachain_bench_chains <data-dir> [--dotnet-us X --dotnet-sample N --dotnet-built M]
// (the .NET figures come from bench/dotnet_chain.ps1, run first by scripts/bench.sh)
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

#include "bench_data.h"
#include "bench_pki.h"
#include "certificate_parser.h"
#include "chain_targets.h"
#include "engine_runs.h"
#include "openssl_baseline.h"
#include "pool_memory.h"
#include "stopwatch.h"

using namespace cachain;
using namespace cachain::bench;

namespace {

constexpr int kPasses = 3;
constexpr std::size_t kPerCallSample = 500;

struct Row {
    std::string method;
    double micros;
    std::size_t complete, attempted;
};

void print_rows(const std::vector<Row>& rows, double openssl_us, double floor_us) {
    std::printf("| Method | µs per chain | chains/s | speed-up over X509_verify_cert | × floor | best path complete |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& row : rows) {
        std::printf("| %s | %.1f | %.0f | %.2f× | %.2f | %zu / %zu |\n", row.method.c_str(), row.micros,
                    1e6 / row.micros, openssl_us / row.micros, row.micros / floor_us, row.complete, row.attempted);
    }
}

void print_memory(const PoolMemory& memory) {
    std::printf("\nHeap kept per pool certificate beyond its DER bytes (pool of %zu certificates, %.0f DER bytes "
                "each on average; glibc mallinfo2 before and after loading):\n\n",
                memory.certificates, static_cast<double>(memory.der_bytes) / static_cast<double>(memory.certificates));
    std::printf("| Loaded as | bytes per certificate beyond DER | target ≤ 2048 |\n| --- | ---: | --- |\n");
    std::printf("| engine: parsed Certificates + IssuerIndex | %.0f | %s |\n", memory.engine_per_cert,
                memory.engine_per_cert <= 2048 ? "met" : "missed");
    std::printf("| C ABI: cachain_set holding the pool | %.0f | %s |\n", memory.c_set_per_cert,
                memory.c_set_per_cert <= 2048 ? "met" : "missed");
    std::printf("| OpenSSL X509 objects alone (d2i_X509), for comparison | %.0f | |\n", memory.x509_per_cert);
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: cachain_bench_chains <data-dir> [--generate] [--dotnet-us X --dotnet-sample N --dotnet-built M]\n";
        return 2;
    }
    const PkiFiles files{argv[1]};
    const PkiShape shape;
    double dotnet_us = 0;
    std::size_t dotnet_sample = 0, dotnet_built = 0;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--generate") {
            std::cerr << (ensure_pki(shape, files) ? "generated " : "kept cached ") << shape.describe() << "\n";
            return 0;
        }
        if (arg == "--dotnet-us" && i + 1 < argc) dotnet_us = std::atof(argv[++i]);
        if (arg == "--dotnet-sample" && i + 1 < argc) dotnet_sample = std::strtoul(argv[++i], nullptr, 10);
        if (arg == "--dotnet-built" && i + 1 < argc) dotnet_built = std::strtoul(argv[++i], nullptr, 10);
    }
    ensure_pki(shape, files);

    const auto roots_der = read_bytes(files.roots_der());
    const auto intermediates_der = read_bytes(files.intermediates_der());
    const auto decoys_der = read_bytes(files.decoys_der());
    const auto leaves_der = read_bytes(files.leaves_der());
    std::vector<std::uint8_t> pool_der = roots_der;  // our engine finds roots in the pool
    pool_der.insert(pool_der.end(), intermediates_der.begin(), intermediates_der.end());
    pool_der.insert(pool_der.end(), decoys_der.begin(), decoys_der.end());

    // OpenSSL's objects for the baselines, and ours for the engine.
    const auto roots = parse_x509s(roots_der);
    const auto intermediates = parse_x509s(intermediates_der);
    const auto decoys = parse_x509s(decoys_der);
    const auto leaves = parse_x509s(leaves_der);
    const auto pool = parse_certificates(pool_der, "pool", nullptr);
    const auto leaf_certs = parse_certificates(leaves_der, "leaves", nullptr);
    const std::int64_t now = std::time(nullptr);
    const std::size_t n = leaves.size();

    std::vector<Row> rows;
    std::size_t ok = 0;
    const double floor_us = micros_per_item(n, kPasses, [&](std::size_t i) {
        if (i == 0) ok = 0;
        ok += signature_verifies(leaves[i].get(), intermediates[shape.policies + issuing_of_leaf(shape, i)].get());
    });
    rows.push_back({"floor: X509_verify of each leaf with its issuer's key", floor_us, ok, n});

    OpenSslVerifier verifier(roots, {&intermediates, &decoys});
    const double openssl_us = micros_per_item(n, kPasses, [&](std::size_t i) {
        if (i == 0) ok = 0;
        ok += verifier.verify(leaves[i].get());
    });
    rows.push_back({"OpenSSL X509_verify_cert (roots trusted, the rest untrusted)", openssl_us, ok, n});

    const auto shared = engine_shared_builder(pool, leaf_certs, now, kPasses);
    rows.push_back({"CaChain, internal API: pool indexed once, one PathBuilder for all leaves", shared.micros_per_chain,
                    shared.complete, n});
    const auto per_leaf = engine_builder_per_leaf(pool, leaf_certs, now, kPasses);
    rows.push_back({"CaChain, internal API: pool indexed once, a new PathBuilder per leaf", per_leaf.micros_per_chain,
                    per_leaf.complete, n});
    const auto one_call = c_abi_one_call(pool_der, leaves_der, kPasses);
    rows.push_back({"CaChain, C ABI: one cachain_discover with every leaf as input", one_call.micros_per_chain,
                    one_call.complete, n});
    const auto one_call_best = c_abi_one_call(pool_der, leaves_der, kPasses, 1);
    rows.push_back({"CaChain, C ABI: one call with every leaf as input, best path only (max_paths 1, as Get-CaChain "
                    "asks without -All)",
                    one_call_best.micros_per_chain, one_call_best.complete, n});
    auto sample = split_der(leaves_der);
    sample.resize(std::min(sample.size(), kPerCallSample));
    const auto per_call = c_abi_call_per_leaf(pool_der, sample, kPasses);
    rows.push_back({"CaChain, C ABI: one cachain_discover per leaf (first " + std::to_string(sample.size()) + ")",
                    per_call.micros_per_chain, per_call.complete, sample.size()});
    const auto per_call_best = c_abi_call_per_leaf(pool_der, sample, kPasses, 1);
    rows.push_back({"CaChain, C ABI: one call per leaf (first " + std::to_string(sample.size()) +
                        "), best path only (max_paths 1)",
                    per_call_best.micros_per_chain, per_call_best.complete, sample.size()});
    const auto per_call_new_pool = c_abi_call_per_leaf_new_pool(pool_der, sample, kPasses);
    rows.push_back({"CaChain, C ABI: one cachain_discover per leaf (first " + std::to_string(sample.size()) +
                        "), on a pool set loaded just before: links proven as the calls go",
                    per_call_new_pool.micros_per_chain, per_call_new_pool.complete, sample.size()});
    if (dotnet_us > 0)
        rows.push_back({".NET X509Chain.Build from pwsh (first " + std::to_string(dotnet_sample) + " leaves, see below)",
                        dotnet_us, dotnet_built, dotnet_sample});

    std::printf("PKI: %s; %zu certificates in the pool (roots included), every leaf issued by an issuing CA.\n\n",
                shape.describe().c_str(), pool.size());
    print_rows(rows, openssl_us, floor_us);
    const TargetFigures figures{floor_us,
                                openssl_us,
                                dotnet_us,
                                shared.micros_per_chain,
                                per_leaf.micros_per_chain,
                                {per_call.micros_per_chain, per_call_best.micros_per_chain},
                                {one_call.micros_per_chain, one_call_best.micros_per_chain}};
    print_targets(figures);
    print_memory(measure_pool_memory(pool_der));
    return 0;
} catch (const std::exception& e) {
    std::cerr << "cachain_bench_chains: " << e.what() << "\n";
    return 1;
}
