// The one error type of the library, and the one place where OpenSSL's error
// queue is drained and turned into words.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "cachain/cachain.h"

namespace cachain {

// A failure that names what failed (a file, a folder, a certificate) and why,
// in words for the person who ran the command.
class Failure : public std::runtime_error {
public:
    Failure(cachain_status status, std::string item, std::string reason);

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

Problem to_problem(const Failure& failure);

struct OpenSslError {
    int library = 0;
    int reason = 0;
    std::string text;
};

// Empties this thread's OpenSSL error queue and returns what was in it,
// oldest first. Call it after every failed OpenSSL call, and before starting
// work whose errors you want to read, so old errors never leak into new
// messages.
std::vector<OpenSslError> drain_openssl_errors();

// "reason one; reason two", or fallback when the queue held nothing.
std::string describe(const std::vector<OpenSslError>& errors, const std::string& fallback);

}  // namespace cachain
