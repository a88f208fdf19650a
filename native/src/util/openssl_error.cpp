#include "openssl_error.h"

#include <array>

#include <openssl/err.h>

namespace cachain {

std::vector<OpenSslError> drain_openssl_errors() {
    std::vector<OpenSslError> errors;
    const char* data = nullptr;
    int flags = 0;
    while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        std::array<char, 256> text{};
        ERR_error_string_n(code, text.data(), text.size());
        const char* reason = ERR_reason_error_string(code);
        // "system lib" tells a user nothing; the system's own words travel
        // as the error's data ("Name or service not known").
        const bool system_words = ERR_GET_REASON(code) == ERR_R_SYS_LIB && data && *data && (flags & ERR_TXT_STRING);
        const std::string recorded = data && (flags & ERR_TXT_STRING) ? data : "";
        errors.push_back({ERR_GET_LIB(code), ERR_GET_REASON(code), system_words ? data : reason ? reason : text.data(), recorded});
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
