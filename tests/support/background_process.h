// A server the test starts (openssl s_server, an HTTP server) and that is
// killed when the test ends, pass or fail.
#pragma once

#include <string>
#include <vector>

namespace cachain::testing {

class BackgroundProcess {
public:
    // Starts arguments[0] from PATH with its output discarded. On Windows the
    // program is a Windows one (openssl.exe for `openssl`).
    explicit BackgroundProcess(const std::vector<std::string>& arguments);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    bool running() const;

private:
#ifdef _WIN32
    void* process_ = nullptr;  // the process HANDLE
#else
    int pid_ = -1;
#endif
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

// True once something accepts connections on 127.0.0.1:port ([::1] with ipv6), false after
// timeout_ms.
bool wait_for_port(int port, int timeout_ms, bool ipv6 = false);

}  // namespace cachain::testing
