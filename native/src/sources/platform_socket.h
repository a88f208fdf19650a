// The few socket details that differ between POSIX and Winsock: a failed
// call's error (errno on POSIX, WSAGetLastError() on Windows, where errno
// says nothing about sockets and strerror does not know Winsock's codes),
// and how a non-blocking connect reports that it has finished.
#pragma once

#include <ctime>
#include <string>

namespace cachain {

// The error of the last socket call on this thread.
int last_socket_error();

bool is_connection_refused(int socket_error);
bool is_timed_out(int socket_error);

// The code that stands for "the deadline passed", for is_timed_out.
int timed_out_error();

// The system's words for a socket error ("Connection reset by peer").
std::string socket_error_text(int socket_error);

// Waits until the non-blocking connect on fd has finished or deadline has
// passed. Returns 0 when connected, else the socket error (timed_out_error()
// at the deadline). Windows signals a failed connect as an exception, not as
// writable, so waiting for "writable" alone would wait out every refusal.
int wait_for_connect(int fd, std::time_t deadline);

}  // namespace cachain
