// Loading an existing Plan into the search state, so the solver can continue from yesterday's
// plan or a dispatcher's edits. Stops that no longer fit (or that the solver's model cannot
// represent) go to the bank for the repair to place again.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

inline void load_plan(SearchState& s, const Plan& plan) {
    const Instance& inst = s.instance();
    s.begin_iteration();
    for (const Route& route : plan.routes) {
        int r = -1;
        for (int v = 0; v < inst.num_vehicles(); ++v)
            if (inst.vehicle(v).technician == route.technician && inst.vehicle(v).shift == route.shift) r = v;
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
