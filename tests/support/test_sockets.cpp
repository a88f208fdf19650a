#include "test_sockets.h"

namespace cachain::testing {

void start_sockets() {
#ifdef _WIN32
    static const bool started = [] {
        WSADATA data;
        return WSAStartup(MAKEWORD(2, 2), &data) == 0;
    }();
    (void)started;
#endif
}

Socket tcp_socket(int family) {
    start_sockets();
    return socket(family, SOCK_STREAM, 0);
}

bool wait_readable(Socket socket, int timeout_ms) {
#ifdef _WIN32
    WSAPOLLFD waiting{socket, POLLRDNORM, 0};
    return WSAPoll(&waiting, 1, timeout_ms) > 0;
#else
    pollfd waiting{socket, POLLIN, 0};
    return poll(&waiting, 1, timeout_ms) > 0;
#endif
}

}  // namespace cachain::testing
