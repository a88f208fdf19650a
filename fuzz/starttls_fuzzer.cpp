// Fuzzes the plain-text exchanges before TLS: the SMTP replies and the LDAP
// ExtendedResponse come from whatever answers on the port. The first byte
// picks the protocol; the rest is everything the "server" says, then it
// hangs up.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <cstdlib>

#include <openssl/bio.h>

#include "failure.h"
#include "starttls.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    BIO* ours = nullptr;
    BIO* server = nullptr;
    // Room for everything we write, so a write never waits on a socket.
    if (BIO_new_bio_pair(&ours, 64 * 1024, &server, 64 * 1024) != 1) std::abort();
    const int length = static_cast<int>(size - 1);
    if (length > 0 && BIO_write(server, data + 1, length) != length) {
        BIO_free(ours);
        BIO_free(server);
        return 0;  // more than the pair holds: not an interesting reply
    }
    (void)BIO_shutdown_wr(server);  // the server hangs up after its last byte
    try {
        if (data[0] & 1)
            cachain::negotiate_ldap_starttls(ours, "fuzz:389", std::time(nullptr) + 5);
        else
            cachain::negotiate_smtp_starttls(ours, "fuzz:25", std::time(nullptr) + 5);
    } catch (const cachain::Failure&) {
    }
    BIO_free(ours);
    BIO_free(server);
    return 0;
}
