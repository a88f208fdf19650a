// Every handle cachain.h hands out, defined in one place: what each C type
// holds behind its pointer.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "cachain/cachain.h"
#include "certificate_set.h"
#include "chain.h"
#include "chain_exporter.h"
#include "chain_summary.h"
#include "error_catalog.h"
#include "placement.h"
#include "trust_evaluation.h"
#include "trust_store.h"

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
    // Written on the first cachain_chain_text(SUMMARY), then kept, so the
    // pointer handed out stays valid with the handle. One handle is used
    // from one thread at a time, so no lock.
    mutable std::string summary;

    const std::string& summary_text() const {
        if (summary.empty()) summary = cachain::summary_of(chain);
        return summary;
    }

    static cachain_chain wrap(cachain::Chain chain) {
        cachain_chain wrapped{std::move(chain), {}, {}};
        for (const auto& element : wrapped.chain.elements) wrapped.handles.push_back({element.certificate});
        return wrapped;
    }
};

struct cachain_chains {
    std::vector<cachain_chain> chains;
};

struct cachain_endpoint {
    std::string text;
};

struct cachain_export {
    std::vector<cachain::ExportedFile> files;
    std::vector<std::string> paths;
    std::vector<cachain_cert> handles;
};

struct cachain_store {
    // One store, or several changed as one transaction (store_group.h):
    // every NSS database of the user, when none is named, or every store
    // of the user's software (CACHAIN_LOCATION_ALL).
    std::vector<std::unique_ptr<cachain::TrustStore>> members;
    std::string root_location, ca_location;
    // Opened as every store of the user's software: a verdict is refused
    // even when this machine has one such store, as the caller asked for all.
    bool every_kind = false;
    // What opening left out that the caller may have expected: warned of
    // with every placement and removal.
    std::vector<std::string> notes;

    std::vector<cachain::TrustStore*> all() const;
    // The one store of a call that judges a single store; Failure(ARGUMENT)
    // naming the members when there are several, or when opened as ALL.
    cachain::TrustStore& single() const;
};

struct cachain_placement {
    std::vector<cachain::PlacementResult> results;
    std::vector<cachain_cert> handles;
    std::vector<std::string> warnings;
};

struct cachain_verdicts {
    std::vector<cachain::TrustVerdict> verdicts;
    std::vector<cachain_chain> chains;
};

struct cachain_explanation {
    cachain::Explanation explanation;
};
