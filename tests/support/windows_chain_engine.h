// Windows' own verdict on a server's chain, taken in a fresh process
// (cachain-windows-verdict.exe, built beside the test programs), because the
// chain engine caches the system stores per process. Windows only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cachain::testing {

enum class ChainEngine {
    CurrentUser,  // what an application run by the user sees: LocalMachine's stores too
    LocalMachine  // the computer account's stores only
};

struct ChainEngineVerdict {
    bool trusted = false;
    std::string output;  // "trusted" or "untrusted: chain status 0x..., SSL policy error 0x...", then the chain
};

// presented[0] is the server's certificate, the rest what the server sent
// with it, as DER.
ChainEngineVerdict ask_windows_chain_engine(const std::string& server_name,
                                            const std::vector<std::vector<std::uint8_t>>& presented,
                                            ChainEngine engine = ChainEngine::CurrentUser);

}  // namespace cachain::testing
