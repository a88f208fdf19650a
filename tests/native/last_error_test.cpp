// cachain_last_error keeps one message per thread. Callers such as pwsh run
// the library on many threads that come and go, so each message must go
// with its thread, and nothing else: under mingw-w64 a thread_local
// std::string freed a wrong pointer as its thread ended (see
// util/per_thread_text.h; Windows.ThreadsEndWithoutHeapErrors catches that).
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <malloc.h>
#endif

#include "cachain/cachain.h"

namespace {

// Bytes of the heap in use by this process. On Windows, the private memory
// committed, region by region: Wine reports no PrivateUsage.
std::int64_t heap_in_use() {
#ifdef _WIN32
    std::int64_t committed = 0;
    MEMORY_BASIC_INFORMATION region{};
    for (const char* at = nullptr; VirtualQuery(at, &region, sizeof region) == sizeof region;) {
        if (region.State == MEM_COMMIT && region.Type == MEM_PRIVATE) committed += static_cast<std::int64_t>(region.RegionSize);
        const char* next = static_cast<const char*>(region.BaseAddress) + region.RegionSize;
        if (next <= at) break;
        at = next;
    }
    return committed;
#else
    const struct mallinfo2 info = mallinfo2();
    return static_cast<std::int64_t>(info.uordblks + info.hblkhd);
#endif
}

// Fails one call on this thread; its message names the item, so it is as
// long as the item's name.
void fail_once_naming(const std::string& item) {
    cachain_set* set = nullptr;
    ASSERT_EQ(cachain_set_new(&set), CACHAIN_OK);
    const std::uint8_t junk[] = {0x01, 0x02, 0x03};
    EXPECT_EQ(cachain_set_add_bytes(set, junk, sizeof junk, item.c_str(), nullptr), CACHAIN_E_UNSUPPORTED_FORMAT);
    EXPECT_NE(std::strstr(cachain_last_error(), item.c_str()), nullptr);
    cachain_set_free(set);
}

TEST(LastError, EachThreadKeepsItsOwnMessage) {
    fail_once_naming("here.cer");
    std::thread([] {
        EXPECT_STREQ(cachain_last_error(), "");  // a new thread has none yet
        fail_once_naming("there.cer");
    }).join();
    EXPECT_NE(std::strstr(cachain_last_error(), "here.cer"), nullptr);
    EXPECT_EQ(std::strstr(cachain_last_error(), "there.cer"), nullptr);
}

TEST(LastError, TheMessageOfAThreadThatEndedIsFreedWithIt) {
#ifndef _WIN32
    // One arena and mapped blocks from 128 KiB: every message is then a
    // block of its own that mallinfo2 counts, whichever thread made it.
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 128 << 10);
#endif
    constexpr int kThreads = 64;
    const std::string item(std::size_t{1} << 20, 'n');  // a 1 MiB name, so a 1 MiB message
    std::thread(fail_once_naming, item).join();          // what a first thread sets up, once
    const std::int64_t before = heap_in_use();
    for (int i = 0; i < kThreads; ++i) std::thread(fail_once_naming, item).join();
    // Leaked, the messages would hold 64 MiB; freed, nothing stays but noise.
    EXPECT_LT(heap_in_use() - before, std::int64_t{8} << 20);
}

#ifdef _WIN32
// pwsh's threads are not winpthreads' own: made by CreateThread, they must
// free their message when they end all the same.
TEST(LastError, TheMessageOfAThreadMadeByCreateThreadIsFreedWithIt) {
    static const std::string item(std::size_t{1} << 20, 'w');
    const auto run = [](void*) -> DWORD {
        fail_once_naming(item);
        return 0;
    };
    const auto run_one = [&] {
        HANDLE thread = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
        ASSERT_NE(thread, nullptr);
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    };
    run_one();
    const std::int64_t before = heap_in_use();
    for (int i = 0; i < 64; ++i) run_one();
    EXPECT_LT(heap_in_use() - before, std::int64_t{8} << 20);
}
#endif

}  // namespace
