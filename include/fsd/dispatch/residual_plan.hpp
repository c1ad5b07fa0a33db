// Plans between the whole day and the residual problem (residual.hpp): the open part of a day's
// plan in residual indices (the warm start of a re-plan, and what is evaluated to time the
// current plan as of now), a residual plan back as the whole day behind its frozen part, and the
// ETAs of that day.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "fsd/dispatch/plan_times.hpp"
#include "fsd/dispatch/residual.hpp"
#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

// The open part of `day` (a plan of the state's problem with the state's frozen part) in residual
// indices, stated times kept. Every residual job is routed or listed as unassigned.
Plan to_residual(const Residual& r, const Plan& day);

namespace residual_plan_detail {

inline const Route* residual_route(const Residual& r, const Plan& schedule, TechnicianIndex t, std::uint32_t state_shift) {
    const auto rs = r.residual_shift(t, state_shift);
    return rs ? find_route(schedule, t, *rs) : nullptr;
}

// Where a route's last stop leaves the technician.
inline LocationId last_location(const Problem& p, const Route& route, LocationId start) {
    for (auto it = route.stops.rbegin(); it != route.stops.rend(); ++it)
        if (it->kind == StopKind::job) return p.jobs[it->index].location;
    return start;
}

}  // namespace residual_plan_detail

// The whole day from a residual plan with its times (an evaluation's schedule): each route's
// frozen prefix and visit under way from the state's plan, then the residual stops, then every
// job left out. Throws std::logic_error if a job begun would be lost (a bug, never an input).
Plan to_full(const DispatchState& st, const Residual& r, const Plan& schedule);

// The ETA windows of a residual route: the evaluator's, except that a technician finishing a visit
// under way is free at that visit's p50 end in the p50 walk and at its p90 end in the p90 walk.
inline std::vector<EtaWindow> residual_eta(const Problem& rp, const Route& scheduled, const std::optional<VisitEnd>& visit_end) {
    if (!visit_end) return evaluation_detail::eta_windows(rp, scheduled);
    Route early = scheduled, late = scheduled;
    early.departure = visit_end->p50;
    late.departure = max(visit_end->p90, scheduled.departure);
    const std::vector<EtaWindow> a = evaluation_detail::eta_windows(rp, early), b = evaluation_detail::eta_windows(rp, late);
    std::vector<EtaWindow> out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) out[i] = {a[i].p50, b[i].p90};
    return out;
}

// The ETAs of the whole day: the stated starts of what has begun, the residual evaluation's times and
// p50-p90 windows for the rest, each technician's end of day from `day`.
PlanTimes full_times(const DispatchState& st, const Residual& r, const Evaluation& ev, const Plan& day);

}  // namespace fsd::dispatch
