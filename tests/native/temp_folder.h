// A folder of the test's own, removed when the test ends.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "utf8_path.h"  // utf8_from_path: paths cross the C interface as UTF-8

namespace cachain::testing {

using cachain::path_from_utf8;
using cachain::utf8_from_path;

class TempFolder {
public:
    TempFolder() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("cachain-test-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace cachain::testing
