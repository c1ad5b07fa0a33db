#include "fsd/dispatch/hold.hpp"

#include <algorithm>

#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

std::optional<Plan> held_to(const Problem& p, Plan plan, JobIndex j, TimePoint from) {
    for (Route& r : plan.routes) {
        const auto it =
            std::find_if(r.stops.begin(), r.stops.end(), [j](const Stop& s) { return s.kind == StopKind::job && s.job_index() == j; });
        if (it == r.stops.end()) continue;
        if (it->start >= from || !evaluation_detail::in_some_window(p.jobs[j], from)) return std::nullopt;
        it->start = from;
        it->end = from + p.service_time(p.jobs[j], p.technicians[r.technician]);
        return plan;
    }
    return std::nullopt;
}

std::optional<Replanned> hold_visit(const DispatchState& st, const Plan& plan, JobIndex j, TimePoint from) {
    const std::optional<Plan> held = held_to(st.problem, plan, j, from);
    if (!held) return std::nullopt;
    return project(st, *held);
}

}  // namespace fsd::dispatch
