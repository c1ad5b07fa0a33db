// fsd-bench-dispatch: a generated day dispatched live through a scripted stream of events. Per
// event: the re-plan time, the jobs it changed and moved, and its cost against a from-scratch
// re-plan of the same residual problem with the same iteration budget. With --stability, each event
// again from the same state at other stability weights (plan churn against cost); with --budgets,
// at other iteration budgets (time against cost). docs/benchmarks.md, section 7, records runs.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/random_events.hpp"
#include "fsd/dispatch/residual_plan.hpp"
#include "fsd/io/json.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/solve.hpp"

namespace bench_dispatch {
using namespace fsd;
using namespace fsd::dispatch;

namespace {

struct Args {
    int technicians = 12, jobs = 47, events = 30, held_back = 5;
    std::uint64_t seed = 1;
    std::optional<std::uint64_t> iterations;
    std::vector<double> stability;
    std::vector<std::uint64_t> budgets;
    bool scratch = true;
};

// The generated day without its latest-reported emergencies, which come in as job_added events.
struct Script {
    Problem morning;
    std::vector<Event> arrivals;  // job_added, in time order
};

Script morning_and_arrivals(const Problem& day, TimePoint start, int held_back) {
    std::vector<JobIndex> later;
    for (JobIndex j : day.jobs.indices())
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
        e.job_spec = jobs[j.value()];
        s.arrivals.push_back(e);
    }
    std::sort(later.begin(), later.end());
    for (auto it = later.rbegin(); it != later.rend(); ++it) s.morning.jobs.erase(s.morning.jobs.begin() + it->value());
    return s;
}

// The script: the event types of the run in order, each drawn from the state as it then stands
// (random_events.hpp), the day's held-back emergencies coming in between when their time comes.
// Two twists make the stories of the issue: a job running 90 minutes over its planned end, and one
// finishing well before it.
enum class Twist { none, ninety_long, early };
struct Slot {
    EventType type;
    Twist twist = Twist::none;
};
constexpr std::array<Slot, 30> script_slots{{
    {EventType::job_started},
    {EventType::running_late, Twist::ninety_long},
    {EventType::job_added},
    {EventType::job_finished, Twist::early},
    {EventType::travel_delay},
    {EventType::job_cancelled},
    {EventType::job_started},
    {EventType::customer_not_home},
    {EventType::job_added},
    {EventType::technician_unavailable},
    {EventType::job_started},
    {EventType::job_finished},
    {EventType::running_late},
    {EventType::job_added},
    {EventType::travel_delay},
    {EventType::technician_available},
    {EventType::job_started},
    {EventType::job_finished, Twist::early},
    {EventType::job_cancelled},
    {EventType::customer_not_home},
    {EventType::job_added},
    {EventType::running_late, Twist::ninety_long},
    {EventType::job_started},
    {EventType::job_finished},
    {EventType::technician_unavailable},
    {EventType::travel_delay},
    {EventType::job_added},
    {EventType::job_cancelled},
    {EventType::job_started},
    {EventType::job_finished},
}};

const Stop* planned_stop(const DispatchState& st, const std::string& job) {
    for (const Route& r : st.plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && st.problem.jobs[s.job_index()].id == job) return &s;
    return nullptr;
}

// The twist on a drawn event, when the state accepts it; the drawn event otherwise.
Event twisted(const DispatchState& st, Event e, Twist twist) {
    const Stop* stop = planned_stop(st, e.job);
    if (twist == Twist::none || !stop) return e;
    Event t = e;
    if (twist == Twist::ninety_long) t.expected_finish = max(e.at, stop->end + minutes(90));
    if (twist == Twist::early) {
        t.at = max(st.now + minutes(1), stop->start + Duration((stop->end - stop->start).count() * 6 / 10));
        if (t.at >= e.at) return e;
    }
    return accepted(st, t) ? t : e;
}

// The next event of a slot's type, gaps of 3 to 20 minutes, the earliest of a few draws so that
// the stream does not leap over the day; any type when that one cannot happen.
std::optional<Event> draw(const DispatchState& st, Rng& rng, const Slot& slot) {
    RandomEventOptions o;
    o.min_gap = minutes(3);
    o.max_gap = minutes(20);
    o.weights.fill(0);
    o.weights[static_cast<std::size_t>(slot.type)] = 1;
    std::optional<Event> best;
    for (int k = 0; k < 6; ++k)
        if (std::optional<Event> e = random_event(st, rng, o); e && (!best || e->at < best->at)) best = e;
    if (best) return twisted(st, *best, slot.twist);
    return random_event(st, rng);
}

std::string hhmm(TimePoint t) {
    const auto s = t.count() % seconds_per_day;
    return fmt::format("{:02}:{:02}", s / 3600, s / 60 % 60);
}

std::vector<Event> script_events(DispatchDay day, const Script& s, int count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Event> out;
    std::size_t next_arrival = 0;
    while (static_cast<int>(out.size()) < count) {
        std::optional<Event> e = draw(day.state, rng, script_slots[out.size() % script_slots.size()]);
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
    p.objective.promise_miss_per_retell = 0;
    for (Job& j : p.jobs) j.promised_technician.reset(), j.promised_window.reset();
    return evaluate(p, plan).kpis.cost;
}

struct EventFigures {
    // The whole apply_event (wall clock, and this process's CPU time: the machine is shared), its search.
    double seconds = 0, cpu_seconds = 0, solver_seconds = 0, scratch_seconds = 0;
    int changed = 0, moved = 0, reassigned = 0, notified = 0, unassigned = 0;
    double cost = 0, scratch_cost = 0;                // rest of the day, stability terms included
    double operational = 0, scratch_operational = 0;  // without them
    bool feasible = true;
};

double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The from-scratch re-plan of the same residual problem, same budget and seed, no warm start.
void from_scratch(const Residual& r, const PlanVersion& v, EventFigures& f) {
    if (r.problem.jobs.empty()) return;
    solver::SolverParams sp;
    sp.seed = v.replan.seed;
    sp.max_iterations = v.replan.iterations;
    sp.time_limit_seconds = 60;
    sp.check_input = false;  // a residual day: a technician in overtime is free after the shift's end
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
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_now();
    const StepResult s = apply_event(day, e);
    EventFigures f;
    f.cpu_seconds = cpu_now() - c0;
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const PlanVersion& v = day.versions.back();
    f.solver_seconds = v.replan.seconds;
    f.changed = s.cascade.totals.jobs_changed;
    for (const JobChange& c : s.cascade.jobs) {
        const Duration d = c.delta < Duration::zero() ? -c.delta : c.delta;
        f.moved += c.technician_changed() || d > day.params.notify_threshold ? 1 : 0;
        f.reassigned += c.technician_changed() ? 1 : 0;
    }
    f.notified = s.cascade.totals.notify;
    f.unassigned = static_cast<int>(s.evaluation.schedule.unassigned.size());
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

double mean(const std::vector<double>& v) {
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double max_of(const std::vector<double>& v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

void report(const std::vector<EventFigures>& rows, bool scratch) {
    const auto secs = column(rows, [](const EventFigures& r) { return r.seconds; });
    const auto cpu = column(rows, [](const EventFigures& r) { return r.cpu_seconds; });
    const auto solver = column(rows, [](const EventFigures& r) { return r.solver_seconds; });
    const auto moved = column(rows, [](const EventFigures& r) { return static_cast<double>(r.moved); });
    const auto changed = column(rows, [](const EventFigures& r) { return static_cast<double>(r.changed); });
    const auto told = column(rows, [](const EventFigures& r) { return static_cast<double>(r.notified); });
    fmt::print(
        "re-plan time per event (whole apply_event), wall: median {:.3f} s, max {:.3f} s; CPU: median {:.3f} s, max {:.3f} s; "
        "the search alone, wall: median {:.3f} s, max {:.3f} s\n",
        median(secs), max_of(secs), median(cpu), max_of(cpu), median(solver), max_of(solver));
    fmt::print("jobs changed per event: median {:.1f}, mean {:.2f}, max {:.0f}\n", median(changed), mean(changed), max_of(changed));
    fmt::print("jobs moved per event (other technician or ETA > 15 min): median {:.1f}, mean {:.2f}, max {:.0f}\n", median(moved),
               mean(moved), max_of(moved));
    fmt::print("customers told per event: median {:.1f}, mean {:.2f}, max {:.0f}\n", median(told), mean(told), max_of(told));
    if (!scratch) return;
    std::vector<double> ratio, op_ratio;
    for (const EventFigures& r : rows)
        if (r.scratch_cost > 0) ratio.push_back(r.cost / r.scratch_cost), op_ratio.push_back(r.operational / r.scratch_operational);
    if (ratio.empty()) return;
    const auto better = std::count_if(ratio.begin(), ratio.end(), [](double x) { return x < 1 - 1e-6; });
    const auto worse = std::count_if(ratio.begin(), ratio.end(), [](double x) { return x > 1 + 1e-6; });
    fmt::print(
        "warm-started / from scratch (same residual problem, budget and seed), cost ratio: median {:.4f}, min {:.4f}, max {:.4f}; "
        "warm cheaper in {}, dearer in {}, of {}\n",
        median(ratio), *std::min_element(ratio.begin(), ratio.end()), max_of(ratio), better, worse, ratio.size());
    fmt::print("  the same without the stability terms: median {:.4f}, min {:.4f}, max {:.4f}\n", median(op_ratio),
               *std::min_element(op_ratio.begin(), op_ratio.end()), max_of(op_ratio));
}

// The day's jobs not done at the end, by why: cancelled and not-home calls, windows closed, the rest.
void left_out_report(const DispatchState& st) {
    std::map<std::string, int> by;
    for (const Unassigned& u : st.plan.unassigned) {
        const JobState js = st.jobs[u.job].state;
        by[js == JobState::open ? std::string(to_string(u.reason)) : std::string(job_state_names[static_cast<int>(js)])]++;
    }
    std::string text;
    for (const auto& [why, n] : by) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n, why);
    fmt::print("left out at the end of the stream: {} of {} jobs ({})\n", st.plan.unassigned.size(), st.problem.jobs.size(), text);
}

void scale_stability(ObjectiveWeights& w, double factor) {
    w.moved_technician *= factor;
    w.promise_miss *= factor;
    w.promise_late_per_minute *= factor;
    w.promise_miss_per_retell *= factor;
}

DispatchDay start_day(const Problem& morning, const Args& a) {
    DispatchParams params;
    params.replan.seed = a.seed;
    if (a.iterations) params.replan.min_iterations = params.replan.max_iterations = *a.iterations;
    const auto t0 = std::chrono::steady_clock::now();
    DispatchDay day = begin_day(morning, std::nullopt, start_of_day(morning), params);
    fmt::print("first plan: {:.1f} s, {} jobs, {} unassigned\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), day.state.problem.jobs.size(),
               day.versions[0].plan.unassigned.size());
    return day;
}

// Plan churn against cost: each event of the run applied again from the same state with the
// stability weights scaled, the run itself going on at the default weights. Paired this way, the
// weights differ in nothing but the re-plan they make.
struct StabilityRun {
    double factor = 1;
    std::vector<EventFigures> rows;
};

void stability_report(const std::vector<StabilityRun>& runs) {
    if (runs.empty()) return;
    double reference = 0;
    for (const StabilityRun& r : runs)
        if (r.factor == 1) reference = mean(column(r.rows, [](const EventFigures& f) { return f.operational; }));
    fmt::print(
        "\nstability weights (x default: moved_technician 40, promise_miss 30, promise_late_per_minute 1), same states and events:\n");
    fmt::print("{:>7} {:>7} {:>11} {:>6} {:>11} {:>25} {:>9}\n", "weights", "moved", "other tech", "told", "unassigned",
               "cost w/o stability (mean)", "vs x1");
    for (const StabilityRun& r : runs) {
        const auto sum = [&](auto f) {
            return std::accumulate(r.rows.begin(), r.rows.end(), 0, [&](int acc, const EventFigures& x) { return acc + f(x); });
        };
        const double op = mean(column(r.rows, [](const EventFigures& f) { return f.operational; }));
        fmt::print("{:>6}x {:>7} {:>11} {:>6} {:>11} {:>25.2f} {:>9}\n", r.factor, sum([](const EventFigures& x) { return x.moved; }),
                   sum([](const EventFigures& x) { return x.reassigned; }), sum([](const EventFigures& x) { return x.notified; }),
                   sum([](const EventFigures& x) { return x.unassigned; }), op,
                   reference > 0 ? fmt::format("{:.4f}", op / reference) : "-");
    }
}

// What a bigger (or smaller) search budget buys: each event applied again from the same state with
// a fixed number of iterations; CPU time and cost against the default budget's re-plan.
struct BudgetRun {
    std::uint64_t iterations = 0;
    std::vector<EventFigures> rows;
};

void budget_report(const std::vector<BudgetRun>& runs, const std::vector<EventFigures>& base) {
    if (runs.empty()) return;
    fmt::print("\nother iteration budgets, same states and events (cost: rest of the day, stability terms included):\n");
    for (const BudgetRun& r : runs) {
        std::vector<double> ratio;
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            if (base[i].cost > 0) ratio.push_back(r.rows[i].cost / base[i].cost);
        const auto cpu = column(r.rows, [](const EventFigures& f) { return f.cpu_seconds; });
        const auto wall = column(r.rows, [](const EventFigures& f) { return f.seconds; });
        fmt::print(
            "{:>6} iterations: CPU median {:.3f} s, max {:.3f} s; wall median {:.3f} s, max {:.3f} s; cost / default's: median {:.4f}, "
            "min {:.4f}, max {:.4f}\n",
            r.iterations, median(cpu), max_of(cpu), median(wall), max_of(wall), median(ratio),
            ratio.empty() ? 0 : *std::min_element(ratio.begin(), ratio.end()), max_of(ratio));
    }
}

int run(const Args& a) {
    ScenarioOptions o;
    o.technicians = a.technicians;
    o.jobs = a.jobs;
    o.seed = a.seed;
    const Problem generated = generate_scenario(o);
    const Script script = morning_and_arrivals(generated, start_of_day(generated), a.held_back);
    fmt::print("{} technicians, {} jobs ({} come in during the day), {} events, seed {}\n", a.technicians, a.jobs, script.arrivals.size(),
               a.events, a.seed);
    DispatchDay day = start_day(script.morning, a);
    const std::vector<Event> events = script_events(day, script, a.events, a.seed * 7919);
    std::vector<EventFigures> rows;
    std::vector<StabilityRun> runs;
    for (double w : a.stability) runs.push_back({w, {}});
    std::vector<BudgetRun> budgets;
    for (std::uint64_t n : a.budgets) budgets.push_back({n, {}});
    bool feasible = true;
    for (const Event& e : events) {
        for (StabilityRun& r : runs) {
            DispatchDay other = day;
            scale_stability(other.state.problem.objective, r.factor);
            r.rows.push_back(run_event(other, e, false));
            feasible = feasible && r.rows.back().feasible;
        }
        for (BudgetRun& r : budgets) {
            DispatchDay other = day;
            other.params.replan.min_iterations = other.params.replan.max_iterations = r.iterations;
            r.rows.push_back(run_event(other, e, false));
            feasible = feasible && r.rows.back().feasible;
        }
        rows.push_back(run_event(day, e, a.scratch));
        const EventFigures& f = rows.back();
        feasible = feasible && f.feasible;
        fmt::print(
            "{:>2} {} {:<22} {:<6} {:.3f} s ({:.3f} s CPU)  changed {:>3}  moved {:>3}  told {:>3}  unassigned {:>3}  cost {:>10.2f}{}\n",
            e.line, hhmm(e.at), to_string(e.type), e.job.empty() ? e.technician : e.job, f.seconds, f.cpu_seconds, f.changed, f.moved,
            f.notified, f.unassigned, f.cost,
            a.scratch ? fmt::format("  scratch {:>10.2f} ({:.3f} s)", f.scratch_cost, f.scratch_seconds) : "");
    }
    report(rows, a.scratch);
    left_out_report(day.state);
    stability_report(runs);
    budget_report(budgets, rows);
    fmt::print("every re-plan feasible by the evaluator: {}\n", feasible ? "yes" : "NO");
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
    app.add_option("--held-back", a.held_back, "emergencies reported during the day that come in as job_added events")
        ->capture_default_str();
    app.add_option("--iterations", a.iterations, "iterations per re-plan (default: the dispatch layer's budget)");
    app.add_option("--stability", a.stability, "apply each event again from the same state with the stability weights times these factors");
    app.add_option("--budgets", a.budgets, "apply each event again from the same state with these iteration budgets");
    app.add_flag("!--no-scratch", a.scratch, "skip the from-scratch comparison");
    CLI11_PARSE(app, argc, argv);
    return run(a);
}

}  // namespace bench_dispatch
