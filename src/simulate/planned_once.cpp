#include "fsd/simulate/planned_once.hpp"

#include <algorithm>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/simulate/queue_timing.hpp"
#include "fsd/simulate/truth.hpp"
#include "fsd/solver/solve.hpp"

namespace fsd::simulate {
namespace {

// Where putting the ticket into the list adds the least driving, among the places where the list
// still fits; nullopt when none does.
std::optional<std::vector<Order>> cheapest_insertion(const DispatchView& v, TechnicianIndex t, const QueueStart& from, Ticket ticket) {
    const Problem& p = v.known();
    const TechnicianStatus& st = v.technician(t);
    const std::vector<Order>& queue = st.queue;
    const Shift& shift = p.technicians[t].shifts[*st.shift];
    const TimePoint back_before = walk_queue(p, t, *st.shift, from, queue).back;
    const TimePoint limit = max(shift.span.end, back_before);  // no more overtime than the list already has
    const LocationId at = p.jobs[ticket].location;
    std::optional<std::vector<Order>> best;
    Duration best_added = Duration::infinity();
    LocationId prev = from.place;
    for (std::size_t pos = 0; pos <= queue.size(); ++pos) {
        if (pos > 0 && queue[pos - 1].kind == StopKind::job) prev = p.jobs[queue[pos - 1].ticket()].location;
        auto next_job = std::find_if(queue.begin() + static_cast<std::ptrdiff_t>(pos), queue.end(),
                                     [](const Order& o) { return o.kind == StopKind::job; });
        const LocationId next = next_job == queue.end() ? p.technicians[t].end_location : p.jobs[next_job->ticket()].location;
        const Duration added = p.travel_time(prev, at) + p.travel_time(at, next) - p.travel_time(prev, next);
        if (added >= best_added) continue;
        std::vector<Order> trial = queue;
        trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(pos), Order::job(ticket));
        const QueueWalk w = walk_queue(p, t, *st.shift, from, trial);
        if (w.fits && w.back <= limit) {
            best = std::move(trial);
            best_added = added;
        }
    }
    return best;
}

// An emergency first on the list, when the technician can start it inside its windows, be home
// within their overtime, and the van has room for it and the rest of the list.
std::optional<std::vector<Order>> emergency_first(const DispatchView& v, TechnicianIndex t, const QueueStart& from, Ticket ticket) {
    const Order first = Order::job(ticket);
    if (!walk_queue(v.known(), t, *v.technician(t).shift, from, std::span(&first, 1)).fits) return std::nullopt;
    std::vector<Order> queue = v.technician(t).queue;
    queue.insert(queue.begin(), first);
    if (queue_load(v.known(), from, queue) > v.known().technicians[t].capacity) return std::nullopt;
    return queue;
}

}  // namespace

// A stop's start when the plan waits for it deliberately (later than the arrival and the windows
// require), else none: the technician then starts as soon as they can.
TimePoint planned_wait(const Problem& p, const Shift& shift, const Stop& s) {
    if (s.kind == StopKind::break_time) {
        const TimePoint earliest = max(s.arrival, shift.breaks[s.index].window.start);
        return s.start > earliest ? s.start : TimePoint::min();
    }
    const auto earliest = knock_time(p.jobs[s.job_index()], s.arrival, TimePoint::min());
    return earliest && s.start > *earliest ? s.start : TimePoint::min();
}

PlannedOnce::PlannedOnce(std::string name, Planner planner, PlanningProblem planning, Duration eta_margin)
    : name_(std::move(name)), planner_(std::move(planner)), planning_(std::move(planning)), eta_margin_(eta_margin) {}

Instructions PlannedOnce::plan_day(const DispatchView& view) {
    if (view.tickets() == 0) return {};
    if (!planning_) return orders_from_plan(view, view.known(), planner_(view.known()), eta_margin_);
    const Problem planning = planning_(view.known());
    return orders_from_plan(view, planning, planner_(planning), eta_margin_);
}

Instructions PlannedOnce::react(const DispatchView& view, const Observation& what) {
    Instructions out;
    // Nobody else is sent: the customer who was expecting the technician is told not today.
    if (what.kind == ObservationKind::job_missed && view.told(what.ticket) && view.state(what.ticket) == TicketState::open)
        out.not_today.push_back(what.ticket);
    if (what.kind != ObservationKind::ticket_reported) return out;
    auto orders = nearest_qualified(view, what.ticket);
    if (!orders) return out;
    for (const EtaNotice& n : queue_etas(view, *orders, eta_margin_))
        if (n.ticket == what.ticket) out.notices.push_back(n);
    out.orders.push_back(std::move(*orders));
    return out;
}

Plan optimise(const Problem& p, const OptimiserBudget& budget) {
    if (p.jobs.empty()) return {};
    solver::SolverParams params;
    params.seed = budget.seed;
    params.max_iterations = budget.iterations(p.jobs.size());
    params.time_limit_seconds = budget.time_cap_seconds;
    return solver::solve(p, params).plan;
}

Problem on_mean_durations(const Problem& known) {
    Problem p = known;
    for (Job& job : p.jobs) {
        const LogNormal d =
            LogNormal::through(static_cast<double>(job.duration.p50.count()), static_cast<double>(job.duration.p90.count()));
        job.duration.p75 = std::clamp(Duration(std::llround(d.mean())), job.duration.p50, job.duration.p90);
    }
    p.objective.planning_quantile = Quantile::p75;
    p.objective.planning_quantile_by_urgency = {};
    return p;
}

Instructions orders_from_plan(const DispatchView& view, const Problem& planning, const Plan& plan, Duration eta_margin) {
    const Evaluation ev = evaluate(planning, plan);
    Instructions out;
    out.plan = ev.schedule;
    for (const Route& r : ev.schedule.routes) {
        const TechnicianStatus& st = view.technician(r.technician);
        if (!st.shift || *st.shift != r.shift) continue;  // another day's shift
        const Shift& shift = planning.technicians[r.technician].shifts[r.shift];
        Orders orders{r.technician, {}, r.departure};
        for (const Stop& s : r.stops) orders.queue.push_back({s.kind, s.index, planned_wait(planning, shift, s)});
        for (const EtaNotice& n : queue_etas(view, orders, eta_margin)) out.notices.push_back(n);
        out.orders.push_back(std::move(orders));
    }
    return out;
}

std::optional<Orders> nearest_qualified(const DispatchView& view, Ticket ticket) {
    const Problem& p = view.known();
    const Job& job = p.jobs[ticket];
    struct Candidate {
        TechnicianIndex technician;
        QueueStart from;
        TimePoint reach;
    };
    std::vector<Candidate> candidates;
    for (TechnicianIndex t : p.technicians.indices()) {
        const TechnicianStatus& st = view.technician(t);
        if (!st.shift || !may_do(p, ticket, t, *st.shift)) continue;
        if (const auto from = queue_start(view, t))
            candidates.push_back({t, *from, from->free_at + p.travel_time(from->place, job.location)});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.reach < b.reach; });
    for (const Candidate& c : candidates) {
        auto queue = job.urgency == Urgency::emergency ? emergency_first(view, c.technician, c.from, ticket)
                                                       : cheapest_insertion(view, c.technician, c.from, ticket);
        if (queue) return Orders{c.technician, std::move(*queue), view.technician(c.technician).leave_not_before};
    }
    return std::nullopt;
}

}  // namespace fsd::simulate
