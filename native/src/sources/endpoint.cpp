#include "sources/endpoint.h"

#include <openssl/bio.h>

#include "error.h"
#include "ossl.h"

namespace cachain {

std::string Endpoint::text() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + port;
}

Endpoint parse_endpoint(const std::string& text, const std::string& default_port) {
    if (text.empty()) throw Failure(CACHAIN_E_ARGUMENT, "ComputerName", "no host name was given");
    // A bare IPv6 address has colons but no port: parse it as a host alone.
    const bool bare_v6 = text.front() != '[' && text.find(':') != text.rfind(':');
    char* host = nullptr;
    char* service = nullptr;
    const int parsed = bare_v6 ? BIO_parse_hostserv(("[" + text + "]").c_str(), &host, &service, BIO_PARSE_PRIO_HOST)
                               : BIO_parse_hostserv(text.c_str(), &host, &service, BIO_PARSE_PRIO_HOST);
    const ossl::OpenSslStringPtr host_owner(host), service_owner(service);
    if (parsed != 1 || !host || !*host) {
        drain_openssl_errors();
        throw Failure(CACHAIN_E_ARGUMENT, text, "is not a host name, host:port or [IPv6]:port");
    }
    Endpoint endpoint{host, service && *service ? service : default_port};
    for (const char c : endpoint.port) {
        if (c < '0' || c > '9') throw Failure(CACHAIN_E_ARGUMENT, text, "the port must be a number");
    }
    return endpoint;
}

}  // namespace cachain
