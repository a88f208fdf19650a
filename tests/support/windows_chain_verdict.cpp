// cachain-windows-verdict: asks Windows' own chain engine whether it trusts a
// server's certificate, the way a TLS client on Windows decides:
// CertGetCertificateChain with the certificates the server sent, then
// CertVerifyCertificateChainPolicy with the SSL policy for the server's name.
// Under Wine, that is Wine's real crypt32 reading the prefix's registry.
//
// A program of its own because the chain engine caches the system stores
// per process: only a fresh process sees the stores as they are now.
//
// Usage: cachain-windows-verdict [-machine] [-revocation] <server-name> <leaf.cer> [<sent.cer>...]
//   -machine     the computer account's engine (LocalMachine stores only);
//                without it, the user's engine, which sees LocalMachine too.
//   -revocation  check the revocation of every certificate but the root, as
//                Schannel clients do (CRLs and OCSP fetched by cryptnet).
// Prints one line: "trusted" or "untrusted: ...", then the chain it built.
// Exits 0 when trusted, 1 when not, 2 when it cannot ask.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <windows.h>
#include <wincrypt.h>

namespace {

std::vector<BYTE> read_file(const wchar_t* path) {
    std::ifstream file(std::filesystem::path(path), std::ios::binary);
    return {std::istreambuf_iterator<char>(file), {}};
}

// nullptr when the file cannot be read or holds no DER certificate.
PCCERT_CONTEXT certificate_from(const wchar_t* path) {
    const std::vector<BYTE> der = read_file(path);
    if (der.empty()) return nullptr;
    return CertCreateCertificateContext(X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size()));
}

std::string subject_of(PCCERT_CONTEXT cert) {
    char name[256] = "";
    CertGetNameStringA(cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, nullptr, name, sizeof name);
    return name;
}

// "pool1.schertz.lab <- SchertzLabIssuingCA <- ... <- SchertzLabRootCA"
std::string chain_text(PCCERT_CHAIN_CONTEXT chain) {
    std::string text;
    if (chain->cChain == 0) return text;
    const CERT_SIMPLE_CHAIN* simple = chain->rgpChain[0];
    for (DWORD i = 0; i < simple->cElement; ++i)
        text += (i ? " <- " : "") + subject_of(simple->rgpElement[i]->pCertContext);
    return text;
}

// Schannel asks for a chain valid for server authentication.
CERT_CHAIN_PARA server_auth_request() {
    static LPSTR server_auth[] = {const_cast<LPSTR>(szOID_PKIX_KP_SERVER_AUTH)};
    CERT_CHAIN_PARA request{};
    request.cbSize = sizeof request;
    request.RequestedUsage.dwType = USAGE_MATCH_TYPE_OR;
    request.RequestedUsage.Usage.cUsageIdentifier = 1;
    request.RequestedUsage.Usage.rgpszUsageIdentifier = server_auth;
    return request;
}

DWORD ssl_policy_error(PCCERT_CHAIN_CONTEXT chain, const std::wstring& server_name) {
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl{};
    ssl.cbSize = sizeof ssl;
    ssl.dwAuthType = AUTHTYPE_SERVER;
    ssl.pwszServerName = const_cast<wchar_t*>(server_name.c_str());
    CERT_CHAIN_POLICY_PARA policy{};
    policy.cbSize = sizeof policy;
    policy.pvExtraPolicyPara = &ssl;
    CERT_CHAIN_POLICY_STATUS status{};
    status.cbSize = sizeof status;
    if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy, &status)) return GetLastError();
    return status.dwError;
}

}  // namespace

// wmain: paths arrive as Windows gives them (UTF-16), whatever the code page.
int wmain(int argc, wchar_t** argv) {
    int next = 1;
    const bool machine = next < argc && std::wstring(argv[next]) == L"-machine";
    if (machine) ++next;
    const bool revocation = next < argc && std::wstring(argv[next]) == L"-revocation";
    if (revocation) ++next;
    if (argc - next < 2) {
        std::fprintf(stderr, "usage: cachain-windows-verdict [-machine] [-revocation] <server-name> <leaf.cer> [<sent.cer>...]\n");
        return 2;
    }
    const std::wstring server_name = argv[next++];
    PCCERT_CONTEXT leaf = certificate_from(argv[next++]);
    HCERTSTORE sent = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, nullptr);
    if (leaf == nullptr || sent == nullptr) {
        std::fprintf(stderr, "cannot read the server's certificate %ls\n", argv[next - 1]);
        return 2;
    }
    // A certificate that cannot be read must not turn "could not ask" into
    // "untrusted".
    for (; next < argc; ++next) {
        PCCERT_CONTEXT cert = certificate_from(argv[next]);
        if (cert == nullptr || !CertAddCertificateContextToStore(sent, cert, CERT_STORE_ADD_ALWAYS, nullptr)) {
            std::fprintf(stderr, "cannot read the sent certificate %ls\n", argv[next]);
            return 2;
        }
        CertFreeCertificateContext(cert);
    }

    CERT_CHAIN_PARA request = server_auth_request();
    PCCERT_CHAIN_CONTEXT chain = nullptr;
    const DWORD flags = revocation ? CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT : 0;
    if (!CertGetCertificateChain(machine ? HCCE_LOCAL_MACHINE : HCCE_CURRENT_USER, leaf, nullptr, sent, &request,
                                 flags, nullptr, &chain)) {
        std::fprintf(stderr, "CertGetCertificateChain failed: 0x%08lX\n", GetLastError());
        return 2;
    }
    const DWORD chain_status = chain->TrustStatus.dwErrorStatus;
    const DWORD policy_error = ssl_policy_error(chain, server_name);
    const bool trusted = chain_status == CERT_TRUST_NO_ERROR && policy_error == ERROR_SUCCESS;
    if (trusted) std::printf("trusted\n");
    else std::printf("untrusted: chain status 0x%08lX, SSL policy error 0x%08lX\n", chain_status, policy_error);
    std::printf("chain: %s\n", chain_text(chain).c_str());

    CertFreeCertificateChain(chain);
    CertCloseStore(sent, 0);
    CertFreeCertificateContext(leaf);
    return trusted ? 0 : 1;
}
