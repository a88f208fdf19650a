#include "tls_source.h"

#include <algorithm>
#include <ctime>
#include <memory>

#include <openssl/err.h>
#ifdef _WIN32
#include <winsock2.h>  // AF_UNSPEC, SOCK_STREAM
#else
#include <sys/socket.h>
#endif
#include <openssl/ssl.h>

#include "openssl_error.h"
#include "platform_socket.h"
#include "sigpipe_guard.h"
#include "starttls.h"

namespace cachain {
namespace {

using SslCtxPtr = std::unique_ptr<SSL_CTX, ossl::Deleter<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, ossl::Deleter<SSL_free>>;

bool is_ip_address(const std::string& host) {
    ASN1_OCTET_STRING* address = a2i_IPADDRESS(host.c_str());
    const bool ip = address != nullptr;
    ASN1_OCTET_STRING_free(address);
    drain_openssl_errors();
    return ip;
}

StartTls starttls_for(const Endpoint& endpoint, StartTls requested) {
    if (requested != StartTls::Auto) return requested;
    if (endpoint.port == "25" || endpoint.port == "587") return StartTls::Smtp;
    if (endpoint.port == "389") return StartTls::Ldap;
    return StartTls::None;
}

bool has_reason(const std::vector<OpenSslError>& errors, int library, int reason) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const OpenSslError& e) { return e.library == library && e.reason == reason; });
}

Failure connect_failure(const Endpoint& endpoint, int timeout_seconds, int error_number, bool lookup_failed) {
    const auto errors = drain_openssl_errors();
    const std::string item = endpoint.text();
    if (lookup_failed) {
        return Failure(CACHAIN_E_HOST_NOT_FOUND, item, "cannot resolve the host name '" + endpoint.host + "' (" +
                                               describe(errors, "no address") + ")");
    }
    if (is_connection_refused(error_number))
        return Failure(CACHAIN_E_CONNECTION_FAILED, item,
                       "the connection was refused: nothing listens on port " + endpoint.port);
    if (is_timed_out(error_number))
        return Failure(CACHAIN_E_TIMED_OUT, item, "no connection within " + std::to_string(timeout_seconds) + " seconds");
    if (error_number != 0)
        return Failure(CACHAIN_E_CONNECTION_FAILED, item, "cannot connect (" + socket_error_text(error_number) + ")");
    return Failure(CACHAIN_E_CONNECTION_FAILED, item, "cannot connect (" + describe(errors, "no usable address") + ")");
}

// Starts a non-blocking connect and waits for it until deadline. On
// failure, error_number says why (timed_out_error() for the deadline).
bool try_connect(int fd, const BIO_ADDR* address, std::time_t deadline, int& error_number) {
    if (BIO_connect(fd, address, BIO_SOCK_NONBLOCK) == 1) return true;  // 0 would make it blocking again
    if (!BIO_sock_should_retry(-1)) {
        error_number = last_socket_error();
        drain_openssl_errors();
        return false;
    }
    error_number = wait_for_connect(fd, deadline);
    return error_number == 0;
}

Failure handshake_failure(const Endpoint& endpoint, int ssl_error, const TlsSourceOptions& options) {
    const auto errors = drain_openssl_errors();
    const std::string item = endpoint.text();
    if (has_reason(errors, ERR_LIB_SSL, SSL_R_EXCESSIVE_MESSAGE_SIZE)) {
        return Failure(CACHAIN_E_TOO_LARGE, item,
                       "the server sent more certificate data than the " +
                           std::to_string(options.max_certificate_bytes / 1024) + " KiB limit");
    }
    if (has_reason(errors, ERR_LIB_SSL, SSL_R_WRONG_VERSION_NUMBER) ||
        has_reason(errors, ERR_LIB_SSL, SSL_R_PACKET_LENGTH_TOO_LONG) ||
        has_reason(errors, ERR_LIB_SSL, SSL_R_UNKNOWN_PROTOCOL) ||
        has_reason(errors, ERR_LIB_SSL, SSL_R_RECORD_LENGTH_MISMATCH)) {
        return Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item,
                       "the server does not speak TLS on port " + endpoint.port + " (" + describe(errors, "") +
                           "); for SMTP or LDAP, STARTTLS may be needed");
    }
    if (ssl_error == SSL_ERROR_SYSCALL || ssl_error == SSL_ERROR_ZERO_RETURN ||
        has_reason(errors, ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING)) {
        return Failure(CACHAIN_E_CONNECTION_FAILED, item, "the server closed the connection during the TLS handshake");
    }
    return Failure(CACHAIN_E_IO, item, "the TLS handshake failed (" + describe(errors, "unknown error") + ")");
}

SslCtxPtr make_context(const TlsSourceOptions& options) {
    SslCtxPtr context(SSL_CTX_new(TLS_client_method()));
    if (!context) throw Failure(CACHAIN_E_INTERNAL, "TLS", describe(drain_openssl_errors(), "cannot create a TLS context"));
    // We read the chain to diagnose it: no verification, and old servers
    // with weak keys or protocols must still show what they present.
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_security_level(context.get(), 0);
    SSL_CTX_set_min_proto_version(context.get(), 0);
    SSL_CTX_set_cipher_list(context.get(), "ALL:@SECLEVEL=0");
    SSL_CTX_set_options(context.get(), SSL_OP_LEGACY_SERVER_CONNECT | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_max_cert_list(context.get(), static_cast<long>(options.max_certificate_bytes));
    return context;
}

// A connected, non-blocking socket BIO. Each address the name resolves to
// is tried in turn (IPv6 and IPv4), each within what is left of the time.
ossl::BioPtr connect_socket(const Endpoint& endpoint, int timeout_seconds, std::time_t deadline) {
    drain_openssl_errors();
    BIO_ADDRINFO* found = nullptr;
    if (BIO_lookup_ex(endpoint.host.c_str(), endpoint.port.c_str(), BIO_LOOKUP_CLIENT, AF_UNSPEC, SOCK_STREAM, 0, &found) != 1) {
        throw connect_failure(endpoint, timeout_seconds, 0, true);
    }
    const std::unique_ptr<BIO_ADDRINFO, ossl::Deleter<BIO_ADDRINFO_free>> addresses(found);
    int last_error = 0;
    for (const BIO_ADDRINFO* address = found; address; address = BIO_ADDRINFO_next(address)) {
        const int fd = BIO_socket(BIO_ADDRINFO_family(address), SOCK_STREAM, 0, 0);
        if (fd < 0) continue;
        if (try_connect(fd, BIO_ADDRINFO_address(address), deadline, last_error)) {
            ossl::BioPtr connection(BIO_new_socket(fd, BIO_CLOSE));
            if (connection) return connection;
        }
        BIO_closesocket(fd);
    }
    throw connect_failure(endpoint, timeout_seconds, last_error, false);
}

void handshake(SSL* ssl, BIO* connection, const Endpoint& endpoint, const TlsSourceOptions& options, std::time_t deadline) {
    int fd = -1;
    BIO_get_fd(connection, &fd);
    for (;;) {
        const int result = SSL_connect(ssl);
        if (result == 1) return;
        const int error = SSL_get_error(ssl, result);
        if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) throw handshake_failure(endpoint, error, options);
        if (BIO_socket_wait(fd, error == SSL_ERROR_WANT_READ, deadline) <= 0) {
            drain_openssl_errors();
            throw Failure(CACHAIN_E_TIMED_OUT, endpoint.text(),
                          "no TLS handshake within " + std::to_string(options.timeout_seconds) +
                              " seconds (the server sent nothing, or too slowly)");
        }
    }
}

}  // namespace

PresentedChain fetch_presented_chain(const Endpoint& endpoint, const TlsSourceOptions& options) {
    const std::time_t deadline = std::time(nullptr) + options.timeout_seconds;
    const SigpipeGuard no_sigpipe;
    ossl::BioPtr connection = connect_socket(endpoint, options.timeout_seconds, deadline);
    switch (starttls_for(endpoint, options.starttls)) {
    case StartTls::Smtp: negotiate_smtp_starttls(connection.get(), endpoint.text(), deadline); break;
    case StartTls::Ldap: negotiate_ldap_starttls(connection.get(), endpoint.text(), deadline); break;
    default: break;
    }

    const SslCtxPtr context = make_context(options);
    const SslPtr ssl(SSL_new(context.get()));
    if (!ssl) throw Failure(CACHAIN_E_INTERNAL, endpoint.text(), "cannot create a TLS session");
    if (!is_ip_address(endpoint.host)) SSL_set_tlsext_host_name(ssl.get(), endpoint.host.c_str());
    BIO* socket = connection.release();
    SSL_set_bio(ssl.get(), socket, socket);  // the session owns the socket from here
    handshake(ssl.get(), socket, endpoint, options, deadline);

    PresentedChain presented{endpoint, {}};
    const STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get());
    for (int i = 0; i < sk_X509_num(chain); ++i) {
        X509* cert = sk_X509_value(chain, i);
        X509_up_ref(cert);
        try {
            presented.certificates.push_back(std::make_shared<const Certificate>(ossl::X509Ptr(cert)));
        } catch (const Failure& failure) {
            throw Failure(failure.status(), endpoint.text(), "certificate " + std::to_string(i + 1) +
                                                                 " the server sent is unusable: " + failure.reason());
        }
    }
    drain_openssl_errors();
    if (presented.certificates.empty()) {
        throw Failure(CACHAIN_E_EMPTY, endpoint.text(), "the server completed the handshake without a certificate");
    }
    return presented;
}

}  // namespace cachain
