// The day a job is for: the day of its pinned start, else of its earliest time window, else the
// first day of the horizon. One definition, shared by matching, duration planning and the CLI.
#pragma once

#include <algorithm>
#include <optional>

#include "fsd/model/job.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

// The horizon day (0-based) of the job's pinned start or earliest window; 0 when it has neither.
inline int day_of_job(const Job& job) {
    auto day_of = [](TimePoint t) { return static_cast<int>(t.count() / seconds_per_day); };
    if (job.pinned_start) return day_of(*job.pinned_start);
    if (job.time_windows.empty()) return 0;
    const auto first =
        std::min_element(job.time_windows.begin(), job.time_windows.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    return day_of(first->start);
}

// The calendar date of day_of_job(); unknown when the horizon has no start date.
inline std::optional<Date> job_date(const Problem& problem, const Job& job) {
    return problem.date_of_day(day_of_job(job));
}

}  // namespace fsd
