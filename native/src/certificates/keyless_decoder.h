// Decodes a DER certificate without its public key, for indexing.
//
// OpenSSL 3.0's d2i_X509 decodes the subjectPublicKeyInfo into an EVP_PKEY
// at once, through a fresh provider decoder context: about nine tenths of
// the time it takes to read a certificate. Chain building needs the key of
// a few certificates only (those it checks signatures with), so a pool is
// indexed from certificates decoded without it, and each certificate
// decodes itself in full when something first needs its key.
#pragma once

#include "ossl.h"

namespace cachain {

// Like d2i_X509: reads one certificate at *cursor and moves the cursor past
// it; nullptr when the bytes are not a certificate. Everything is decoded
// with OpenSSL's own X509 template (names, extensions, validity, the key's
// bytes), only the EVP_PKEY is not: X509_get0_pubkey is null on the result,
// which must therefore never be used to check a signature.
ossl::X509Ptr decode_without_key(const unsigned char** cursor, long length);

}  // namespace cachain
