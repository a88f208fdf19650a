#include "process_runner.h"

#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl>

extern char** environ;

namespace cachain {

ProcessResult run_process(const std::vector<std::string>& arguments) { return run_process_holding(arguments, -1); }

ProcessResult run_process_holding(const std::vector<std::string>& arguments, int held_descriptor) {
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
    // A copy above 3, so that the dup2 is never onto itself (which would keep close-on-exec).
    const int held_copy = held_descriptor >= 0 ? fcntl(held_descriptor, F_DUPFD_CLOEXEC, 4) : -1;
    const auto close_copy = gsl::finally([&] { if (held_copy >= 0) close(held_copy); });
    if (held_copy >= 0) posix_spawn_file_actions_adddup2(&actions, held_copy, 3);

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

}  // namespace cachain
