// The emergency lane. Everything happens on the residual problem of the state (the rest of the
// day, residual.hpp): the current plan is loaded into a search state, every qualified technician's
// ETA for the emergency walked on from their route's schedule as if it were their next stop (or,
// on site at an interruptible job, as if they left now), and the nearest few turned into options
// timed over the whole day and compared with the current plan by the cascade report.
#include "fsd/lanes/emergency.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include <fmt/core.h>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/assignment_reasons.hpp"
#include "fsd/lanes/day_timing.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/solve.hpp"
#include "fsd/solver/warm_start.hpp"

namespace fsd::lanes {
namespace {

using dispatch::AssignmentReason;
using dispatch::CascadeReport;
using dispatch::CascadeTotals;
using dispatch::DispatchState;
using dispatch::PlanTimes;
using dispatch::Residual;
using solver::Node;
using solver::SearchState;

// The lane prices insertions one by one and never searches by neighbourhoods.
solver::InstanceOptions no_granular() {
    solver::InstanceOptions o;
    o.neighbours = 0;
    return o;
}

// The residual problem, its search state with the current plan, and the current plan's times.
struct Lane {
    const DispatchState& st;
    Residual r;
    solver::Instance inst;
    SearchState base;
    Node emergency = 0;
    PlanTimes before;
    const PlanTimes* reference = &before;         // what options are compared with: the current plan
    PerJob<std::optional<JobIndex>> residual_of;  // state job -> residual job

    Lane(const DispatchState& state, JobIndex job, const PlanTimes* current = nullptr)
        : st(state), r(dispatch::residual_problem(state)), inst(r.problem, no_granular()), base(inst) {
        if (current) reference = current;
        residual_of.assign(st.problem.jobs.size(), std::nullopt);
        for (JobIndex i : indices<JobIndex>(r.job.size())) residual_of[r.job[i]] = i;
        if (!residual_of[job]) throw std::invalid_argument("job " + st.problem.jobs[job].id + " is not open: nothing to dispatch");
        emergency = static_cast<Node>(residual_of[job]->value());
        solver::load_plan(base, dispatch::to_residual(r, st.plan));
        if (const int route = base.route_of(emergency); route >= 0) {  // planned already: the lane plans it again
            base.erase(emergency);
            base.update(route);
        }
        base.begin_iteration();
        before = time_day(solver::to_plan(base)).second;
    }
    Lane(const Lane&) = delete;
    Lane& operator=(const Lane&) = delete;

    [[nodiscard]] std::pair<Plan, PlanTimes> time_day(const Plan& residual_plan) const { return timed_day(st, r, residual_plan); }

    // "Next" on route r: first, or after the job the technician is already driving to (and the breaks
    // they take at its door before it).
    [[nodiscard]] int next_position(int route) const {
        const solver::Vehicle& veh = inst.vehicle(base.route(route).vehicle);
        for (const dispatch::RouteProgress& p : r.progress) {
            if (p.technician != veh.technician || r.residual_shift(p.technician, p.shift) != veh.shift) continue;
            const auto& nodes = base.route(route).nodes;
            std::size_t i = 0;
            while (i < nodes.size() && inst.is_break(nodes[i])) ++i;
            const bool committed =
                p.departed && p.trip_stop() && i < nodes.size() && r.job[static_cast<std::size_t>(nodes[i])] == p.trip_stop()->job_index();
            return committed ? static_cast<int>(i) + 1 : 0;
        }
        return 0;
    }
};

struct Candidate {
    int route = 0;
    int position = 0;
    TimePoint start;
};

// The route's start of service for the emergency as its next stop, walked on from the route's
// schedule up to there (what comes after does not matter: it will be bumped); nullopt when the
// emergency cannot start there in time.
std::optional<Candidate> next_stop_eta(const Lane& lane, const SearchState& s, int route) {
    const int pos = lane.next_position(route);
    const solver::RouteState& R = s.route(route);
    if (!lane.inst.timed()) return Candidate{route, pos, TimePoint(0)};  // ranked by the options' own timing then
    solver::WalkState w = R.walk[static_cast<std::size_t>(pos)];
    const TimePoint start = solver::walk_step(lane.inst, w, lane.emergency, R.vehicle);
    if (start > lane.inst.stop(lane.emergency, R.vehicle).latest()) return std::nullopt;
    return Candidate{route, pos, start};
}

struct Insertion {
    Cost delta = Cost::infinity();
    int route = -1, pos = -1;
};

// The cheapest place for u on `routes` (the first of them searched from position `first_from`).
Insertion cheapest(const SearchState& s, Node u, const std::vector<int>& routes, int first_from = 0) {
    Insertion best;
    for (std::size_t i = 0; i < routes.size(); ++i)
        for (int pos = i == 0 ? first_from : 0; pos <= s.route(routes[i]).size(); ++pos)
            if (const Cost d = s.insertion_delta(u, routes[i], pos); d < best.delta) best = {d, routes[i], pos};
    return best;
}

// Puts the emergency at `pos` of the route. When the rest of the route no longer fits behind it
// (a hard window, the end of the shift), its last stops are taken out until it does, then put
// back wherever they still fit behind it, in their order: the ones that do not are the customers
// the bump costs today. False when even an emptied tail does not make room.
bool bump_in(const Lane& lane, SearchState& s, int route, int pos) {
    std::vector<Node> out;
    while (s.insertion_delta(lane.emergency, route, pos) == Cost::infinity()) {
        const auto& nodes = s.route(route).nodes;
        int last = static_cast<int>(nodes.size()) - 1;
        while (last >= pos && lane.inst.is_break(nodes[static_cast<std::size_t>(last)])) --last;
        if (last < pos) return false;
        out.push_back(nodes[static_cast<std::size_t>(last)]);
        s.erase(out.back());
        s.update(route);
    }
    s.insert(lane.emergency, route, pos);
    s.update(route);
    int after = pos + 1;
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
        const Insertion best = cheapest(s, *it, {route}, after);
        if (best.pos < 0) continue;
        s.insert(*it, route, best.pos);
        s.update(route);
        after = best.pos + 1;
    }
    s.begin_iteration();
    return true;
}

// The qualified technicians' routes by the emergency's ETA as their next stop, earliest first.
std::vector<Candidate> nearest(const Lane& lane) {
    std::vector<Candidate> out;
    const SearchState& s = lane.base;
    for (int route = 0; route < s.num_routes(); ++route)
        if (lane.inst.eligible(lane.emergency, s.route(route).vehicle))
            if (const auto c = next_stop_eta(lane, s, route)) out.push_back(*c);
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
    return out;
}

// A technician on site at an interruptible job who may leave it for the emergency.
struct PauseCandidate {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;  // the state's
    JobIndex job{};           // the job under way
    TimePoint start;          // the emergency's start of service if they left now
};

// Qualified technicians at work on an interruptible job (reported, or as planned), by the start of
// service if they drove to the emergency now, earliest first.
std::vector<PauseCandidate> pause_candidates(const Lane& lane) {
    std::vector<PauseCandidate> out;
    for (const dispatch::RouteProgress& p : lane.r.progress) {
        if (!p.under_way || !lane.st.problem.jobs[p.under_way->job].interruptible) continue;
        const auto shift = lane.r.residual_shift(p.technician, p.shift);
        const int route = shift ? solver::route_of_vehicle(lane.inst, p.technician, *shift) : -1;
        if (route < 0 || !lane.inst.eligible(lane.emergency, route)) continue;
        const solver::Segment stop = lane.inst.stop(lane.emergency, route);
        const LocationId site = lane.st.problem.jobs[p.under_way->job].location;
        const TimePoint start = max(lane.st.now + lane.inst.travel_time(site.value(), lane.inst.location(lane.emergency)), stop.earliest());
        if (start <= stop.latest()) out.push_back({p.technician, p.shift, p.under_way->job, start});
    }
    std::stable_sort(out.begin(), out.end(), [](const PauseCandidate& a, const PauseCandidate& b) { return a.start < b.start; });
    return out;
}

// The `k` routes other than `skip` that pass nearest to job u's site.
std::vector<int> adjacent_routes(const Lane& lane, const SearchState& s, Node u, int skip, int k) {
    std::vector<std::pair<std::int64_t, int>> by_distance;
    const std::uint32_t x = lane.inst.location(u);
    for (int route = 0; route < s.num_routes(); ++route) {
        if (route == skip || !lane.inst.eligible(u, s.route(route).vehicle)) continue;
        const solver::RouteState& R = s.route(route);
        std::int64_t d = std::numeric_limits<std::int64_t>::max();
        for (std::uint32_t a : R.before) d = std::min(d, lane.inst.travel_distance(a, x).count());
        for (std::uint32_t a : R.after) d = std::min(d, lane.inst.travel_distance(a, x).count());
        by_distance.push_back({d, route});
    }
    std::sort(by_distance.begin(), by_distance.end());
    std::vector<int> out;
    for (std::size_t i = 0; i < by_distance.size() && static_cast<int>(i) < k; ++i) out.push_back(by_distance[i].second);
    return out;
}

// The stops after the emergency on its route, each moved to the adjacent route where it costs
// least when that makes the day cheaper (the objective's stability terms included). The moved jobs.
std::vector<Node> reassign_displaced(const Lane& lane, SearchState& s, int route, int neighbours, const std::vector<Node>& left_out) {
    std::vector<Node> moved;
    for (Node u : left_out) {  // first the stops the bump left out: anywhere adjacent they fit
        const Insertion best = cheapest(s, u, adjacent_routes(lane, s, u, route, neighbours));
        if (best.route < 0) continue;
        s.insert(u, best.route, best.pos);
        s.update(best.route);
        s.begin_iteration();
        moved.push_back(u);
    }
    std::vector<Node> displaced;
    const auto& nodes = s.route(route).nodes;
    for (int i = s.pos_of(lane.emergency) + 1; i < static_cast<int>(nodes.size()); ++i)
        if (!lane.inst.is_break(nodes[static_cast<std::size_t>(i)])) displaced.push_back(nodes[static_cast<std::size_t>(i)]);
    for (Node u : displaced) {
        const Cost kept = s.routes_cost();
        const int old_pos = s.pos_of(u);
        s.erase(u);
        s.update(route);
        const Insertion best = cheapest(s, u, adjacent_routes(lane, s, u, route, neighbours));
        if (best.route >= 0 && s.routes_cost() + best.delta < kept) {
            s.insert(u, best.route, best.pos);
            s.update(best.route);
            moved.push_back(u);
        } else {
            s.insert(u, route, old_pos);
            s.update(route);
        }
        s.begin_iteration();
    }
    return moved;
}

std::string hm(Duration d) {
    const std::int64_t m = (d.count() + 30) / 60;
    return m >= 60 ? fmt::format("{} h {:02} min", m / 60, m % 60) : fmt::format("{} min", m);
}

// Customers whose ETA moves later by more than the notify threshold (the emergency aside).
int bumped(const CascadeReport& c, JobIndex emergency) {
    int n = 0;
    for (const dispatch::JobChange& j : c.jobs)
        n += j.job != emergency && j.old_technician && j.new_technician && j.delta > c.notify_threshold ? 1 : 0;
    return n;
}

int new_misses(const CascadeReport& c) {
    return c.totals.sla_missed + c.totals.windows_missed + c.totals.newly_unassigned;
}

std::string over_limit(const CascadeReport& c, JobIndex emergency, const CascadeLimit& l) {
    if (const int n = bumped(c, emergency); n > l.max_bumped)
        return fmt::format("{} customers delayed by over {} (limit {})", n, hm(c.notify_threshold), l.max_bumped);
    if (c.totals.delay_max > l.max_delay) return fmt::format("a customer delayed {} (limit {})", hm(c.totals.delay_max), hm(l.max_delay));
    if (const int n = new_misses(c); n > l.max_new_misses)
        return fmt::format("{} SLA deadlines, windows or jobs newly missed (limit {})", n, l.max_new_misses);
    if (c.totals.overtime_change > l.max_overtime)
        return fmt::format("overtime +{} (limit {})", hm(c.totals.overtime_change), hm(l.max_overtime));
    return {};
}

void score(EmergencyOption& o, TimePoint now, const EmergencyWeights& w) {
    const CascadeTotals& t = o.cascade.totals;
    o.parts = {{"eta", w.eta_per_minute * minutes_of(o.eta.p50 - now)},
               {"delay", w.delay_per_minute * minutes_of(t.delay_total)},
               {"misses", w.miss * (t.sla_missed + t.windows_missed) + w.left_out.value_or(w.miss) * t.newly_unassigned},
               {"overtime", w.overtime_per_minute * minutes_of(max(Duration::zero(), t.overtime_change))},
               {"reassigned", w.reassigned * t.technician_changed}};
    if (o.interrupted) o.parts.push_back({"interrupted", w.interrupted});
    o.score = 0;
    for (const ScorePart& p : o.parts) o.score += p.value;
}

// An option from a search state holding it: the whole day timed, compared with the current plan,
// explained and scored.
EmergencyOption make_option(const Lane& lane, const SearchState& s, EmergencyAction action, JobIndex job, const EmergencyParams& params,
                            std::optional<JobIndex> interrupted = std::nullopt) {
    EmergencyOption o;
    o.action = action;
    o.interrupted = interrupted;
    std::tie(o.plan, o.times) = lane.time_day(solver::to_plan(s));
    const dispatch::JobTiming& timing = o.times.jobs[job];
    o.technician = timing.technician;
    o.shift = timing.shift;
    o.eta = timing.window;
    o.planned_start = timing.eta;
    o.cascade = dispatch::compare(lane.st.problem, *lane.reference, o.times, lane.st.now, params.cascade);
    for (const AssignmentReason& a : dispatch::assignment_reasons(lane.st.problem, o.plan, *lane.reference, o.times))
        if (a.job == job) o.reasons = a.reasons;
    o.over_limit = over_limit(o.cascade, job, params.limit);
    score(o, lane.st.now, params.weights);
    return o;
}

// The stops of the search state's base that `s` no longer routes.
std::vector<Node> left_out_of(const Lane& lane, const SearchState& s) {
    std::vector<Node> out;
    for (Node u = 0; u < static_cast<Node>(lane.inst.num_jobs()); ++u)
        if (s.route_of(u) < 0 && lane.base.route_of(u) >= 0) out.push_back(u);
    return out;
}

// An option and the lane it was timed on (its plan's problem).
struct Ranked {
    EmergencyOption option;
    const Lane* lane = nullptr;
};

// A day with one visit interrupted: the state after job_interrupted (shared with the options
// timed on it, whose problem it is), and its lane.
struct PausedDay {
    std::shared_ptr<const DispatchState> st;
    Lane lane;
    PausedDay(DispatchState paused, JobIndex job, const PlanTimes* current)
        : st(std::make_shared<const DispatchState>(std::move(paused))), lane(*st, job, current) {}
};

// Job u where it costs least: on `route` after the emergency, or on an adjacent route.
void place_rest(const Lane& lane, SearchState& s, Node u, int route, int neighbours) {
    std::vector<int> routes = adjacent_routes(lane, s, u, route, neighbours);
    routes.insert(routes.begin(), route);
    const Insertion best = cheapest(s, u, routes, s.pos_of(lane.emergency) + 1);
    if (best.route < 0) return;
    s.insert(u, best.route, best.pos);
    s.update(best.route);
    s.begin_iteration();
}

// The technician leaves the job under way now: the emergency first on their route, the rest of
// the paused job (a new job, as job_interrupted makes it) where it costs least. Timed on a lane of
// its own, against the current plan; nullopt when the day cannot take it.
std::optional<Ranked> interrupt_option(const Lane& lane, JobIndex job, const PauseCandidate& c, const EmergencyParams& params,
                                       std::vector<std::unique_ptr<PausedDay>>& days) {
    dispatch::Event e;
    e.type = dispatch::EventType::job_interrupted;
    e.at = lane.st.now;
    e.job = lane.st.problem.jobs[c.job].id;
    e.technician = lane.st.problem.technicians[c.technician].id;
    DispatchState paused = lane.st;
    try {
        dispatch::absorb(paused, e);
    } catch (const InputErrors&) {
        return std::nullopt;  // e.g. the rest's id is taken
    }
    const auto rest = static_cast<JobIndex>(lane.st.problem.jobs.size());
    const PausedDay& day = *days.emplace_back(std::make_unique<PausedDay>(std::move(paused), job, lane.reference));
    const Lane& l = day.lane;
    const auto shift = l.r.residual_shift(c.technician, c.shift);
    const int route = shift ? solver::route_of_vehicle(l.inst, c.technician, *shift) : -1;
    if (route < 0) return std::nullopt;
    SearchState s = l.base;
    if (!bump_in(l, s, route, l.next_position(route))) return std::nullopt;
    if (const auto u = l.residual_of[rest]) place_rest(l, s, static_cast<Node>(u->value()), route, params.neighbours);
    Ranked out{make_option(l, s, EmergencyAction::interrupt, job, params, c.job), &l};
    out.option.rest = l.st.problem.jobs[rest].id;
    out.option.problem = std::shared_ptr<const Problem>(day.st, &day.st->problem);
    return out;
}

// The candidates, earliest first: bumps, and at most params.interruptions interruptions where
// leaving the job under way is earlier still; the first params.candidates technicians whose day
// can take the emergency become options (a bump fails when even an emptied rest of the route
// leaves no room), out of at most four times as many tried.
std::vector<Ranked> options_of(const Lane& lane, JobIndex job, const EmergencyParams& params,
                               std::vector<std::unique_ptr<PausedDay>>& days) {
    const std::vector<Candidate> bumps = nearest(lane);
    std::vector<PauseCandidate> pauses = pause_candidates(lane);
    if (static_cast<int>(pauses.size()) > params.interruptions) pauses.resize(static_cast<std::size_t>(std::max(params.interruptions, 0)));
    std::vector<Ranked> out;
    std::size_t b = 0, p = 0;
    for (int taken = 0, tried = 0; taken < params.candidates && tried < 4 * params.candidates && (b < bumps.size() || p < pauses.size());
         ++tried) {
        if (p < pauses.size() && (b == bumps.size() || pauses[p].start < bumps[b].start)) {
            if (auto o = interrupt_option(lane, job, pauses[p++], params, days)) {
                out.push_back(std::move(*o));
                ++taken;
            }
            continue;
        }
        const Candidate& c = bumps[b++];
        SearchState bump = lane.base;
        if (!bump_in(lane, bump, c.route, c.position)) continue;
        ++taken;
        const std::vector<Node> left_out = left_out_of(lane, bump);
        out.push_back({make_option(lane, bump, EmergencyAction::bump, job, params), &lane});
        std::vector<Node> moved = reassign_displaced(lane, bump, c.route, params.neighbours, left_out);
        if (moved.empty()) continue;
        out.push_back({make_option(lane, bump, EmergencyAction::bump_and_reassign, job, params), &lane});
        for (Node u : moved) out.back().option.moved.push_back(lane.r.job[u]);
    }
    return out;
}

std::vector<Ranked> rank(const Lane& lane, JobIndex job, const EmergencyParams& params, std::vector<std::unique_ptr<PausedDay>>& days) {
    std::vector<Ranked> out = options_of(lane, job, params, days);
    std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
        if (a.option.within_limit() != b.option.within_limit()) return a.option.within_limit();
        return a.option.score < b.option.score;
    });
    return out;
}

EmergencyOption decline(const DispatchState& st, const std::vector<EmergencyOption>& options) {
    EmergencyOption d;
    d.action = EmergencyAction::decline;
    if (options.empty()) {
        d.reason = "no qualified technician can take it next today";
    } else {
        const EmergencyOption& best = options.front();
        d.reason = fmt::format("every option's cascade is over the limit; the best, {} by {}: {}",
                               emergency_action_names[static_cast<int>(best.action)], st.problem.technicians[*best.technician].id,
                               best.over_limit);
    }
    return d;
}

// The residual problem cut to the routes of `techs`: their jobs (renumbered) and the emergency,
// which must start by `by` on `tech`; the others keep no shift. `jobs` receives the residual job
// of every sub-problem job.
Problem affected_problem(const Lane& lane, const SearchState& s, const std::vector<int>& routes, Node emergency, TimePoint by,
                         std::vector<Node>& jobs) {
    Problem sub = lane.r.problem;
    PerTechnician<char> keep(sub.technicians.size(), 0);
    for (int route : routes) {
        keep[lane.inst.vehicle(s.route(route).vehicle).technician] = 1;
        for (Node u : s.route(route).nodes)
            if (!lane.inst.is_break(u)) jobs.push_back(u);
    }
    for (TechnicianIndex t : sub.technicians.indices())
        if (!keep[t]) sub.technicians[t].shifts.clear();
    sub.jobs.clear();
    for (Node u : jobs) {
        Job job = lane.r.problem.jobs[u];
        if (u == emergency) start_by(job, by);
        sub.jobs.push_back(std::move(job));
    }
    return sub;
}

// The option's routes searched again briefly; the option itself when that finds no cheaper day.
EmergencyOption reoptimise(const Lane& lane, const EmergencyOption& option, JobIndex job, const EmergencyParams& params, bool& better) {
    better = false;
    SearchState s(lane.inst);
    solver::load_plan(s, dispatch::to_residual(lane.r, option.plan));
    std::vector<int> routes;
    PerTechnician<char> affected(lane.st.problem.technicians.size(), 0);
    affected[*option.technician] = 1;
    for (const dispatch::TechnicianChange& t : option.cascade.technicians) affected[t.technician] = 1;
    for (int route = 0; route < s.num_routes(); ++route)
        if (affected[lane.inst.vehicle(s.route(route).vehicle).technician] && !s.route(route).empty()) routes.push_back(route);
    std::vector<Node> jobs;
    const Problem sub = affected_problem(lane, s, routes, lane.emergency, option.planned_start, jobs);
    std::vector<JobIndex> sub_of(static_cast<std::size_t>(lane.inst.num_jobs()));  // residual node -> sub-problem job
    for (JobIndex i : indices<JobIndex>(jobs.size())) sub_of[static_cast<std::size_t>(jobs[i.value()])] = i;
    Plan warm;
    for (int route : routes) {
        Route r = solver::timed_route(lane.inst, s.route(route));
        for (Stop& stop : r.stops)
            if (stop.kind == StopKind::job) stop.index = sub_of[stop.index].value();
        warm.routes.push_back(std::move(r));
    }
    solver::SolverParams sp;
    sp.seed = params.seed;
    sp.max_iterations = params.reoptimise_iterations;
    sp.time_limit_seconds = params.reoptimise_seconds;
    sp.warm_start = warm;
    sp.seed_with_baseline = false;
    sp.check_input = false;  // part of the residual day: shifts may be in overtime
    const Plan found = solver::solve(sub, sp).plan;
    // Back into the whole residual plan: the affected jobs taken out, the routes found put in.
    for (Node u : jobs) s.erase(u);
    for (int route : routes) s.update(route);
    for (const Route& r : found.routes) {
        const int route = solver::route_of_vehicle(lane.inst, r.technician, r.shift);
        std::vector<Node> nodes;  // the sub-problem has the residual's shifts: the same breaks
        for (const Stop& stop : r.stops)
            nodes.push_back(stop.kind == StopKind::job ? jobs[stop.job_index().value()] : lane.inst.break_node(route, stop.index));
        assert(std::find(nodes.begin(), nodes.end(), -1) == nodes.end());
        s.assign(route, nodes);
        s.update(route);
    }
    if (s.route_of(lane.emergency) < 0 || !s.feasible()) return option;
    EmergencyOption o = make_option(lane, s, option.action, job, params, option.interrupted);
    o.moved = option.moved;
    o.rest = option.rest;
    o.problem = option.problem;
    if (o.times.cost >= option.times.cost || o.planned_start > option.planned_start) return option;
    better = true;
    return o;
}

}  // namespace

void start_by(Job& job, TimePoint by) {
    const bool any = !job.time_windows.empty();
    std::erase_if(job.time_windows, [by](const TimeWindow& w) { return w.start > by; });
    for (TimeWindow& w : job.time_windows) w.end = min(w.end, by);
    if (!any) job.time_windows = {TimeWindow{TimePoint(0), by}};
}

JobIndex add_job(DispatchState& st, const Json& job_spec) {
    dispatch::Event e;
    e.type = dispatch::EventType::job_added;
    e.at = st.now;
    e.job = job_spec.is_object() && job_spec.contains("id") && job_spec["id"].is_string() ? job_spec["id"].get<std::string>() : "";
    e.job_spec = job_spec;
    dispatch::absorb(st, e);
    return static_cast<JobIndex>(st.problem.jobs.size() - 1);
}

EmergencyResult emergency_options(const DispatchState& st, JobIndex job, const EmergencyParams& params) {
    const auto t0 = std::chrono::steady_clock::now();
    EmergencyResult out;
    out.job = job;
    Lane lane(st, job);
    std::vector<std::unique_ptr<PausedDay>> paused_days;
    const std::vector<Ranked> ranked = rank(lane, job, params, paused_days);
    for (const Ranked& r : ranked) out.options.push_back(r.option);
    if (out.options.empty() || !out.options.front().within_limit()) out.options.insert(out.options.begin(), decline(st, out.options));
    const auto t1 = std::chrono::steady_clock::now();
    out.rank_seconds = std::chrono::duration<double>(t1 - t0).count();
    if (out.declined()) return out;
    out.recommended =
        params.reoptimise ? reoptimise(*ranked.front().lane, out.options.front(), job, params, out.reoptimised) : out.options.front();
    out.reoptimise_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    return out;
}

}  // namespace fsd::lanes
