// What solve() takes and gives back: every knob of the search with its default, the plug-ins a
// caller may add (destroy and repair operators, an acceptance criterion, local-search moves, an
// improvement step), and the result with its statistics. docs/solver.md explains the defaults.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/random.hpp"
#include "fsd/solver/acceptance.hpp"
#include "fsd/solver/alns_params.hpp"
#include "fsd/solver/any_acceptance.hpp"
#include "fsd/solver/destroy/string_removal.hpp"
#include "fsd/solver/instance.hpp"
#include "fsd/solver/local_search/local_search_params.hpp"
#include "fsd/solver/local_search/named_move.hpp"
#include "fsd/solver/operator.hpp"
#include "fsd/solver/route_minimiser_params.hpp"
#include "fsd/solver/warp_penalty.hpp"

namespace fsd::solver {

struct SolverParams {
    // Defaulted in src/solver, so that copies are compiled once.
    SolverParams();
    SolverParams(const SolverParams&);
    SolverParams(SolverParams&&) noexcept;
    SolverParams& operator=(const SolverParams&);
    SolverParams& operator=(SolverParams&&) noexcept;
    ~SolverParams();

    double time_limit_seconds = 10.0;
    std::uint64_t max_iterations = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t seed = 1;
    // Independent searches run in parallel, each from its own seed; the best plan wins (ties go to
    // the lowest thread). Deterministic for a seed and thread count under an iteration limit.
    int threads = 1;
    bool late_acceptance = false;  // instead of simulated annealing
    SimulatedAnnealing annealing;
    LateAcceptance late;
    RemovalSize removal;
    StringRemoval strings;
    double blink_rate = 0.01;
    int granular_insertion = 20;  // > 0: greedy repair first tries routes of this many nearest neighbours
    bool local_search = true;
    double local_search_rate = 1.0;  // share of ALNS iterations followed by local search
    // Local search only when the repaired solution costs at most this fraction more than before
    // the destroy: hopeless candidates are not polished.
    double local_search_gate = 1e9;
    LocalSearchParams ls;
    // Hierarchical objective: share of the time limit spent removing routes before the ALNS.
    double fleet_time_share = 0.4;
    RouteMinimiserParams fleet;
    InstanceOptions instance;
    // Which operators run, by name (comma-separated; operator_catalog.hpp). Built-in: destroy
    // random, worst, related, string, route; repair greedy-blinks, regret-2, regret-3; plus the
    // names of custom_destroy / custom_repair. An unknown name is an input error (solve() throws
    // InputErrors). Empty means the defaults plus every custom operator: destroy "string" (and
    // "route" when routes are what count), repair "greedy-blinks". The defaults are the set that
    // measured best per CPU second on the benchmark sets (docs/benchmarks.md); the adaptive
    // weights choose among whatever is selected.
    std::string destroy_operators;
    std::string repair_operators;

    // ---- Plug-ins (docs/solver.md, "Extending the solver"). Each is copied for every annealing
    // run and every thread; state shared between copies must be thread-safe when threads > 1.
    // Destroy and repair operators of the caller, selectable by name next to the built-in ones.
    std::vector<NamedOperator> custom_destroy, custom_repair;
    // The acceptance criterion of every annealing run; empty: simulated annealing (the last run
    // starting at last_run_start_temperature), or late acceptance when late_acceptance is set.
    AnyAcceptance acceptance;
    // Local-search moves tried after the built-in ones (LocalSearch::add); they run only when
    // local_search is on.
    std::vector<NamedMove> custom_moves;
    // Run after the local search on each repaired state, before it is accepted or undone, given
    // the cost before the destroy. It edits the state like an operator (update() on every route
    // it touches), and the ALNS undoes its edits with the rest of a rejected iteration.
    std::function<void(SearchState&, Rng&, Cost)> improve;

    // Annealing runs (src/solver/solve.cpp, AnnealingRuns): each lasts this many iterations per job; 0 = one
    // run over the whole budget. After them, a last run of at least `last_run_share` of the budget
    // from the best, starting at `last_run_start_temperature` (x average arc cost).
    double run_iterations_per_job = 100;
    double last_run_share = 0.2;
    double last_run_start_temperature = 0.5;
    // Which annealing runs search through time-warp-penalised states (warp_penalty.hpp).
    WarpPenaltyParams warp;
    AlnsParams alns;  // time and iteration limits are copied from above
    std::function<bool(const Progress&)> on_progress;
    std::optional<Plan> warm_start;  // start from this plan instead of constructing one
    // Field-service objective: also run the manual baseline planner, and start the search from
    // its plan when that costs less than the constructed one.
    bool seed_with_baseline = true;
    // Breaks owed only late (an evening break in a shift's overtime, Shift::owed_only_late) get no
    // node: every route of their shift is back by their opening. When the first search leaves work
    // out and some route returns within `late_break_busy` of that limit, a second search (from the
    // first plan, with a third of the time or half the iterations again) plans the break on those
    // shifts instead, which may then work into their overtime; the cheaper plan wins. Off, or zero:
    // one search, every route back by the opening.
    Duration late_break_busy = minutes(60);
    // solve() first checks the problem (check_problem) and throws InputErrors, every defect at its
    // path. Off only for problems fsd derives from a checked one: the dispatch layer's residual
    // day, in which a technician working overtime is free only after their shift's end.
    bool check_input = true;
};

struct SolveResult {
    Plan plan;
    Progress final;
    // Final adaptive weights of the destroy and repair operators of the last annealing run.
    std::vector<std::pair<std::string, double>> destroy_weights, repair_weights;
    // Tries and improvements of each local-search move over the whole search (of the thread whose
    // plan won), custom moves included.
    std::vector<MoveStats> move_stats;
};

}  // namespace fsd::solver
