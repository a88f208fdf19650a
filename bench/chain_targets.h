// The throughput targets of issue 17, judged on one run's figures, with
// the reason for each target missed, in figures of the same run.
#pragma once

namespace cachain::bench {

struct TargetFigures {
    double floor_us = 0;           // one X509_verify per leaf
    double openssl_us = 0;         // X509_verify_cert
    double dotnet_us = 0;          // .NET X509Chain.Build; 0 when not measured
    double search_us = 0;          // internal API, one PathBuilder for all leaves
    double search_per_leaf_us = 0; // internal API, a new PathBuilder per leaf
    struct Paths {
        double all = 0;  // every path found (cachain_discover)
        double best = 0; // max_paths 1
    };
    Paths per_call;  // a C ABI call per leaf
    Paths one_call;  // one C ABI call with every leaf
};

// Prints the targets table, then why the missed ones are missed.
void print_targets(const TargetFigures& figures);

}  // namespace cachain::bench
