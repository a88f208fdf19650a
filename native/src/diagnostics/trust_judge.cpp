#include "trust_judge.h"

#include "openssl_judge.h"
#ifdef _WIN32
#include "cryptoapi_judge.h"
#include "windows_store.h"
#else
#include "linux_system_trust.h"
#endif

namespace cachain {

// Windows' system stores are judged by CryptoAPI's chain engine with the
// SSL policy (cryptoapi_judge.h), the Linux system trust by OpenSSL.
//
// OpenSSL judges the rest, also on Windows. A directory store is not what
// any Windows client reads: it models the two Windows stores (Root/ and
// CA/), so its clients read CA as Windows clients do, and OpenSSL, given
// exactly its Root as anchors, is the judge that can read it. The callback
// store is .NET's X509Store, itself CryptoAPI on Windows, but which of the
// machine's or the user's stores it is the caller knows, not the library;
// it stays with OpenSSL until the C interface says so.
//
// Only the Linux system trust has CA certificates (CaChain's intermediates
// file) that no client reads.
ClientModel client_model_of(const TrustStore& store) {
#ifdef _WIN32
    if (const auto location = windows_system_store_location(store))
        return {*location == WindowsStoreLocation::LocalMachine ? cryptoapi_machine_judge : cryptoapi_user_judge, true,
                true};
#else
    if (dynamic_cast<const LinuxSystemTrust*>(&store)) return {openssl_judge, false, false};
#endif
    return {openssl_judge, true, false};
}

}  // namespace cachain
