// Times as messages show them, always in UTC, so that a reason reads the
// same on every machine: "2027-03-01" and "2027-03-01 23:59:59 UTC".
#pragma once

#include <cstdint>
#include <string>

namespace cachain {

std::string utc_date(std::int64_t seconds_since_1970);
std::string utc_time(std::int64_t seconds_since_1970);

}  // namespace cachain
