// "host", "host:port" and "[v6]:port", as an administrator types them.
#pragma once

#include <string>

namespace cachain {

struct Endpoint {
    std::string host;
    std::string port;

    std::string text() const;  // "host:port", "[::1]:port"
};

// Parses with OpenSSL's own host:service parser. default_port applies when
// the text names none. Throws Failure(ARGUMENT) naming the text.
Endpoint parse_endpoint(const std::string& text, const std::string& default_port = "443");

}  // namespace cachain
