// How a chain element that was downloaded through a caIssuers URL names its
// source: "downloaded from <url>". Both the discovery that downloads it
// (sources/) and the verdict that shows it (diagnostics/) use these words.
#pragma once

#include <string>

namespace cachain {

std::string downloaded_source(const std::string& url);

// The URL of a downloaded element's source; "" for any other source.
std::string download_url(const std::string& source);

}  // namespace cachain
