// Local-search move: or-opt. Moves u with its one or two successors after neighbour v, as they
// are or reversed; useful when a short run of stops belongs in another part of the day.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct OrOpt {
    ChainLimits limits;
    int max_chain = 3;     // chains of 2 .. max_chain jobs
    bool reversed = true;  // also try each chain reversed
    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v), i = s.pos_of(u);
        for (int k = 2; k <= max_chain; ++k)
            for (int rev = 0; rev <= (reversed ? 1 : 0); ++rev)
                if (try_move_chain(c, ra, i, k, rb, s.pos_of(v) + 1, rev != 0, limits)) return true;
        return false;
    }
};

}  // namespace fsd::solver
