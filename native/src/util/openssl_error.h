// The one place where OpenSSL's error queue is drained and turned into words.
#pragma once

#include <string>
#include <vector>

#include "failure.h"

namespace cachain {

struct OpenSslError {
    int library = 0;
    int reason = 0;
    std::string text;
    std::string data;  // the error's text data, as OpenSSL recorded it ("code=404,reason=Not Found")
};

// Empties this thread's OpenSSL error queue and returns what was in it,
// oldest first. Call it after every failed OpenSSL call, and before starting
// work whose errors you want to read, so old errors never leak into new
// messages.
std::vector<OpenSslError> drain_openssl_errors();

// "reason one; reason two", or fallback when the queue held nothing.
std::string describe(const std::vector<OpenSslError>& errors, const std::string& fallback);

}  // namespace cachain
