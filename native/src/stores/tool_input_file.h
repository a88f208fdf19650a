// A certificate handed to a tool that reads it from a file (certutil -A -i,
// keytool -importcert -file): a private temporary file, deleted when this
// goes. Certificates are public; the file is 0600 all the same. POSIX only.
#pragma once

#include <cstdint>
#include <string>

#include <gsl/gsl>

namespace cachain {

class ToolInputFile {
public:
    // tool: names the file ("cachain-<tool>-XXXXXX") and the messages.
    ToolInputFile(const std::string& tool, gsl::span<const std::uint8_t> bytes);
    ~ToolInputFile();
    ToolInputFile(const ToolInputFile&) = delete;
    ToolInputFile& operator=(const ToolInputFile&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace cachain
