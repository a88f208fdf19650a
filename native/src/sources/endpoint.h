// "host", "host:port", "[v6]:port" and pasted URLs, as an administrator types them.
#pragma once

#include <string>

namespace cachain {

struct Endpoint {
    std::string host;
    std::string port;

    std::string text() const;  // "host:port", "[::1]:port"
};

// Parses with OpenSSL's own host:service and URL parsers. A port written in
// the text wins; default_port applies when it names none. A URL
// ("https://host:8443/path") keeps only its host and port. Throws
// Failure(ARGUMENT) naming the text: not an endpoint, or a port that is not
// a number from 1 to 65535.
Endpoint parse_endpoint(const std::string& text, const std::string& default_port = "443");

}  // namespace cachain
