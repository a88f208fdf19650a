// Promise: a killed import converges. An import into a system root is
// SIGKILLed at random moments across its whole run: before it writes, while
// it writes the files, while update-ca-certificates runs and after. Half the
// time only the import dies (the tool runs on, orphaned); half the time its
// whole process group does, tool included, as Ctrl+C in a terminal would.
// After each kill, Test- reports what the bundle says, a re-import takes in
// whatever the killed one left half-done, and a removal undoes it all.
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>

#include <gtest/gtest.h>

#include "child_process.h"
#include "debian_system_root.h"
#include "promise_support.h"
#include "system_import_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

// The delays spread over the import's own measured duration, so that the
// rounds cover each of its steps; 16 rounds take 10 to 45 s here, by load.
constexpr int rounds = 16;

// Starts an import in a child that leads a process group of its own, so
// that the group (the import and the tool it runs) can be killed at once.
pid_t start_import(const fs::path& system_root, const std::string& pem) {
    const pid_t child = start_child([&] {
        setpgid(0, 0);
        return static_cast<int>(import_into(system_root, pem));
    });
    setpgid(child, child);  // also here: the kill may come before the child ran
    return child;
}

std::chrono::microseconds measured_import(const Issued& shipped, const std::string& pem) {
    const TempFolder system_root;
    make_debian_system_root(system_root.path(), {&shipped});
    const auto started = std::chrono::steady_clock::now();
    wait_for_child(start_import(system_root.path(), pem));
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
}

// Waits until no refresh runs in the system root: an orphaned tool holds
// the import's lock on usr/local/share/cachain until it ends.
void wait_for_orphaned_refresh(const fs::path& system_root) {
    const int folder = open((system_root / "usr/local/share/cachain").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) return;  // the import died before it made the folder
    flock(folder, LOCK_EX);
    close(folder);
}

// The files but the hidden temporary ones a write killed mid-way may leave.
std::vector<std::string> visible_files_in(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().rfind('.', 0) != 0) names.push_back(entry.path().filename().string());
    return names;
}

std::set<std::string> as_set(const std::vector<std::string>& thumbprints) { return {thumbprints.begin(), thumbprints.end()}; }

std::set<std::string> thumbprints_of_file(const fs::path& file) {
    std::set<std::string> found;
    for (const auto& cert : cachain::parse_certificates(read_file(file), "file", nullptr)) found.insert(cert->thumbprint());
    return found;
}

TEST(KilledSystemImports, AnImportKilledAtAnyMomentConvergesOnTheNextImportAndRemoval) {
    const Issued shipped = self_signed(ca_spec("DistributionShippedRoot"));
    const SeedPki pki = make_seed_pki();
    const std::string chain = pem_of({&pki.root, &pki.policy, &pki.issuing});
    const std::string root = thumbprint_of(pki.root), policy = thumbprint_of(pki.policy), issuing = thumbprint_of(pki.issuing);
    const auto duration = measured_import(shipped, chain);
    ASSERT_FALSE(HasFailure());
    const unsigned seed = std::random_device{}();
    std::mt19937 random(seed);
    std::uniform_int_distribution<long long> delay(0, duration.count() * 6 / 5);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", an import takes " + std::to_string(duration.count()) + " us");

    // One system root for every round: each ends with the removal, which
    // must leave it as it began.
    const TempFolder system_root;
    const fs::path at = system_root.path();
    ASSERT_NO_FATAL_FAILURE(make_debian_system_root(at, {&shipped}));
    for (int round = 0; round < rounds; ++round) {
        const bool whole_group = round % 2 == 1;
        const auto kill_after = std::chrono::microseconds(delay(random));
        SCOPED_TRACE("round " + std::to_string(round) + ": killed " + (whole_group ? "with its tool" : "alone") + " after " +
                     std::to_string(kill_after.count()) + " us");
        const pid_t child = start_import(at, chain);
        std::this_thread::sleep_for(kill_after);
        kill(whole_group ? -child : child, SIGKILL);
        wait_for_child(child);
        wait_for_orphaned_refresh(at);

        // Truthful at once: trusted exactly when the bundle holds the root,
        // never a bundled root of ours without its file.
        const bool bundled = as_set(bundle_thumbprints(at)).count(root) > 0;
        EXPECT_EQ(trusted_in(at, pki.server, chain), bundled ? 1 : 0);
        if (bundled) {
            EXPECT_TRUE(fs::exists(root_file(at, root)));
        }

        // The next import converges, and says what it did: the root Added
        // unless the killed import's refresh had taken it in.
        std::vector<PlacedAction> actions;
        ASSERT_EQ(import_into(at, chain, &actions), CACHAIN_OK) << cachain_last_error();
        ASSERT_FALSE(actions.empty());
        EXPECT_EQ(actions.front(), (PlacedAction{CACHAIN_STORE_ROOT, root, bundled ? CACHAIN_ACTION_ALREADY_PRESENT : CACHAIN_ACTION_ADDED}));
        EXPECT_TRUE(fs::exists(root_file(at, root)));
        EXPECT_EQ(bundle_thumbprints(at), (std::vector<std::string>{thumbprint_of(shipped), root}));
        EXPECT_EQ(thumbprints_of_file(intermediates_file(at)), (std::set<std::string>{root, policy, issuing}));
        EXPECT_EQ(trusted_in(at, pki.server, chain), 1);
        EXPECT_FALSE(fs::exists(bundle_of(at).string() + ".new")) << "the tool's temporary bundle is left";

        // And a removal undoes all of it.
        ASSERT_EQ(remove_from(at, {root, policy, issuing}), CACHAIN_OK) << cachain_last_error();
        EXPECT_EQ(bundle_thumbprints(at), std::vector<std::string>{thumbprint_of(shipped)});
        EXPECT_FALSE(fs::exists(root_file(at, root)));
        EXPECT_EQ(visible_files_in(at / "usr/local/share/cachain/intermediates"), std::vector<std::string>{});
        EXPECT_EQ(trusted_in(at, pki.server, chain), 0);
        if (HasFailure()) break;  // one failed round says it all
    }
}

}  // namespace
