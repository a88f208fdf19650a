// The certificates a server presents in its TLS handshake, taken without
// trusting them: an untrusted chain is exactly what we diagnose.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "certificate.h"
#include "endpoint.h"

namespace cachain {

enum class StartTls {
    Auto,  // by port: SMTP on 25 and 587, LDAP on 389, plain TLS otherwise
    None,  // TLS from the first byte (443, 636, 3269, 5061...)
    Smtp,
    Ldap
};

struct TlsSourceOptions {
    int timeout_seconds = 10;                        // connect, STARTTLS and handshake, all together
    StartTls starttls = StartTls::Auto;
    std::size_t max_certificate_bytes = 100 * 1024;  // the Certificate message, all certificates together
};

struct PresentedChain {
    Endpoint endpoint;
    std::vector<CertificatePtr> certificates;  // in the order the server sent them; the first is its own
};

// Connects over IPv4 or IPv6, sends SNI (for names, not addresses), and
// returns what the server presented. Throws Failure naming the endpoint for
// a DNS failure, a refused connection, a time-out, a peer that does not
// speak TLS, a failed handshake, or a certificate list over the limit.
PresentedChain fetch_presented_chain(const Endpoint& endpoint, const TlsSourceOptions& options);

}  // namespace cachain
