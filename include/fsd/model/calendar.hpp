// Civil dates and local wall-clock times, for the JSON boundary and for certification expiry.
// Inside fsd a time is seconds since horizon start (TimePoint); a date is days since 1970-01-01.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fsd/model/units.hpp"

namespace fsd {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
struct Date {
    std::int64_t days = 0;
    friend constexpr auto operator<=>(Date, Date) = default;
};

// Howard Hinnant's days_from_civil algorithm (public domain description), written out here.
constexpr Date date_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Date{static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468};
}

struct CivilDate {
    int year;
    unsigned month;
    unsigned day;
};

constexpr CivilDate civil_from_date(Date date) {
    const std::int64_t z = date.days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

// Parses "YYYY-MM-DD"; nullopt when malformed or not a real calendar date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (local wall-clock time, no offset) into
// seconds relative to 00:00 of `horizon_start`. nullopt when malformed.
std::optional<TimePoint> parse_local_time(std::string_view text, Date horizon_start);
std::string format_local_time(TimePoint t, Date horizon_start);
// "HH:MM" on day 0, "d2 HH:MM" on later days: for messages when there is no calendar date.
std::string format_clock(TimePoint t);
// "1h05m", "12m", "45s", "-3m": a duration for messages and reports.
std::string format_duration(Duration d);

}  // namespace fsd
