#include "windows_chain_engine.h"

#include <filesystem>
#include <random>
#include <stdexcept>

#include <windows.h>

#include <gsl/gsl>

#include "test_pki.h"
#include "utf8_path.h"
#include "windows_program.h"

namespace cachain::testing {
namespace {

namespace fs = std::filesystem;

fs::path beside_this_program(const wchar_t* name) {
    wchar_t path[MAX_PATH];
    const DWORD length = GetModuleFileNameW(nullptr, path, MAX_PATH);
    return fs::path(std::wstring(path, length)).parent_path() / name;
}

}  // namespace

ChainEngineVerdict ask_windows_chain_engine(const std::string& server_name,
                                            const std::vector<std::vector<std::uint8_t>>& presented,
                                            ChainEngine engine) {
    if (presented.empty()) throw std::invalid_argument("no server certificate");
    const fs::path folder = fs::temp_directory_path() / ("cachain-verdict-" + std::to_string(std::random_device{}()));
    fs::create_directories(folder);
    const auto remove_folder = gsl::finally([&] {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    });
    std::vector<std::string> command{utf8_from_path(beside_this_program(L"cachain-windows-verdict.exe"))};
    if (engine == ChainEngine::LocalMachine) command.push_back("-machine");
    command.push_back(server_name);
    for (std::size_t i = 0; i < presented.size(); ++i) {
        const fs::path file = folder / (std::to_string(i) + ".cer");
        write_file(file, presented[i]);
        command.push_back(utf8_from_path(file));
    }
    const ProgramRun run = run_windows_program(command);
    if (run.exit_code != 0 && run.exit_code != 1)
        throw std::runtime_error("cachain-windows-verdict could not ask (" + std::to_string(run.exit_code) + "): " + run.output);
    return {run.exit_code == 0, run.output};
}

}  // namespace cachain::testing
