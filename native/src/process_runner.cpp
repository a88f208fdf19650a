#include "process_runner.h"

#include <gsl/gsl>

#ifdef _WIN32
#include "windows_command_line.h"
#else
#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;
#endif

namespace cachain {

#ifndef _WIN32
ProcessResult run_process(const std::vector<std::string>& arguments) {
    ProcessResult result;
    if (arguments.empty()) return result;
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) return result;
    const auto close_read = gsl::finally([&] { close(pipe_ends[0]); });

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const auto destroy_actions = gsl::finally([&] { posix_spawn_file_actions_destroy(&actions); });
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);

    pid_t child = 0;
    const int spawned = posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
    close(pipe_ends[1]);
    if (spawned != 0) {
        result.output = "cannot start " + arguments[0];
        return result;
    }
    char buffer[4096];
    for (;;) {
        const ssize_t got = read(pipe_ends[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        if (result.output.size() < 64 * 1024) result.output.append(buffer, static_cast<size_t>(got));
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}
#else
ProcessResult run_process(const std::vector<std::string>& arguments) {
    ProcessResult result;
    if (arguments.empty()) return result;
    std::wstring command_line = windows_command_line(arguments);

    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    HANDLE read_end = nullptr, write_end = nullptr;
    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) return result;
    const auto close_read = gsl::finally([&] { CloseHandle(read_end); });
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    HANDLE nothing = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                                 nullptr);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = nothing;
    startup.hStdOutput = startup.hStdError = write_end;
    PROCESS_INFORMATION started{};
    // CreateProcessW looks the program up on PATH, adding .exe.
    const BOOL created = CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW,
                                        nullptr, nullptr, &startup, &started);
    CloseHandle(write_end);
    if (nothing != INVALID_HANDLE_VALUE) CloseHandle(nothing);
    if (!created) {
        result.output = "cannot start " + arguments[0];
        return result;
    }
    char buffer[4096];
    DWORD got = 0;
    while (ReadFile(read_end, buffer, sizeof buffer, &got, nullptr) && got > 0) {
        if (result.output.size() < 64 * 1024) result.output.append(buffer, got);
    }
    WaitForSingleObject(started.hProcess, INFINITE);
    DWORD exit_code = 0;
    GetExitCodeProcess(started.hProcess, &exit_code);
    result.exit_code = static_cast<int>(exit_code);
    CloseHandle(started.hProcess);
    CloseHandle(started.hThread);
    return result;
}
#endif

}  // namespace cachain
