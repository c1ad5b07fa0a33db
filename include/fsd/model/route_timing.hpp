// Turns an ordered list of jobs for one technician-shift into a timed Route: earliest service
// starts, breaks placed as late as the next job allows, departure delayed to cut idle waiting.
// Used to build output plans and by the baseline planner; O(route length), not for hot loops.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

struct TimingOptions {
    bool allow_overtime = true;  // up to the shift's max_overtime
    // Back by the planner's limit (Shift::planned_return_limit): a route the search could plan.
    bool as_planned = false;
};

namespace timing_detail {

// Earliest service start at or after `ready` in one of the job's windows (and at its pinned
// start, when pinned); nullopt when every window has closed.
inline std::optional<TimePoint> service_start(const Job& job, TimePoint ready) {
    std::optional<TimePoint> best;
    if (job.time_windows.empty()) best = ready;
    for (const auto& w : job.time_windows) {
        const TimePoint s = max(ready, w.start);
        if (s <= w.end && (!best || s < *best)) best = s;
    }
    if (best && job.pinned_start) {
        if (*best > *job.pinned_start) return std::nullopt;
        best = *job.pinned_start;
    }
    return best;
}

}  // namespace timing_detail

std::optional<Route> time_route(const Problem& p, TechnicianIndex ti, std::uint32_t si, std::span<const JobIndex> jobs,
                                const TimingOptions& opt = {});

}  // namespace fsd
