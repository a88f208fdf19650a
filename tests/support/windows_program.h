// Running a Windows program and reading what it printed, for the tests and
// the demo on Windows (the library itself runs no program there). Windows
// only.
#pragma once

#include <string>
#include <vector>

namespace cachain::testing {

struct ProgramRun {
    int exit_code = -1;  // -1 when it could not be started
    std::string output;  // standard output and standard error, interleaved
};

// Runs arguments[0] with the rest as its arguments (UTF-8, quoted as the
// program's C runtime reads them back), and waits for it. A bare program
// name is looked up as CreateProcessW does: this program's folder, the
// current folder, Windows' folders, then PATH.
ProgramRun run_windows_program(const std::vector<std::string>& arguments);

}  // namespace cachain::testing
