// Runs a system tool (update-ca-certificates, update-ca-trust) without a
// shell, so paths with spaces or quotes are passed exactly as they are.
// POSIX only: the library runs no program on Windows.
#pragma once

#include <string>
#include <vector>

namespace cachain {

struct ProcessResult {
    int exit_code = -1;   // -1 when the program could not be started
    std::string output;   // standard output and standard error, interleaved
};

// Runs arguments[0] (looked up in PATH) with the rest as its arguments, and
// waits for it. Never throws for the program's own failure: read the result.
ProcessResult run_process(const std::vector<std::string>& arguments);

// The same, with held_descriptor open in the program as its descriptor 3
// (and in whatever it starts): a lock taken on it is then held until the
// program ends too, even when the caller dies first.
ProcessResult run_process_holding(const std::vector<std::string>& arguments, int held_descriptor);

}  // namespace cachain
