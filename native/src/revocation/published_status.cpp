#include "published_status.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

#include "ossl.h"

namespace cachain {
namespace {

using DistPointsPtr = std::unique_ptr<STACK_OF(DIST_POINT), ossl::Deleter<CRL_DIST_POINTS_free>>;
inline void free_string_stack(STACK_OF(OPENSSL_STRING)* stack) { X509_email_free(stack); }
using StringStackPtr = std::unique_ptr<STACK_OF(OPENSSL_STRING), ossl::Deleter<free_string_stack>>;

std::string text_of(const ASN1_IA5STRING* text) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                       static_cast<std::size_t>(ASN1_STRING_length(text)));
}

// The URIs among the full names of each distribution point; a point named
// relative to its CRL issuer, or by a directory name, has no URL to fetch.
std::vector<std::string> crl_urls_of(X509* x509) {
    std::vector<std::string> urls;
    const DistPointsPtr points(
        static_cast<STACK_OF(DIST_POINT)*>(X509_get_ext_d2i(x509, NID_crl_distribution_points, nullptr, nullptr)));
    for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
        const DIST_POINT* point = sk_DIST_POINT_value(points.get(), i);
        if (!point->distpoint || point->distpoint->type != 0) continue;
        const GENERAL_NAMES* names = point->distpoint->name.fullname;
        for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
            const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
            if (name->type == GEN_URI) urls.push_back(text_of(name->d.uniformResourceIdentifier));
        }
    }
    return urls;
}

std::vector<std::string> ocsp_urls_of(X509* x509) {
    std::vector<std::string> urls;
    const StringStackPtr responders(X509_get1_ocsp(x509));
    for (int i = 0; responders && i < sk_OPENSSL_STRING_num(responders.get()); ++i)
        urls.emplace_back(sk_OPENSSL_STRING_value(responders.get(), i));
    return urls;
}

}  // namespace

PublishedStatus published_status(const Certificate& cert) {
    return {ocsp_urls_of(cert.x509()), crl_urls_of(cert.x509())};
}

bool is_ldap_url(const std::string& url) {
    std::string scheme = url.substr(0, 5);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    return scheme == "ldap:";
}

}  // namespace cachain
