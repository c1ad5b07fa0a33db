// Re-planning a dispatch day: the residual problem solved from the current plan with an iteration
// budget, mapped back behind the frozen part; adopting a plan (promises, statuses); versions.
#include "fsd/dispatch/apply.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "fsd/dispatch/assignment_reasons.hpp"
#include "fsd/dispatch/progress.hpp"
#include "fsd/dispatch/residual_plan.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/resolve_travel.hpp"
#include "fsd/solver/solve.hpp"

namespace fsd::dispatch {
namespace {

// The whole day from a residual plan; its times and evaluation are those of the whole day's plan
// taken back to the residual problem, so that a plan read from the log is timed identically.
Replanned finish(const DispatchState& st, Residual r, const Plan& residual_plan, ReplanStats stats) {
    Replanned out;
    // Once more through the mapping: a route under way keeps its real departure, so the first
    // residual stop's arrival is re-derived from the residual shift's start, as on reading back.
    const Plan first = to_full(st, r, evaluate(r.problem, residual_plan).schedule);
    out.evaluation = evaluate(r.problem, to_residual(r, first));
    out.plan = to_full(st, r, out.evaluation.schedule);
    out.times = full_times(st, r, out.evaluation, out.plan);
    out.residual = std::move(r);
    out.stats = stats;
    return out;
}

// Promises follow what customers are told: their technician, and the window told them
// (told_window). A customer told the job cannot be served has no promise left. Leave to bring
// a customer forward was given for the promise told before; a new one does not keep it. A
// customer told about the job before, a promise or that it cannot be served, is re-told
// (Job::times_retold); the first plan of a day re-tells nobody.
void update_promises(Problem& p, const CascadeReport& c) {
    for (const Notification& n : c.notify) {
        Job& job = p.jobs[n.job];
        if (n.retell) ++job.times_retold;
        job.promised_earliest.reset();
        job.promised_technician = n.technician;
        job.promised_window = n.technician ? std::optional<TimeWindow>(n.told) : std::nullopt;
    }
}

// The jobs the plan had under way at `at` with nothing reported: a report that undoes that
// assumption (the technician reports another job) reopens them, and one the re-plan then leaves
// out may well have been done and not reported. Each with the words its customer's notice gets.
std::vector<std::pair<JobIndex, std::string>> assumed_under_way(const DispatchState& st, TimePoint at) {
    std::vector<std::pair<JobIndex, std::string>> out;
    for (const Route& r : st.plan.routes) {
        const RouteProgress p = route_progress(st, r.technician, r.shift, at);
        if (!p.under_way || st.jobs[p.under_way->job].state != JobState::open) continue;
        out.emplace_back(p.under_way->job, "the plan had " + st.problem.technicians[r.technician].id + " on site from " +
                                               format_clock(p.under_way->started) +
                                               " with nothing reported: ask whether it was done before telling the customer");
    }
    return out;
}

}  // namespace

void flag_unconfirmed(Replanned& r, const DispatchState& before, const DispatchState& after, const Event& e) {
    for (const auto& [job, words] : assumed_under_way(before, e.at)) {
        JobTiming& t = r.times.jobs[job];
        if (after.jobs[job].state != JobState::open || !t.listed || t.assigned()) continue;
        if (t.detail.rfind(words, 0) == 0) continue;  // a logged plan read back has the words already
        t.detail = words + (t.detail.empty() ? "" : "; " + t.detail);
        for (Unassigned& u : r.plan.unassigned)
            if (u.job == job) u.detail = t.detail;
    }
}

TimePoint start_of_day(const Problem& problem) {
    std::optional<TimePoint> first;
    for (const Technician& t : problem.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() == 0 && (!first || s.span.start < *first)) first = s.span.start;
    return first.value_or(TimePoint(0));
}

DispatchState initial_state(const Problem& problem, TimePoint now, int rules) {
    DispatchState st;
    st.rules = rules;
    st.problem = problem;
    st.now = now;
    st.jobs.assign(problem.jobs.size(), JobRecord{});
    st.absences.assign(problem.technicians.size(), {});
    st.pending_delay.assign(problem.technicians.size(), Duration::zero());
    st.delay_reported.assign(problem.technicians.size(), TimePoint::min());
    st.trips_reported_from.assign(problem.technicians.size(), TimePoint::max());
    st.on_the_way.assign(problem.technicians.size(), std::nullopt);
    st.trips.assign(problem.technicians.size(), {});
    for (JobIndex j : problem.jobs.indices()) st.plan.unassigned.push_back({j, UnassignedReason::not_planned, "not planned yet"});
    st.technicians = technician_statuses(st, now);
    return st;
}

Replanned replan(const DispatchState& st, const ReplanParams& params, std::uint64_t seed, std::uint64_t iterations, double seconds) {
    Residual r = residual_problem(st);
    ReplanStats stats;
    stats.seed = seed;
    stats.iterations = iterations;
    if (r.problem.jobs.empty()) return finish(st, std::move(r), Plan{}, stats);
    solver::SolverParams sp;
    sp.seed = seed;
    sp.max_iterations = iterations;
    sp.time_limit_seconds = seconds;
    sp.warm_start = to_residual(r, st.plan);
    sp.seed_with_baseline = params.baseline_start;
    sp.check_input = false;  // residual: the state's problem was checked, and shifts may be in overtime
    const auto t0 = std::chrono::steady_clock::now();
    solver::SolveResult res = solver::solve(r.problem, sp);
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stats.capped = res.final.iteration < iterations;
    stats.iterations_done = res.final.iteration;
    return finish(st, std::move(r), res.plan, stats);
}

Replanned project(const DispatchState& st, const Plan& day) {
    Residual r = residual_problem(st);
    const Plan residual_plan = to_residual(r, day);
    return finish(st, std::move(r), residual_plan, ReplanStats{});
}

bool same_schedule(Plan a, Plan b) {
    for (Plan* p : {&a, &b})
        for (Route& r : p->routes) {
            r.resumes.reset();
            for (Stop& s : r.stops) s.as_reported = s.set_out = false;
        }
    return a == b;
}

CascadeReport adopt(DispatchState& st, Plan plan, PlanTimes times, const DispatchParams& params) {
    CascadeOptions o;
    o.notify_threshold = params.notify_threshold;
    o.eta_margin = params.eta_margin;
    CascadeReport c = compare(st.problem, st.times, times, st.now, o);
    st.plan = std::move(plan);
    st.times = std::move(times);
    // A trip the plan took off a technician resumes at that job's door, at a time that counts the
    // hold-ups reported on the way: they are spent, unless a trip on from the door carries them.
    for (const Route& r : st.plan.routes) {
        const bool set_out = std::any_of(r.stops.begin(), r.stops.end(), [](const Stop& s) { return s.set_out; });
        if (r.resumes && !set_out && st.jobs[r.resumes->door].state != JobState::not_home)
            st.pending_delay[r.technician] = Duration::zero(), st.delay_reported[r.technician] = TimePoint::min();
    }
    update_promises(st.problem, c);
    st.technicians = technician_statuses(st, st.now);
    return c;
}

Problem reread_problem(const Json& doc, const Problem& previous) {
    Problem p = problem_from_json(doc);
    if (p.locations.size() == previous.locations.size()) {
        p.travel = previous.travel;
        return p;
    }
    resolve_travel(p);
    return p;
}

DispatchDay begin_day(const Problem& problem, const std::optional<Plan>& plan, TimePoint now, const DispatchParams& params) {
    DispatchDay day;
    day.params = params;
    day.initial = reread_problem(problem_to_json(problem), problem);
    day.state = initial_state(day.initial, now, params.rules);
    if (plan) {
        const Evaluation ev = evaluate(day.initial, *plan);
        std::vector<InputError> errors;
        for (const Violation& v : ev.violations) errors.push_back({"plan." + v.where, v.message});
        // Nothing is reported yet: a stop said to be would be taken as done without a report.
        for (std::size_t ri = 0; ri < plan->routes.size(); ++ri)
            for (std::size_t si = 0; si < plan->routes[ri].stops.size(); ++si)
                if (plan->routes[ri].stops[si].as_reported || plan->routes[ri].stops[si].set_out)
                    errors.push_back({fmt::format("plan.routes[{}].stops[{}]", ri, si),
                                      "a day's first plan has nothing reported yet (as_reported, set_out)"});
        if (!errors.empty()) throw InputErrors(std::move(errors));
        // A day begun after its first shift start: until `now` the plan went as planned.
        day.state.plan = ev.schedule;
    }
    Replanned r = plan ? project(day.state, *plan)
                       : replan(day.state, params.replan, params.replan.seed, params.replan.initial_iterations,
                                params.replan.initial_time_limit_seconds);
    const PlanTimes before = day.state.times;
    adopt(day.state, r.plan, r.times, params);
    PlanVersion v;
    v.at = now;
    v.plan = std::move(r.plan);
    v.hash = plan_hash(day.state.problem, v.plan);
    v.assignments = assignment_reasons(day.state.problem, v.plan, before, day.state.times);
    v.replan = r.stats;
    day.versions.push_back(std::move(v));
    return day;
}

CascadeReport adopt_replan(DispatchState& st, Plan plan, PlanTimes times, const DispatchParams& params) {
    const Cost kept = project(st, st.plan).times.cost;
    CascadeReport report = adopt(st, std::move(plan), std::move(times), params);
    report.totals.cost_before = kept;
    return report;
}

namespace {

// The search seed of the day's next version: a replay seeds it the same.
std::uint64_t next_seed(const DispatchDay& day) {
    return day.params.replan.seed + day.versions.size();
}

// Adopts the plan made after event e took the day's state to `next`, and records it as a version.
StepResult record(DispatchDay& day, DispatchState next, const Event& e, Replanned r) {
    const auto number = static_cast<int>(day.versions.size());
    const PlanTimes before = next.times;
    StepResult out{adopt_replan(next, r.plan, r.times, day.params), std::move(r.evaluation)};
    PlanVersion v;
    v.number = number;
    v.parent = day.versions.back().number;
    v.event = e;
    v.at = next.now;
    v.plan = std::move(r.plan);
    v.hash = plan_hash(next.problem, v.plan);
    v.assignments = assignment_reasons(next.problem, v.plan, before, next.times);
    v.replan = r.stats;
    day.state = std::move(next);
    day.versions.push_back(std::move(v));
    return out;
}

}  // namespace

void advance_to(DispatchState& st, TimePoint t) {
    if (t < st.now)
        throw std::invalid_argument("the day's clock does not go back: " + time_to_text(st.problem, t) + " is before " +
                                    time_to_text(st.problem, st.now));
    st.now = t;
    st.technicians = technician_statuses(st, t);
}

StepResult apply_event(DispatchDay& day, const Event& e) {
    DispatchState next = day.state;
    absorb(next, e);
    const std::uint64_t seed = next_seed(day);
    std::size_t open = 0;
    for (const JobRecord& rec : next.jobs) open += rec.state == JobState::open ? 1 : 0;
    Replanned r = replan(next, day.params.replan, seed, day.params.replan.budget(open), day.params.replan.time_cap_seconds);
    flag_unconfirmed(r, day.state, next, e);
    return record(day, std::move(next), e, std::move(r));
}

StepResult apply_event(DispatchDay& day, const Event& e, const Plan& chosen) {
    DispatchState next = day.state;
    absorb(next, e);
    Replanned r = project(next, chosen);
    if (!same_schedule(r.plan, chosen))
        throw InputErrors(std::vector<InputError>{
            {"plan", "does not follow from the day after the event: its frozen part or times differ (made for another state?)"}});
    if (!r.evaluation.feasible()) {
        std::vector<InputError> errors;
        for (const Violation& v : r.evaluation.violations) errors.push_back({"plan: " + v.where, v.message});
        throw InputErrors(std::move(errors));
    }
    flag_unconfirmed(r, day.state, next, e);
    r.stats.seed = next_seed(day);
    r.stats.chosen = true;
    return record(day, std::move(next), e, std::move(r));
}

}  // namespace fsd::dispatch
