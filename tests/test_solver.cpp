// The ALNS solver as a user sees it: every result passes the independent evaluator, a seed gives
// one plan, it never does worse than the manual baseline, and it explains what it leaves out.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "fsd/baseline/baseline.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/model/checked_problem.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/search_state.hpp"
#include "fsd/solver/solve.hpp"
#include "fsd/solver/warm_start.hpp"
#include "generated_day.hpp"

namespace test_solver {

using namespace fsd;

namespace {

solver::SolverParams quick(std::uint64_t iterations, std::uint64_t seed = 1) {
    solver::SolverParams p;
    p.max_iterations = iterations;
    p.time_limit_seconds = 1e9;
    p.seed = seed;
    return p;
}

using test_support::generated_day;

std::string first_violation(const Evaluation& ev) {
    return ev.violations.empty() ? "" : ev.violations.front().where + ": " + ev.violations.front().message;
}

}  // namespace

TEST_CASE("Solomon results are feasible, complete and near the optimum") {
    const std::string dir = std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/";
    const std::pair<const char*, double> cases[] = {{"C101", 827.3}, {"R101", 1637.7}, {"RC201", 1261.8}};
    for (const auto& [name, optimum] : cases) {
        const Problem p = load_solomon(dir + name + ".txt");
        const auto result = solver::solve(p, quick(3000));
        const auto ev = evaluate(p, result.plan);
        CAPTURE(name, first_violation(ev));
        CHECK(ev.feasible());
        CHECK(ev.kpis.jobs_assigned == 100);
        CHECK(ev.kpis.distance_in_source_units >= optimum - 1e-9);  // cannot beat a proven optimum
        CHECK(ev.kpis.distance_in_source_units <= optimum * 1.05);
    }
}

TEST_CASE("the same seed gives the same plan; another seed may not") {
    ScenarioOptions o;
    o.seed = 3;
    const Problem p = generate_scenario(o);
    const Plan a = solver::solve(p, quick(400, 11)).plan;
    const Plan b = solver::solve(p, quick(400, 11)).plan;
    CHECK(a == b);
    const Problem bench = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/R205.txt");
    CHECK(solver::solve(bench, quick(500, 1)).plan == solver::solve(bench, quick(500, 1)).plan);
}

TEST_CASE("parallel searches are deterministic for a seed and thread count, and no worse than one") {
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC103.txt");
    auto params = quick(600, 5);
    const auto one = evaluate(p, solver::solve(p, params).plan);
    params.threads = 2;
    const Plan a = solver::solve(p, params).plan, b = solver::solve(p, params).plan;
    CHECK(a == b);
    const auto two = evaluate(p, a);
    CHECK(two.feasible());
    CHECK(two.kpis.cost <= one.kpis.cost);
}

TEST_CASE("random small problems: always feasible, never worse than the baseline") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        ScenarioOptions o;
        o.seed = seed * 101;
        o.technicians = 2 + static_cast<int>(seed % 5);
        o.jobs = 8 + static_cast<int>(seed * 3 % 25);
        o.days = seed % 4 == 0 ? 2 : 1;
        Problem p = generate_scenario(o);
        // Sprinkle person rules, pinned work and capacity so every constraint is exercised.
        if (p.jobs.size() > 3) {
            p.jobs[0].excluded_technicians = {0};
            p.jobs[1].required_technicians = {static_cast<TechnicianIndex>(p.technicians.size() - 1)};
            p.jobs[2].preferred_technicians = {0};
        }
        const auto result = solver::solve(p, quick(300, seed));
        const auto ev = evaluate(p, result.plan);
        const auto base = evaluate(p, plan_baseline(p));
        CAPTURE(seed, first_violation(ev));
        CHECK(ev.feasible());
        CHECK(ev.kpis.cost <= base.kpis.cost);
    }
}

TEST_CASE("a job no technician is qualified for comes back unassigned with the right reason") {
    ScenarioOptions o;
    o.seed = 9;
    Problem p = generate_scenario(o);
    p.catalog.certifications.push_back("asbestos");
    p.jobs[4].certifications.push_back(static_cast<CertificationId>(p.catalog.certifications.size() - 1));
    const auto result = solver::solve(p, quick(200));
    CHECK(evaluate(p, result.plan).feasible());
    const auto it =
        std::find_if(result.plan.unassigned.begin(), result.plan.unassigned.end(), [](const Unassigned& u) { return u.job == 4; });
    REQUIRE(it != result.plan.unassigned.end());
    CHECK(it->reason == UnassignedReason::no_qualified_technician);
}

TEST_CASE("a job with no window may start any time its technician is out, past midnight of a multi-day shift too") {
    // One technician out for four and a half days, three windowless jobs 11 hours apart: the second
    // and third can only start after the first midnight.
    const Problem p = load_problem(Json::parse(R"({"format": "fsd-problem/1", "horizon": {"days": 5},
      "travel": {"kind": "matrix", "time_s": [[0, 40000, 40000, 40000], [40000, 0, 40000, 40000],
                                             [40000, 40000, 0, 40000], [40000, 40000, 40000, 0]]},
      "technicians": [{"id": "T1", "start": {"matrix_index": 0}, "shifts": [{"start": 0, "end": 400000}]}],
      "jobs": [{"id": "J1", "location": {"matrix_index": 1}, "duration_min": 10, "priority": 100},
               {"id": "J2", "location": {"matrix_index": 2}, "duration_min": 10, "priority": 100},
               {"id": "J3", "location": {"matrix_index": 3}, "duration_min": 10, "priority": 100}]})"),
                                   {});
    const auto result = solver::solve(p, quick(500));
    const Evaluation ev = evaluate(p, result.plan);
    INFO(first_violation(ev));
    CHECK(ev.feasible());
    CHECK(result.plan.unassigned.empty());
    CHECK(ev.kpis.jobs_assigned == 3);
}

TEST_CASE("nobody on shift: every job comes back unassigned, whatever order the insertion takes them in") {
    // A re-plan late in a simulated day can find every technician gone home with work still open:
    // the search has no route at all. Its greedy insertion sorts the jobs by their windows first
    // (some of the time, at random), which once read a vehicle that did not exist.
    Problem p = generated_day(5, 3, 12);
    for (Technician& t : p.technicians) t.shifts.clear();
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        const auto result = solver::solve(p, quick(200, seed));
        const Evaluation ev = evaluate(p, result.plan);
        CHECK(ev.feasible());
        CHECK(result.plan.routes.empty());
        CHECK(result.plan.unassigned.size() == p.jobs.size());
        for (const Unassigned& u : result.plan.unassigned)
            CHECK((u.reason == UnassignedReason::no_window_fits_shift || u.reason == UnassignedReason::no_qualified_technician));
    }
}

TEST_CASE("a problem built in code with defects is refused by solve(), every defect at its path") {
    ScenarioOptions o;
    o.seed = 9;
    Problem p = generate_scenario(o);
    REQUIRE(check_problem(p).empty());
    p.jobs[3].location = static_cast<LocationId>(p.locations.size() + 5);
    p.technicians[1].skills.push_back({.skill = static_cast<SkillId>(p.catalog.skills.size()), .level = 1});
    solver::SolverParams params = quick(50);
    params.repair_operators = "no-such-repair";
    try {
        (void)solver::solve(p, params);
        FAIL("no error");
    } catch (const InputErrors& e) {
        std::vector<std::string> paths;
        for (const InputError& err : e.errors()) paths.push_back(err.path);
        CHECK(std::count(paths.begin(), paths.end(), "jobs[3].location") == 1);
        CHECK(std::any_of(paths.begin(), paths.end(), [](const std::string& s) { return s.rfind("technicians[1].skills", 0) == 0; }));
        CHECK(std::count(paths.begin(), paths.end(), "repair_operators") == 1);
    }
}

TEST_CASE("the search's views of a problem cannot be built on a temporary that would dangle") {
    STATIC_REQUIRE(std::is_constructible_v<solver::Instance, const Problem&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<solver::Instance, Problem>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<solver::Instance, const Problem&&>);
    STATIC_REQUIRE(std::is_constructible_v<solver::SearchState, const solver::Instance&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<solver::SearchState, solver::Instance>);
}

TEST_CASE("a checked problem: refused when wrong, solved as the problem it holds, and kept alive by the search") {
    ScenarioOptions o;
    o.seed = 9;
    const Problem p = generate_scenario(o);

    Problem broken = p;
    broken.jobs[3].location = static_cast<LocationId>(p.locations.size() + 5);
    try {
        (void)CheckedProblem(broken);
        FAIL("no error");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "jobs[3].location");
    }

    const CheckedProblem checked(p);
    STATIC_REQUIRE(std::is_const_v<std::remove_reference_t<decltype(checked.problem())>>);
    STATIC_REQUIRE_FALSE(std::is_default_constructible_v<CheckedProblem>);
    const solver::SolveResult plain = solver::solve(p, quick(300));
    const solver::SolveResult shared = solver::solve(checked, quick(300));
    REQUIRE(shared.plan == plain.plan);
    REQUIRE(evaluate(checked, shared.plan).feasible());

    // Built on a temporary, the instance shares the problem rather than points at freed memory,
    // and so do its copies and moves.
    std::weak_ptr<const Problem> held;
    std::optional<solver::Instance> copied, moved;
    {
        const CheckedProblem temporary(p);
        held = temporary.shared();
        const solver::Instance inst{CheckedProblem(temporary)};
        copied.emplace(inst);
        solver::Instance other{CheckedProblem(temporary)};
        moved.emplace(std::move(other));
    }
    REQUIRE_FALSE(held.expired());
    REQUIRE(copied->problem() == p);
    REQUIRE(moved->problem() == p);
    solver::SearchState s(*moved);
    solver::load_plan(s, plain.plan);
    REQUIRE(s.num_routes() > 0);
    copied.reset();
    moved.reset();
    REQUIRE(held.expired());

    // A temporary does not pass for a Problem to what would keep a view of it.
    STATIC_REQUIRE_FALSE(std::is_convertible_v<CheckedProblem&&, const Problem&>);
    STATIC_REQUIRE(std::is_convertible_v<const CheckedProblem&, const Problem&>);
    // Moving one leaves it holding its problem (a copy of the pointer).
    CheckedProblem source(p);
    const CheckedProblem target(std::move(source));
    REQUIRE(source->jobs.size() == p.jobs.size());  // NOLINT(bugprone-use-after-move): the point of the check
}

TEST_CASE("every route of a timed instance keeps its walk up to date, warped or not: moves start from it") {
    ScenarioOptions o;
    o.seed = 5;
    const Problem p = generate_scenario(o);
    const solver::Instance inst(p);
    REQUIRE(inst.timed());
    solver::SearchState s(inst);
    solver::load_plan(s, plan_baseline(p));
    // Reverse a route's order: its windows then cannot all be met, and it carries warp.
    int warped = -1;
    for (int r = 0; r < s.num_routes() && warped < 0; ++r) {
        std::vector<solver::Node> nodes = s.route(r).nodes;
        if (nodes.size() < 3) continue;
        std::reverse(nodes.begin(), nodes.end());
        s.assign(r, nodes);
        s.update(r);
        if (s.route(r).warp > Duration::zero()) warped = r;
    }
    REQUIRE(warped >= 0);
    const solver::RouteState& R = s.route(warped);
    REQUIRE(R.walk.size() == R.nodes.size() + 1);
    solver::WalkState w = solver::WalkState::at_start(inst.vehicle(R.vehicle));
    for (std::size_t i = 0; i < R.nodes.size(); ++i) {
        CHECK(solver::walk_step(inst, w, R.nodes[i], R.vehicle) == R.starts[i]);
        CHECK(R.walk[i + 1].free == w.free);
        CHECK(R.walk[i + 1].work == w.work);
    }
    CHECK(R.tail[0].work == w.work);
}

TEST_CASE("an expired certification keeps the job from that technician") {
    Problem p = generated_day(4, 3, 6);
    // Only technician 0 holds the certificate, and it lapsed the day before the horizon.
    p.catalog.certifications.push_back("confined-space");
    const auto cert = static_cast<CertificationId>(p.catalog.certifications.size() - 1);
    p.technicians[0].certifications.push_back({cert, Date{p.horizon.start_date->days - 1}});
    p.jobs[0].certifications.push_back(cert);
    const auto result = solver::solve(p, quick(200));
    const auto it =
        std::find_if(result.plan.unassigned.begin(), result.plan.unassigned.end(), [](const Unassigned& u) { return u.job == 0; });
    REQUIRE(it != result.plan.unassigned.end());
    CHECK(it->reason == UnassignedReason::no_qualified_technician);
}

TEST_CASE("warm start from a plan keeps it feasible and does not get worse") {
    ScenarioOptions o;
    o.seed = 8;
    const Problem p = generate_scenario(o);
    const Plan first = solver::solve(p, quick(300)).plan;
    auto params = quick(100, 2);
    params.warm_start = first;
    params.seed_with_baseline = false;
    const Plan second = solver::solve(p, params).plan;
    const auto a = evaluate(p, first), b = evaluate(p, second);
    CHECK(b.feasible());
    CHECK(b.kpis.jobs_assigned >= a.kpis.jobs_assigned);
}

TEST_CASE("the progress callback reports and can stop the search") {
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/R101.txt");
    auto params = quick(1'000'000);
    params.alns.progress_interval_seconds = 0.0;
    int calls = 0;
    params.on_progress = [&calls](const solver::Progress& pr) {
        ++calls;
        return pr.iteration < 50;
    };
    const auto result = solver::solve(p, params);
    CHECK(calls >= 50);
    CHECK(result.final.iteration <= 51);
    CHECK(evaluate(p, result.plan).feasible());
}

TEST_CASE("the hierarchical objective uses no more routes than the distance objective") {
    const std::string file = std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC105.txt";
    SolomonOptions dist, hier;
    hier.objective = ObjectiveKind::hierarchical;
    const Problem pd = load_solomon(file, dist), ph = load_solomon(file, hier);
    const auto ed = evaluate(pd, solver::solve(pd, quick(1500)).plan);
    const auto eh = evaluate(ph, solver::solve(ph, quick(1500)).plan);
    CHECK(eh.feasible());
    CHECK(eh.kpis.routes_used <= ed.kpis.routes_used);
}

TEST_CASE("split into annealing runs: deterministic, feasible, and progress counts over all runs") {
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC104.txt");
    auto params = quick(1000, 3);
    params.run_iterations_per_job = 3;  // runs of 300 iterations: two fit in 80% of 1000
    params.alns.progress_interval_seconds = 0.0;
    std::uint64_t last_iteration = 0;
    bool monotone = true;
    Cost best_seen = Cost::infinity();
    bool best_monotone = true;
    params.on_progress = [&](const solver::Progress& pr) {
        monotone = monotone && pr.iteration >= last_iteration;
        best_monotone = best_monotone && pr.best <= best_seen;
        last_iteration = pr.iteration;
        best_seen = pr.best;
        return true;
    };
    const auto a = solver::solve(p, params);
    CHECK(monotone);
    CHECK(best_monotone);
    // Two runs of 300 iterations and a last run of 400: the budget is split, not multiplied.
    CHECK(a.final.iteration == 1000);
    params.on_progress = nullptr;
    const auto b = solver::solve(p, params);
    CHECK(a.plan == b.plan);
    const auto ev = evaluate(p, a.plan);
    CAPTURE(first_violation(ev));
    CHECK(ev.feasible());
    CHECK(ev.kpis.jobs_assigned == 100);
    CHECK(ev.kpis.cost == a.final.best);
}

TEST_CASE("annealing runs through time-warp-priced states: deterministic, and only feasible plans come out") {
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/RC103.txt");
    for (auto runs : {solver::WarpRuns::alternate, solver::WarpRuns::all}) {
        auto params = quick(2000, 5);
        params.run_iterations_per_job = 4;  // runs of 400 iterations: strict and relaxed take turns
        params.warp.runs = runs;
        params.warp.initial = 0.05;  // cheap lateness: many iterations end late
        const auto a = solver::solve(p, params);
        const auto b = solver::solve(p, params);
        CHECK(a.plan == b.plan);
        CHECK(a.final.iteration == 2000);
        const auto ev = evaluate(p, a.plan);
        CAPTURE(first_violation(ev));
        CHECK(ev.feasible());
        CHECK(ev.kpis.jobs_assigned == 100);
        CHECK(ev.kpis.cost == a.final.best);
        // And it searched: no worse than the first solution it started from.
        params.max_iterations = 0;
        CHECK(ev.kpis.cost <= evaluate(p, solver::solve(p, params).plan).kpis.cost);
    }
}

}  // namespace test_solver
