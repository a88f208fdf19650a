#include "pem_bundle.h"

#include <algorithm>
#include <cctype>

#include "certificate_encoding.h"
#include "certificate_parser.h"

namespace cachain {
namespace {

constexpr std::string_view marker_start = "# CaChain ";
// Said on the marker of a block that brought the line end before it, so
// that taking the block out takes that line end out too.
constexpr std::string_view joined_suffix = " (after a line end CaChain added)";
constexpr std::string_view pem_begin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view pem_end = "-----END CERTIFICATE-----";

std::string marker(StoreKind kind, const std::string& thumbprint, bool joined) {
    return std::string(marker_start) + store_kind_name(kind) + " " + thumbprint +
           (joined ? std::string(joined_suffix) : "") + "\n";
}

bool is_thumbprint(std::string_view text) {
    return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'F');
           });
}

struct Marker {
    StoreKind kind;
    std::string thumbprint;
    bool joined;
};

// The marker on line (without its line end), if it is one.
std::optional<Marker> read_marker(std::string_view line) {
    if (line.substr(0, marker_start.size()) != marker_start) return std::nullopt;
    line.remove_prefix(marker_start.size());
    Marker found{StoreKind::Root, "", false};
    if (line.substr(0, 5) == "Root ") {
        line.remove_prefix(5);
    } else if (line.substr(0, 3) == "CA ") {
        found.kind = StoreKind::CA;
        line.remove_prefix(3);
    } else {
        return std::nullopt;
    }
    if (line.size() > 40 && line.substr(40) == joined_suffix) {
        found.joined = true;
        line = line.substr(0, 40);
    }
    if (!is_thumbprint(line)) return std::nullopt;
    found.thumbprint = std::string(line);
    return found;
}

bool ends_with_line_end(const std::string& text) { return !text.empty() && text.back() == '\n'; }

// The line at `at` without its line end ("\n" or "\r\n": an editor or git may
// have turned CaChain's line ends into CRLF), and where the next line starts.
std::pair<std::string_view, std::size_t> line_at(const std::string& text, std::size_t at) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = std::string_view(text).substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return {line, end < text.size() ? end + 1 : end};
}

}  // namespace

PemBundle::PemBundle(std::string text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const bool after_line_end = !blocks_.empty() && ends_with_line_end(blocks_.back().text);
        if (auto block = ours_at(text, at, after_line_end)) {
            const bool joined = block->joined();
            if (joined) {
                blocks_.back().text.pop_back();  // that line end is the block's
                if (blocks_.back().text.empty()) blocks_.pop_back();
            }
            at += block->text.size() - (joined ? 1 : 0);
            blocks_.push_back(std::move(*block));
            continue;
        }
        const std::size_t next = line_at(text, at).second;
        append_foreign(text.substr(at, next - at));
        at = next;
    }
}

std::optional<PemBundle::Block> PemBundle::ours_at(const std::string& text, std::size_t at, bool after_line_end) {
    const auto [marker_line, pem_at] = line_at(text, at);
    const auto found = read_marker(marker_line);
    if (!found || (found->joined && !after_line_end)) return std::nullopt;
    if (line_at(text, pem_at).first != pem_begin) return std::nullopt;
    // Through the END line and its line end, if it has one (the file's last
    // line may have lost it).
    std::size_t block_end = pem_at;
    for (std::size_t line = pem_at; line < text.size();) {
        const auto [content, next] = line_at(text, line);
        if (content == pem_end) {
            block_end = next;
            break;
        }
        line = next;
    }
    if (block_end == pem_at) return std::nullopt;

    const std::string pem = text.substr(pem_at, block_end - pem_at);
    std::vector<CertificatePtr> certs;
    try {
        certs = parse_certificates(gsl::span(reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()), "", nullptr);
    } catch (const Failure&) {
        return std::nullopt;  // damaged: whoever damaged it owns it now
    }
    if (certs.size() != 1 || certs.front()->thumbprint() != found->thumbprint) return std::nullopt;
    const auto der = certs.front()->der();
    return Block{found->kind, found->thumbprint, {der.begin(), der.end()},
                 (found->joined ? "\n" : "") + text.substr(at, block_end - at)};
}

void PemBundle::append_foreign(std::string text) {
    if (!blocks_.empty() && !blocks_.back().kind) {
        blocks_.back().text += text;
    } else {
        blocks_.push_back(Block{std::nullopt, "", {}, std::move(text)});
    }
}

std::string PemBundle::text() const {
    std::string text;
    for (const auto& block : blocks_) text += block.text;
    return text;
}

bool PemBundle::holds(StoreKind kind, const std::string& thumbprint) const {
    return std::any_of(blocks_.begin(), blocks_.end(),
                       [&](const Block& block) { return block.kind == kind && block.thumbprint == thumbprint; });
}

bool PemBundle::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    if (holds(kind, thumbprint)) return false;
    const auto cert = parse_certificates(der, thumbprint, nullptr).at(0);
    const std::vector<std::uint8_t> pem = encode_pem(*cert);
    const bool joined = !blocks_.empty() && !ends_with_line_end(blocks_.back().text);
    const auto cert_der = cert->der();
    blocks_.push_back(Block{kind, thumbprint, {cert_der.begin(), cert_der.end()},
                            (joined ? "\n" : "") + marker(kind, thumbprint, joined) + std::string(pem.begin(), pem.end())});
    return true;
}

bool PemBundle::remove(StoreKind kind, const std::string& thumbprint) {
    bool removed = false;
    // Every block of it: a file merged from two copies may hold one twice.
    for (auto block = blocks_.begin(); block != blocks_.end();) {
        if (block->kind != kind || block->thumbprint != thumbprint) {
            ++block;
            continue;
        }
        const bool joined = block->joined();
        block = blocks_.erase(block);
        if (joined && block != blocks_.end()) keep_line_end_before(block);
        removed = true;
    }
    // Two foreign pieces that met again are one piece, as in a file read anew.
    for (std::size_t i = 1; i < blocks_.size(); ++i) {
        if (!blocks_[i - 1].kind && !blocks_[i].kind) {
            blocks_[i - 1].text += blocks_[i].text;
            blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
            --i;
        }
    }
    return removed;
}

// A removed block took the line end it had added after the text before it;
// what followed it still needs one. A block of CaChain's takes it over (its
// marker says so); someone else's lines keep it as theirs.
void PemBundle::keep_line_end_before(std::vector<Block>::iterator next) {
    if (!next->kind) {
        next->text.insert(next->text.begin(), '\n');
        return;
    }
    const std::size_t pem_at = next->text.find('\n') + 1;
    next->text = "\n" + marker(*next->kind, next->thumbprint, true) + next->text.substr(pem_at);
}

std::vector<StoredCertificate> PemBundle::ours(StoreKind kind) const {
    std::vector<StoredCertificate> found;
    for (const auto& block : blocks_)
        if (block.kind == kind) found.push_back({block.der, block.thumbprint});
    return found;
}

std::vector<std::string> PemBundle::others() const {
    std::vector<std::string> pieces;
    for (const auto& block : blocks_)
        if (!block.kind) pieces.push_back(block.text);
    return pieces;
}

}  // namespace cachain
