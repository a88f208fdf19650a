#include "background_process.h"

#include <chrono>
#include <thread>

#include "test_sockets.h"

#ifdef _WIN32
#include <windows.h>

#include "windows_command_line.h"
#else
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace cachain::testing {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

sockaddr_in6 loopback6(int port) {
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(static_cast<uint16_t>(port));
    address.sin6_addr = in6addr_loopback;
    return address;
}

bool accepts_connections(int port, bool ipv6) {
    const Socket socket = tcp_socket(ipv6 ? AF_INET6 : AF_INET);
    if (socket == invalid_socket) return false;
    const sockaddr_in v4 = loopback(port);
    const sockaddr_in6 v6 = loopback6(port);
    const bool connected = ipv6 ? connect(socket, reinterpret_cast<const sockaddr*>(&v6), sizeof v6) == 0
                                : connect(socket, reinterpret_cast<const sockaddr*>(&v4), sizeof v4) == 0;
    close_socket(socket);
    return connected;
}


}  // namespace

#ifdef _WIN32
BackgroundProcess::BackgroundProcess(const std::vector<std::string>& arguments) {
    std::wstring command_line = windows_command_line(arguments);
    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    HANDLE null = CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                              OPEN_EXISTING, 0, nullptr);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = startup.hStdOutput = startup.hStdError = null;
    PROCESS_INFORMATION started{};
    // CreateProcessW looks the program up on PATH, adding .exe.
    if (CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr, nullptr,
                       &startup, &started)) {
        CloseHandle(started.hThread);
        process_ = started.hProcess;
    }
    CloseHandle(null);
}

BackgroundProcess::~BackgroundProcess() {
    if (process_ == nullptr) return;
    TerminateProcess(process_, 1);
    WaitForSingleObject(process_, 10000);
    CloseHandle(process_);
}

bool BackgroundProcess::running() const {
    return process_ != nullptr && WaitForSingleObject(process_, 0) == WAIT_TIMEOUT;
}
#else
BackgroundProcess::BackgroundProcess(const std::vector<std::string>& arguments) {
    pid_ = fork();
    if (pid_ != 0) return;
    const int null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
}

BackgroundProcess::~BackgroundProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
}

bool BackgroundProcess::running() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
#endif

int free_loopback_port() {
    const Socket socket = tcp_socket(AF_INET);
    sockaddr_in address = loopback(0);
    bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
    SocketLength length = sizeof address;
    getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    close_socket(socket);
    return ntohs(address.sin_port);
}

bool wait_for_port(int port, int timeout_ms, bool ipv6) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (accepts_connections(port, ipv6)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace cachain::testing
