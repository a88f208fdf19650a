// How much key-derivation work a PKCS#12 file may ask for. The file itself
// names the iteration count of its MAC and of each encrypted bag, and
// OpenSSL runs whatever it names: a hostile .pfx asking for two billion
// rounds would hold the loader for the better part of an hour.
#pragma once

#include <string>

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace cachain {

// Windows and .NET use 2,000 rounds, OpenSSL 2,048, Java 10,000: a million is
// generous, and still under a second per derivation.
constexpr long max_pkcs12_iterations = 1'000'000;

// Throw Failure(UNSUPPORTED_FORMAT) naming item when the file's MAC, or the
// encryption algorithm of one of its bags, asks for more rounds than the
// limit. Parameters they cannot read are left for OpenSSL to refuse.
void check_mac_work(const PKCS12* pkcs12, const std::string& item);
void check_encryption_work(const X509_ALGOR* algorithm, const std::string& item);

}  // namespace cachain
