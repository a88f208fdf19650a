// What one run fetches from addresses that untrusted certificates name (AIA
// issuers, CRLs, OCSP answers): each key once, and no more than the run's
// budget. An answer or a failure is remembered under its key and given
// again, so a URL that many certificates name costs one fetch, and a hostile
// set of certificates cannot make a run fetch without end.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "failure.h"

namespace cachain {

template <typename Answer>
class FetchOnce {
public:
    explicit FetchOnce(std::size_t budget) : budget_(budget) {}

    // fetch()'s answer for key, fetched the first time only. Throws what
    // fetch threw (again on each later call), or, once the budget is spent,
    // Failure(TOO_LARGE) naming url.
    template <typename Fetch>
    Answer get(const std::string& key, const std::string& url, Fetch&& fetch) {
        if (const auto done = answers_.find(key); done != answers_.end()) return done->second;
        if (const auto failed = failures_.find(key); failed != failures_.end()) throw failed->second;
        if (fetches_ >= budget_)
            throw Failure(CACHAIN_E_TOO_LARGE, url,
                          "not fetched: the limit of " + std::to_string(budget_) + " downloads per run was reached");
        ++fetches_;
        try {
            return answers_[key] = fetch();
        } catch (const Failure& failure) {
            failures_.emplace(key, failure);
            throw;
        }
    }

    std::size_t fetches() const noexcept { return fetches_; }

private:
    std::size_t budget_;
    std::size_t fetches_ = 0;
    std::map<std::string, Answer> answers_;
    std::map<std::string, Failure> failures_;
};

}  // namespace cachain
