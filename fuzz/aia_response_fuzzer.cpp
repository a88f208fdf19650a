// Fuzzes the reading of an AIA caIssuers download: the body a server named
// by an untrusted certificate sent back.
#include <cstddef>
#include <cstdint>

#include "aia_response.h"
#include "failure.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)cachain::certificates_in_aia_response({data, size}, "http://fuzz.invalid/issuer.crt");
    } catch (const cachain::Failure&) {
    }
    return 0;
}
