// Promise: an import into a system root on a full or read-only disk fails
// with an error naming the path and the reason, and places nothing: no
// certificate file left outside the bundle, the bundle and every link as
// they were, no temporary file. The disks are small tmpfs mounts of the
// test's own (mounted_tmpfs.h).
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "debian_system_root.h"
#include "mounted_tmpfs.h"
#include "promise_support.h"
#include "system_import_support.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

// Every file and link below folder (but the filler), with its content or
// target: what "nothing changed" is checked against.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
    std::map<std::string, std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        const std::string name = entry.path().lexically_relative(folder).string();
        if (name == "filler") continue;
        if (entry.is_symlink()) {
            entries[name] = "-> " + fs::read_symlink(entry.path()).string();
        } else if (entry.is_regular_file()) {
            const auto bytes = read_file(entry.path());
            entries[name] = std::string(bytes.begin(), bytes.end());
        }
    }
    return entries;
}

std::string import_error(const fs::path& system_root, const std::string& pem, cachain_status expected) {
    const cachain_status status = import_into(system_root, pem);
    EXPECT_EQ(status, expected);
    return status == CACHAIN_OK ? "" : cachain_last_error();
}

class FullOrReadOnlyDisk : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(disk_.mounted()) << disk_.error(); }

    const fs::path& system_root() const { return disk_.path(); }
    std::string anchors() const { return (system_root() / "usr/local/share/ca-certificates/cachain").string(); }

    const Issued shipped_ = self_signed(ca_spec("DistributionShippedRoot"));
    const SeedPki pki_ = make_seed_pki();
    const std::string chain_ = pem_of({&pki_.root, &pki_.policy, &pki_.issuing});
    MountedTmpfs disk_{"1m"};
};

TEST_F(FullOrReadOnlyDisk, WithNoRoomForTheFirstFileNothingIsPlaced) {
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root(), {&shipped_}));
    const auto before = snapshot(system_root());
    ASSERT_EQ(disk_.fill_leaving(0), "");

    EXPECT_EQ(import_error(system_root(), chain_, CACHAIN_E_IO),
              anchors() + "/" + thumbprint_of(pki_.root) + ".crt: cannot write the file (No space left on device); nothing was changed");
    EXPECT_EQ(snapshot(system_root()), before);
}

TEST_F(FullOrReadOnlyDisk, WithRoomForTheFilesButNotTheBundleEverythingIsUndone) {
    // A bundle of several blocks (the shipped root, 25 times over), and room
    // left for the import's five files (the root's .crt, three CA .pem, the
    // intermediates.pem) and one block short of the new bundle.
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root(), std::vector<const Issued*>(25, &shipped_)));
    const auto before = snapshot(system_root());
    const auto block = disk_.block_size();
    const auto bundle_size = fs::file_size(bundle_of(system_root())) + pki_.root.pem().size();
    const auto new_bundle_blocks = (bundle_size + block - 1) / block;
    ASSERT_EQ(disk_.fill_leaving(5 + new_bundle_blocks - 1), "");

    const std::string error = import_error(system_root(), chain_, CACHAIN_E_IO);
    const std::string start = "update-ca-certificates: failed with exit code 4 regenerating " + bundle_of(system_root()).string() + ": ";
    EXPECT_EQ(error.substr(0, start.size()), start) << error;
    EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
    const std::string end = "; the 4 change(s) made before it were undone";
    EXPECT_EQ(error.substr(error.size() - std::min(error.size(), end.size())), end) << error;
    EXPECT_EQ(snapshot(system_root()), before);

    // With room again, the same import succeeds.
    fs::remove(system_root() / "filler");
    EXPECT_EQ(import_into(system_root(), chain_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(bundle_thumbprints(system_root()).size(), 26u);
}

TEST_F(FullOrReadOnlyDisk, OnAReadOnlyDiskNothingChanges) {
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root(), {&shipped_}));
    const auto before = snapshot(system_root());
    ASSERT_EQ(disk_.remount_read_only(), "");

    EXPECT_EQ(import_error(system_root(), chain_, CACHAIN_E_ACCESS_DENIED),
              anchors() + ": cannot create the folder (Read-only file system); nothing was changed");
    EXPECT_EQ(snapshot(system_root()), before);
}

}  // namespace
