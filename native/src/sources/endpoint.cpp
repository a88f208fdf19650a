#include "endpoint.h"

#include <algorithm>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/httperr.h>

#include "openssl_error.h"
#include "ossl.h"

namespace cachain {
namespace {

Failure not_an_endpoint(const std::string& text) {
    return Failure(CACHAIN_E_ARGUMENT, text, "is not a host name, host:port, [IPv6]:port or URL");
}

Failure bad_port(const std::string& text) {
    return Failure(CACHAIN_E_ARGUMENT, text, "the port must be a number from 1 to 65535");
}

bool is_port(const std::string& port) {
    if (port.empty() || port.size() > 5) return false;
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    const int number = std::stoi(port);
    return number >= 1 && number <= 65535;
}

// "https://host:8443/path" -> "host:8443", "https://[::1]/" -> "[::1]": an
// address pasted from a browser or a configuration file. The scheme says
// nothing about where TLS is spoken (https on 5061 is common), so only a
// port written in the URL counts.
std::string authority_of_url(const std::string& url) {
    char *scheme = nullptr, *user = nullptr, *host = nullptr, *port = nullptr;
    char *path = nullptr, *query = nullptr, *fragment = nullptr;
    int port_number = 0;
    drain_openssl_errors();
    const int parsed = OSSL_parse_url(url.c_str(), &scheme, &user, &host, &port, &port_number, &path, &query, &fragment);
    const ossl::OpenSslStringPtr owners[] = {ossl::OpenSslStringPtr(scheme), ossl::OpenSslStringPtr(user),
                                             ossl::OpenSslStringPtr(host),   ossl::OpenSslStringPtr(port),
                                             ossl::OpenSslStringPtr(path),   ossl::OpenSslStringPtr(query),
                                             ossl::OpenSslStringPtr(fragment)};
    const auto errors = drain_openssl_errors();
    if (parsed != 1) {
        const bool port_refused = std::any_of(errors.begin(), errors.end(), [](const OpenSslError& e) {
            return e.library == ERR_LIB_HTTP && e.reason == HTTP_R_INVALID_PORT_NUMBER;
        });
        throw port_refused ? bad_port(url) : not_an_endpoint(url);
    }
    if (!host || !*host) throw not_an_endpoint(url);
    // OpenSSL reports port 0 when the URL names none.
    return port_number == 0 ? std::string(host) : std::string(host) + ":" + port;
}

}  // namespace

std::string Endpoint::text() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + port;
}

Endpoint parse_endpoint(const std::string& text, const std::string& default_port) {
    if (text.empty()) throw Failure(CACHAIN_E_ARGUMENT, "ComputerName", "no host name was given");
    const std::string authority = text.find("://") != std::string::npos ? authority_of_url(text) : text;
    // A bare IPv6 address has colons but no port: parse it as a host alone.
    const bool bare_v6 = authority.front() != '[' && authority.find(':') != authority.rfind(':');
    char* host = nullptr;
    char* service = nullptr;
    const int parsed = BIO_parse_hostserv((bare_v6 ? "[" + authority + "]" : authority).c_str(), &host, &service,
                                          BIO_PARSE_PRIO_HOST);
    const ossl::OpenSslStringPtr host_owner(host), service_owner(service);
    if (parsed != 1 || !host || !*host) {
        drain_openssl_errors();
        throw not_an_endpoint(text);
    }
    Endpoint endpoint{host, service && *service ? service : default_port};
    if (!is_port(endpoint.port)) throw bad_port(text);
    return endpoint;
}

}  // namespace cachain
