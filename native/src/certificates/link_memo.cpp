#include "link_memo.h"

#include <algorithm>
#include <mutex>

namespace cachain {

// On the stack, not in a thread_local buffer: util/per_thread_text.h says
// what a thread_local std::string does under mingw-w64.
LinkMemo::Key::Key(const Certificate& child, const Certificate& issuer) {
    const std::string& first = child.sha256();
    const std::string& second = issuer.public_key_digest();
    if (first.size() + second.size() <= bytes_.size()) {
        const auto end = std::copy(second.begin(), second.end(), std::copy(first.begin(), first.end(), bytes_.begin()));
        view_ = std::string_view(bytes_.data(), gsl::narrow<std::size_t>(end - bytes_.begin()));
    } else {
        spilled_ = first + second;
        view_ = spilled_;
    }
}

std::optional<bool> LinkMemo::find(const Certificate& child, const Certificate& issuer) const {
    const Key key(child, issuer);
    const std::shared_lock lock(mutex_);
    const auto known = links_.find(key.view());
    if (known == links_.end()) return std::nullopt;
    return known->second;
}

void LinkMemo::remember(const Certificate& child, const Certificate& issuer, bool linked, std::size_t capacity) {
    std::string key(Key(child, issuer).view());
    const std::unique_lock lock(mutex_);
    if (links_.size() >= capacity) return;
    links_.emplace(std::move(key), linked);
}

std::size_t LinkMemo::size() const {
    const std::shared_lock lock(mutex_);
    return links_.size();
}

}  // namespace cachain
