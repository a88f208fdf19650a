// Times as messages show them, always in UTC, so that a reason reads the
// same on every machine: "2027-03-01" and "2027-03-01 23:59:59 UTC".
#pragma once

#include <cstdint>
#include <string>

#include <openssl/asn1.h>

namespace cachain {

std::string utc_date(std::int64_t seconds_since_1970);
std::string utc_time(std::int64_t seconds_since_1970);

// An ASN.1 time (a certificate's or a CRL's) in seconds since 1970 UTC; 0
// for none or one OpenSSL cannot read.
std::int64_t seconds_since_1970(const ASN1_TIME* time);

}  // namespace cachain
