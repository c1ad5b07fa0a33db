// Local-search move: or-opt. Moves u with its one or two successors after neighbour v, as they
// are or reversed; useful when a short run of stops belongs in another part of the day.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct OrOpt {
    ChainLimits limits;
    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v), i = s.pos_of(u);
        for (int k = 2; k <= 3; ++k)
            for (bool rev : {false, true})
                if (try_move_chain(c, ra, i, k, rb, s.pos_of(v) + 1, rev, limits)) return true;
        return false;
    }
};

}  // namespace fsd::solver
