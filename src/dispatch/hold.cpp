#include "fsd/dispatch/hold.hpp"

#include <algorithm>
#include <iterator>

#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

std::optional<Plan> held_to(const Problem& p, Plan plan, JobIndex j, TimePoint from) {
    for (Route& r : plan.routes) {
        const auto it =
            std::find_if(r.stops.begin(), r.stops.end(), [j](const Stop& s) { return s.kind == StopKind::job && s.job_index() == j; });
        if (it == r.stops.end()) continue;
        if (it->start >= from || !evaluation_detail::in_some_window(p.jobs[j], from)) return std::nullopt;
        const Technician& tech = p.technicians[r.technician];
        const Shift& shift = tech.shifts[r.shift];
        it->start = from;
        it->end = from + p.service_time(p.jobs[j], tech);
        // The stops behind it as the planner times them: the evaluator would start a job pushed
        // into a later hard window when that window opens, the planner at its promise or preferred
        // hour (evaluation_detail::opening_start).
        TimePoint free = it->end;
        LocationId here = p.jobs[j].location;
        for (auto s = std::next(it); s != r.stops.end(); ++s) {
            if (s->kind == StopKind::break_time) {
                s->arrival = free;
                s->start = max(s->start, max(free, shift.breaks[s->index].window.start));
                s->end = s->start + shift.breaks[s->index].length;
            } else {
                const Job& job = p.jobs[s->job_index()];
                s->arrival = free + p.travel_time(here, job.location);
                s->start = max(s->start, evaluation_detail::opening_start(job, s->arrival));
                s->end = s->start + p.service_time(job, tech);
                here = job.location;
            }
            free = s->end;
        }
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
