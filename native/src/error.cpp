#include "error.h"

#include <array>

#include <openssl/err.h>

namespace cachain {

std::vector<OpenSslError> drain_openssl_errors() {
    std::vector<OpenSslError> errors;
    while (const unsigned long code = ERR_get_error()) {
        std::array<char, 256> text{};
        ERR_error_string_n(code, text.data(), text.size());
        const char* reason = ERR_reason_error_string(code);
        errors.push_back({ERR_GET_LIB(code), ERR_GET_REASON(code), reason ? reason : text.data()});
    }
    return errors;
}

std::string describe(const std::vector<OpenSslError>& errors, const std::string& fallback) {
    std::string joined;
    for (const auto& error : errors) {
        if (joined.find(error.text) != std::string::npos) continue;
        if (!joined.empty()) joined += "; ";
        joined += error.text;
    }
    return joined.empty() ? fallback : joined;
}

}  // namespace cachain
