// Where a certificate says its revocation status is published: the OCSP
// responders of its AIA and the full names of its CRL distribution points.
#pragma once

#include <string>
#include <vector>

#include "certificate.h"

namespace cachain {

struct PublishedStatus {
    std::vector<std::string> ocsp_urls;
    std::vector<std::string> crl_urls;

    bool empty() const { return ocsp_urls.empty() && crl_urls.empty(); }
};

PublishedStatus published_status(const Certificate& cert);

// Whether url is an ldap: address (Active Directory publishes CRLs and CA
// certificates at ldap:///CN=...,CN=CDP,CN=Public Key Services,...), which
// only domain members can reach.
bool is_ldap_url(const std::string& url);

}  // namespace cachain
