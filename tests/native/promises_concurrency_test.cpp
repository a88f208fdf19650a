// Promise: concurrent imports are safe. Eight processes (not threads: each
// with its own view of the folder, as eight PowerShell sessions would have)
// place overlapping chains into one directory store at the same moment. The
// store ends consistent: each certificate once per store, each file whole,
// no temporary file left.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "child_process.h"
#include "promise_support.h"
#include "system_import_support.h"
#include "temp_folder.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;
namespace fs = std::filesystem;

int place_all(const fs::path& folder, const std::string& pem) {
    return place_pem(CACHAIN_LOCATION_DIRECTORY, folder, pem);
}

// Thumbprints of the certificates in the store's name folder, one per file.
std::multiset<std::string> thumbprints_in(const fs::path& folder) {
    std::multiset<std::string> found;
    for (const auto& file : files_under(folder)) {
        cachain_set* set = nullptr;
        cachain_set_new(&set);
        EXPECT_EQ(cachain_set_add_path(set, file.c_str(), nullptr), CACHAIN_OK) << file << ": " << cachain_last_error();
        EXPECT_EQ(cachain_set_count(set), 1u) << file;
        if (cachain_set_count(set) == 1) found.insert(cachain_cert_text(cachain_set_cert(set, 0), CACHAIN_TEXT_THUMBPRINT));
        cachain_set_free(set);
    }
    return found;
}

TEST(ConcurrentImports, EightProcessesPlacingOverlappingChainsLeaveOneCopyOfEach) {
    const SeedPki pki = make_seed_pki();
    const Issued second_issuing = issue(pki.policy, ca_spec("SchertzLabIssuingCA2"));
    const Issued other_root = self_signed(ca_spec("PartnerRootCA"));
    const Issued other_issuing = issue(other_root, ca_spec("PartnerIssuingCA"));
    const std::vector<std::string> chains{
        pem_of({&pki.root, &pki.policy, &pki.issuing}),
        pem_of({&pki.issuing, &pki.policy, &pki.root, &second_issuing}),
        pem_of({&pki.policy, &pki.root, &other_root, &other_issuing}),
        pem_of({&other_issuing, &other_root, &second_issuing, &pki.policy, &pki.root}),
    };
    TempFolder store;

    int start[2];
    ASSERT_EQ(pipe(start), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < 8; ++i) {
        children.push_back(start_child([&, i] {
            close(start[1]);
            char go = 0;
            if (read(start[0], &go, 1) < 0) return 98;  // returns when the parent closes the pipe
            return place_all(store.path(), chains[static_cast<std::size_t>(i) % chains.size()]);
        }));
    }
    close(start[0]);
    close(start[1]);  // all eight start at once
    for (const pid_t child : children) {
        const ChildOutcome outcome = wait_for_child(child);
        EXPECT_TRUE(outcome.exited);
        EXPECT_EQ(outcome.exit_code, CACHAIN_OK);
    }

    const std::multiset<std::string> roots{thumbprint_of(pki.root), thumbprint_of(other_root)};
    const std::multiset<std::string> cas{thumbprint_of(pki.root),        thumbprint_of(pki.policy),   thumbprint_of(pki.issuing),
                                         thumbprint_of(second_issuing), thumbprint_of(other_root),   thumbprint_of(other_issuing)};
    EXPECT_EQ(thumbprints_in(store / "Root"), roots);
    EXPECT_EQ(thumbprints_in(store / "CA"), cas);
    for (const auto& file : files_under(store.path()))
        EXPECT_NE(file.filename().string()[0], '.') << "temporary file left: " << file;

    // A ninth run finds everything already there and adds nothing.
    EXPECT_EQ(place_all(store.path(), chains[3]), CACHAIN_OK);
    EXPECT_EQ(files_under(store.path()).size(), roots.size() + cas.size());
}

}  // namespace
