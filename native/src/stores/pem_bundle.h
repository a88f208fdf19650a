// A PEM bundle file that CaChain shares with whoever else writes it (an
// administrator's own lines, another tool's certificates): its text cut into
// CaChain's blocks and everything else. Everything else is kept byte for
// byte; CaChain adds and removes only its own blocks.
//
// A block of CaChain's is one marker line, then one PEM certificate:
//
//   # CaChain Root 8C8D0C1A0F4E1B0E3C2D7A6B5F4E3D2C1B0A9F8E
//   -----BEGIN CERTIFICATE-----
//   ...
//   -----END CERTIFICATE-----
//
// A block counts as CaChain's only when the certificate under the marker is
// exactly one whose SHA-1 thumbprint is the marker's: a block someone edited
// is theirs from then on, and never removed. Line ends turned into CRLF, and
// a last line that lost its line end, do not change whose block it is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gsl/gsl>

#include "trust_store.h"

namespace cachain {

class PemBundle {
public:
    // Cuts text (the whole file; "" for a file that does not exist yet).
    explicit PemBundle(std::string text);

    // The file's text as it stands now.
    std::string text() const;

    bool holds(StoreKind kind, const std::string& thumbprint) const;

    // Appends CaChain's block for der (one certificate, PEM-encoded here) at
    // the end. When the text does not end with a line end, one is added
    // before the block and belongs to it, so removing the block gives back
    // the text exactly. Returns false when the block is there already.
    bool add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint);

    // Takes CaChain's block out (each, if a merged file holds it twice);
    // false when there is none.
    bool remove(StoreKind kind, const std::string& thumbprint);

    // CaChain's blocks of kind.
    std::vector<StoredCertificate> ours(StoreKind kind) const;

    // The pieces of text that are not CaChain's, each as it stands between
    // CaChain's blocks, for the certificates others placed.
    std::vector<std::string> others() const;

private:
    struct Block {
        std::optional<StoreKind> kind;  // none: not CaChain's
        std::string thumbprint;         // CaChain's blocks only
        std::vector<std::uint8_t> der;  // CaChain's blocks only
        std::string text;               // exactly as in the file, line end added before it included

        // A block of CaChain's that brought the line end before it.
        bool joined() const { return !text.empty() && text.front() == '\n'; }
    };

    // CaChain's block starting at the line at `at`, if there is one there.
    // after_line_end: the text before it ends with a line end, which a
    // marker saying it added one takes for its own.
    static std::optional<Block> ours_at(const std::string& text, std::size_t at, bool after_line_end);
    void append_foreign(std::string text);
    void keep_line_end_before(std::vector<Block>::iterator next);

    std::vector<Block> blocks_;
};

}  // namespace cachain
