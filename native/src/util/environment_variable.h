// Reading the process's environment. The library reads the environment it
// was started with: a PowerShell session's $env: changes stay inside .NET
// outside Windows, so callers that must honour them pass paths explicitly.
#pragma once

#include <cstdlib>
#include <string>

namespace cachain {

// The variable's value, "" when it is not set.
inline std::string environment_variable(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace cachain
