// The few socket calls the test servers make, the same on POSIX and on
// Winsock: a socket is a Socket, closed with close_socket, waited on with
// wait_readable. On Windows, Winsock is started once, before the first use.
#pragma once

#include <cstdint>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace cachain::testing {

#ifdef _WIN32
using Socket = SOCKET;
inline constexpr Socket invalid_socket = INVALID_SOCKET;
using SocketLength = int;
inline constexpr int no_sigpipe = 0;  // Winsock raises no signal on a closed peer
inline void close_socket(Socket socket) { closesocket(socket); }
inline constexpr int shutdown_both = SD_BOTH;
#else
using Socket = int;
inline constexpr Socket invalid_socket = -1;
using SocketLength = socklen_t;
inline constexpr int no_sigpipe = MSG_NOSIGNAL;
inline void close_socket(Socket socket) { close(socket); }
inline constexpr int shutdown_both = SHUT_RDWR;
#endif

// Starts Winsock for the test program (a no-op elsewhere). Every helper that
// makes a socket calls it first; it is cheap after the first call.
void start_sockets();

// A new TCP socket of this family, or invalid_socket.
Socket tcp_socket(int family);

// True when socket has data (or a connection) to take within timeout_ms.
bool wait_readable(Socket socket, int timeout_ms);

}  // namespace cachain::testing
