// The bodies of solve(): construction, the annealing runs, one search per thread. Compiled once
// here rather than in every translation unit that calls solve() (docs/build.md).
#include "fsd/solver/solve.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "fsd/baseline/baseline.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/route_timing.hpp"
#include "fsd/solver/alns.hpp"
#include "fsd/solver/local_search/local_search.hpp"
#include "fsd/solver/operator_catalog.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/repair/regret_insertion.hpp"
#include "fsd/solver/route_minimiser.hpp"
#include "fsd/solver/warm_start.hpp"
#include "fsd/solver/warp_penalty.hpp"

namespace fsd::solver {

namespace {

// A first solution: the warm start when given, then regret-2 insertion of everything else,
// then local search over all of it.
void construct(SearchState& s, const SolverParams& p, Rng& rng, LocalSearch& ls) {
    if (p.warm_start) load_plan(s, *p.warm_start);
    s.begin_iteration();
    RegretInsertion regret;
    regret(s, rng);
    if (p.local_search) ls.run_all(s, rng);
    s.begin_iteration();
}

// One annealing run of `seconds` and `iterations` from the current state; leaves the state at
// where the run ended and returns its best.
template <AcceptanceCriterion Acceptance>
AlnsResult run_alns(SearchState& s, const SolverParams& p, Acceptance acceptance, Rng& rng, const AlnsCallbacks& cb, double seconds,
                    std::uint64_t iterations) {
    AlnsParams ap = p.alns;
    ap.time_limit_seconds = seconds;
    ap.max_iterations = iterations;
    // solve() has checked the names, so neither list is empty.
    auto destroy = select_operators(destroy_choice(p, s.instance().problem().objective.kind));
    auto repair = select_operators(repair_choice(p));
    Alns alns(std::move(destroy), std::move(repair), std::move(acceptance), ap);
    return alns.run(s, rng, cb);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The ALNS budget as annealing runs: runs of `run_iterations_per_job` x jobs iterations, each
// from the same first solution and cooling over its own length, as long as another one fits in
// (1 - last_run_share) of the budget; then a last, cooler run from the best of them. Independent
// runs land in different basins, and on the benchmark sets the spread between basins is larger
// than what more time in one run buys (docs/solver.md). When the first run already takes the
// whole budget, it is the only one. Runs may be relaxed (SolverParams::warp): late arrivals
// are priced, not forbidden, and only feasible states count as solutions; the last run is strict.
class AnnealingRuns {
public:
    AnnealingRuns(const SolverParams& p, const AlnsCallbacks& cb) : p_(p), cb_(cb), warp_(p.warp) {
        if (p_.warp.runs == WarpRuns::none) return;
        cb_.after_iteration = [this](SearchState& s) {
            if (relaxed_) warp_.record(s);
        };
        if (cb_.improve)
            cb_.improve = [this, improve = cb_.improve](SearchState& s, Rng& rng, Cost before) {
                improve(s, rng, before);
                // Repair only what improved on the current state: the rest is mostly rejected anyway.
                if (relaxed_ && s.cost() < before) warp_.repair(s, [&](SearchState& st) { improve(st, rng, before); });
            };
    }

    SolveResult run(SearchState& s, Rng& rng, double seconds) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::uint64_t total = p_.max_iterations;
        const double per_run = p_.run_iterations_per_job * s.instance().num_jobs();
        const std::uint64_t length = per_run <= 0 ? total : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(per_run));
        const double early_seconds = (1.0 - p_.last_run_share) * seconds;
        const auto early_iterations = static_cast<std::uint64_t>((1.0 - p_.last_run_share) * static_cast<double>(total));
        Snapshot first, best;
        first.take(s);
        best = first;
        AlnsResult r;
        int runs = 0;
        do {
            if (runs > 0) {
                first.restore(s);
                relax(s, false);
            }
            relax(s, p_.warp.runs == WarpRuns::all || (p_.warp.runs == WarpRuns::alternate && runs % 2 == 1));
            // The first run may take the whole budget; later ones only what is left of the early part.
            const double limit = runs == 0 ? seconds : std::max(0.0, early_seconds - seconds_since(t0));
            r = run_one(s, rng, p_.annealing, wrapped(best, seconds_since(t0)), limit, std::min(length, total - done_iterations_));
            keep_better(best, r.best);
            ++runs;
        } while (!stopped_ && another_fits(length, early_iterations, early_seconds, runs, seconds_since(t0)));
        const double left = seconds - seconds_since(t0);
        if (!stopped_ && left > 0 && done_iterations_ < total) {
            best.restore(s);
            relax(s, false);  // strict: the cool last run polishes, and strict iterations are cheaper
            SimulatedAnnealing cooler = p_.annealing;
            cooler.start_temperature = p_.last_run_start_temperature;
            r = run_one(s, rng, cooler, wrapped(best, seconds_since(t0)), left, total - done_iterations_);
            keep_better(best, r.best);
        }
        best.restore(s);
        relax(s, false);
        SolveResult out;
        out.plan = to_plan(s);
        out.final = r.final;
        out.final.iteration = done_iterations_;
        out.final.best = best.cost;
        out.final.elapsed_seconds = seconds_since(t0);
        out.destroy_weights = std::move(r.destroy_weights);
        out.repair_weights = std::move(r.repair_weights);
        return out;
    }

private:
    AlnsResult run_one(SearchState& s, Rng& rng, const SimulatedAnnealing& annealing, const AlnsCallbacks& cb, double seconds,
                       std::uint64_t iterations) {
        AlnsResult r = p_.acceptance        ? run_alns(s, p_, p_.acceptance, rng, cb, seconds, iterations)
                       : p_.late_acceptance ? run_alns(s, p_, p_.late, rng, cb, seconds, iterations)
                                            : run_alns(s, p_, annealing, rng, cb, seconds, iterations);
        done_iterations_ += r.final.iteration;
        return r;
    }

    // Another early run fits when its iterations do and, at the mean time of the runs so far, its time does.
    [[nodiscard]] bool another_fits(std::uint64_t length, std::uint64_t early_iterations, double early_seconds, int runs,
                                    double elapsed) const {
        return done_iterations_ < early_iterations && length <= early_iterations - done_iterations_ &&
               elapsed * (runs + 1) / runs <= early_seconds;
    }

    static void keep_better(Snapshot& best, Snapshot& found) {
        if (found.cost < best.cost) best = std::move(found);
    }

    // Switches between the strict and the relaxed search (time warp priced); s must be feasible.
    void relax(SearchState& s, bool on) {
        if (on == relaxed_) return;
        relaxed_ = on;
        if (on)
            warp_.start(s);
        else
            WarpPenalty::stop(s);
    }

    // Progress as the whole search sees it: iterations and time so far, best over all runs.
    AlnsCallbacks wrapped(const Snapshot& best, double offset) {
        AlnsCallbacks cb = cb_;
        if (!cb_.on_progress) return cb;
        cb.on_progress = [this, &best, offset](const Progress& pr) {
            // A later run's first report shows the state just reset to the first solution: skip it.
            if (pr.iteration == 0 && done_iterations_ > 0) return !stopped_;
            Progress all = pr;
            all.iteration += done_iterations_;
            all.elapsed_seconds += offset;
            all.best = std::min(pr.best, best.cost);
            if (!cb_.on_progress(all)) stopped_ = true;
            return !stopped_;
        };
        return cb;
    }

    const SolverParams& p_;
    AlnsCallbacks cb_;
    WarpPenalty warp_;
    bool relaxed_ = false;
    std::uint64_t done_iterations_ = 0;
    bool stopped_ = false;
};

// The local search of one ALNS iteration, unless the gate or the rate skips it.
void polish(LocalSearch& ls, const SolverParams& p, SearchState& s, Rng& rng, Cost before) {
    if (static_cast<double>(s.cost().count()) > static_cast<double>(before.count()) * (1.0 + p.local_search_gate)) return;
    if (p.local_search_rate >= 1.0 || rng.uniform() < p.local_search_rate) ls.run(s, rng);
}

// One search on one thread. The time limit counts from `started`, construction included.
SolveResult solve_single(const Instance& inst, const SolverParams& p, std::uint64_t seed, std::chrono::steady_clock::time_point started) {
    using clock = std::chrono::steady_clock;
    const Problem& problem = inst.problem();
    SearchState s(inst);
    s.keep_reversed(p.local_search && p.ls.two_opt_reversed);
    Rng rng(seed);
    LocalSearch ls(p.ls);
    for (const NamedMove& m : p.custom_moves) ls.add(m);
    construct(s, p, rng, ls);
    if (p.seed_with_baseline && problem.objective.kind == ObjectiveKind::weighted) {
        SearchState from_baseline(inst);
        from_baseline.keep_reversed(s.keeps_reversed());
        load_plan(from_baseline, plan_baseline(problem));
        if (from_baseline.cost() < s.cost()) s = from_baseline;
    }
    AlnsCallbacks cb;
    cb.on_progress = p.on_progress;
    if (p.local_search || p.improve)
        cb.improve = [&ls, &p](SearchState& st, Rng& r, Cost before) {
            if (p.local_search) polish(ls, p, st, r, before);
            if (p.improve) p.improve(st, r, before);
        };
    SolverParams rest = p;
    if (problem.objective.kind == ObjectiveKind::hierarchical) {
        // With an iteration limit the minimiser runs to its first failure (deterministic);
        // with a time limit it gets its share of the time.
        const bool by_iterations = p.max_iterations != SolverParams{}.max_iterations;
        const auto deadline = by_iterations ? clock::time_point::max()
                                            : started + std::chrono::duration_cast<clock::duration>(
                                                            std::chrono::duration<double>(p.fleet_time_share * p.time_limit_seconds));
        RouteMinimiser(p.fleet).run<clock>(s, rng, deadline);
    }
    rest.time_limit_seconds = std::max(0.0, p.time_limit_seconds - seconds_since(started));
    // Timed routes are priced by walking a feasible schedule; lateness has no schedule to walk.
    if (inst.timed()) rest.warp.runs = WarpRuns::none;
    SolveResult out = AnnealingRuns(rest, cb).run(s, rng, rest.time_limit_seconds);
    out.move_stats = ls.stats();
    return out;
}

// The problem's defects (when asked) and the parameters' wrong operator names, all at once.
void refuse_bad_input(const Problem& problem, const SolverParams& p, bool check_problem_too) {
    std::vector<InputError> errors = check_problem_too ? check_problem(problem) : std::vector<InputError>{};
    for (InputError& e : check_operator_names(p, problem.objective.kind)) errors.push_back(std::move(e));
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

SolveResult solve_instance(const Instance& inst, const SolverParams& p, std::chrono::steady_clock::time_point started) {
    const Problem& problem = inst.problem();
    if (p.threads <= 1) return solve_single(inst, p, p.seed, started);
    std::vector<SolveResult> results(static_cast<std::size_t>(p.threads));
    std::vector<std::thread> pool;
    for (int t = 0; t < p.threads; ++t) {
        SolverParams mine = p;
        if (t > 0) mine.on_progress = nullptr;  // one progress reporter is enough
        pool.emplace_back([&inst, &results, mine, t, started] {
            // Thread 0 runs exactly the single-threaded search, so more threads never do worse.
            const std::uint64_t seed = t == 0 ? mine.seed : Rng(mine.seed + static_cast<std::uint64_t>(t)).split()();
            results[static_cast<std::size_t>(t)] = solve_single(inst, mine, seed, started);
        });
    }
    for (auto& th : pool) th.join();
    std::size_t best = 0;
    Cost best_cost = Cost::infinity();
    for (std::size_t t = 0; t < results.size(); ++t) {
        const Cost c = evaluate(problem, results[t].plan).kpis.cost;
        if (c < best_cost) best = t, best_cost = c;
    }
    return std::move(results[best]);
}

// The earliest break of shift s owed only late, if any.
const Break* first_late_break(const Shift& s) {
    const Break* first = nullptr;
    for (const Break& b : s.breaks)
        if (s.owed_only_late(b) && (!first || b.window.start < first->window.start)) first = &b;
    return first;
}

bool has_late_breaks(const Problem& p) {
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (first_late_break(s)) return true;
    return false;
}

// Plans late break b on shift s: a shift no longer dodges it by coming home before it opens
// (Shift::earliest_return), so it gets a node and the whole overtime.
void work_into(Shift& s, const Break& b) {
    s.earliest_return = max(s.earliest_return, b.window.start + Duration(1));
}

// `problem` with the first late break planned on each shift whose route in `plan` returns within
// `busy` of its planned return limit, where the break fits in the overtime; nullopt when none does.
std::optional<Problem> working_late(const Problem& problem, const Plan& plan, Duration busy) {
    Problem late = problem;
    bool any = false;
    for (const Route& r : plan.routes) {
        Shift& s = late.technicians[r.technician].shifts[r.shift];
        const Break* b = first_late_break(s);
        if (!b || r.return_time + busy < s.planned_return_limit() || b->window.start + b->length > s.span.end + s.max_overtime) continue;
        work_into(s, *b);
        any = true;
    }
    if (!any) return std::nullopt;
    return late;
}

// The routes of `plan` that take a late break (as the second search plans them) but could be back
// before it opens without it, timed that way: the second search cannot leave the break out, and
// waits for it instead.
void go_home_before_late_breaks(const Problem& problem, Plan& plan) {
    TimingOptions before_late_breaks;
    before_late_breaks.as_planned = true;
    for (Route& r : plan.routes) {
        const Shift& s = problem.technicians[r.technician].shifts[r.shift];
        const bool takes_late = std::any_of(r.stops.begin(), r.stops.end(), [&s](const Stop& x) {
            return x.kind == StopKind::break_time && s.owed_only_late(s.breaks[x.index]);
        });
        if (!takes_late) continue;
        std::vector<JobIndex> jobs;
        for (const Stop& x : r.stops)
            if (x.kind == StopKind::job) jobs.push_back(x.job_index());
        if (auto home = time_route(problem, r.technician, r.shift, jobs, before_late_breaks)) r = std::move(*home);
    }
}

// `problem` with the late breaks that the routes of `plan` take planned on their shifts (a warm
// start the second search made, such as a live day's last plan); nullopt when none takes one.
std::optional<Problem> taking_late_breaks(const Problem& problem, const Plan& plan) {
    Problem out = problem;
    bool any = false;
    for (const Route& r : plan.routes) {
        if (!out.technicians.contains(r.technician) || r.shift >= out.technicians[r.technician].shifts.size()) continue;
        Shift& s = out.technicians[r.technician].shifts[r.shift];
        for (const Stop& x : r.stops)
            if (x.kind == StopKind::break_time && x.index < s.breaks.size() && s.owed_only_late(s.breaks[x.index])) {
                work_into(s, s.breaks[x.index]);
                any = true;
            }
    }
    if (!any) return std::nullopt;
    return out;
}

// Two searches where late breaks may hold back work (SolverParams::late_break_busy): the first
// as always (but for the shifts a warm start has working late, which it could not hold), the
// second from its plan with the busiest shifts working into their late break too.
SolveResult solve_with_late_breaks(const Instance& inst, const SolverParams& p, std::chrono::steady_clock::time_point started) {
    const Problem& problem = inst.problem();
    const std::optional<Problem> kept = p.warm_start ? taking_late_breaks(problem, *p.warm_start) : std::nullopt;
    std::optional<Instance> kept_instance;
    if (kept) kept_instance.emplace(*kept, p.instance);
    const Instance& first_instance = kept ? *kept_instance : inst;
    const bool by_iterations = p.max_iterations != SolverParams{}.max_iterations;
    SolverParams first = p;
    if (!by_iterations) first.time_limit_seconds = p.time_limit_seconds * 2 / 3;
    SolveResult one = solve_instance(first_instance, first, started);
    if (kept) go_home_before_late_breaks(problem, one.plan);
    const std::optional<Problem> late =
        one.plan.unassigned.empty() ? std::nullopt : working_late(first_instance.problem(), one.plan, p.late_break_busy);
    SolverParams second = p;
    second.warm_start = one.plan;
    second.seed_with_baseline = false;
    second.time_limit_seconds = std::max(0.0, p.time_limit_seconds - seconds_since(started));
    if (by_iterations) second.max_iterations = std::max<std::uint64_t>(1, p.max_iterations / 2);
    if (!late && by_iterations) return one;
    // With a time limit and no shift to try, the rest of the time goes on searching as before.
    SolveResult two = late ? solve_instance(Instance(*late, p.instance), second, std::chrono::steady_clock::now())
                           : solve_instance(first_instance, second, std::chrono::steady_clock::now());
    if (late) go_home_before_late_breaks(problem, two.plan);
    // The iterations of both searches: a caller that checks its budget was used sees it was.
    const std::uint64_t iterations = one.final.iteration + two.final.iteration;
    SolveResult& best = evaluate(problem, two.plan).kpis.cost < evaluate(problem, one.plan).kpis.cost ? two : one;
    best.final.iteration = iterations;
    return std::move(best);
}

SolveResult solve_checked(const Instance& inst, const SolverParams& p, std::chrono::steady_clock::time_point started) {
    if (p.late_break_busy > Duration::zero() && has_late_breaks(inst.problem())) return solve_with_late_breaks(inst, p, started);
    return solve_instance(inst, p, started);
}

}  // namespace

SolveResult solve(const Problem& problem, const SolverParams& p) {
    const auto started = std::chrono::steady_clock::now();
    // The front door for problems built in code as much as for loaded ones: every defect with its
    // path, before the search indexes by it (about 1 ms at 1,000 jobs and 1,180 locations).
    refuse_bad_input(problem, p, p.check_input);
    return solve_checked(Instance(problem, p.instance), p, started);
}

SolveResult solve(const CheckedProblem& problem, const SolverParams& p) {
    const auto started = std::chrono::steady_clock::now();
    refuse_bad_input(problem, p, false);
    return solve_checked(Instance(problem, p.instance), p, started);
}

}  // namespace fsd::solver
