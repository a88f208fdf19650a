// A TCP server on 127.0.0.1 whose behaviour a test writes as a function:
// an HTTP responder, a server that says nothing, one that drips bytes, one
// that speaks SMTP before TLS. It stops, and its thread ends, when the test
// object goes away.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "test_sockets.h"

namespace cachain::testing {

class LoopbackServer {
public:
    // handler runs for each accepted connection, one at a time; it should
    // return promptly once stopping is true. The connection is closed after.
    using Handler = std::function<void(Socket connection, const std::atomic<bool>& stopping)>;

    explicit LoopbackServer(Handler handler, bool ipv6 = false);
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const { return port_; }

private:
    void serve();

    Handler handler_;
    Socket listener_ = invalid_socket;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

// Helpers for handlers.
// Returns false once the peer is gone.
bool send_all(Socket socket, const std::string& data);
std::string read_until(Socket socket, const std::string& terminator, std::size_t max_bytes = 16 * 1024);

}  // namespace cachain::testing
