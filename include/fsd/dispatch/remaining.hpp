// The time a visit under way still needs: the job's quantiles conditioned on the time already on
// site (conditional_duration.hpp), or the technician's own estimate after running_late as the
// median, with the conditional quantiles' spread above it.
#pragma once

#include "fsd/dispatch/conditional_duration.hpp"
#include "fsd/dispatch/state.hpp"

namespace fsd::dispatch {

inline DurationQuantiles remaining_on_site(const DispatchState& st, const Visit& v) {
    const Job& job = st.problem.jobs[v.job];
    const Duration elapsed = max(Duration::zero(), st.now - v.started);
    const DurationQuantiles cond = conditional_remaining(job.duration, elapsed, st.problem.technicians[v.technician].efficiency);
    if (!v.expected_finish) return cond;
    const Duration said = max(Duration::zero(), *v.expected_finish - st.now);
    // The technician's estimate is the new median; the upper quantiles keep their distance from it.
    return {said, said + (cond.p75 - cond.p50), said + (cond.p90 - cond.p50)};
}

}  // namespace fsd::dispatch
