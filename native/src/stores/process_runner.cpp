#include "process_runner.h"

#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl>

extern char** environ;

namespace cachain {
namespace {

enum class Lookup { InPath, AsGiven };

// Starts program with arguments and environment, and collects what it
// prints until it exits. held_descriptor, unless -1, is open in the program
// as its descriptor 3.
ProcessResult run(const std::string& program, Lookup lookup, const std::vector<std::string>& arguments,
                  char* const* environment, int held_descriptor) {
    ProcessResult result;
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
    const int spawned = lookup == Lookup::InPath
                            ? posix_spawnp(&child, program.c_str(), &actions, nullptr, argv.data(), environment)
                            : posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), environment);
    close(pipe_ends[1]);
    if (spawned != 0) {
        result.output = "cannot start " + program;
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

}  // namespace

ProcessResult run_process(const std::vector<std::string>& arguments) {
    if (arguments.empty()) return {};
    return run(arguments[0], Lookup::InPath, arguments, environ, -1);
}

std::optional<std::string> find_system_tool(const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos) return std::nullopt;
    for (const char* folder : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
        const std::string candidate = folder + name;
        struct stat status {};
        if (stat(candidate.c_str(), &status) == 0 && S_ISREG(status.st_mode) && access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

ProcessResult run_system_tool(const std::vector<std::string>& arguments, int held_descriptor) {
    if (arguments.empty()) return {};
    const auto program = find_system_tool(arguments[0]);
    if (!program) {
        ProcessResult missing;
        missing.output = arguments[0] + " is not in /usr/sbin, /usr/bin, /sbin or /bin";
        return missing;
    }
    std::string path = "PATH=/usr/sbin:/usr/bin:/sbin:/bin", language = "LANG=C";
    char* const environment[] = {path.data(), language.data(), nullptr};
    return run(*program, Lookup::AsGiven, arguments, environment, held_descriptor);
}

}  // namespace cachain
