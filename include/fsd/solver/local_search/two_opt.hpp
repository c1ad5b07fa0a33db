// Local-search move: intra-route 2-opt. Reverses the stretch between u and v so they become
// adjacent; only short stretches, since a reversal is re-evaluated stop by stop.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct TwoOpt {
    ChainLimits limits;

    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int r = s.route_of(u);
        if (r != s.route_of(v)) return false;
        int i = s.pos_of(u), j = s.pos_of(v);
        if (i > j) std::swap(i, j);
        // Reverse [i+1, j]: u..v becomes u, v, ..., u+1.
        const int from = i + 1, to = j + 1;
        if (to - from < 2 || to - from > limits.max_intra_span) return false;
        const RouteState& R = c.route(r);
        const Instance& inst = c.inst();
        // The distance bound reads stop locations; a stretch with a break is evaluated in full.
        if (R.jobs_before[to] - R.jobs_before[from] == to - from && hopeless_by_distance(c, r, from, j, to)) return false;
        const Segment seg = inst.join(c.walk_reversed(R.fwd[from], r, from, to, R.vehicle), R.bwd[to]);
        const Cost after =
            c.cost(R.vehicle, seg, true, [&] { return RouteDraft().run(r, 0, from).run(r, from, to, true).run(r, to, R.size()); });
        if (after >= R.cost) return false;
        auto& out = c.scratch_a;
        out = R.nodes;
        std::reverse(out.begin() + from, out.begin() + to);
        c.apply(r, out, after);
        return true;
    }

private:
    static bool hopeless_by_distance(const MoveContext& c, int r, int from, int j, int to) {
        const Instance& inst = c.inst();
        const RouteState& R = c.route(r);
        Distance delta = c.d(R.before[from], inst.location(R.nodes[j])) + c.d(inst.location(R.nodes[from]), R.after[to]) -
                         c.d(R.before[from], inst.location(R.nodes[from])) - c.d(inst.location(R.nodes[j]), R.after[to]);
        for (int m = from; m < j; ++m)
            delta += c.d(inst.location(R.nodes[m + 1]), inst.location(R.nodes[m])) -
                     c.d(inst.location(R.nodes[m]), inst.location(R.nodes[m + 1]));
        return c.hopeless(r, r, delta, false, false);
    }
};

}  // namespace fsd::solver
