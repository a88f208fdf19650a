#include "download_source.h"

#include <string_view>

namespace cachain {
namespace {

constexpr std::string_view download_prefix = "downloaded from ";

}  // namespace

std::string downloaded_source(const std::string& url) { return std::string(download_prefix) + url; }

std::string download_url(const std::string& source) {
    return source.rfind(download_prefix, 0) == 0 ? source.substr(download_prefix.size()) : std::string{};
}

}  // namespace cachain
