// Loading an existing Plan into the search state, so the solver can continue from yesterday's
// plan or a dispatcher's edits. Stops that no longer fit (or that the solver's model cannot
// represent) go to the bank for the repair to place again.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

// The route (= vehicle) of a technician's shift; -1 when there is none.
inline int route_of_vehicle(const Instance& inst, TechnicianIndex technician, std::uint32_t shift) {
    for (int v = 0; v < inst.num_vehicles(); ++v)
        if (inst.vehicle(v).technician == technician && inst.vehicle(v).shift == shift) return v;
    return -1;
}

inline void load_plan(SearchState& s, const Plan& plan) {
    const Instance& inst = s.instance();
    s.begin_iteration();
    for (const Route& route : plan.routes) {
        const int r = route_of_vehicle(inst, route.technician, route.shift);
        if (r < 0) continue;
        int last = -1;  // position of the previous job of this route: the plan's order is kept
        for (const Stop& stop : route.stops) {
            if (stop.kind != StopKind::job || stop.index >= static_cast<std::uint32_t>(inst.num_jobs())) continue;
            const Node u = static_cast<Node>(stop.index);
            if (s.route_of(u) >= 0 || !inst.eligible(u, s.route(r).vehicle)) continue;
            // After the previous job, on either side of any break: the cheapest that fits.
            int best_pos = -1;
            Cost best = Cost::infinity();
            for (int pos = last + 1; pos <= s.route(r).size(); ++pos) {
                const Cost d = s.insertion_delta(u, r, pos);
                if (d < best) best = d, best_pos = pos;
            }
            if (best_pos < 0) continue;
            s.insert(u, r, best_pos);
            s.update(r);
            last = best_pos;
        }
    }
    s.begin_iteration();
}

}  // namespace fsd::solver
