// Environment variables a test sets (or unsets) in its own process, put
// back as they were when the test ends, pass or fail.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cachain::testing {

class EnvironmentForTheTest {
public:
    // A value of nullopt unsets the variable.
    using Values = std::vector<std::pair<std::string, std::optional<std::string>>>;

    explicit EnvironmentForTheTest(const Values& values) {
        for (const auto& [name, value] : values) {
            const char* before = std::getenv(name.c_str());
            saved_.emplace_back(name, before ? std::optional<std::string>(before) : std::nullopt);
            apply(name, value);
        }
    }
    ~EnvironmentForTheTest() {
        for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) apply(it->first, it->second);
    }
    EnvironmentForTheTest(const EnvironmentForTheTest&) = delete;
    EnvironmentForTheTest& operator=(const EnvironmentForTheTest&) = delete;

private:
    static void apply(const std::string& name, const std::optional<std::string>& value) {
#ifdef _WIN32
        _putenv_s(name.c_str(), value ? value->c_str() : "");  // "" removes it on Windows
#else
        if (value) setenv(name.c_str(), value->c_str(), 1);
        else unsetenv(name.c_str());
#endif
    }

    Values saved_;
};

}  // namespace cachain::testing
