// The handle types that more than one c_api*.cpp file hands out.
#pragma once

#include <deque>

#include "cachain/cachain.h"
#include "certificate_set.h"
#include "chain.h"

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

struct cachain_chain {
    cachain::Chain chain;
    std::vector<cachain_cert> handles;

    static cachain_chain wrap(cachain::Chain chain) {
        cachain_chain wrapped{std::move(chain), {}};
        for (const auto& element : wrapped.chain.elements) wrapped.handles.push_back({element.certificate});
        return wrapped;
    }
};

struct cachain_chains {
    std::vector<cachain_chain> chains;
};
