// A plan of the rest of a dispatch day (residual indices) as the whole day and its ETAs, timed
// exactly as dispatch::project times a plan: what the lanes compare options with the current
// plan by, so that an option's cascade shows its own effect and nothing else.
#pragma once

#include <utility>

#include "fsd/dispatch/residual_plan.hpp"

namespace fsd::lanes {

inline std::pair<Plan, dispatch::PlanTimes> timed_day(const dispatch::DispatchState& st, const dispatch::Residual& r,
                                                      const Plan& residual_plan) {
    // Twice through the mapping, as dispatch::project does: a route under way keeps its real
    // departure, so the first residual stop's arrival is derived again from the shift's start.
    const Plan first = dispatch::to_full(st, r, evaluate(r.problem, residual_plan).schedule);
    const Evaluation ev = evaluate(r.problem, dispatch::to_residual(r, first));
    Plan day = dispatch::to_full(st, r, ev.schedule);
    dispatch::PlanTimes times = dispatch::full_times(st, r, ev, day);
    return {std::move(day), std::move(times)};
}

// The residual index of a state job; nullopt when it is not open (begun, done, closed).
inline std::optional<JobIndex> residual_index(const dispatch::Residual& r, JobIndex job) {
    for (JobIndex i : indices<JobIndex>(r.job.size()))
        if (r.job[i] == job) return i;
    return std::nullopt;
}

}  // namespace fsd::lanes
