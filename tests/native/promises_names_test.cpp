// Promise: names never escape. Certificates whose subjects are crafted as
// paths, devices or deceptive text are exported in every format through the
// C interface; every file lands directly in the destination folder, under a
// name that is legal on Windows, macOS and Linux, and nothing appears
// anywhere else.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "file_name_rules.h"
#include "promise_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

const std::vector<std::string>& hostile_names() {
    static const std::vector<std::string> names{
        "../../../etc/cron.d/evil", "..", ".", "...", "/etc/passwd", "/", "C:\\Windows\\System32\\drivers\\etc\\hosts",
        "C:", "D:evil", "\\\\server\\share\\x", "CON", "nul", "COM1", "lpt9", "con.txt", "AUX .cer", "PRN.",
        std::string("nul\0byte", 8), std::string("../\0/../x", 9), std::string(300, 'A'), std::string(300, '.'),
        "\xE2\x80\xAE" "rec.exe", "invoice\xE2\x80\xAE" "fdp.cer", "\xEF\xBB\xBF" "bom", "Zertifizierungsstelle f\xC3\xBCr Pr\xC3\xBC" "fung",
        "\xE8\xAA\x8D\xE8\xA8\xBC\xE5\xB1\x80", "emoji \xF0\x9F\x94\x92 CA", "a:b*c?d\"e<f>g|h",
        "tab\there\nnewline", " trailing space ", "trailing dots...", "x/../../y", "..\\..\\y"};
    return names;
}

bool windows_device(std::string name) {
    name = name.substr(0, name.find('.'));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    for (const char* device : {"CON", "PRN", "AUX", "NUL"})
        if (name == device) return true;
    return name.size() == 4 && (name.rfind("COM", 0) == 0 || name.rfind("LPT", 0) == 0) && std::isdigit(static_cast<unsigned char>(name[3]));
}

// Why name is not a legal, honest file name; "" when it is.
std::string illegal(const std::string& name) {
    if (name.empty() || name.size() > 255) return "empty or over 255 bytes";
    if (name.front() == '.') return "hidden or a step up";
    if (name.back() == '.' || name.back() == ' ') return "ends in a dot or space (Windows drops them)";
    if (has_forbidden_character(name)) return "forbidden character";
    if (!valid_utf8(name)) return "broken UTF-8";
    if (name.find("\xE2\x80\xAE") != std::string::npos || name.find("\xE2\x80\xAB") != std::string::npos) return "bidi control";
    if (windows_device(name)) return "a Windows device name";
    return "";
}

std::vector<fs::path> everything_under(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    return found;
}

TEST(NamesNeverEscape, HostileSubjectsStayInTheFolderUnderLegalNamesInEveryFormat) {
    TempFolder sandbox;
    const auto destination = sandbox / "certs";
    std::size_t written = 0;
    for (const std::string& hostile : hostile_names()) {
        CertSpec root_spec = ca_spec("unused");
        // X.520 caps CN and O at 64 characters; DC has no cap, for the long ones.
        const bool long_name = hostile.size() > 64;
        root_spec.subject = Name{{{long_name ? "DC" : "CN", hostile}}};
        const Issued root = self_signed(root_spec);
        CertSpec leaf_spec = server_spec("leaf.schertz.lab");
        leaf_spec.subject = Name{{{long_name ? "DC" : "O", hostile + "-leaf"}}};  // no CN: the whole subject names the file
        const Issued leaf = issue(root, leaf_spec);

        cachain_set* set = nullptr;
        ASSERT_EQ(cachain_set_new(&set), CACHAIN_OK);
        const std::string pem = pem_of({&leaf, &root});
        ASSERT_EQ(cachain_set_add_bytes(set, reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size(), "hostile.pem", nullptr), CACHAIN_OK);
        cachain_chains* chains = nullptr;
        ASSERT_EQ(cachain_discover(set, nullptr, &chains), CACHAIN_OK);
        for (const auto format : {CACHAIN_FORMAT_DER, CACHAIN_FORMAT_PEM, CACHAIN_FORMAT_P7B}) {
            cachain_export* result = nullptr;
            const cachain_status status = cachain_export_chain(cachain_chains_get(chains, 0), utf8_from_path(destination).c_str(), format,
                                                               CACHAIN_EXPORT_INCLUDE_LEAF | CACHAIN_EXPORT_FORCE, &result);
            EXPECT_EQ(status, CACHAIN_OK) << cachain_last_error();
            for (std::size_t i = 0; i < cachain_export_count(result); ++i) {
                const char* path = nullptr;
                cachain_export_file(result, i, &path, nullptr, nullptr, nullptr);
                const fs::path file = path_from_utf8(path);
                EXPECT_EQ(file.parent_path(), destination) << path;
                EXPECT_EQ(illegal(utf8_from_path(file.filename())), "") << path;
                EXPECT_TRUE(fs::is_regular_file(file)) << path;
                ++written;
            }
            cachain_export_free(result);
        }
        cachain_chains_free(chains);
        cachain_set_free(set);
    }
    EXPECT_GE(written, hostile_names().size() * 3);
    // Nothing outside the destination, and no folder inside it.
    for (const auto& entry : everything_under(sandbox.path())) {
        EXPECT_EQ(entry.parent_path(), entry == destination ? sandbox.path() : destination) << entry;
        if (entry != destination) {
            EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(entry))) << entry;
            EXPECT_EQ(illegal(utf8_from_path(entry.filename())), "") << utf8_from_path(entry);
        }
    }
}

// Removal names certificates by thumbprint, which comes from the caller: a
// thumbprint crafted as a path must never name a file.
TEST(NamesNeverEscape, ARemovalByAThumbprintCraftedAsAPathTouchesNothing) {
    TempFolder sandbox;
    for (const char* folder : {"etc/ssl/certs", "usr/share/ca-certificates", "usr/local/share/ca-certificates/cachain",
                               "usr/local/share/cachain", "store/Root", "store/CA"})
        fs::create_directories(sandbox / folder);
    write_file(sandbox / "etc/ca-certificates.conf", std::string());
    // A victim of every extension a store writes, in every folder along the way.
    std::vector<fs::path> victims;
    for (const auto& entry : fs::recursive_directory_iterator(sandbox.path()))
        if (entry.is_directory())
            for (const char* name : {"victim.crt", "victim.pem", "victim.0", "victim"}) victims.push_back(entry.path() / name);
    for (const char* name : {"victim.crt", "victim.pem", "victim.0", "victim"}) victims.push_back(sandbox / name);
    for (const auto& victim : victims) write_file(victim, std::string("not yours"));

    std::vector<std::string> crafted;
    for (std::string up; up.size() < 3 * 8; up += "../") crafted.push_back(up + "victim");
    crafted.push_back(utf8_from_path(sandbox / "victim"));
    crafted.push_back("..\\..\\victim");
    std::vector<const char*> thumbprints;
    for (const auto& text : crafted) thumbprints.push_back(text.c_str());

    const std::pair<cachain_store_location, fs::path> stores[] = {{CACHAIN_LOCATION_DIRECTORY, sandbox / "store"},
                                                                   {CACHAIN_LOCATION_LOCAL_MACHINE, sandbox.path()}};
    for (const auto& [location, path] : stores) {
        cachain_store* store = nullptr;
        // On Windows LocalMachine is the machine's own stores: no path.
#ifdef _WIN32
        const bool machine_stores = location == CACHAIN_LOCATION_LOCAL_MACHINE;
#else
        const bool machine_stores = false;
#endif
        const std::string folder = utf8_from_path(path);
        ASSERT_EQ(cachain_store_open(location, machine_stores ? nullptr : folder.c_str(), &store), CACHAIN_OK)
            << cachain_last_error();
        cachain_placement* result = nullptr;
        EXPECT_EQ(cachain_unplace(store, nullptr, thumbprints.data(), thumbprints.size(), 0, &result), CACHAIN_OK)
            << cachain_last_error();
        for (std::size_t i = 0; i < cachain_placement_count(result); ++i)
            EXPECT_EQ(cachain_placement_number(result, i, CACHAIN_PLACEMENT_ACTION), CACHAIN_ACTION_NOT_PRESENT);
        cachain_placement_free(result);
        cachain_store_free(store);
    }
    for (const auto& victim : victims) EXPECT_EQ(read_file(victim), std::vector<std::uint8_t>({'n', 'o', 't', ' ', 'y', 'o', 'u', 'r', 's'})) << victim;
}

}  // namespace
