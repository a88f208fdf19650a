#include "nss_store.h"

#include <algorithm>

#include "certificate_parser.h"
#include "utf8_path.h"

namespace cachain {

std::string nss_nickname(StoreKind kind, const std::string& thumbprint) {
    return std::string("CaChain ") + store_kind_name(kind) + " " + thumbprint;
}

namespace {

// NSS trusts a CA with "C" (to issue TLS server certificates); a server
// certificate placed as a root with -Force is trusted as itself, "P".
std::string trust_as_root(gsl::span<const std::uint8_t> der) {
    const auto cert = parse_certificates(der, "certificate", nullptr).at(0);
    return cert->may_issue_certificates() ? "C,," : "P,,";
}

// A nickname of the form CaChain gives, whatever its thumbprint.
bool looks_like_ours(const std::string& nickname) {
    for (const StoreKind kind : {StoreKind::Root, StoreKind::CA}) {
        const std::string prefix = nss_nickname(kind, "");
        if (nickname.size() == prefix.size() + 40 && nickname.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

bool is_ours(const std::string& nickname, const std::string& thumbprint) {
    return nickname == nss_nickname(StoreKind::Root, thumbprint) || nickname == nss_nickname(StoreKind::CA, thumbprint);
}

}  // namespace

NssStore::NssStore(NssDatabase database) : database_(std::move(database)) {}

std::string NssStore::location(StoreKind) const { return utf8_from_path(database_.folder()); }

// certutil answers a nickname with every certificate of that subject, so a
// certificate can come back under several nicknames: it is CaChain's when
// CaChain's nickname for it is among them, else the first other entry's
// (entries not named as CaChain names them first).
// Its trust is its own, read per certificate.
std::vector<NssStore::Held>& NssStore::held() {
    if (held_) return *held_;
    unreadable_.clear();
    std::vector<std::pair<NssEntry, std::vector<CertificatePtr>>> read;
    std::vector<std::string> trusted;
    if (database_.exists())
        for (const NssEntry& entry : database_.entries()) read.emplace_back(entry, read_entry(entry, trusted));

    std::vector<Held> found;
    const auto take = [&](const NssEntry& entry, const CertificatePtr& cert, const std::string& source) {
        for (const auto& other : found)
            if (other.certificate.thumbprint == cert->thumbprint()) return;
        const auto der = cert->der();
        const bool is_trusted = std::find(trusted.begin(), trusted.end(), cert->thumbprint()) != trusted.end();
        found.push_back({{{der.begin(), der.end()}, cert->thumbprint(), source}, entry.nickname, is_trusted});
    };
    for (const auto& [entry, certs] : read)
        for (const auto& cert : certs)
            if (is_ours(entry.nickname, cert->thumbprint())) take(entry, cert, "");
    // Others' entries before CaChain's: what CaChain's nickname finds beside
    // its own certificate is another entry's, found under that one too.
    for (const bool others_first : {true, false})
        for (const auto& [entry, certs] : read)
            if (!others_first || !looks_like_ours(entry.nickname))
                for (const auto& cert : certs)
                    take(entry, cert, location(StoreKind::Root) + " (not placed by CaChain: \"" + entry.nickname + "\")");
    held_ = std::move(found);
    return *held_;
}

// The certificates certutil hands over for one entry, and into trusted the
// thumbprints of those it trusts for TLS servers. An entry it cannot hand
// over, or a block that is no readable certificate, is reported as
// unreadable instead of making the whole database unusable.
std::vector<CertificatePtr> NssStore::read_entry(const NssEntry& entry, std::vector<std::string>& trusted) {
    const std::string where = location(StoreKind::Root) + " (\"" + entry.nickname + "\")";
    try {
        const std::string pem = database_.pem(entry.nickname);
        std::vector<Failure> left_out;
        auto certs = parse_certificate_bundle({reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()}, where, left_out);
        for (const auto& failure : left_out) unreadable_.push_back({where, failure.reason()});
        const auto trusted_here = database_.trusted_for_servers(entry.nickname);
        trusted.insert(trusted.end(), trusted_here.begin(), trusted_here.end());
        return certs;
    } catch (const Failure& failure) {
        if (failure.status() == CACHAIN_E_TOO_LARGE) throw;
        unreadable_.push_back({where, failure.reason()});
        return {};
    }
}

const NssStore::Held* NssStore::find(const std::string& thumbprint) {
    for (const auto& entry : held())
        if (entry.certificate.thumbprint == thumbprint) return &entry;
    return nullptr;
}

bool NssStore::contains(StoreKind kind, const std::string& thumbprint) {
    const Held* entry = find(thumbprint);
    return entry && (kind == StoreKind::CA || entry->trusted);
}

bool NssStore::owns(StoreKind kind, const std::string& thumbprint) {
    const auto& entries = held();
    const std::string nickname = nss_nickname(kind, thumbprint);
    return std::any_of(entries.begin(), entries.end(), [&](const Held& entry) { return entry.nickname == nickname; });
}

bool NssStore::add(StoreKind kind, gsl::span<const std::uint8_t> der, const std::string& thumbprint) {
    if (const Held* entry = find(thumbprint)) {
        if (kind == StoreKind::CA || entry->trusted) return false;
        if (entry->nickname == nss_nickname(StoreKind::Root, thumbprint))
            throw Failure(CACHAIN_E_REFUSED, location(kind),
                          "the NSS database holds CaChain's own entry for this root, \"" + entry->nickname +
                              "\", but someone took its trust for TLS servers away, and CaChain does not undo that: "
                              "trust it again with certutil -d 'sql:" + location(kind) + "' -M -n '" + entry->nickname +
                              "' -t C,, or take it out with Remove-CaChain, then run again");
        throw Failure(CACHAIN_E_REFUSED, location(kind),
                      "the NSS database holds this root as \"" + entry->nickname +
                          "\", not trusted for TLS servers, and CaChain changes only its own entries: trust it with "
                          "certutil -d 'sql:" + location(kind) + "' -M -n '" + entry->nickname +
                          "' -t C,, or delete that entry, then run again");
    }
    if (!database_.exists()) create_database();
    const std::string nickname = nss_nickname(kind, thumbprint);
    const bool root = kind == StoreKind::Root;
    try {
        database_.add(nickname, root ? trust_as_root(der) : ",,", der);
    } catch (const Failure&) {
        if (held().empty()) delete_created_database();
        throw;
    }
    held_->push_back({{{der.begin(), der.end()}, thumbprint, ""}, nickname, root});
    return true;
}

bool NssStore::remove(StoreKind kind, const std::string& thumbprint) {
    auto& entries = held();
    const std::string nickname = nss_nickname(kind, thumbprint);
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->nickname != nickname) continue;
        database_.remove(nickname);
        entries.erase(it);
        if (entries.empty()) delete_created_database();
        return true;
    }
    return false;
}

// Made with certutil, after checking it is there: a missing tool leaves no
// folder behind. What is made is recorded first, so that a failure halfway
// deletes it too.
void NssStore::create_database() {
    namespace fs = std::filesystem;
    database_.check_tool();
    std::error_code error;
    fs::path outermost_missing;
    for (fs::path folder = database_.folder(); !folder.empty() && !fs::exists(folder, error); folder = folder.parent_path()) {
        outermost_missing = folder;
        if (folder == folder.parent_path()) break;
    }
    if (!outermost_missing.empty()) created_ = {outermost_missing};
    else created_ = {database_.folder() / "cert9.db", database_.folder() / "key4.db", database_.folder() / "pkcs11.txt"};
    try {
        database_.create();
    } catch (const Failure&) {
        delete_created_database();
        throw;
    }
}

void NssStore::delete_created_database() {
    std::error_code ignored;
    for (const auto& path : created_) std::filesystem::remove_all(path, ignored);
    created_.clear();
}

std::vector<StoredCertificate> NssStore::list(StoreKind kind) {
    std::vector<StoredCertificate> listed;
    for (const auto& entry : held())
        if (entry.trusted == (kind == StoreKind::Root)) listed.push_back(entry.certificate);
    return listed;
}

std::vector<UnreadableEntry> NssStore::unreadable(StoreKind kind) {
    if (kind != StoreKind::Root) return {};
    held();
    return unreadable_;
}

std::string NssStore::missing_folder() const {
    return database_.exists() ? std::string{} : utf8_from_path(database_.folder());
}

}  // namespace cachain
