#include "tool_input_file.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <unistd.h>

#include "failure.h"

namespace cachain {

ToolInputFile::ToolInputFile(const std::string& tool, gsl::span<const std::uint8_t> bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("cachain-" + tool + "-XXXXXX")).string();
    const int descriptor = mkstemp(pattern.data());
    if (descriptor < 0) throw Failure(CACHAIN_E_IO, pattern, "cannot create a temporary file for " + tool);
    path_ = pattern;
    const auto written = write(descriptor, bytes.data(), bytes.size());
    close(descriptor);
    if (written != static_cast<ssize_t>(bytes.size())) {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
        throw Failure(CACHAIN_E_IO, path_, "cannot write a temporary file for " + tool);
    }
}

ToolInputFile::~ToolInputFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

}  // namespace cachain
