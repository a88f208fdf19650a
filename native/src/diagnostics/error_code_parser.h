// Reads an error code the way administrators paste it (from an event log, a
// .NET exception, an OpenSSL tool or Test-CaChain) and finds its row in the
// error catalogue.
#pragma once

#include <string_view>

#include "error_catalog.h"

namespace cachain {

// The rule, after leading and trailing blanks are dropped:
//   0x and 1..8 hex digits            an HRESULT           0x80090325
//   8 hex digits starting with 8      an HRESULT           80090325, 800B010A (event logs leave out the 0x)
//   decimal 0..199                    an OpenSSL code      20
//   any other decimal                 an HRESULT           2148074277, or -2146893019 as .NET prints it
//   anything else                     a name in any case   SEC_E_UNTRUSTED_ROOT, x509_v_err_cert_has_expired
//                                     or OpenSSL's own text for a code, whole, in any case
//                                                          unable to get local issuer certificate
// Eight digits starting with 8 are never read as decimal: every failure
// HRESULT is at least 0x80000000, ten digits in decimal.
// Throws Failure (CACHAIN_E_ARGUMENT) quoting the text: "not a code CaChain
// knows" for a number the catalogue does not hold, "not a number, a known
// name or OpenSSL's text for a known code" otherwise.
Explanation explain_code(std::string_view text);

}  // namespace cachain
