// The one error type of the library: a failure that names what failed (a
// file, a folder, a certificate, a store) and why, in words for the person
// who ran the command. Free of OpenSSL, so the Windows store backend can
// use it too.
#pragma once

#include <stdexcept>
#include <string>

#include "cachain/cachain.h"

namespace cachain {

class Failure : public std::runtime_error {
public:
    Failure(cachain_status status, std::string item, std::string reason)
        : std::runtime_error(item.empty() ? reason : item + ": " + reason),
          status_(status),
          item_(std::move(item)),
          reason_(std::move(reason)) {}

    cachain_status status() const noexcept { return status_; }
    const std::string& item() const noexcept { return item_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    cachain_status status_;
    std::string item_;
    std::string reason_;
};

// A failure recorded instead of thrown, so that a batch can go on.
struct Problem {
    cachain_status status = CACHAIN_OK;
    std::string item;
    std::string message;  // "<item>: <reason>"
};

inline Problem to_problem(const Failure& failure) {
    return Problem{failure.status(), failure.item(), failure.what()};
}

}  // namespace cachain
