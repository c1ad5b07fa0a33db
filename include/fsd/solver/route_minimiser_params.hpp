// The fleet minimiser's limits (RouteMinimiserParams): what SolverParams holds of it, apart from
// route_minimiser.hpp's search, so that solve.hpp stays light to include (docs/build.md).
#pragma once

#include <cstdint>

namespace fsd::solver {

struct RouteMinimiserParams {
    int max_ejected = 2;              // jobs ejected at once to make room
    int max_route_for_pairs = 20;     // pairs of ejections only on routes up to this length
    int shakes = 50;                  // random feasible relocations after each squeeze
    std::uint64_t max_steps = 50000;  // bank pops per route elimination attempt
};

}  // namespace fsd::solver
