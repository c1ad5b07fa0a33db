// The ALNS's limits and weights (AlnsParams) and the progress it reports (Progress): what
// SolverParams holds, apart from alns.hpp's search itself, so that solve.hpp stays light to
// include (docs/build.md).
#pragma once

#include <cstdint>
#include <limits>

#include "fsd/model/units.hpp"
#include "fsd/solver/adaptive_weights.hpp"

namespace fsd::solver {

struct Progress {
    std::uint64_t iteration = 0;
    Cost best = Cost::infinity();
    Cost current = Cost::infinity();
    double elapsed_seconds = 0;
    int routes_used = 0;
    int unassigned = 0;
};

struct AlnsParams {
    double time_limit_seconds = 10.0;
    std::uint64_t max_iterations = std::numeric_limits<std::uint64_t>::max();
    double progress_interval_seconds = 0.25;  // how often on_progress is called
    AdaptiveWeightsParams weights;
};

}  // namespace fsd::solver
