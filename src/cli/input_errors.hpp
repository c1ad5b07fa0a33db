// Private to the fsd CLI: the bad-input errors the commands raise about their own options
// (exit 2), worded the same way in every command.
#pragma once

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/model/calendar.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::cli {

inline InputErrors input_error(std::string path, std::string message) {
    return InputErrors(std::vector<InputError>{{std::move(path), std::move(message)}});
}

// read(), with `file` named in front of each error's path: for commands that read several files,
// so that the reader knows which one is at fault. `within` is where the file's content sat in what
// was read (e.g. "jobs[25]" for a job file read as part of a problem): taken off the paths.
template <class Read>
auto from_file(const std::string& file, Read read, std::string_view within = {}) -> decltype(read()) {
    try {
        return read();
    } catch (const InputErrors& e) {
        std::vector<InputError> out;
        for (InputError err : e.errors()) {
            if (!within.empty() && err.path.rfind(within, 0) == 0) {
                err.path.erase(0, within.size());
                if (!err.path.empty() && err.path.front() == '.') err.path.erase(0, 1);
            }
            if (err.path.rfind(file, 0) != 0) err.path = err.path.empty() ? file : file + ": " + err.path;
            out.push_back(std::move(err));
        }
        throw InputErrors(std::move(out));
    }
}

inline std::string date_error(const std::string& text) {
    return "expected a date YYYY-MM-DD, got '" + text + "'";
}

// The date an option names; throws an input error naming the option otherwise.
inline Date date_option(const std::string& text, const char* option) {
    const auto d = parse_date(text);
    if (!d) throw input_error(option, date_error(text));
    return *d;
}

// A time an option names must fall in the problem's horizon: a day's clock set outside it would
// refuse every event after.
inline TimePoint in_horizon(const Problem& p, TimePoint t, const std::string& text, const char* option) {
    if (t < TimePoint(0) || t > p.work_end())
        throw input_error(option, "'" + text + "' is outside the problem's horizon (" + std::to_string(std::max(1, p.horizon.days)) +
                                      " day(s) from its start, and its shifts)");
    return t;
}

// The time an option names: "YYYY-MM-DDTHH:MM[:SS]" local time (needs the problem's start date)
// or integer seconds from the horizon start, inside the horizon; throws an input error naming the
// option otherwise.
inline TimePoint time_option(const Problem& p, const std::string& text, const char* option) {
    if (p.horizon.start_date)
        if (const auto t = parse_local_time(text, *p.horizon.start_date)) return in_horizon(p, *t, text, option);
    std::int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && end == text.data() + text.size() && seconds > -(1LL << 40) && seconds < (1LL << 40))
        return in_horizon(p, TimePoint(seconds), text, option);
    throw input_error(option, "expected a time YYYY-MM-DDTHH:MM or seconds from the horizon start, got '" + text + "'");
}

}  // namespace fsd::cli
