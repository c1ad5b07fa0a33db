// From search state to Plan: each used route becomes timed stops (starting at the departure
// that minimises the route's duration), and every bank job gets its reason.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/solver/search_state.hpp"
#include "fsd/solver/unassigned_reason.hpp"

namespace fsd::solver {

inline Route timed_route(const Instance& inst, const RouteState& R) {
    const Vehicle& veh = inst.vehicle(R.vehicle);
    Route out{veh.technician, veh.shift, R.whole().earliest(), TimePoint::min(), {}};
    TimePoint t = out.departure;
    std::uint32_t here = veh.start_location;
    for (Node u : R.nodes) {
        const Segment seg = inst.stop(u, R.vehicle);
        const bool rest = inst.is_break(u);
        const TimePoint arrival = rest ? t : t + inst.travel_time(here, seg.first);
        const TimePoint start = max(arrival, seg.earliest());
        assert(start <= seg.latest());
        // A break's index within its shift: break nodes of a vehicle are consecutive.
        const auto index = static_cast<std::uint32_t>(rest ? u - veh.breaks.front() : u);
        out.stops.push_back(Stop{rest ? StopKind::break_time : StopKind::job, index, arrival, start, start + seg.duration()});
        t = start + seg.duration();
        if (!rest) here = seg.first;
    }
    out.return_time = t + inst.travel_time(here, veh.end_location);
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
