// The plain-text exchanges that come before TLS on SMTP and LDAP ports.
#pragma once

#include <ctime>
#include <string>

#include <openssl/bio.h>

namespace cachain {

// Runs the protocol's STARTTLS exchange on a connected socket BIO, leaving
// it ready for the TLS handshake. Throws Failure naming item when the
// server does not offer or accept STARTTLS, or does not answer by deadline.
void negotiate_smtp_starttls(BIO* connection, const std::string& item, std::time_t deadline);
void negotiate_ldap_starttls(BIO* connection, const std::string& item, std::time_t deadline);

}  // namespace cachain
