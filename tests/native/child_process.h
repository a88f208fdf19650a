// Running test code in a forked child process: to kill it mid-way, to run
// eight at once, or to measure its memory alone. POSIX only (fork, wait4):
// the tests that use it are built for Linux, not for Windows.
#pragma once

#include <functional>

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cachain::testing {

// Starts body in a child process, which exits with body's return value
// (and with 99 when body throws). Returns the child's pid.
inline pid_t start_child(const std::function<int()>& body) {
    const pid_t pid = fork();
    if (pid == 0) {
        int code = 99;
        try {
            code = body();
        } catch (...) {
        }
        _exit(code);  // no gtest teardown, no atexit handlers in the child
    }
    return pid;
}

struct ChildOutcome {
    bool exited = false;
    int exit_code = -1;
    long max_rss_kib = 0;  // the child's peak resident memory
};

inline ChildOutcome wait_for_child(pid_t pid) {
    int status = 0;
    rusage usage{};
    ChildOutcome outcome;
    if (wait4(pid, &status, 0, &usage) != pid) return outcome;
    outcome.exited = WIFEXITED(status);
    outcome.exit_code = outcome.exited ? WEXITSTATUS(status) : -1;
    outcome.max_rss_kib = usage.ru_maxrss;
    return outcome;
}

// Peak memory of a forked child right after it starts, before it does any
// work: the baseline a child's ru_maxrss is compared with.
inline long baseline_rss_kib() { return wait_for_child(start_child([] { return 0; })).max_rss_kib; }

// Memory bounds are for the library, not for AddressSanitizer's shadow and
// quarantine, which multiply what a run keeps resident.
#if defined(__SANITIZE_ADDRESS__)
constexpr long memory_bound_factor = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long memory_bound_factor = 4;
#else
constexpr long memory_bound_factor = 1;
#endif
#else
constexpr long memory_bound_factor = 1;
#endif

}  // namespace cachain::testing
