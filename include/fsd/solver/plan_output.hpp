// From search state to Plan: each used route becomes timed stops (every stop as early as it may
// start, the departure as late as that allows), and every bank job gets its reason.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/model/unassigned_reason.hpp"
#include "fsd/solver/route_walk.hpp"
#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

// The route's schedule as route_walk.hpp defines it: every stop as early as it may start, and
// the departure as late as that allows, so the first job's customer sees no wait.
inline Route timed_route(const Instance& inst, const RouteState& R) {
    const Vehicle& veh = inst.vehicle(R.vehicle);
    Route out{veh.technician, veh.shift, veh.span.start, TimePoint::min(), {}};
    WalkState w = WalkState::at_start(veh);
    for (Node u : R.nodes) {
        const bool rest = inst.is_break(u);
        const bool first = !w.departed;
        const TimePoint ready = rest ? w.free : w.free + inst.travel_time(w.here, inst.location(u));
        const TimePoint start = walk_step(inst, w, u, R.vehicle);
        assert(start <= inst.stop(u, R.vehicle).latest());
        const auto index = rest ? inst.break_index(u) : static_cast<std::uint32_t>(u);
        out.stops.push_back(Stop{rest ? StopKind::break_time : StopKind::job, index, first && !rest ? start : ready, start, w.free});
    }
    out.departure = w.departure;
    out.return_time = w.free + inst.travel_time(w.here, veh.end_location);
    return out;
}

inline Plan to_plan(const SearchState& s) {
    const Instance& inst = s.instance();
    Plan plan;
    for (int r = 0; r < s.num_routes(); ++r)
        if (!s.route(r).empty()) plan.routes.push_back(timed_route(inst, s.route(r)));
    for (Node u = 0; u < inst.num_jobs(); ++u)
        if (s.route_of(u) < 0) plan.unassigned.push_back(diagnose_unassigned(inst.problem(), static_cast<JobIndex>(u)));
    return plan;
}

}  // namespace fsd::solver
