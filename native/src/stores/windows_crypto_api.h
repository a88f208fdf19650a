// The CryptoAPI calls the Windows store backend makes, as one struct of
// function pointers that default to the real crypt32 functions.
//
// Why a seam: the backend is tested under Wine, whose crypt32 has no access
// checks and never shows the security prompt that adding to
// CurrentUser\Root raises on Windows. A test copies CryptoApi{}, replaces
// one pointer with a function that fails the way Windows does (SetLastError
// then return FALSE or NULL), and checks what the user would be told.
// Nothing else is faked: every test otherwise runs the real crypt32.
#pragma once

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <wincrypt.h>

namespace cachain {

struct CryptoApi {
    decltype(&CertOpenStore) open_store = &CertOpenStore;
    decltype(&CertCloseStore) close_store = &CertCloseStore;
    decltype(&CertControlStore) control_store = &CertControlStore;
    decltype(&CertAddEncodedCertificateToStore) add_encoded_certificate = &CertAddEncodedCertificateToStore;
    decltype(&CertEnumCertificatesInStore) enum_certificates = &CertEnumCertificatesInStore;
    decltype(&CertFindCertificateInStore) find_certificate = &CertFindCertificateInStore;
    decltype(&CertDuplicateCertificateContext) duplicate_certificate = &CertDuplicateCertificateContext;
    decltype(&CertDeleteCertificateFromStore) delete_certificate = &CertDeleteCertificateFromStore;
    decltype(&CertFreeCertificateContext) free_certificate = &CertFreeCertificateContext;
    decltype(&CertGetCertificateContextProperty) get_certificate_property = &CertGetCertificateContextProperty;
};

}  // namespace cachain
