#include "windows_program.h"

#include <gsl/gsl>

#include <windows.h>

#include "windows_command_line.h"

namespace cachain::testing {

ProgramRun run_windows_program(const std::vector<std::string>& arguments) {
    ProgramRun run;
    if (arguments.empty()) return run;
    std::wstring command_line = windows_command_line(arguments);

    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    HANDLE read_end = nullptr, write_end = nullptr;
    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) return run;
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
    const BOOL created = CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW,
                                        nullptr, nullptr, &startup, &started);
    CloseHandle(write_end);  // the child holds its own copy: reading ends when it exits
    if (nothing != INVALID_HANDLE_VALUE) CloseHandle(nothing);
    if (!created) {
        run.output = "cannot start " + arguments[0];
        return run;
    }
    char buffer[4096];
    DWORD got = 0;
    while (ReadFile(read_end, buffer, sizeof buffer, &got, nullptr) && got > 0) run.output.append(buffer, got);
    WaitForSingleObject(started.hProcess, INFINITE);
    DWORD exit_code = 0;
    GetExitCodeProcess(started.hProcess, &exit_code);
    run.exit_code = static_cast<int>(exit_code);
    CloseHandle(started.hProcess);
    CloseHandle(started.hThread);
    return run;
}

}  // namespace cachain::testing
