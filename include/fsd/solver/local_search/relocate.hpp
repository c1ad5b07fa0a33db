// Local-search move: relocate job u next to its neighbour v (just after it, or just before it),
// in v's route, which may be u's own.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct Relocate {
    ChainLimits limits;
    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v), i = s.pos_of(u), j = s.pos_of(v);
        return try_move_chain(c, ra, i, 1, rb, j + 1, false, limits) || try_move_chain(c, ra, i, 1, rb, s.pos_of(v), false, limits);
    }
};

}  // namespace fsd::solver
