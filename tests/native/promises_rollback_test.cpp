// Promise: failed imports roll back. A store that fails on its Nth write,
// for every N a placement makes, ends exactly as it was before the call:
// what the call added is gone, what was there before (including a
// certificate the call found already present) is untouched. Removal is
// held to the same promise.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cachain/cachain.h"
#include "promise_support.h"
#include "test_pki.h"

namespace {

using namespace cachain::testing;

// A store the caller reaches through callbacks (as the module reaches
// .NET's X509Store), kept in memory, that fails its Nth add or remove.
struct FailingStore {
    std::map<std::pair<int, std::string>, std::vector<uint8_t>> entries;
    int fail_add_at = 0;     // 0: never
    int fail_remove_at = 0;  // 0: never
    int adds = 0, removes = 0;

    static FailingStore& of(void* context) { return *static_cast<FailingStore*>(context); }
    static cachain_status contains(void* context, cachain_store_name name, const char* thumbprint, int* present) {
        *present = of(context).entries.count({name, thumbprint}) ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status add(void* context, cachain_store_name name, const uint8_t* der, size_t length,
                              const char* thumbprint, int* added) {
        FailingStore& store = of(context);
        if (++store.adds == store.fail_add_at) return CACHAIN_E_IO;
        *added = store.entries.emplace(std::make_pair(int(name), std::string(thumbprint)),
                                       std::vector<uint8_t>(der, der + length)).second ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status remove(void* context, cachain_store_name name, const char* thumbprint, int* removed) {
        FailingStore& store = of(context);
        if (++store.removes == store.fail_remove_at) return CACHAIN_E_IO;
        *removed = store.entries.erase({name, thumbprint}) ? 1 : 0;
        return CACHAIN_OK;
    }
    static cachain_status list(void* context, cachain_store_name name, cachain_set* into) {
        for (const auto& [key, der] : of(context).entries)
            if (key.first == name) cachain_set_add_bytes(into, der.data(), der.size(), "memory", nullptr);
        return CACHAIN_OK;
    }
    cachain_store_callbacks callbacks() { return {CACHAIN_STORE_CALLBACKS_VERSION, this, contains, add, remove, list}; }
};

class FailedImportsRollBack : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        pki_ = new SeedPki(make_seed_pki());
        other_root_ = new Issued(self_signed(ca_spec("AlreadyTrustedRootCA")));
    }
    static void TearDownTestSuite() {
        delete other_root_;
        delete pki_;
    }

    void SetUp() override {
        ASSERT_EQ(cachain_set_new(&cas_), CACHAIN_OK);
        const std::string pem = pem_of({&pki_->root, &pki_->policy, &pki_->issuing});
        ASSERT_EQ(cachain_set_add_bytes(cas_, reinterpret_cast<const uint8_t*>(pem.data()), pem.size(), "cas.pem", nullptr), CACHAIN_OK);
        // Before the call: an unrelated root, and the seed's policy CA, which
        // the placement finds already present and must leave in place.
        store_.entries[{CACHAIN_STORE_ROOT, thumbprint_of(*other_root_)}] = other_root_->der();
        store_.entries[{CACHAIN_STORE_CA, thumbprint_of(pki_->policy)}] = pki_->policy.der();
        const cachain_store_callbacks callbacks = store_.callbacks();
        ASSERT_EQ(cachain_store_open_callbacks(&callbacks, "CurrentUser\\Root", "CurrentUser\\CA", &handle_), CACHAIN_OK);
    }
    void TearDown() override {
        cachain_placement_free(placement_);
        cachain_store_free(handle_);
        cachain_set_free(cas_);
    }

    static SeedPki* pki_;
    static Issued* other_root_;
    FailingStore store_;
    cachain_set* cas_ = nullptr;
    cachain_store* handle_ = nullptr;
    cachain_placement* placement_ = nullptr;
};
SeedPki* FailedImportsRollBack::pki_ = nullptr;
Issued* FailedImportsRollBack::other_root_ = nullptr;

TEST_F(FailedImportsRollBack, WhicheverWriteFailsTheStoreEndsAsItWas) {
    const auto before = store_.entries;
    // The seed's rule adds the root to Root and CA and the issuing CA to CA:
    // three writes (the policy CA is already there). Fail each in turn.
    for (int n = 1; n <= 3; ++n) {
        store_.adds = 0;
        store_.fail_add_at = n;
        EXPECT_EQ(cachain_place(handle_, cas_, 0, &placement_), CACHAIN_E_IO) << "write " << n;
        EXPECT_EQ(placement_, nullptr);
        EXPECT_EQ(store_.entries, before) << "write " << n << " failed and the store was not restored";
        EXPECT_NE(std::string(cachain_last_error()), "") << "write " << n;
    }
    store_.fail_add_at = 0;  // and with nothing failing, the same call goes through
    ASSERT_EQ(cachain_place(handle_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    EXPECT_EQ(store_.entries.size(), before.size() + 3);
}

TEST_F(FailedImportsRollBack, AFailedRemovalPutsBackWhatItHadRemoved) {
    ASSERT_EQ(cachain_place(handle_, cas_, 0, &placement_), CACHAIN_OK) << cachain_last_error();
    const auto placed = store_.entries;
    const std::string root = thumbprint_of(pki_->root), issuing = thumbprint_of(pki_->issuing);
    const char* thumbprints[] = {root.c_str(), issuing.c_str()};
    for (int n = 1; n <= 3; ++n) {  // the root from Root and CA, the issuing CA from CA
        store_.removes = 0;
        store_.fail_remove_at = n;
        cachain_placement* removal = nullptr;
        EXPECT_EQ(cachain_unplace(handle_, nullptr, thumbprints, 2, 0, &removal), CACHAIN_E_IO) << "removal " << n;
        EXPECT_EQ(removal, nullptr);
        EXPECT_EQ(store_.entries, placed) << "removal " << n << " failed and the store was not restored";
    }
}

}  // namespace
