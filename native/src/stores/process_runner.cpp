#include "process_runner.h"

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl>

#include "spoken_list.h"

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
        // Enough for a listing of thousands of certificates; beyond it, said rather than silently cut.
        if (result.output.size() < 16u << 20) result.output.append(buffer, static_cast<size_t>(got));
        else result.truncated = true;
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// Where system tools are taken from, in this order: never the caller's PATH.
constexpr std::array<const char*, 4> system_folders = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};

std::string joined_system_folders(const char* separator, const char* last_separator) {
    return spoken_list({system_folders.begin(), system_folders.end()}, last_separator, separator);
}

ProcessResult run_system_tool_in(const std::vector<std::string>& arguments, std::vector<std::string> variables,
                                 int held_descriptor) {
    if (arguments.empty()) return {};
    const auto program = find_system_tool(arguments[0]);
    if (!program) {
        ProcessResult missing;
        missing.output = arguments[0] + " is not in " + joined_system_folders(", ", " or ");
        return missing;
    }
    variables.insert(variables.begin(), {"PATH=" + joined_system_folders(":", ":"), "LANG=C"});
    std::vector<char*> environment;
    for (auto& variable : variables) environment.push_back(variable.data());
    environment.push_back(nullptr);
    return run(*program, Lookup::AsGiven, arguments, environment.data(), held_descriptor);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& arguments) {
    if (arguments.empty()) return {};
    return run(arguments[0], Lookup::InPath, arguments, environ, -1);
}

std::optional<std::string> find_system_tool(const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos) return std::nullopt;
    for (const char* folder : system_folders) {
        const std::string candidate = std::string(folder) + "/" + name;
        struct stat status {};
        if (stat(candidate.c_str(), &status) == 0 && S_ISREG(status.st_mode) && access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

ProcessResult run_system_tool(const std::vector<std::string>& arguments, int held_descriptor) {
    return run_system_tool_in(arguments, {}, held_descriptor);
}

ProcessResult run_system_tool_with(const std::vector<std::string>& arguments, const std::vector<std::string>& variables) {
    return run_system_tool_in(arguments, variables, -1);
}

}  // namespace cachain
