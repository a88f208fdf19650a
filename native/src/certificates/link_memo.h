// Signature links proven once and remembered for as long as the pool that
// holds their children: a certificate never changes, so a remembered answer
// never goes stale, and a later search of the same pool skips the check.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "certificate.h"

namespace cachain {

class LinkMemo {
public:
    // Whether issuer's key verifies child's signature, if remembered.
    std::optional<bool> find(const Certificate& child, const Certificate& issuer) const;

    // Remembers the answer unless capacity links are remembered already:
    // then the link is simply proven again next time.
    void remember(const Certificate& child, const Certificate& issuer, bool linked, std::size_t capacity);

    std::size_t size() const;

private:
    // By content, not by address: the child's SHA-256 and the issuer's key
    // digest, so a per-call copy of a pooled certificate finds its links.
    // A lookup builds its key on the stack and allocates nothing.
    class Key {
    public:
        Key(const Certificate& child, const Certificate& issuer);
        // view_ points into this very object: it stays where it was built.
        Key(const Key&) = delete;
        Key& operator=(const Key&) = delete;
        std::string_view view() const noexcept { return view_; }

    private:
        std::array<char, 128> bytes_;  // a SHA-256 in hex and a raw SHA-256 need 96
        std::string spilled_;            // only if a digest was ever longer
        std::string_view view_;
    };

    // Lets the map find a std::string key from a string_view.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
    };

    // Searches of one pool may run on several threads at once: finds share
    // the lock, remembering takes it alone.
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, bool, KeyHash, std::equal_to<>> links_;
};

}  // namespace cachain
