#include "platform_socket.h"

#include <algorithm>

#ifdef _WIN32
#include <winsock2.h>

#include "windows_error_text.h"
#else
#include <cerrno>
#include <cstring>
#include <sys/socket.h>

#include <openssl/bio.h>
#endif

namespace cachain {
namespace {

// The error a finished connect left on the socket (0: connected).
int pending_socket_error(int fd) {
    int socket_error = 0;
#ifdef _WIN32
    int length = sizeof socket_error;
#else
    socklen_t length = sizeof socket_error;
#endif
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&socket_error), &length) != 0)
        return last_socket_error();
    return socket_error;
}

}  // namespace

#ifdef _WIN32
int last_socket_error() { return WSAGetLastError(); }
bool is_connection_refused(int socket_error) { return socket_error == WSAECONNREFUSED; }
bool is_timed_out(int socket_error) { return socket_error == WSAETIMEDOUT; }
int timed_out_error() { return WSAETIMEDOUT; }

std::string socket_error_text(int socket_error) {
    return windows_error_text_or_code(static_cast<std::uint32_t>(socket_error));
}

int wait_for_connect(int fd, std::time_t deadline) {
    const SOCKET socket = static_cast<SOCKET>(fd);
    fd_set writable, failed;
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    FD_SET(socket, &writable);
    FD_SET(socket, &failed);
    const long seconds = static_cast<long>(std::max<std::time_t>(0, deadline - std::time(nullptr)));
    timeval timeout{seconds, 0};
    const int ready = select(0, nullptr, &writable, &failed, &timeout);
    if (ready < 0) return last_socket_error();
    if (ready == 0) return timed_out_error();
    if (FD_ISSET(socket, &failed)) {
        const int error = pending_socket_error(fd);
        return error != 0 ? error : WSAECONNREFUSED;
    }
    return pending_socket_error(fd);
}
#else
int last_socket_error() { return errno; }
bool is_connection_refused(int socket_error) { return socket_error == ECONNREFUSED; }
bool is_timed_out(int socket_error) { return socket_error == ETIMEDOUT; }
int timed_out_error() { return ETIMEDOUT; }
std::string socket_error_text(int socket_error) { return std::strerror(socket_error); }

int wait_for_connect(int fd, std::time_t deadline) {
    const int ready = BIO_socket_wait(fd, 0, deadline);
    if (ready < 0) return last_socket_error();
    if (ready == 0) return timed_out_error();
    return pending_socket_error(fd);
}
#endif

}  // namespace cachain
