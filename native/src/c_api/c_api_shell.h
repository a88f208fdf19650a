// The shell every C function runs in: a per-thread last-error message, and
// `guarded`, which turns every exception into a status code so nothing
// escapes to the caller. Shared by the c_api*.cpp files.
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "cachain/cachain.h"
#include "failure.h"
#include "per_thread_text.h"

namespace cachain::capi {

// This thread's last error message (util/per_thread_text.h says why it is
// not a thread_local string). Allocated on a thread's first use, which a
// guarded call makes inside its try.
inline std::string& last_error() {
    static PerThreadText* const messages = new PerThreadText();  // kept to the end of the process
    return messages->here();
}

// Never throws: it runs inside guarded's catch blocks. A thread whose
// message cannot even be allocated keeps none (cachain_last_error: "").
inline cachain_status fail(cachain_status status, std::string message) noexcept {
    try {
        last_error() = std::move(message);
    } catch (...) {
    }
    return status;
}

inline cachain_status missing_argument(const char* name) {
    return fail(CACHAIN_E_ARGUMENT, std::string("the argument '") + name + "' is required");
}

// An options or callbacks struct of a version this library does not know:
// its fields may not be where this library would read them.
// A network timeout as the C interface takes it: 0 for the default, 10 s; at most 600 s.
inline int timeout_of(std::uint32_t timeout_seconds) {
    constexpr std::uint32_t longest = 600;
    return static_cast<int>(timeout_seconds == 0 ? 10 : std::min(timeout_seconds, longest));
}

inline cachain_status unknown_version(const char* type, unsigned int version, unsigned int newest,
                                      unsigned int oldest = 0) {
    const std::string known = oldest == 0 || oldest == newest
                                  ? std::to_string(newest)
                                  : std::to_string(oldest) + " to " + std::to_string(newest);
    return fail(CACHAIN_E_ARGUMENT, std::string(type) + " version " + std::to_string(version) +
                                        " is not one this library knows (it knows " + known +
                                        "): start from the header's _INIT macro");
}

// Runs body, which returns a status, and maps whatever it throws to one.
template <typename Body>
cachain_status guarded(Body&& body) noexcept {
    try {
        last_error().clear();
        return body();
    } catch (const Failure& failure) {
        return fail(failure.status(), failure.what());
    } catch (const std::bad_alloc&) {
        return fail(CACHAIN_E_INTERNAL, "out of memory");
    } catch (const std::exception& error) {
        return fail(CACHAIN_E_INTERNAL, std::string("internal error: ") + error.what());
    } catch (...) {
        return fail(CACHAIN_E_INTERNAL, "internal error");
    }
}

}  // namespace cachain::capi
