#include "utc_text.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace cachain {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

}  // namespace

// std::chrono's civil calendar rather than gmtime: it has no range limit, so
// a notAfter of 9999-12-31 (RFC 5280's "no expiry") prints on Windows too.
std::string utc_date(std::int64_t seconds_since_1970) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(sys_seconds{seconds{seconds_since_1970}})};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

std::string utc_time(std::int64_t seconds_since_1970) {
    const std::int64_t of_day = ((seconds_since_1970 % seconds_per_day) + seconds_per_day) % seconds_per_day;
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(of_day / 3600),
                  static_cast<int>(of_day / 60 % 60), static_cast<int>(of_day % 60));
    return utc_date(seconds_since_1970) + " " + text + " UTC";
}

std::int64_t seconds_since_1970(const ASN1_TIME* time) {
    std::tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return 0;
    using namespace std::chrono;
    const sys_days date{year{parts.tm_year + 1900} / month{unsigned(parts.tm_mon + 1)} / day{unsigned(parts.tm_mday)}};
    const auto moment = date + hours{parts.tm_hour} + minutes{parts.tm_min} + seconds{parts.tm_sec};
    return duration_cast<seconds>(moment.time_since_epoch()).count();
}

}  // namespace cachain
