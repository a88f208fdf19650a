// Wall-clock timing for the benchmarks: the best of a few passes, so one
// unlucky pass (another process, a page fault) does not decide the figure.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <limits>

namespace cachain::bench {

// Runs pass() passes times and returns the fastest run in microseconds.
template <typename Pass>
double best_pass_micros(int passes, Pass&& pass) {
    double best = std::numeric_limits<double>::max();
    for (int i = 0; i < passes; ++i) {
        const auto start = std::chrono::steady_clock::now();
        pass();
        const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
    }
    return best;
}

// Runs body(i) for every i below count, passes times, and returns the best
// pass in microseconds per item.
template <typename Body>
double micros_per_item(std::size_t count, int passes, Body&& body) {
    const double total = best_pass_micros(passes, [&] {
        for (std::size_t i = 0; i < count; ++i) body(i);
    });
    return total / static_cast<double>(count);
}

}  // namespace cachain::bench
