#include "link_memo.h"

#include <mutex>

namespace cachain {

std::optional<bool> LinkMemo::find(const Certificate& child, const Certificate& issuer) const {
    // One buffer per thread: a lookup, made for every link a search tries,
    // then allocates nothing.
    thread_local std::string key;
    key.assign(child.sha256()).append(issuer.public_key_digest());
    const std::shared_lock lock(mutex_);
    const auto known = links_.find(key);
    if (known == links_.end()) return std::nullopt;
    return known->second;
}

void LinkMemo::remember(const Certificate& child, const Certificate& issuer, bool linked, std::size_t capacity) {
    std::string key = key_of(child, issuer);
    const std::unique_lock lock(mutex_);
    if (links_.size() >= capacity) return;
    links_.emplace(std::move(key), linked);
}

std::size_t LinkMemo::size() const {
    const std::shared_lock lock(mutex_);
    return links_.size();
}

std::string LinkMemo::key_of(const Certificate& child, const Certificate& issuer) {
    return child.sha256() + issuer.public_key_digest();
}

}  // namespace cachain
