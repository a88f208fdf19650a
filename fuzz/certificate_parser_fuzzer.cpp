// Fuzzes the loader every file, paste and download goes through: DER, PEM,
// bare base64, PKCS#7 and PKCS#12, and the facts read from each certificate.
// Any input must end in certificates or a Failure: never a crash, a leak, an
// exception of another type, or a hang.
#include <cstddef>
#include <cstdint>

#include "certificate_parser.h"
#include "failure.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        // "fuzz" opens the seed corpus's PKCS#12 files, so mutations of them
        // reach the bags instead of stopping at the password check.
        for (const auto& certificate : cachain::parse_certificates({data, size}, "fuzz", "fuzz")) {
            (void)certificate->may_issue_certificates();
            (void)certificate->names_issuer_of(*certificate);
            (void)certificate->signed_child(*certificate);
        }
    } catch (const cachain::Failure&) {
        // A clear refusal is the expected answer to most inputs.
    }
    return 0;
}
