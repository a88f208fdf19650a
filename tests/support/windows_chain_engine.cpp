#include "windows_chain_engine.h"

#include <filesystem>
#include <random>
#include <stdexcept>

#include <windows.h>

#include "test_pki.h"

namespace cachain::testing {
namespace {

namespace fs = std::filesystem;

fs::path beside_this_program(const wchar_t* name) {
    wchar_t path[MAX_PATH];
    const DWORD length = GetModuleFileNameW(nullptr, path, MAX_PATH);
    return fs::path(std::wstring(path, length)).parent_path() / name;
}

std::wstring quoted(const fs::path& path) { return L"\"" + path.wstring() + L"\""; }

// Runs command_line, waits for it, and returns its exit code and what it printed.
std::pair<DWORD, std::string> run_captured(std::wstring command_line) {
    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    HANDLE read_end = nullptr, write_end = nullptr;
    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) throw std::runtime_error("CreatePipe failed");
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdOutput = startup.hStdError = write_end;
    PROCESS_INFORMATION started{};
    const BOOL created = CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr,
                                        nullptr, &startup, &started);
    CloseHandle(write_end);
    if (!created) {
        CloseHandle(read_end);
        throw std::runtime_error("cannot start cachain-windows-verdict.exe");
    }
    std::string output;
    char buffer[4096];
    DWORD got = 0;
    while (ReadFile(read_end, buffer, sizeof buffer, &got, nullptr) && got > 0) output.append(buffer, got);
    WaitForSingleObject(started.hProcess, INFINITE);
    DWORD exit_code = 2;
    GetExitCodeProcess(started.hProcess, &exit_code);
    CloseHandle(started.hProcess);
    CloseHandle(started.hThread);
    CloseHandle(read_end);
    return {exit_code, output};
}

}  // namespace

ChainEngineVerdict ask_windows_chain_engine(const std::string& server_name,
                                            const std::vector<std::vector<std::uint8_t>>& presented,
                                            ChainEngine engine) {
    if (presented.empty()) throw std::invalid_argument("no server certificate");
    const fs::path folder = fs::temp_directory_path() / ("cachain-verdict-" + std::to_string(std::random_device{}()));
    fs::create_directories(folder);
    std::wstring command_line = quoted(beside_this_program(L"cachain-windows-verdict.exe"));
    if (engine == ChainEngine::LocalMachine) command_line += L" -machine";
    command_line += L" " + std::wstring(server_name.begin(), server_name.end());
    for (std::size_t i = 0; i < presented.size(); ++i) {
        const fs::path file = folder / (std::to_string(i) + ".cer");
        write_file(file, presented[i]);
        command_line += L" " + quoted(file);
    }
    const auto [exit_code, output] = run_captured(command_line);
    std::error_code ignored;
    fs::remove_all(folder, ignored);
    if (exit_code > 1) throw std::runtime_error("cachain-windows-verdict could not ask: " + output);
    return {exit_code == 0, output};
}

}  // namespace cachain::testing
