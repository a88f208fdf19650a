// Runs a program without a shell, so paths with spaces or quotes are passed
// exactly as they are. POSIX only: the library runs no program on Windows.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cachain {

struct ProcessResult {
    int exit_code = -1;   // -1 when the program could not be started
    std::string output;   // standard output and standard error, interleaved
    bool truncated = false;  // the program said more than the 16 MiB kept: output is cut
};

// Runs arguments[0] (looked up in PATH) with the rest as its arguments, and
// waits for it. Never throws for the program's own failure: read the result.
// For the tests' own tools (openssl); the library runs system tools only
// through run_system_tool.
ProcessResult run_process(const std::vector<std::string>& arguments);

// Where the system's own tool of this name is: the first executable in
// /usr/sbin, /usr/bin, /sbin, /bin, in that order; nothing when none is.
std::optional<std::string> find_system_tool(const std::string& name);

// Runs a system trust tool (update-ca-certificates, update-ca-trust) as
// root would from a clean login, whatever the caller's environment: the
// program found by find_system_tool, never the caller's PATH (a folder of
// the caller's on it could hold a look-alike that runs as root), with only
// PATH=/usr/sbin:/usr/bin:/sbin:/bin and LANG=C (its messages, which errors
// quote, in English), so no LD_PRELOAD, LD_LIBRARY_PATH or other variable of
// the caller's reaches it or the programs it runs. Like run_process
// otherwise; exit_code -1 with a message when the tool is not found.
// held_descriptor, unless -1, is open in the tool as its descriptor 3 (and in
// whatever it starts): a lock taken on it is then held until the tool ends
// too, even when the caller dies first.
ProcessResult run_system_tool(const std::vector<std::string>& arguments, int held_descriptor = -1);

// The same, with these "NAME=value" variables added to the tool's clean
// environment: a secret the tool reads from a variable (keytool's
// -storepass:env) then never appears in a process listing.
ProcessResult run_system_tool_with(const std::vector<std::string>& arguments, const std::vector<std::string>& variables);

}  // namespace cachain
