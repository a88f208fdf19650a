// Promise: no partial files. An export, or an import into a directory
// store, killed at a random moment (SIGKILL: no handler, no clean-up) never
// leaves a half-written certificate under a final name. The only leftovers
// allowed are the documented temporary files: hidden (".<name>.XXXXXX"),
// without a certificate extension, and skipped when the folder is loaded.
#include <chrono>
#include <csignal>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "child_process.h"
#include "promise_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;
using Clock = std::chrono::steady_clock;

class NoPartialFiles : public ::testing::Test {
protected:
    static constexpr int roots = 60;

    void SetUp() override {
        std::string pem;
        for (int i = 0; i < roots; ++i) pem += self_signed(ca_spec("KillTestRootCA" + std::to_string(i))).pem();
        ASSERT_EQ(cachain_set_new(&set_), CACHAIN_OK);
        ASSERT_EQ(cachain_set_add_bytes(set_, reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size(), "roots.pem", nullptr), CACHAIN_OK);
        ASSERT_EQ(cachain_discover(set_, nullptr, &chains_), CACHAIN_OK);
        ASSERT_EQ(cachain_chains_count(chains_), static_cast<std::size_t>(roots));
    }
    void TearDown() override {
        cachain_chains_free(chains_);
        cachain_set_free(set_);
    }

    // Every chain in every format into folder: a few hundred files.
    int export_everything(const fs::path& folder) const {
        for (std::size_t i = 0; i < cachain_chains_count(chains_); ++i) {
            for (const auto format : {CACHAIN_FORMAT_DER, CACHAIN_FORMAT_PEM, CACHAIN_FORMAT_P7B}) {
                cachain_export* result = nullptr;
                const cachain_status status = cachain_export_chain(cachain_chains_get(chains_, i), folder.c_str(), format, 0, &result);
                cachain_export_free(result);
                if (status != CACHAIN_OK) return 1;
            }
        }
        return 0;
    }

    static std::map<std::string, Bytes> visible_files(const fs::path& folder) {
        std::map<std::string, Bytes> files;
        for (const auto& file : files_under(folder))
            if (file.filename().string()[0] != '.') files[file.filename().string()] = read_file(file);
        return files;
    }

    // Import-CaChain -StorePath folder of every root: one batch of files.
    cachain_status place_everything(const fs::path& folder) const {
        cachain_store* store = nullptr;
        cachain_placement* placement = nullptr;
        cachain_status status = cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder).c_str(), &store);
        if (status == CACHAIN_OK) status = cachain_place(store, set_, 0, &placement);
        cachain_placement_free(placement);
        cachain_store_free(store);
        return status;
    }

    // The store's files by path below folder ("Root/<hash>.0"): the hashed
    // names, or (hidden) the temporary files.
    static std::map<std::string, Bytes> store_files(const fs::path& folder, bool hidden) {
        std::map<std::string, Bytes> files;
        for (const auto& file : files_under(folder))
            if ((file.filename().string()[0] == '.') == hidden) files[file.lexically_relative(folder).string()] = read_file(file);
        return files;
    }

    static std::size_t certificates_listed(const fs::path& folder, cachain_store_name name) {
        cachain_store* store = nullptr;
        cachain_set* listed = nullptr;
        EXPECT_EQ(cachain_store_open(CACHAIN_LOCATION_DIRECTORY, utf8_from_path(folder).c_str(), &store), CACHAIN_OK);
        EXPECT_EQ(cachain_store_list(store, name, &listed), CACHAIN_OK) << cachain_last_error();
        const std::size_t count = cachain_set_count(listed);
        cachain_set_free(listed);
        cachain_store_free(store);
        return count;
    }

    cachain_set* set_ = nullptr;
    cachain_chains* chains_ = nullptr;
};

TEST_F(NoPartialFiles, AnExportKilledAtRandomMomentsLeavesOnlyCompleteCertificates) {
    TempFolder reference_folder;
    const auto started = Clock::now();
    ASSERT_EQ(wait_for_child(start_child([&] { return export_everything(reference_folder.path()); })).exit_code, 0);
    const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    const auto reference = visible_files(reference_folder.path());
    ASSERT_EQ(reference.size(), static_cast<std::size_t>(roots * 3));

    std::mt19937 random(20261125);
    std::uniform_int_distribution<long> moment(0, full_run.count() * 9 / 10);
    int interrupted = 0;  // rounds killed with some files written and some not
    for (int round = 0; round < 8; ++round) {
        TempFolder folder;
        const pid_t child = start_child([&] { return export_everything(folder.path()); });
        std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
        kill(child, SIGKILL);
        wait_for_child(child);
        const std::size_t done = visible_files(folder.path()).size();
        if (done > 0 && done < reference.size()) ++interrupted;

        for (const auto& [name, bytes] : visible_files(folder.path())) {
            const auto expected = reference.find(name);
            ASSERT_NE(expected, reference.end()) << "round " << round << ": unexpected file " << name;
            EXPECT_EQ(bytes, expected->second) << "round " << round << ": " << name << " is partial";
        }
        for (const auto& file : files_under(folder.path())) {
            const std::string name = file.filename().string();
            if (name[0] != '.') continue;
            for (const char* extension : {".cer", ".pem", ".p7b", ".crt"})
                EXPECT_NE(file.extension(), extension) << "round " << round << ": leftover " << name << " looks like a certificate";
        }
        // What an administrator would do next: load the folder (no damaged
        // item), and export again (which finishes the job).
        cachain_set* loaded = nullptr;
        ASSERT_EQ(cachain_set_new(&loaded), CACHAIN_OK);
        if (!visible_files(folder.path()).empty()) {
            EXPECT_EQ(cachain_set_add_path(loaded, utf8_from_path(folder.path()).c_str(), nullptr), CACHAIN_OK) << cachain_last_error();
        }
        cachain_set_free(loaded);
        ASSERT_EQ(export_everything(folder.path()), 0) << cachain_last_error();
        EXPECT_EQ(visible_files(folder.path()), reference) << "round " << round;
    }
    EXPECT_GT(interrupted, 0) << "no kill landed in the middle of an export: the test proved nothing";
}

// The import writes every file under a temporary name, flushes them all at
// once, then names them: a kill leaves each hashed name absent or whole.
// Its temporary files are ignored, not cleaned: the next import neither
// reads them nor deletes them (a live import's files look just the same).
TEST_F(NoPartialFiles, AnImportIntoADirectoryStoreKilledAtRandomMomentsLeavesOnlyCompleteCertificates) {
    TempFolder reference_folder;
    const auto started = Clock::now();
    ASSERT_EQ(wait_for_child(start_child([&] { return static_cast<int>(place_everything(reference_folder.path())); })).exit_code, 0);
    const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    const auto reference = store_files(reference_folder.path(), false);
    ASSERT_EQ(reference.size(), static_cast<std::size_t>(roots));  // lone roots: Root/ only
    ASSERT_TRUE(store_files(reference_folder.path(), true).empty());

    const std::regex temporary_name("\\.[0-9a-f]{8}\\.[A-Za-z0-9]{6}");
    std::mt19937 random(20261130);
    std::uniform_int_distribution<long> moment(0, full_run.count() * 9 / 10);
    int left_temporaries = 0;  // rounds killed while temporary files existed
    // Twelve rounds at least, and more, up to 80, until one kill has landed
    // while temporary files existed: on a busy machine the import's timing
    // drifts from the reference run's, and twelve random moments once all
    // missed that window.
    for (int round = 0; round < 12 || (left_temporaries == 0 && round < 80); ++round) {
        TempFolder folder;
        const pid_t child = start_child([&] { return static_cast<int>(place_everything(folder.path())); });
        std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
        kill(child, SIGKILL);
        wait_for_child(child);

        for (const auto& [name, bytes] : store_files(folder.path(), false)) {
            const auto expected = reference.find(name);
            ASSERT_NE(expected, reference.end()) << "round " << round << ": unexpected file " << name;
            EXPECT_EQ(bytes, expected->second) << "round " << round << ": " << name << " is partial";
        }
        const auto leftovers = store_files(folder.path(), true);
        if (!leftovers.empty()) ++left_temporaries;
        for (const auto& [name, bytes] : leftovers) {
            EXPECT_TRUE(std::regex_match(fs::path(name).filename().string(), temporary_name))
                << "round " << round << ": leftover " << name << " is not a temporary file";
        }

        // The next import finishes the job around the leftovers, which stay
        // as they were and are neither listed nor loaded as certificates.
        ASSERT_EQ(place_everything(folder.path()), CACHAIN_OK) << "round " << round << ": " << cachain_last_error();
        EXPECT_EQ(store_files(folder.path(), false), reference) << "round " << round;
        EXPECT_EQ(store_files(folder.path(), true), leftovers) << "round " << round;
        EXPECT_EQ(certificates_listed(folder.path(), CACHAIN_STORE_ROOT), static_cast<std::size_t>(roots)) << "round " << round;
        cachain_set* loaded = nullptr;
        ASSERT_EQ(cachain_set_new(&loaded), CACHAIN_OK);
        EXPECT_EQ(cachain_set_add_path(loaded, utf8_from_path(folder / "Root").c_str(), nullptr), CACHAIN_OK) << cachain_last_error();
        EXPECT_EQ(cachain_set_count(loaded), static_cast<std::size_t>(roots)) << "round " << round;
        cachain_set_free(loaded);
    }
    EXPECT_GT(left_temporaries, 0) << "no kill landed while the import's files were being written: the test proved nothing";
}

}  // namespace
