// Promise: concurrent imports into the Linux system trust are safe. Two
// processes place different roots into one system root at the same moment;
// both roots end up trusted. Without the lock that serialises the refreshes,
// the two update-ca-certificates runs share one temporary bundle
// (ca-certificates.crt.new): one run removes or moves the other's, and a
// root is left out of the bundle or an import fails. Many rounds, because
// one race may happen to go well.
#include <set>
#include <string>
#include <vector>

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

// Without the lock, the first round failed in each of 9 runs here; 10
// rounds leave a wide margin, and take 10 to 30 s, by load.
constexpr int rounds = 10;

TEST(ConcurrentSystemImports, TwoProcessesPlacingDifferentRootsAtOnceLeaveBothInTheBundle) {
    const Issued shipped = self_signed(ca_spec("DistributionShippedRoot"));
    const Issued first = self_signed(ca_spec("FirstPartnerRootCA")), second = self_signed(ca_spec("SecondPartnerRootCA"));
    const std::vector<const Issued*> roots{&first, &second};
    const std::set<std::string> expected{thumbprint_of(shipped), thumbprint_of(first), thumbprint_of(second)};

    for (int round = 0; round < rounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const TempFolder system_root;
        ASSERT_NO_FATAL_FAILURE(make_debian_system_root(system_root.path(), {&shipped}));

        int start[2];
        ASSERT_EQ(pipe(start), 0);
        std::vector<pid_t> children;
        for (const Issued* root : roots) {
            children.push_back(start_child([&] {
                close(start[1]);
                char go = 0;
                if (read(start[0], &go, 1) < 0) return 98;  // returns when the parent closes the pipe
                return static_cast<int>(import_into(system_root.path(), root->pem()));
            }));
        }
        close(start[0]);
        close(start[1]);  // both start at once
        for (const pid_t child : children) {
            const ChildOutcome outcome = wait_for_child(child);
            EXPECT_TRUE(outcome.exited);
            EXPECT_EQ(outcome.exit_code, CACHAIN_OK);
        }

        for (const Issued* root : roots) EXPECT_TRUE(fs::exists(root_file(system_root.path(), thumbprint_of(*root))));
        const auto in_bundle = bundle_thumbprints(system_root.path());
        EXPECT_EQ(std::set<std::string>(in_bundle.begin(), in_bundle.end()), expected);
        EXPECT_EQ(in_bundle.size(), expected.size()) << "a root is in the bundle twice";
        EXPECT_FALSE(fs::exists(bundle_of(system_root.path()).string() + ".new")) << "the tool's temporary bundle is left";
        if (HasFailure()) break;  // one failed round says it all
    }
}

}  // namespace
