// Writing to a socket the peer has closed raises SIGPIPE, which kills the
// process unless someone ignores it, and a library must not decide that for
// its host. While a guard lives, SIGPIPE is blocked on this thread, and one
// raised meanwhile is consumed before it is unblocked again.
#pragma once

#ifndef _WIN32
#include <csignal>
#include <ctime>
#include <pthread.h>
#endif

namespace cachain {

#ifndef _WIN32
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
        blocked_ = pthread_sigmask(SIG_BLOCK, &pipe_, &previous_) == 0;
    }
    ~SigpipeGuard() {
        if (!blocked_) return;
        if (!was_pending_) {
            const timespec no_wait{0, 0};
            while (sigtimedwait(&pipe_, nullptr, &no_wait) > 0) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    sigset_t pipe_{}, previous_{};
    bool was_pending_ = false;
    bool blocked_ = false;
};
#else
// Windows has no SIGPIPE. The constructor and destructor are user-written
// so a guard that does nothing still counts as used.
class SigpipeGuard {
public:
    SigpipeGuard() {}
    ~SigpipeGuard() {}
};
#endif

}  // namespace cachain
