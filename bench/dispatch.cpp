// fsd-bench-dispatch: a generated day dispatched live through a scripted stream of events. Per
// event: the re-plan time, the jobs it changed and moved, and its cost against a from-scratch
// re-plan of the same residual problem with the same iteration budget. With --stability, the same
// events at several stability weights: plan churn against cost. docs/benchmarks.md records runs.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <numeric>
#include <optional>
#include <vector>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/random_events.hpp"
#include "fsd/dispatch/residual_plan.hpp"
#include "fsd/io/json.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/solve.hpp"

using namespace fsd;
using namespace fsd::dispatch;

namespace {

struct Args {
    int technicians = 12, jobs = 47, events = 30, held_back = 5;
    std::uint64_t seed = 1;
    std::optional<std::uint64_t> iterations;
    std::vector<double> stability;
    bool scratch = true;
};

// The generated day without its latest-reported emergencies, which come in as job_added events.
struct Script {
    Problem morning;
    std::vector<Event> arrivals;  // job_added, in time order
};

Script morning_and_arrivals(const Problem& day, TimePoint start, int held_back) {
    std::vector<JobIndex> later;
    for (JobIndex j = 0; j < day.jobs.size(); ++j)
        if (day.jobs[j].urgency == Urgency::emergency && day.jobs[j].reported_at && *day.jobs[j].reported_at > start) later.push_back(j);
    std::sort(later.begin(), later.end(), [&](JobIndex a, JobIndex b) { return *day.jobs[a].reported_at < *day.jobs[b].reported_at; });
    later.resize(std::min<std::size_t>(later.size(), static_cast<std::size_t>(held_back)));
    Script s;
    s.morning = day;
    const Json jobs = problem_to_json(day)["jobs"];
    for (JobIndex j : later) {
        Event e;
        e.type = EventType::job_added;
        e.at = *day.jobs[j].reported_at;
        e.job = day.jobs[j].id;
        e.job_spec = jobs[j];
        s.arrivals.push_back(e);
    }
    std::sort(later.begin(), later.end());
    for (auto it = later.rbegin(); it != later.rend(); ++it) s.morning.jobs.erase(s.morning.jobs.begin() + *it);
    return s;
}

// The events of the run: random ones drawn from the state, an arrival whenever its time has come.
std::vector<Event> script_events(DispatchDay day, const Script& s, int count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Event> out;
    std::size_t next_arrival = 0;
    while (static_cast<int>(out.size()) < count) {
        std::optional<Event> e = random_event(day.state, rng);
        if (next_arrival < s.arrivals.size() && (!e || s.arrivals[next_arrival].at <= e->at)) e = s.arrivals[next_arrival++];
        if (!e) break;
        e->line = static_cast<int>(out.size()) + 1;
        apply_event(day, *e);
        out.push_back(*e);
    }
    return out;
}

Cost operational_cost(Problem p, const Plan& plan) {
    p.objective.moved_technician = p.objective.promise_miss = p.objective.promise_late_per_minute = 0;
    for (Job& j : p.jobs) j.promised_technician.reset(), j.promised_window.reset();
    return evaluate(p, plan).kpis.cost;
}

struct EventFigures {
    double seconds = 0, scratch_seconds = 0;
    int changed = 0, moved = 0, notified = 0;
    double cost = 0, scratch_cost = 0;          // rest of the day, stability terms included
    double operational = 0, scratch_operational = 0;  // without them
    bool feasible = true;
};

// The from-scratch re-plan of the same residual problem, same budget and seed, no warm start.
void from_scratch(const Residual& r, const PlanVersion& v, EventFigures& f) {
    if (r.problem.jobs.empty()) return;
    solver::SolverParams sp;
    sp.seed = v.replan.seed;
    sp.max_iterations = v.replan.iterations;
    sp.time_limit_seconds = 60;
    const auto t0 = std::chrono::steady_clock::now();
    const Plan plan = solver::solve(r.problem, sp).plan;
    f.scratch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Evaluation ev = evaluate(r.problem, plan);
    f.feasible = f.feasible && ev.feasible();
    f.scratch_cost = to_currency(ev.kpis.cost);
    f.scratch_operational = to_currency(operational_cost(r.problem, plan));
}

EventFigures run_event(DispatchDay& day, const Event& e, bool scratch) {
    const DispatchState before = day.state;
    const StepResult s = apply_event(day, e);
    const PlanVersion& v = day.versions.back();
    EventFigures f;
    f.seconds = v.replan.seconds;
    f.changed = s.cascade.totals.jobs_changed;
    for (const JobChange& c : s.cascade.jobs) {
        const Duration d = c.delta < Duration::zero() ? -c.delta : c.delta;
        f.moved += c.technician_changed() || d > day.params.notify_threshold ? 1 : 0;
    }
    f.notified = s.cascade.totals.notify;
    f.cost = to_currency(s.evaluation.kpis.cost);
    f.feasible = s.evaluation.feasible();
    DispatchState next = before;
    absorb(next, e);
    const Residual r = residual_problem(next);
    f.operational = to_currency(operational_cost(r.problem, to_residual(r, v.plan)));
    if (scratch) from_scratch(r, v, f);
    return f;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

template <class F>
std::vector<double> column(const std::vector<EventFigures>& rows, F f) {
    std::vector<double> out;
    for (const EventFigures& r : rows) out.push_back(f(r));
    return out;
}

void report(const std::vector<EventFigures>& rows, bool scratch) {
    const auto secs = column(rows, [](const EventFigures& r) { return r.seconds; });
    const auto moved = column(rows, [](const EventFigures& r) { return static_cast<double>(r.moved); });
    const auto changed = column(rows, [](const EventFigures& r) { return static_cast<double>(r.changed); });
    fmt::print("re-plan time per event: median {:.3f} s, max {:.3f} s\n", median(secs), *std::max_element(secs.begin(), secs.end()));
    fmt::print("jobs changed per event: median {:.1f}, max {:.0f}; moved (other technician or ETA > 15 min): median {:.1f}, mean {:.2f}, max {:.0f}\n",
               median(changed), *std::max_element(changed.begin(), changed.end()), median(moved),
               std::accumulate(moved.begin(), moved.end(), 0.0) / static_cast<double>(moved.size()), *std::max_element(moved.begin(), moved.end()));
    if (!scratch) return;
    std::vector<double> ratio, op_ratio;
    for (const EventFigures& r : rows)
        if (r.scratch_cost > 0) ratio.push_back(r.cost / r.scratch_cost), op_ratio.push_back(r.operational / r.scratch_operational);
    if (ratio.empty()) return;
    const auto better = std::count_if(ratio.begin(), ratio.end(), [](double x) { return x < 1 - 1e-9; });
    fmt::print("warm-started against from scratch (same budget), cost ratio: median {:.4f}, min {:.4f}, max {:.4f}; warm cheaper in {} of {}\n",
               median(ratio), *std::min_element(ratio.begin(), ratio.end()), *std::max_element(ratio.begin(), ratio.end()), better, ratio.size());
    fmt::print("  without the stability terms: median {:.4f}, min {:.4f}, max {:.4f}\n", median(op_ratio),
               *std::min_element(op_ratio.begin(), op_ratio.end()), *std::max_element(op_ratio.begin(), op_ratio.end()));
}

DispatchDay start_day(const Problem& morning, const Args& a, double stability) {
    Problem p = morning;
    p.objective.moved_technician *= stability;
    p.objective.promise_miss *= stability;
    p.objective.promise_late_per_minute *= stability;
    DispatchParams params;
    params.replan.seed = a.seed;
    if (a.iterations) params.replan.min_iterations = params.replan.max_iterations = *a.iterations;
    const auto t0 = std::chrono::steady_clock::now();
    DispatchDay day = begin_day(p, std::nullopt, start_of_day(p), params);
    fmt::print("first plan: {:.1f} s, {} jobs, {} unassigned\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
               day.state.problem.jobs.size(), day.versions[0].plan.unassigned.size());
    return day;
}

int run(const Args& a) {
    ScenarioOptions o;
    o.technicians = a.technicians;
    o.jobs = a.jobs;
    o.seed = a.seed;
    const Problem generated = generate_scenario(o);
    const Script script = morning_and_arrivals(generated, start_of_day(generated), a.held_back);
    fmt::print("{} technicians, {} jobs ({} come in during the day), {} events, seed {}\n", a.technicians, a.jobs, script.arrivals.size(), a.events,
               a.seed);
    DispatchDay day = start_day(script.morning, a, 1.0);
    const std::vector<Event> events = script_events(day, script, a.events, a.seed * 7919);
    std::vector<EventFigures> rows;
    bool feasible = true;
    for (const Event& e : events) {
        rows.push_back(run_event(day, e, a.scratch));
        const EventFigures& f = rows.back();
        feasible = feasible && f.feasible;
        fmt::print("{:>2} {:<22} {:<6} {:.3f} s  changed {:>3}  moved {:>3}  told {:>3}  cost {:>10.2f}{}\n", e.line, to_string(e.type),
                   e.job.empty() ? e.technician : e.job, f.seconds, f.changed, f.moved, f.notified, f.cost,
                   a.scratch ? fmt::format("  scratch {:>10.2f} ({:.3f} s)", f.scratch_cost, f.scratch_seconds) : "");
    }
    report(rows, a.scratch);
    fmt::print("every re-plan feasible by the evaluator: {}\n", feasible ? "yes" : "NO");
    for (double w : a.stability) {
        DispatchDay d = start_day(script.morning, a, w);
        std::vector<EventFigures> wrows;
        int skipped = 0;
        for (const Event& e : events) {
            try {
                wrows.push_back(run_event(d, e, false));
            } catch (const InputErrors&) {
                ++skipped;  // the event does not fit this run's day (e.g. a job now planned for someone else)
            }
        }
        int moved = 0, told = 0;
        double operational = 0;
        for (const EventFigures& f : wrows) moved += f.moved, told += f.notified, operational += f.operational;
        fmt::print("stability x{}: {} events ({} skipped), {} moved, {} customers told, rest-of-day cost without stability terms: mean {:.2f}, "
                   "{} unassigned at the end\n",
                   w, wrows.size(), skipped, moved, told, operational / static_cast<double>(std::max<std::size_t>(1, wrows.size())),
                   d.state.plan.unassigned.size());
    }
    return feasible ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Live dispatch benchmark: re-plan time, churn and cost over a scripted stream of events"};
    Args a;
    app.add_option("--technicians", a.technicians)->capture_default_str();
    app.add_option("--jobs", a.jobs)->capture_default_str();
    app.add_option("--seed", a.seed)->capture_default_str();
    app.add_option("--events", a.events)->capture_default_str();
    app.add_option("--held-back", a.held_back, "emergencies reported during the day that come in as job_added events")->capture_default_str();
    app.add_option("--iterations", a.iterations, "iterations per re-plan (default: the dispatch layer's budget)");
    app.add_option("--stability", a.stability, "run the same events again with the stability weights times these factors");
    app.add_flag("!--no-scratch", a.scratch, "skip the from-scratch comparison");
    CLI11_PARSE(app, argc, argv);
    return run(a);
}
