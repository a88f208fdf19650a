// Text kept per thread, such as the C interface's last error message.
//
// Not a thread_local std::string: mingw-w64 runs the destructor of such an
// object after it has freed the thread's emulated TLS block, so the
// destructor reads freed memory and frees a wrong pointer. Under Wine every
// thread that ended did so (its heap checker names each one), and now and
// then it corrupted the heap (seen as crashes in OpenSSL when a searching
// thread ended beside another one); in pwsh, cachain.dll shares the heap of
// the whole process. A pthread key (winpthreads' on Windows) hands its
// destructor the text's own pointer instead.
#pragma once

#include <pthread.h>

#include <string>

namespace cachain {

class PerThreadText {
public:
    PerThreadText();
    // Keep one for the life of the process: deleting the key would leave
    // the texts of the threads still running behind.
    ~PerThreadText() = delete;
    PerThreadText(const PerThreadText&) = delete;
    PerThreadText& operator=(const PerThreadText&) = delete;

    // This thread's text, empty on a thread's first use; freed when the
    // thread ends.
    std::string& here();

private:
    pthread_key_t key_{};
};

}  // namespace cachain
