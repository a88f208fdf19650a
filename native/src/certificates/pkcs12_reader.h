// Reads the certificates of a PKCS#12 (.pfx/.p12) file. Key bags are
// skipped without being decrypted, so no private key is ever in memory.
#pragma once

#include <string>
#include <vector>

#include "ossl.h"

namespace cachain {

// Throws Failure(PASSWORD_NEEDED) when the file needs a password and none
// (or an empty one) was given, Failure(WRONG_PASSWORD) when the given one does not open it,
// and Failure(EMPTY) when it holds no certificate.
std::vector<ossl::X509Ptr> read_pkcs12_certificates(PKCS12* pkcs12, const std::string& item, const char* password);

}  // namespace cachain
