#include "loopback_server.h"

#include <csignal>
#include <cstring>
#include <stdexcept>

namespace cachain::testing {

#ifndef _WIN32
// The servers tests run in-process may write to a connection the client
// already closed: that must fail the write, not kill the test binary.
const bool sigpipe_ignored = [] {
    std::signal(SIGPIPE, SIG_IGN);
    return true;
}();
#endif

namespace {

// Binds socket to an ephemeral port on the loopback address of its family
// and returns the port.
int bind_loopback(Socket socket, bool ipv6) {
    sockaddr_storage address{};
    SocketLength length = 0;
    if (ipv6) {
        auto& v6 = reinterpret_cast<sockaddr_in6&>(address);
        v6.sin6_family = AF_INET6;
        v6.sin6_addr = in6addr_loopback;
        length = sizeof v6;
    } else {
        auto& v4 = reinterpret_cast<sockaddr_in&>(address);
        v4.sin_family = AF_INET;
        v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof v4;
    }
    if (bind(socket, reinterpret_cast<sockaddr*>(&address), length) != 0) throw std::runtime_error("bind");
    getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(ipv6 ? reinterpret_cast<sockaddr_in6&>(address).sin6_port
                      : reinterpret_cast<sockaddr_in&>(address).sin_port);
}

}  // namespace

LoopbackServer::LoopbackServer(Handler handler, bool ipv6) : handler_(std::move(handler)) {
    listener_ = tcp_socket(ipv6 ? AF_INET6 : AF_INET);
    if (listener_ == invalid_socket) throw std::runtime_error("socket");
    port_ = bind_loopback(listener_, ipv6);
    listen(listener_, 16);
    thread_ = std::thread([this] { serve(); });
}

LoopbackServer::~LoopbackServer() {
    stopping_ = true;
    shutdown(listener_, shutdown_both);
    thread_.join();
    close_socket(listener_);
}

void LoopbackServer::serve() {
    while (!stopping_) {
        if (!wait_readable(listener_, 100)) continue;
        const Socket connection = accept(listener_, nullptr, nullptr);
        if (connection == invalid_socket) continue;
        try {
            handler_(connection, stopping_);
        } catch (...) {
            // A handler's failure is the client's problem to report.
        }
        close_socket(connection);
    }
}

bool send_all(Socket socket, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const auto sent = send(socket, data.data() + done, static_cast<int>(data.size() - done), no_sigpipe);
        if (sent <= 0) return false;
        done += static_cast<std::size_t>(sent);
    }
    return true;
}

std::string read_until(Socket socket, const std::string& terminator, std::size_t max_bytes) {
    std::string data;
    char c = 0;
    while (data.size() < max_bytes && data.find(terminator) == std::string::npos) {
        if (!wait_readable(socket, 5000)) break;
        if (recv(socket, &c, 1, 0) != 1) break;
        data += c;
    }
    return data;
}

}  // namespace cachain::testing
