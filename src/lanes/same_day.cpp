// Same-day slots: where a new ticket fits in today's plan, at what cost.
#include "fsd/lanes/same_day.hpp"

namespace fsd::lanes {

std::vector<Slot> same_day_slots(const Problem& p, const Plan& today, JobIndex job, const SlotOptions& o, Plan* loaded) {
    using namespace same_day_detail;
    const solver::Instance inst(p);
    solver::SearchState s(inst);
    solver::load_plan(s, today);
    if (loaded) *loaded = solver::to_plan(s);
    const auto u = static_cast<solver::Node>(job.value());
    std::vector<Slot> out;
    std::vector<int> taken(static_cast<std::size_t>(s.num_routes()), 0);
    const dispatch::PlanTimes before = dispatch::plan_times(p, evaluate(p, today));
    Rng rng(o.seed);
    for (const same_day_detail::Candidate& c : candidates(s, u)) {
        if (static_cast<int>(out.size()) >= o.k) break;
        if (taken[static_cast<std::size_t>(c.route)]++ >= o.per_technician) continue;
        solver::SearchState with = s;
        with.insert(u, c.route, c.pos);
        with.update(c.route);
        Slot slot;
        const solver::Vehicle& veh = inst.vehicle(with.route(c.route).vehicle);
        slot.technician = veh.technician;
        slot.shift = veh.shift;
        slot.extra_travel = detour(inst, s.route(c.route), c.pos, u);
        slot.extra_cost = c.delta;
        slot.plan = solver::to_plan(with);
        for (const Route& r : slot.plan.routes) {
            if (r.technician != slot.technician || r.shift != slot.shift) continue;
            for (std::size_t i = 0; i < r.stops.size(); ++i)
                if (r.stops[i].kind == StopKind::job && r.stops[i].job_index() == job) {
                    slot.position = i;
                    slot.planned_start = r.stops[i].start;
                    slot.eta = confident_arrival(p, r, i, rng, o.confidence);
                }
        }
        slot.cascade = dispatch::compare(p, before, dispatch::plan_times(p, evaluate(p, slot.plan)), o.now, o.cascade);
        out.push_back(std::move(slot));
    }
    return out;
}

std::vector<Slot> same_day_slots(const dispatch::DispatchState& st, JobIndex job, SlotOptions o) {
    const dispatch::Residual r = dispatch::residual_problem(st);
    const auto rj = residual_index(r, job);
    if (!rj) throw std::invalid_argument("job " + st.problem.jobs[job].id + " is not open: it has no slot to find");
    Plan today = dispatch::to_residual(r, st.plan);
    for (Route& route : today.routes)
        std::erase_if(route.stops, [&](const Stop& s) { return s.kind == StopKind::job && s.job_index() == *rj; });
    o.now = st.now;
    Plan loaded;  // every residual job routed or listed, the new one unassigned
    std::vector<Slot> slots = same_day_slots(r.problem, today, *rj, o, &loaded);
    const dispatch::PlanTimes before = timed_day(st, r, loaded).second;
    for (Slot& slot : slots) {
        auto [day, times] = timed_day(st, r, slot.plan);
        slot.cascade = dispatch::compare(st.problem, before, times, st.now, o.cascade);
        slot.shift = r.shift[slot.technician][slot.shift];
        if (const Route* route = dispatch::find_route(day, slot.technician, slot.shift))
            for (std::size_t i = 0; i < route->stops.size(); ++i)
                if (route->stops[i].kind == StopKind::job && route->stops[i].job_index() == job) slot.position = i;
        slot.plan = std::move(day);
    }
    return slots;
}

std::string no_slot_reason(const dispatch::DispatchState& st, JobIndex job) {
    const dispatch::Residual r = dispatch::residual_problem(st);
    const auto rj = residual_index(r, job);
    if (!rj) return "job " + st.problem.jobs[job].id + " is not open";
    return diagnose_unassigned(r.problem, *rj).detail;
}

}  // namespace fsd::lanes
