// Which local-search moves run and how far they reach (LocalSearchParams, ChainLimits): what
// SolverParams holds of the local search, apart from the moves themselves (local_search.hpp), so
// that solve.hpp stays light to include (docs/build.md).
#pragma once

namespace fsd::solver {

struct ChainLimits {
    // Intra-route moves walk at most this many positions. Long loose routes (Solomon R2) need long
    // moves, and the distance bound screens out nearly all before any walk (docs/solver.md).
    int max_intra_span = 100;
};

struct LocalSearchParams {
    int granularity = 20;  // neighbours of u tried as v (at most the instance's list)
    ChainLimits limits;
    bool relocate = true;
    bool swap = true;
    bool two_opt_star = true;
    bool or_opt = true;
    bool two_opt = true;
    int or_opt_max_chain = 3;
    bool or_opt_reversed = false;   // reversed chains rarely fit time windows; not worth the time
    int swap_chains_max = 0;        // > 1: also exchange runs of up to this many jobs between routes
    bool two_opt_reversed = false;  // 2-opt between routes with reversal; needs reversed caches
    int max_moves = 100000;         // safety net on one run; each move strictly improves anyway
};

}  // namespace fsd::solver
