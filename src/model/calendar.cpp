#include "fsd/model/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace fsd {
namespace {

bool parse_uint(std::string_view s, unsigned& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int y, unsigned m) {
    static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::string two(long v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02ld", v);
    return buf;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    unsigned y = 0, m = 0, d = 0;
    if (!parse_uint(text.substr(0, 4), y) || !parse_uint(text.substr(5, 2), m) || !parse_uint(text.substr(8, 2), d)) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(static_cast<int>(y), m)) return std::nullopt;
    return date_from_civil(static_cast<int>(y), m, d);
}

std::string format_date(Date date) {
    const auto c = civil_from_date(date);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
    return buf;
}

std::optional<TimePoint> parse_local_time(std::string_view text, Date horizon_start) {
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    if (text[10] != 'T' || text[13] != ':') return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    unsigned hh = 0, mm = 0, ss = 0;
    if (!date || !parse_uint(text.substr(11, 2), hh) || !parse_uint(text.substr(14, 2), mm)) return std::nullopt;
    if (text.size() == 19 && (text[16] != ':' || !parse_uint(text.substr(17, 2), ss))) return std::nullopt;
    // 24:00 is accepted as the end of a day; anything later is not a clock time.
    if (hh > 24 || mm > 59 || ss > 59 || (hh == 24 && (mm || ss))) return std::nullopt;
    const std::int64_t day = date->days - horizon_start.days;
    return TimePoint(day * seconds_per_day + hh * 3600 + mm * 60 + ss);
}

std::string format_local_time(TimePoint t, Date horizon_start) {
    std::int64_t s = t.count();
    std::int64_t day = s >= 0 ? s / seconds_per_day : -((-s + seconds_per_day - 1) / seconds_per_day);
    s -= day * seconds_per_day;
    std::string out = format_date(Date{horizon_start.days + day}) + "T" + two(s / 3600) + ":" + two(s / 60 % 60);
    if (s % 60) out += ":" + two(s % 60);
    return out;
}

std::string format_clock(TimePoint t) {
    std::int64_t s = t.count();
    const bool neg = s < 0;
    if (neg) s = -s;
    const std::int64_t day = s / seconds_per_day;
    s %= seconds_per_day;
    std::string out = (neg ? "-" : "") + (day ? "d" + std::to_string(day) + " " : std::string()) + two(s / 3600) + ":" + two(s / 60 % 60);
    if (s % 60) out += ":" + two(s % 60);
    return out;
}

std::string format_duration(Duration d) {
    std::int64_t s = d.count();
    std::string sign = s < 0 ? "-" : "";
    if (s < 0) s = -s;
    if (s < 60) return sign + std::to_string(s) + "s";
    if (s < 3600) return sign + std::to_string(s / 60) + "m" + (s % 60 ? two(s % 60) + "s" : "");
    return sign + std::to_string(s / 3600) + "h" + two(s / 60 % 60) + "m";
}

}  // namespace fsd
