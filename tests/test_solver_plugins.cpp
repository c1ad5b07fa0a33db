// The solver's plug-in seams as a caller uses them: custom destroy and repair operators, an
// acceptance criterion, a local-search move and an improvement step, all through SolverParams.
// Each must be called, change what the search does, and leave a plan the evaluator accepts.
#include <catch2/catch.hpp>

#include <memory>

#include "fsd/io/solomon.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/solver/alns.hpp"
#include "fsd/solver/destroy/random_removal.hpp"
#include "fsd/solver/local_search/local_search.hpp"
#include "fsd/solver/operator_catalog.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/repair/regret_insertion.hpp"
#include "fsd/solver/solve.hpp"

namespace test_solver_plugins {

using namespace fsd;
using namespace fsd::solver;

namespace {

Problem r101() {
    return load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/R101.txt");
}

SolverParams quick(std::uint64_t iterations) {
    SolverParams p;
    p.max_iterations = iterations;
    p.time_limit_seconds = 1e9;
    return p;
}

std::vector<std::string> names_of(const std::vector<std::pair<std::string, double>>& weights) {
    std::vector<std::string> out;
    for (const auto& w : weights) out.push_back(w.first);
    return out;
}

// Destroy: empties the route with the fewest jobs, and counts its calls.
struct EmptiestRouteRemoval {
    std::shared_ptr<int> calls = std::make_shared<int>(0);
    void operator()(SearchState& s, Rng&) {
        ++*calls;
        int pick = -1;
        for (int r = 0; r < s.num_routes(); ++r)
            if (!s.route(r).empty() && (pick < 0 || s.route(r).jobs < s.route(pick).jobs)) pick = r;
        if (pick < 0) return;
        std::vector<Node> jobs;
        for (Node u : s.route(pick).nodes)
            if (!s.instance().is_break(u)) jobs.push_back(u);
        remove_jobs(s, jobs);
    }
};

// Repair: each bank job, in bank order, to its cheapest feasible position (no blinks, no
// neighbour lists), and counts its calls.
struct CheapestInsertion {
    std::shared_ptr<int> calls = std::make_shared<int>(0);
    InsertionScratch scratch;
    void operator()(SearchState& s, Rng& rng) {
        ++*calls;
        const std::vector<Node> pending = s.bank();
        for (Node u : pending) {
            const Insertion at = best_insertion(s, u, rng, 0.0, scratch);
            if (at.route < 0) continue;
            s.insert(u, at.route, at.pos);
            s.update(at.route);
        }
    }
};

// Acceptance: rejects everything, so the search never leaves its first solution.
struct RejectAll {
    std::shared_ptr<int> starts = std::make_shared<int>(0), asks = std::make_shared<int>(0);
    void start(Cost, double) { ++*starts; }
    bool accept(Cost, Cost, Cost, double, Rng&) {
        ++*asks;
        return false;
    }
};

// Local-search move with evaluate() apart from apply(): swap job u with the stop after it.
struct SwapWithNext {
    std::shared_ptr<int> applied = std::make_shared<int>(0);
    [[nodiscard]] Cost evaluate(const MoveContext& c, Node u, Node) const {
        const SearchState& s = c.state();
        const int r = s.route_of(u), i = s.pos_of(u);
        const RouteState& R = c.route(r);
        if (i + 1 >= R.size() || s.instance().is_break(R.nodes[i + 1])) return Cost::infinity();
        return cost_after(c, r, i) - R.cost;
    }
    void apply(MoveContext& c, Node u, Node) const {
        const SearchState& s = c.state();
        const int r = s.route_of(u), i = s.pos_of(u);
        std::vector<Node> nodes = c.route(r).nodes;
        std::swap(nodes[i], nodes[i + 1]);
        c.apply(r, nodes, cost_after(c, r, i));
        ++*applied;
    }
    static Cost cost_after(const MoveContext& c, int r, int i) {
        const RouteState& R = c.route(r);
        const Instance& inst = c.inst();
        Segment seg = inst.join(inst.join(R.fwd[i], inst.stop(R.nodes[i + 1], R.vehicle)), inst.stop(R.nodes[i], R.vehicle));
        seg = inst.join(seg, R.bwd[i + 2]);
        return c.cost(R.vehicle, seg, true,
                      [&] { return RouteDraft().run(r, 0, i).node(R.nodes[i + 1]).node(R.nodes[i]).run(r, i + 2, R.size()); });
    }
};

const MoveStats* stats_of(const SolveResult& r, const std::string& name) {
    for (const auto& m : r.move_stats)
        if (m.name == name) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("custom destroy and repair operators are the ones run, and give a feasible plan") {
    const Problem p = r101();
    SolverParams params = quick(300);
    EmptiestRouteRemoval destroy;
    CheapestInsertion repair;
    params.custom_destroy.push_back(NamedOperator::of("emptiest-route", destroy));
    params.custom_repair.push_back(NamedOperator::of("cheapest", repair));
    params.destroy_operators = "emptiest-route";
    params.repair_operators = "cheapest";
    const SolveResult mine = solve(p, params);
    CHECK(*destroy.calls == 300);
    CHECK(*repair.calls == 300);
    CHECK(names_of(mine.destroy_weights) == std::vector<std::string>{"emptiest-route"});
    CHECK(names_of(mine.repair_weights) == std::vector<std::string>{"cheapest"});
    const Evaluation ev = evaluate(p, mine.plan);
    CHECK(ev.feasible());
    CHECK(ev.kpis.jobs_assigned == 100);
    CHECK(mine.plan != solve(p, quick(300)).plan);

    // With the name lists left empty they join the defaults.
    params.destroy_operators.clear();
    params.repair_operators.clear();
    const SolveResult both = solve(p, params);
    CHECK(names_of(both.destroy_weights) == std::vector<std::string>{"string", "emptiest-route"});
    CHECK(names_of(both.repair_weights) == std::vector<std::string>{"greedy-blinks", "cheapest"});
    CHECK(evaluate(p, both.plan).feasible());
}

TEST_CASE("a custom acceptance criterion decides every iteration") {
    const Problem p = r101();
    SolverParams params = quick(200);
    RejectAll reject;
    params.acceptance = reject;
    const SolveResult r = solve(p, params);
    CHECK(*reject.asks == 200);
    CHECK(*reject.starts >= 1);
    // Rejecting everything keeps the first solution: the plan of a search with no iterations.
    CHECK(r.plan == solve(p, quick(0)).plan);
    const Evaluation ev = evaluate(p, r.plan);
    CHECK(ev.feasible());
    CHECK(ev.kpis.cost > evaluate(p, solve(p, quick(200)).plan).kpis.cost);
}

TEST_CASE("a custom local-search move is tried, applies improvements and keeps the routes' costs exact") {
    // Wide windows and long routes: room for swaps of neighbouring stops.
    const Problem p = load_solomon(std::string(FSD_SHARED_DIR) + "/benchmarks/solomon/R205.txt");
    SolverParams params = quick(100);
    params.ls.relocate = params.ls.swap = params.ls.two_opt_star = params.ls.or_opt = params.ls.two_opt = false;
    SwapWithNext move;
    params.custom_moves.push_back(NamedMove::of("swap-with-next", move));
    const SolveResult r = solve(p, params);
    const MoveStats* s = stats_of(r, "swap-with-next");
    REQUIRE(s != nullptr);
    CHECK(r.move_stats.size() == 1);  // the built-in moves are off, so not listed
    CHECK(s->tries > 0);
    CHECK(s->improvements > 0);
    CHECK(static_cast<std::uint64_t>(*move.applied) == s->improvements);
    CHECK(evaluate(p, r.plan).feasible());  // MoveContext::apply asserts each predicted cost too

    // Through LocalSearch directly, next to the built-in moves, which report their own counts.
    const Instance inst(p);
    SearchState state(inst);
    Rng rng(3);
    RegretInsertion{}(state, rng);
    LocalSearch ls;
    ls.add("swap-with-next", SwapWithNext{});
    ls.run_all(state, rng);
    const auto stats = ls.stats();
    REQUIRE(stats.size() == 6);  // relocate, swap, 2-opt*, or-opt, 2-opt, then the custom one
    CHECK(stats.front().name == "relocate");
    CHECK(stats.front().improvements > 0);
    CHECK(stats.back().name == "swap-with-next");
    CHECK(stats.back().tries > 0);
    CHECK(ls.moves_applied() == [&] {
        std::uint64_t n = 0;
        for (const auto& m : stats) n += m.improvements;
        return n;
    }());
}

TEST_CASE("an improvement hook runs on every iteration; its edits are judged, kept or undone with the iteration") {
    const Problem p = r101();
    SolverParams params = quick(150);
    params.warp.runs = WarpRuns::none;  // a relaxed run would call it again to repair late states
    int calls = 0;
    // Emptying a route banks jobs at a prohibitive price: every iteration is rejected and undone,
    // so the search ends where it began.
    EmptiestRouteRemoval wreck;
    params.improve = [&](SearchState& s, Rng& rng, Cost) {
        ++calls;
        wreck(s, rng);
    };
    const SolveResult wrecked = solve(p, params);
    CHECK(calls == 150);
    CHECK(*wreck.calls == 150);
    CHECK(wrecked.plan == solve(p, quick(0)).plan);
    CHECK(evaluate(p, wrecked.plan).feasible());

    // A caller's own local search as the hook, with the built-in one off: its improvements stay.
    SolverParams plain = quick(150);
    plain.local_search = false;
    SolverParams hooked = plain;
    auto mine = std::make_shared<LocalSearch>();
    hooked.improve = [mine](SearchState& s, Rng& rng, Cost) { mine->run(s, rng); };
    const SolveResult polished = solve(p, hooked);
    CHECK(mine->moves_applied() > 0);
    const Evaluation ev = evaluate(p, polished.plan);
    CHECK(ev.feasible());
    CHECK(ev.kpis.jobs_assigned == 100);
    CHECK(ev.kpis.cost < evaluate(p, solve(p, plain).plan).kpis.cost);
}

TEST_CASE("Alns runs on its own with a caller's operators and late acceptance") {
    const Problem p = r101();
    const Instance inst(p);
    SearchState s(inst);
    Rng rng(5);
    RegretInsertion{}(s, rng);
    const Cost first = s.cost();
    EmptiestRouteRemoval destroy;
    CheapestInsertion repair;
    AlnsParams ap;
    ap.max_iterations = 200;
    ap.time_limit_seconds = 1e9;
    Alns alns({NamedOperator::of("emptiest-route", destroy), NamedOperator::of("random", RandomRemoval{})},
              {NamedOperator::of("cheapest", repair)}, LateAcceptance{}, ap);
    AlnsResult r = alns.run(s, rng);
    CHECK(r.final.iteration == 200);
    CHECK(*destroy.calls > 0);
    CHECK(*destroy.calls < 200);  // the wheel also picks random removal
    CHECK(*repair.calls == 200);
    CHECK(r.best.cost <= first);
    r.best.restore(s);
    const Evaluation ev = evaluate(p, to_plan(s));
    CHECK(ev.feasible());
    CHECK(ev.kpis.jobs_assigned == 100);
}

TEST_CASE("unknown or clashing operator names are input errors") {
    const Problem p = r101();
    SolverParams params = quick(10);
    params.destroy_operators = "string, no-such-thing";
    try {
        (void)solve(p, params);
        FAIL("no error");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "destroy_operators");
        CHECK(e.errors()[0].message.find("'no-such-thing'") != std::string::npos);
    }
    params.destroy_operators = "string ,route";  // spaces around names are fine
    CHECK(check_operator_names(params).empty());
    params.repair_operators = ",";
    CHECK(check_operator_names(params).size() == 1);
    params.repair_operators.clear();
    params.custom_repair.push_back(NamedOperator::of("regret-2", CheapestInsertion{}));
    const auto errors = check_operator_names(params);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "repair_operators");
}

}  // namespace test_solver_plugins
