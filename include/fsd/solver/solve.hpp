// The solver's front door: solve(problem, params) runs the ALNS with fsd's operators (random,
// worst, related, string and route removal; greedy-with-blinks and regret repair; simulated
// annealing; local search) and any the caller plugs in (solver_params.hpp), and returns a
// feasible Plan. Deterministic for a seed when stopped by an iteration limit.
#pragma once

#include "fsd/model/checked_problem.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/solver/solver_params.hpp"

namespace fsd::solver {

// Plans `problem`: constructs a first solution (or loads params.warm_start), then runs the ALNS
// as annealing runs (src/solver/solve.cpp) within the time and iteration limits, on
// params.threads independent searches, and returns the best feasible plan. Throws InputErrors,
// every defect at its JSON path, when the problem fails check_problem() or the operator names of
// params are wrong (operator_catalog.hpp).
SolveResult solve(const Problem& problem, const SolverParams& params = {});
// The same for a problem checked already: it is not checked again (params.check_input aside),
// and the search shares it rather than refers to it.
SolveResult solve(const CheckedProblem& problem, const SolverParams& params = {});

}  // namespace fsd::solver
