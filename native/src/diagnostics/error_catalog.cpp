#include "error_catalog.h"

#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace cachain {
namespace {

using enum CodeKind;

// The fixes, written once. The seed's situation: this machine is outside the
// domain, so it lacks the CA certificates every domain member already has.
constexpr std::string_view import_chain =
    "Import-CaChain -Path <the exported .cer files> (export them first with "
    "Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>)";
constexpr std::string_view export_again = "Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>";
constexpr std::string_view check_chain = "Test-CaChain -ComputerName <server>";
constexpr std::string_view import_elevated =
    "Import-CaChain -Path <the exported .cer files>, from a PowerShell run as administrator (as root on Linux)";
constexpr std::string_view import_and_confirm =
    "Import-CaChain -Path <the exported .cer files>, and answer Yes when Windows asks to add the root";

// The fixes for what importing CA certificates cannot mend: the name, the
// protocol, the key or the certificate itself is wrong.
constexpr std::string_view connect_by_listed_name =
    "Connect with a name the server's certificate lists in its Subject Alternative Names, or have the certificate "
    "reissued with this name; importing CA certificates does not help";
constexpr std::string_view align_tls =
    "Enable a TLS version and cipher suite both sides support (TLS 1.2 or later; on Windows the SCHANNEL\\Protocols "
    "registry keys and the SSL Cipher Suite Order policy); importing CA certificates does not help";
constexpr std::string_view reimport_with_key =
    "Import the certificate together with its private key (a .pfx) into the computer's Personal store, and give the "
    "service's account read access to the key (certlm.msc, All Tasks, Manage Private Keys)";
constexpr std::string_view renew_expired =
    "Renew the expired certificate, or correct this machine's clock; after a CA renewal, bring the new CA "
    "certificates here with Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>, then "
    "Import-CaChain -Path <folder>";
constexpr std::string_view reissue_with_usage =
    "Have the certificate reissued from a template with the Server Authentication (for a client, Client "
    "Authentication) enhanced key usage";
constexpr std::string_view reissue_ca_constraints =
    "Have the CA certificate reissued with basic constraints CA:TRUE and a path length limit that allows the CA "
    "tiers below it";
constexpr std::string_view reissue_without_critical =
    "Have the certificate reissued without the unknown extension, or with it marked non-critical";
constexpr std::string_view reissue_with_policy =
    "Have the issuing CA's certificate reissued with the issuance policy the chain requires, or drop the requirement";
constexpr std::string_view permitted_name =
    "Have the server's certificate reissued with a name the CA's name constraints permit, or the CA certificate "
    "reissued with constraints that permit it";
constexpr std::string_view replace_revoked =
    "Request a new certificate from the CA and install it in place of the revoked one";
constexpr std::string_view reach_revocation =
    "Publish the CA's revocation list and OCSP at an HTTP address this machine can reach, or let the firewall pass "
    "it; on the CA, certutil -crl publishes a fresh revocation list";
constexpr std::string_view republish_crl =
    "Have the CA's administrator publish a current revocation list signed with the CA's current key (certutil -crl "
    "on the CA), and find out why publishing stopped; importing CA certificates does not help";
constexpr std::string_view repair_ocsp =
    "Have the CA's administrator repair the OCSP responder (its signing certificate, or its revocation "
    "configuration for this CA); importing CA certificates does not help";
constexpr std::string_view trust_self_signed =
    "Give the server a certificate from the internal CA; or, to trust this self-signed certificate on purpose, "
    "Import-CaChain -Path <its .cer file> -Force (it then goes into Root)";
constexpr std::string_view copy_again = "Copy or download the file again from its source, in binary mode";

// Values checked against Microsoft's winerror.h documentation ("Certificate
// and Trust Return Values", "SSPI Status Codes", "ASN.1 Encoding/Decoding
// Return Values") and OpenSSL's x509_vfy.h; every HRESULT is checked against
// mingw-w64's winerror.h by error_catalog_winerror_test.cpp. Descriptions are
// our own words. Every row has a fix that can work: Import-CaChain only where
// a missing CA certificate is the cause.
constexpr std::array rows = {
    // Schannel (TLS) codes, as a client sees them when it connects.
    CatalogRow{0x80090300, HResult, "SEC_E_INSUFFICIENT_MEMORY",
               "Not enough memory was available to complete the security request.",
               "the application or the machine is out of memory\n"
               "the Local Security Authority (lsass.exe) ran out of memory, often because a driver or security "
               "product leaks it",
               "Free memory and restart the application; if it recurs, restart the machine and find the process that "
               "leaks (Task Manager, the System event log)"},
    CatalogRow{0x80090301, HResult, "SEC_E_INVALID_HANDLE",
               "The security handle the application passed to Schannel is not valid, or no longer valid.",
               "the server closed or reset the connection during the handshake, often because the two sides share "
               "no TLS version\n"
               "an older .NET Framework application offers only TLS 1.0, which the server refuses\n"
               "the application reused a connection whose TLS session had ended (a bug in the application)",
               "Enable TLS 1.2 on both sides (for .NET Framework applications, set the registry values "
               "SchUseStrongCrypto and SystemDefaultTlsVersions to 1) and retry; importing CA certificates does not "
               "help"},
    CatalogRow{0x80090302, HResult, "SEC_E_UNSUPPORTED_FUNCTION",
               "The function requested is not supported: in TLS, client and server found no protocol version or "
               "cipher suite in common.",
               "the server accepts only TLS versions this client has turned off (TLS 1.0 or 1.1 on an old server, or "
               "TLS 1.3 only)\n"
               "the two sides share no cipher suite after a hardening change (the SSL Cipher Suite Order policy, IIS "
               "Crypto)\n"
               "the application asks for a protocol the system turned off (SSL 3.0, TLS 1.0)",
               align_tls},
    CatalogRow{0x80090304, HResult, "SEC_E_INTERNAL_ERROR",
               "Schannel failed inside the Local Security Authority while setting up TLS.",
               "the server's certificate has a private key Schannel cannot use (a key in a provider it cannot read)\n"
               "the two sides share no TLS version or cipher suite after a hardening change\n"
               "the Local Security Authority service is unhealthy",
               "Read the System event log's Schannel events on both sides, which name the cause; give the service's "
               "account read access to the certificate's private key, and enable a TLS version and cipher suite both "
               "sides support; importing CA certificates does not help"},
    CatalogRow{0x80090308, HResult, "SEC_E_INVALID_TOKEN",
               "What the server sent is not a TLS handshake message this client can read.",
               "the port does not speak TLS at once (plain LDAP on 389, SMTP on 25 or 587 before STARTTLS, HTTP on "
               "80)\n"
               "the two sides share no TLS version, and the server answered with something other than a TLS alert\n"
               "a proxy, load balancer or inspection device answers in place of the server",
               "Connect to the TLS port (LDAPS 636, HTTPS 443) or start TLS as the protocol requires (Get-CaChain "
               "-ComputerName <server> -Port <port> says whether the port speaks TLS), and enable a TLS version both "
               "sides support; importing CA certificates does not help"},
    CatalogRow{0x8009030D, HResult, "SEC_E_UNKNOWN_CREDENTIALS",
               "Schannel does not recognise the credentials it was given: usually a certificate whose private key it "
               "cannot use.",
               "the server's certificate was imported without its private key, or the key is in a provider Schannel "
               "cannot use\n"
               "the account running the service cannot read the private key\n"
               "the client certificate chosen for mutual TLS has no usable private key",
               reimport_with_key},
    CatalogRow{0x8009030E, HResult, "SEC_E_NO_CREDENTIALS",
               "No certificate with a usable private key was available for the TLS handshake.",
               "the server's certificate was imported without its private key\n"
               "the account running the service cannot read the private key\n"
               "a mutual-TLS peer has no client certificate to present",
               reimport_with_key},
    CatalogRow{0x8009030F, HResult, "SEC_E_MESSAGE_ALTERED",
               "A TLS record failed its integrity check: it was changed on the way.",
               "a network device, a driver or a network adapter's offload feature corrupted the traffic\n"
               "a proxy or inspection device modified the connection\n"
               "a fault in one side's TLS implementation",
               "Take the inspecting device out of the path, update the network drivers or turn the adapter's "
               "offload features off, and retry; importing CA certificates does not help"},
    CatalogRow{0x80090310, HResult, "SEC_E_OUT_OF_SEQUENCE",
               "A TLS record arrived out of sequence.",
               "a network device or proxy lost, repeated or reordered records\n"
               "the application used one TLS connection from two threads at once (a bug in the application)",
               "Take the proxy or inspection device out of the path and retry; if only one application fails, update "
               "it"},
    CatalogRow{0x80090317, HResult, "SEC_E_CONTEXT_EXPIRED",
               "The TLS session has ended and can no longer be used.",
               "the server closed the TLS session (an idle time-out, a renegotiation it refused) and the client kept "
               "using it\n"
               "a load balancer dropped the session",
               "Reconnect; if it happens every time, raise the idle time-out or allow renegotiation on the server or "
               "the load balancer"},
    CatalogRow{0x80090318, HResult, "SEC_E_INCOMPLETE_MESSAGE",
               "The data received ends in the middle of a TLS message.",
               "the server or a firewall closed the connection during the handshake\n"
               "the server refused this client's TLS version or certificate and dropped the connection without an "
               "alert\n"
               "a proxy cut the connection short",
               "Read the server's System event log (Schannel events) and the firewall's log for the dropped "
               "connection, and enable a TLS version both sides support; importing CA certificates does not help"},
    CatalogRow{0x80090320, HResult, "SEC_E_INCOMPLETE_CREDENTIALS",
               "The server asks for a client certificate, and the client supplied none it could use.",
               "the server requires mutual TLS and this machine or user has no client certificate for it\n"
               "the client certificate comes from a CA the server does not accept\n"
               "the client certificate has no usable private key",
               "Give this machine (or user) a client certificate, with its private key, from a CA the server accepts, "
               "or stop requiring client certificates on the server"},
    CatalogRow{0x80090321, HResult, "SEC_E_BUFFER_TOO_SMALL",
               "A buffer the application gave Schannel was too small.",
               "the server sends a larger certificate chain or TLS record than the application planned for (a bug in "
               "the application)",
               "Update the application; sending a shorter chain from the server (no extra roots or cross-certificates) "
               "can work around it"},
    CatalogRow{0x80090322, HResult, "SEC_E_WRONG_PRINCIPAL",
               "The name the client connected to is not a name in the server's certificate.",
               "the client used a short name, an alias or an IP address instead of the certificate's name\n"
               "DNS points the name at a different server\n"
               "the certificate's Subject Alternative Names lack this name",
               connect_by_listed_name},
    CatalogRow{0x80090325, HResult, "SEC_E_UNTRUSTED_ROOT",
               "The server's certificate chain ends in a root this machine does not trust.",
               "this machine is outside the domain, so it never received the internal root CA certificate\n"
               "only the root was imported, without the issuing (subordinate) CA certificates\n"
               "the root was imported into the user's store or the wrong folder instead of the computer's Root store",
               import_chain},
    CatalogRow{0x80090326, HResult, "SEC_E_ILLEGAL_MESSAGE",
               "The TLS peer sent a message that was unexpected or badly formed.",
               "the server rejected this client's certificate, or requires one\n"
               "the two sides share no TLS version or cipher suite\n"
               "a proxy or inspection device is rewriting the connection",
               "Read the server's System event log (Schannel events) for the alert it sent; then give the client the "
               "certificate the server requires, enable a TLS version and cipher suite both sides support, or take the "
               "inspecting proxy out of the path"},
    CatalogRow{0x80090327, HResult, "SEC_E_CERT_UNKNOWN",
               "Schannel could not process the peer's certificate, for a reason it does not name.",
               "the chain is incomplete or ends in an untrusted root\n"
               "the revocation list or OCSP responder cannot be reached from this machine\n"
               "the certificate is malformed or uses an algorithm Schannel refuses",
               check_chain},
    CatalogRow{0x80090328, HResult, "SEC_E_CERT_EXPIRED",
               "A certificate in the server's chain is outside its validity period.",
               "the server's certificate has expired and was not renewed\n"
               "an issuing or root CA certificate has expired\n"
               "this machine's clock is wrong",
               renew_expired},
    CatalogRow{0x80090329, HResult, "SEC_E_ENCRYPT_FAILURE",
               "Schannel could not encrypt the data.",
               "the cryptographic provider behind the cipher suite failed (a third-party provider, a hardware "
               "security module)\n"
               "the TLS session had already been closed",
               "Restart the application, update the cryptographic provider or its drivers, and read the System event "
               "log's Schannel events"},
    CatalogRow{0x80090330, HResult, "SEC_E_DECRYPT_FAILURE",
               "Schannel could not decrypt data the peer sent.",
               "the traffic was corrupted on the way (a network device, an adapter's offload feature)\n"
               "older Windows versions compute some TLS_DHE keys differently from other TLS implementations\n"
               "a proxy or inspection device modified the connection",
               "Install current Windows updates on both sides or turn the TLS_DHE cipher suites off, and take "
               "inspecting devices out of the path; importing CA certificates does not help"},
    CatalogRow{0x80090331, HResult, "SEC_E_ALGORITHM_MISMATCH",
               "Client and server have no TLS algorithm in common.",
               "TLS 1.0/1.1 or weak cipher suites were disabled on one side only\n"
               "the certificate's key type (RSA, ECDSA) does not fit the enabled cipher suites",
               align_tls},
    CatalogRow{0x80090346, HResult, "SEC_E_BAD_BINDINGS",
               "The channel binding the client sent does not match the server's TLS channel (Extended Protection for "
               "Authentication).",
               "a proxy, load balancer or inspection device ends TLS between client and server, so the two see "
               "different channels\n"
               "the server enforces Extended Protection and the client does not support it",
               "Let TLS pass end to end (no TLS-terminating device between client and server), or relax Extended "
               "Protection on the server for clients behind that device; importing CA certificates does not help"},
    CatalogRow{0x80090349, HResult, "SEC_E_CERT_WRONG_USAGE",
               "The certificate is not valid for what it is used for here.",
               "the server's certificate lacks the Server Authentication enhanced key usage\n"
               "a mutual-TLS peer's certificate lacks Client Authentication",
               reissue_with_usage},
    CatalogRow{0x80090352, HResult, "SEC_E_ISSUING_CA_UNTRUSTED",
               "A CA that issued a certificate used for authentication is not trusted here.",
               "this machine lacks the issuing CA certificate of the internal chain\n"
               "a smart card or Kerberos logon certificate comes from a CA that is not trusted for logon",
               import_chain},
    CatalogRow{0x80090367, HResult, "SEC_E_APPLICATION_PROTOCOL_MISMATCH",
               "Client and server share no application protocol (ALPN), such as HTTP/2 or HTTP/1.1.",
               "the server offers only HTTP/2 and the client only HTTP/1.1, or the other way round\n"
               "a proxy removes the protocol list from the handshake",
               "Enable an application protocol both sides support (HTTP/1.1 on the server, or HTTP/2 on the client); "
               "importing CA certificates does not help"},

    // SSPI codes from Kerberos and NTLM (Negotiate), which machines outside
    // the domain meet when they sign in to a server over TLS (WinRM, Remote
    // Desktop, IIS): importing CA certificates mends none of them.
    CatalogRow{0x80090303, HResult, "SEC_E_TARGET_UNKNOWN",
               "The server's name is unknown to the authentication service, or cannot be reached.",
               "the client connects by IP address, an alias (CNAME) or a short name for which no service principal "
               "name (SPN) is registered\n"
               "this machine is outside the domain, so it cannot ask a domain controller about the name\n"
               "the SPN is registered on another account than the one the service runs as",
               "Connect with the server's full DNS name, register the missing SPN (setspn -S <service>/<name> "
               "<account>), or sign in with explicit domain credentials (DOMAIN\\user) so that NTLM can stand in for "
               "Kerberos"},
    CatalogRow{0x8009030C, HResult, "SEC_E_LOGON_DENIED",
               "The logon attempt failed: the server rejected the credentials.",
               "the user name or password is wrong, or a local account's name was given where a domain account "
               "(DOMAIN\\user) is needed\n"
               "the account is disabled, locked out or expired, or may not sign in to that server\n"
               "the domain restricts NTLM, and this machine outside the domain cannot use Kerberos\n"
               "a client certificate maps to an account that may not sign in",
               "Sign in with a valid domain account, written DOMAIN\\user or user@domain, and check the account in "
               "Active Directory; importing CA certificates does not help"},
    CatalogRow{0x80090311, HResult, "SEC_E_NO_AUTHENTICATING_AUTHORITY",
               "No authority could be contacted to authenticate: no domain controller (Kerberos KDC) answered.",
               "this machine is outside the domain and cannot reach a domain controller, so Kerberos cannot get a "
               "ticket\n"
               "this machine's DNS does not resolve the domain's service records (_kerberos._tcp)\n"
               "a firewall blocks Kerberos (port 88) to the domain controllers\n"
               "the server requires Kerberos and refuses NTLM",
               "Let this machine reach a domain controller (the domain's DNS servers, port 88 open), or sign in with "
               "explicit domain credentials (DOMAIN\\user) so that NTLM can stand in for Kerberos where the server "
               "allows it; importing CA certificates does not help"},
    CatalogRow{0x80090324, HResult, "SEC_E_TIME_SKEW",
               "The clocks of the client and the server (or domain controller) differ by more than Kerberos allows.",
               "this machine does not take its time from the domain, and its clock is more than 5 minutes off\n"
               "the time zone or daylight-saving setting is wrong",
               "Set this machine's clock right: w32tm /config /manualpeerlist:<domain controller> "
               "/syncfromflags:manual /update, then w32tm /resync"},
    // CertGetCertificateChain and CertVerifyCertificateChainPolicy codes.
    CatalogRow{0x800B0100, HResult, "TRUST_E_NOSIGNATURE", "The file or object carries no signature.",
               "the file was never signed\nthe signature was stripped when the file was copied or repackaged",
               "Get a signed copy of the file from its publisher"},
    CatalogRow{0x800B0101, HResult, "CERT_E_EXPIRED", "A certificate in the chain is outside its validity period.",
               "the certificate has expired and was not renewed\nan issuing or root CA certificate has expired\n"
               "this machine's clock is wrong",
               renew_expired},
    CatalogRow{0x800B0102, HResult, "CERT_E_VALIDITYPERIODNESTING",
               "A certificate is valid for longer than the CA certificate that issued it.",
               "the CA issued a certificate that outlives the CA's own certificate",
               "Have the CA reissue the certificate so that it ends before the CA certificate does, or renew the CA "
               "certificate first"},
    CatalogRow{0x800B0103, HResult, "CERT_E_ROLE",
               "A certificate is used as a CA although it may only be an end entity, or the other way round.",
               "a server certificate was placed where a CA certificate belongs\n"
               "a CA certificate lacks the basic constraints that make it a CA",
               reissue_ca_constraints},
    CatalogRow{0x800B0104, HResult, "CERT_E_PATHLENCONST", "The chain is longer than a CA's path length limit allows.",
               "a CA with a path length limit of 0 issued another CA\nan extra CA tier was added under a limited CA",
               reissue_ca_constraints},
    CatalogRow{0x800B0105, HResult, "CERT_E_CRITICAL",
               "A certificate has an extension marked critical that Windows does not understand.",
               "the CA added a custom extension and marked it critical",
               reissue_without_critical},
    CatalogRow{0x800B0106, HResult, "CERT_E_PURPOSE",
               "A certificate is used for a purpose its CA did not allow.",
               "the certificate's key usages do not include this use\n"
               "a CA in the chain restricts the usages its certificates may have",
               reissue_with_usage},
    CatalogRow{0x800B0107, HResult, "CERT_E_ISSUERCHAINING",
               "The CA certificate found for a certificate did not actually issue it.",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "two CAs have the same name",
               import_chain},
    CatalogRow{0x800B0108, HResult, "CERT_E_MALFORMED",
               "A certificate lacks an important field, such as its subject or issuer name, or has it empty.",
               "the certificate was made by a tool or template that left a required field empty",
               "Have the certificate reissued with its subject and issuer names filled in"},
    CatalogRow{0x800B0109, HResult, "CERT_E_UNTRUSTEDROOT",
               "The chain was built, but it ends in a root this machine does not trust.",
               "this machine is outside the domain, so it never received the internal root CA certificate\n"
               "the root was imported into the user's store or the wrong folder instead of the computer's Root store",
               import_chain},
    CatalogRow{0x800B010A, HResult, "CERT_E_CHAINING",
               "No chain could be built from the certificate up to a trusted root.",
               "this machine lacks an issuing or policy (subordinate) CA certificate\n"
               "the CA certificates' download (AIA) addresses are only reachable inside the domain",
               import_chain},
    CatalogRow{0x800B010C, HResult, "CERT_E_REVOKED", "Its issuer has revoked a certificate in the chain.",
               "the certificate was revoked after a renewal, a key compromise or a decommission",
               replace_revoked},
    CatalogRow{0x800B010D, HResult, "CERT_E_UNTRUSTEDTESTROOT",
               "The chain ends in a test root, and policy does not allow test roots.",
               "the server still uses a certificate from a test or lab CA",
               "Replace the server's certificate with one from the production CA"},
    CatalogRow{0x800B010E, HResult, "CERT_E_REVOCATION_FAILURE",
               "Windows could not find out whether a certificate in the chain was revoked.",
               "the revocation list (CDP) or OCSP address is only reachable inside the domain (an LDAP address)\n"
               "the CA's revocation list has expired and was not republished",
               reach_revocation},
    CatalogRow{0x800B010F, HResult, "CERT_E_CN_NO_MATCH",
               "The certificate's name does not match the name that was connected to.",
               "the client used a short name, an alias or an IP address; connect with the name in the certificate\n"
               "the certificate's Subject Alternative Names lack this name",
               connect_by_listed_name},
    CatalogRow{0x800B0110, HResult, "CERT_E_WRONG_USAGE", "The certificate is not valid for the requested usage.",
               "the certificate lacks the Server (or Client) Authentication enhanced key usage",
               reissue_with_usage},
    CatalogRow{0x800B0111, HResult, "TRUST_E_EXPLICIT_DISTRUST",
               "A certificate in the chain has been explicitly marked as not trusted.",
               "the certificate or its CA is in the Untrusted Certificates (Disallowed) store\n"
               "Microsoft's disallowed list includes it",
               "If the distrust is a mistake, delete the certificate from the Untrusted Certificates store "
               "(certlm.msc); a certificate Microsoft distrusts must be replaced"},
    CatalogRow{0x800B0112, HResult, "CERT_E_UNTRUSTEDCA",
               "The chain was built, but one of its CA certificates is not trusted for this use.",
               "an issuing CA certificate is missing from, or was removed from, the Intermediate store\n"
               "a CA certificate is restricted to other purposes",
               import_chain},
    CatalogRow{0x800B0113, HResult, "CERT_E_INVALID_POLICY",
               "A certificate's policies do not satisfy the policies the chain requires.",
               "a policy CA requires an issuance policy the issuing CA's certificates do not carry",
               reissue_with_policy},
    CatalogRow{0x800B0114, HResult, "CERT_E_INVALID_NAME",
               "A certificate's name is outside the names a CA in the chain may certify.",
               "a CA's name constraints exclude the server's name, or do not permit it",
               permitted_name},
    CatalogRow{0x80096001, HResult, "TRUST_E_SYSTEM_ERROR", "A system error occurred while verifying trust.",
               "a cryptographic provider or the trust subsystem failed\nthe machine is low on memory or resources",
               "Restart the application; if it recurs, restart the machine and read the System event log for errors of "
               "the cryptographic services"},
    CatalogRow{0x80096002, HResult, "TRUST_E_NO_SIGNER_CERT",
               "The certificate of the signer is missing or not valid.",
               "the signed file does not include its signer's certificate",
               "Get a copy of the file signed with its signer's certificate included"},
    CatalogRow{0x80096004, HResult, "TRUST_E_CERT_SIGNATURE",
               "The signature on a certificate in the chain does not verify.",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "the certificate file was damaged",
               import_chain},
    CatalogRow{0x80096010, HResult, "TRUST_E_BAD_DIGEST", "The object's digital signature does not verify.",
               "the file was changed after it was signed\nthe download was truncated or damaged",
               copy_again},
    CatalogRow{0x80096019, HResult, "TRUST_E_BASIC_CONSTRAINTS",
               "A certificate's basic constraints are missing or not respected.",
               "a certificate without CA basic constraints was used as a CA\na CA exceeded its path length limit",
               reissue_ca_constraints},
    CatalogRow{0x8009601E, HResult, "TRUST_E_FINANCIAL_CRITERIA",
               "The certificate lacks the Authenticode financial extensions, or does not meet them.",
               "a code-signing policy that demands them checked an ordinary certificate",
               "Check the file with the ordinary Authenticode policy, which does not demand the financial extensions"},

    // CryptoAPI codes: reading certificate files and working with stores.
    CatalogRow{0x80091007, HResult, "CRYPT_E_HASH_VALUE", "A hash value is not correct.",
               "the file or message was changed or damaged after it was hashed",
               copy_again},
    CatalogRow{0x80092002, HResult, "CRYPT_E_BAD_ENCODE", "Encoding or decoding a certificate failed.",
               "the file is not a certificate, or was damaged when copied\n"
               "a Base64 (PEM) file was edited or re-wrapped",
               export_again},
    CatalogRow{0x80092004, HResult, "CRYPT_E_NOT_FOUND", "The certificate or property looked for was not found.",
               "the certificate is not in the store that was searched\n"
               "the certificate was already removed",
               "Search the store the certificate was placed in, by its exact thumbprint (Import-CaChain's output names "
               "each store and thumbprint)"},
    CatalogRow{0x80092005, HResult, "CRYPT_E_EXISTS", "The certificate is already in the store.",
               "the CA certificate was imported before, on this machine or by Group Policy", check_chain},
    CatalogRow{0x80092007, HResult, "CRYPT_E_SELF_SIGNED", "The certificate is self-signed.",
               "the server uses a self-signed certificate instead of one from the internal CA\n"
               "a root certificate was given where an issued certificate was expected",
               trust_self_signed},
    CatalogRow{0x80092009, HResult, "CRYPT_E_NO_MATCH", "No certificate matches what was asked for.",
               "the file holds no certificate of the kind wanted\nthe thumbprint or name given matches nothing",
               "Check what the file holds with Get-CaChain -Path <file>, and the thumbprint or name given"},
    CatalogRow{0x8009200D, HResult, "CRYPT_E_BAD_MSG",
               "The data is not a cryptographic message, or it is badly formed.",
               "the file is not a .cer, .p7b or .pfx (an HTML error page saved under that name, for example)\n"
               "the file was damaged or cut short when copied",
               export_again},
    CatalogRow{0x80092010, HResult, "CRYPT_E_REVOKED", "The certificate or signature has been revoked.",
               "the certificate was revoked after a renewal, a key compromise or a decommission",
               replace_revoked},
    CatalogRow{0x80092012, HResult, "CRYPT_E_NO_REVOCATION_CHECK",
               "The revocation status of the certificate could not be checked.",
               "the certificate names no revocation list (CDP) or OCSP address\n"
               "no revocation provider handles the addresses it names",
               "Have the CA name its revocation list (CDP) and OCSP addresses in the certificates it issues, or turn "
               "revocation checking off for this application where policy allows"},
    CatalogRow{0x80092013, HResult, "CRYPT_E_REVOCATION_OFFLINE",
               "Revocation could not be checked because the revocation server is offline.",
               "the revocation list (CDP) or OCSP address is only reachable inside the domain (an LDAP address)\n"
               "a firewall or proxy blocks the CA's HTTP address\nthe CA's revocation list has expired",
               reach_revocation},
    CatalogRow{0x80093102, HResult, "CRYPT_E_ASN1_EOD", "The certificate data ends before it should.",
               "the file was cut short when copied or downloaded\n"
               "the file was transferred in text mode, which changed its bytes",
               export_again},
    CatalogRow{0x8009310B, HResult, "CRYPT_E_ASN1_BADTAG", "The certificate data is not in the expected format.",
               "the file is not DER or Base64 certificate data (a text or HTML file, a key)\n"
               "the file was damaged when copied",
               export_again},

    // Store backends: writing to the computer's stores.
    CatalogRow{0x80070005, HResult, "E_ACCESSDENIED", "Access is denied.",
               "the computer's (LocalMachine) stores need administrator rights, and PowerShell is not elevated\n"
               "on Linux, the system trust folder needs root",
               import_elevated},
    CatalogRow{0x800704C7, HResult, "ERROR_CANCELLED",
               "The operation was cancelled by the user (HRESULT_FROM_WIN32(ERROR_CANCELLED)).",
               "the user answered No to Windows' prompt for adding a root to the current user's Root store\n"
               "the session is unattended, so no one could answer the prompt",
               import_and_confirm},

    // OpenSSL's X509_verify_cert codes, as Linux tools (curl, openssl s_client) report them.
    CatalogRow{0, OpenSsl, "X509_V_OK", "", "the certificate and its chain verified; nothing is wrong",
               "Nothing: the chain is trusted"},
    CatalogRow{2, OpenSsl, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "",
               "this machine lacks an issuing or policy CA certificate of the internal chain\n"
               "the server does not send its intermediate CA certificates",
               import_chain},
    CatalogRow{3, OpenSsl, "X509_V_ERR_UNABLE_TO_GET_CRL", "",
               "revocation checking is on and the CA's revocation list was not provided or could not be fetched",
               "Give the verifier the CA's revocation list (openssl verify -CRLfile <file>), or leave revocation "
               "checking off (no -crl_check) where policy allows"},
    CatalogRow{7, OpenSsl, "X509_V_ERR_CERT_SIGNATURE_FAILURE", "",
               "the CA was renewed with a new key and this machine has the old CA certificate\n"
               "the certificate was damaged",
               import_chain},
    CatalogRow{8, OpenSsl, "X509_V_ERR_CRL_SIGNATURE_FAILURE", "",
               "the revocation list is not signed by the CA's key: forged, or signed by a renewed CA key\n"
               "a proxy or web server returned another CA's list under that address",
               republish_crl},
    CatalogRow{9, OpenSsl, "X509_V_ERR_CERT_NOT_YET_VALID", "",
               "this machine's clock is behind\nthe certificate was issued with a start date in the future",
               "Correct this machine's clock, or wait until the certificate's start date"},
    CatalogRow{10, OpenSsl, "X509_V_ERR_CERT_HAS_EXPIRED", "",
               "the certificate or a CA certificate has expired and was not renewed\nthis machine's clock is wrong",
               renew_expired},
    CatalogRow{11, OpenSsl, "X509_V_ERR_CRL_NOT_YET_VALID", "",
               "this machine's clock is behind the CA's\nthe CA published a list dated in the future",
               "Correct this machine's clock (or the CA's), then check again"},
    CatalogRow{12, OpenSsl, "X509_V_ERR_CRL_HAS_EXPIRED", "",
               "the CA stopped publishing its revocation list (a CA offline, a failed publishing task)\n"
               "a cache or proxy serves an old copy",
               republish_crl},
    CatalogRow{18, OpenSsl, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "",
               "the server uses a self-signed certificate instead of one from the internal CA",
               trust_self_signed},
    CatalogRow{19, OpenSsl, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "",
               "the server sends its whole chain, root included, but this machine does not trust that root\n"
               "this machine is outside the domain, so it never received the internal root CA certificate",
               import_chain},
    CatalogRow{20, OpenSsl, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "",
               "this machine lacks the internal root or issuing CA certificate\n"
               "the CA certificates were copied but not added to the system trust (update-ca-certificates not run)\n"
               "the server sends only its own certificate: Linux clients (curl, openssl s_client) read no "
               "intermediate store, so the server must send its intermediate CA certificates",
               import_chain},
    CatalogRow{21, OpenSsl, "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE", "",
               "the server sends only its own certificate, and this machine lacks the CA that issued it",
               import_chain},
    CatalogRow{22, OpenSsl, "X509_V_ERR_CERT_CHAIN_TOO_LONG", "",
               "the chain is deeper than the verifier's depth limit",
               "Raise the verifier's depth limit (openssl s_client -verify_depth <n>)"},
    CatalogRow{23, OpenSsl, "X509_V_ERR_CERT_REVOKED", "",
               "the certificate was revoked after a renewal, a key compromise or a decommission",
               replace_revoked},
    CatalogRow{24, OpenSsl, "X509_V_ERR_NO_ISSUER_PUBLIC_KEY", "",
               "the issuer certificate found has no usable public key (damaged, or an unsupported key type)",
               "Replace the damaged CA certificate with a good copy (Get-CaChain -ComputerName <server> | "
               "Export-CaChain -Destination <folder>, then Import-CaChain); a key type this OpenSSL cannot read needs "
               "a newer OpenSSL"},
    CatalogRow{25, OpenSsl, "X509_V_ERR_PATH_LENGTH_EXCEEDED", "",
               "a CA with a path length limit issued more CA tiers than the limit allows",
               reissue_ca_constraints},
    CatalogRow{26, OpenSsl, "X509_V_ERR_INVALID_PURPOSE", "",
               "the certificate lacks the Server (or Client) Authentication extended key usage",
               reissue_with_usage},
    CatalogRow{27, OpenSsl, "X509_V_ERR_CERT_UNTRUSTED", "",
               "the root is present but not trusted for this purpose\n"
               "the root was added as an intermediate instead of as a trust anchor",
               import_chain},
    CatalogRow{28, OpenSsl, "X509_V_ERR_CERT_REJECTED", "",
               "the root is marked as rejected for this purpose in the trust settings",
               "If the rejection is a mistake, take the root off the distrust list (/etc/pki/ca-trust/source/blocklist "
               "on RHEL and Fedora) and refresh the system trust"},
    CatalogRow{29, OpenSsl, "X509_V_ERR_SUBJECT_ISSUER_MISMATCH", "",
               "a CA certificate with a different name was offered as the issuer\n"
               "this machine lacks the CA certificate that really issued it",
               import_chain},
    CatalogRow{30, OpenSsl, "X509_V_ERR_AKID_SKID_MISMATCH", "",
               "the CA was renewed with a new key and this machine has the old CA certificate", import_chain},
    CatalogRow{32, OpenSsl, "X509_V_ERR_KEYUSAGE_NO_CERTSIGN", "",
               "a CA certificate's key usage does not allow signing certificates",
               "Have the CA certificate reissued with the keyCertSign key usage"},
    CatalogRow{33, OpenSsl, "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER", "",
               "the revocation list at the certificate's address was issued by another CA",
               republish_crl},
    CatalogRow{34, OpenSsl, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION", "",
               "the CA added an extension OpenSSL does not understand and marked it critical",
               reissue_without_critical},
    CatalogRow{37, OpenSsl, "X509_V_ERR_INVALID_NON_CA", "",
               "a certificate that is not a CA has CA markings or was used as an issuer",
               "Have the certificate reissued without CA markings, and let a real CA certificate issue the others"},
    CatalogRow{43, OpenSsl, "X509_V_ERR_NO_EXPLICIT_POLICY", "",
               "a CA requires an explicit certificate policy that the chain does not carry",
               reissue_with_policy},
    CatalogRow{47, OpenSsl, "X509_V_ERR_PERMITTED_VIOLATION", "",
               "a CA's name constraints do not permit the server's name",
               permitted_name},
    CatalogRow{48, OpenSsl, "X509_V_ERR_EXCLUDED_VIOLATION", "",
               "a CA's name constraints exclude the server's name",
               permitted_name},
    CatalogRow{55, OpenSsl, "X509_V_ERR_PATH_LOOP", "",
               "two CA certificates certify each other (cross-certification) and no root ends the loop",
               "Leave one of the two cross-certificates out of what the verifier is given, so that the chain ends at a "
               "root"},
    CatalogRow{62, OpenSsl, "X509_V_ERR_HOSTNAME_MISMATCH", "",
               "the client used a short name, an alias or an IP address; connect with the name in the certificate\n"
               "the certificate's Subject Alternative Names lack this name",
               connect_by_listed_name},
    CatalogRow{64, OpenSsl, "X509_V_ERR_IP_ADDRESS_MISMATCH", "",
               "the client connected by IP address and the certificate does not list that address",
               "Connect with a DNS name the certificate lists, or have the certificate reissued with this IP address "
               "in its Subject Alternative Names; importing CA certificates does not help"},
    CatalogRow{66, OpenSsl, "X509_V_ERR_EE_KEY_TOO_SMALL", "",
               "the server's key is shorter than this machine's security level allows (RSA under 2048 bits)",
               "Have the server's certificate reissued with a key of at least 2048 bits (RSA) or 256 bits (ECDSA)"},
    CatalogRow{67, OpenSsl, "X509_V_ERR_CA_KEY_TOO_SMALL", "",
               "an internal CA's key is shorter than this machine's security level allows (RSA under 2048 bits)",
               "Renew the CA with a key of at least 2048 bits (RSA) and reissue the certificates under it"},
    CatalogRow{68, OpenSsl, "X509_V_ERR_CA_MD_TOO_WEAK", "",
               "an internal CA signs with SHA-1 or MD5, which this machine's security level refuses",
               "Renew the CA certificate with a SHA-256 signature and have the CA sign the certificates under it with "
               "SHA-256"},
    CatalogRow{74, OpenSsl, "X509_V_ERR_OCSP_VERIFY_FAILED", "",
               "the OCSP responder's answer is not signed by the CA or a responder it delegated to\n"
               "the answer is not an OCSP response (an error page), or is out of date",
               repair_ocsp},
    CatalogRow{75, OpenSsl, "X509_V_ERR_OCSP_CERT_UNKNOWN", "",
               "the OCSP responder does not know the certificate: it serves another CA, or its database lacks this one",
               repair_ocsp},
    CatalogRow{79, OpenSsl, "X509_V_ERR_INVALID_CA", "",
               "a certificate used as an issuer is not marked as a CA (basic constraints missing or false)",
               reissue_ca_constraints},
};

std::string hresult_text(std::uint32_t value) {
    std::array<char, 8> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, 16).ptr;
    std::string hex(digits.data(), end);
    std::ranges::transform(hex, hex.begin(), [](char c) { return c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c; });
    return "0x" + std::string(8 - hex.size(), '0') + hex;
}

}  // namespace

std::span<const CatalogRow> error_catalog() { return rows; }

Explanation explain(const CatalogRow& row) {
    Explanation explanation;
    explanation.value = row.value;
    explanation.name = row.name;
    explanation.causes = row.causes;
    explanation.fix = row.fix;
    if (row.kind == HResult) {
        explanation.code = hresult_text(row.value);
        explanation.kind = "HRESULT";
        explanation.description = row.description;
    } else {
        explanation.code = std::to_string(row.value);
        explanation.kind = "OpenSSL";
        explanation.description = X509_verify_cert_error_string(static_cast<long>(row.value));
    }
    return explanation;
}

}  // namespace cachain
