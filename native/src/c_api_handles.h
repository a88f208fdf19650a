// The handle types that more than one c_api*.cpp file hands out.
#pragma once

#include <deque>

#include "cachain/cachain.h"
#include "certificate_set.h"

struct cachain_cert {
    cachain::CertificatePtr certificate;
};

struct cachain_set {
    cachain::CertificateSet set;
    std::deque<cachain_cert> handles;  // a deque: handles already given out never move

    void sync_handles() {
        const auto& certs = set.certificates();
        for (std::size_t i = handles.size(); i < certs.size(); ++i) handles.push_back({certs[i]});
    }
};
