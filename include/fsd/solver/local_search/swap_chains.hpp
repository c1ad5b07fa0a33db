// Local-search move: exchange a run of jobs starting at u with a run starting at its neighbour v
// in another route, runs of unequal or equal length up to `max_chain` ((2,1), (1,2), (2,2), ...;
// the (1,1) case is Swap). Runs keep their order.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct SwapChains {
    int max_chain = 2;

    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v);
        if (ra == rb) return false;
        const int i = s.pos_of(u), j = s.pos_of(v);
        for (int ka = 1; ka <= max_chain; ++ka)
            for (int kb = 1; kb <= max_chain; ++kb)
                if ((ka > 1 || kb > 1) && exchange(c, ra, i, ka, rb, j, kb)) return true;
        return false;
    }

private:
    // Route ra's nodes [i, i+ka) trade places with route rb's nodes [j, j+kb).
    static bool exchange(MoveContext& c, int ra, int i, int ka, int rb, int j, int kb) {
        const RouteState& A = c.route(ra);
        const RouteState& B = c.route(rb);
        if (i + ka > A.size() || j + kb > B.size()) return false;
        if (!c.movable(ra, i, i + ka, B.vehicle) || !c.movable(rb, j, j + kb, A.vehicle)) return false;
        const Instance& inst = c.inst();
        const std::uint32_t fa = inst.location(A.nodes[i]), la = inst.location(A.nodes[i + ka - 1]);
        const std::uint32_t fb = inst.location(B.nodes[j]), lb = inst.location(B.nodes[j + kb - 1]);
        const Distance delta = c.d(A.before[i], fb) + c.d(lb, A.after[i + ka]) - c.d(A.before[i], fa) - c.d(la, A.after[i + ka]) +
                               c.d(B.before[j], fa) + c.d(la, B.after[j + kb]) - c.d(B.before[j], fb) - c.d(lb, B.after[j + kb]);
        if (c.hopeless(ra, rb, delta, false, false)) return false;
        const std::int64_t load_a = A.fwd[i + ka].load - A.fwd[i].load, load_b = B.fwd[j + kb].load - B.fwd[j].load;
        if (A.whole().load - load_a + load_b > inst.vehicle(A.vehicle).capacity ||
            B.whole().load - load_b + load_a > inst.vehicle(B.vehicle).capacity)
            return false;
        const Segment into_a = c.walk(A.fwd[i], rb, j, j + kb, A.vehicle);
        const Cost ca = c.cost(A.vehicle, inst.join(into_a, A.bwd[i + ka]), true,
                               [&] { return RouteDraft().run(ra, 0, i).run(rb, j, j + kb).run(ra, i + ka, A.size()); });
        if (ca == Cost::infinity()) return false;
        const Segment into_b = c.walk(B.fwd[j], ra, i, i + ka, B.vehicle);
        const Cost cb = c.cost(B.vehicle, inst.join(into_b, B.bwd[j + kb]), true,
                               [&] { return RouteDraft().run(rb, 0, j).run(ra, i, i + ka).run(rb, j + kb, B.size()); });
        if (ca + cb >= A.cost + B.cost) return false;
        c.scratch_mid.assign(B.nodes.begin() + j, B.nodes.begin() + j + kb);
        c.splice(c.scratch_a, ra, i, c.scratch_mid, i + ka);
        c.scratch_mid.assign(A.nodes.begin() + i, A.nodes.begin() + i + ka);
        c.splice(c.scratch_b, rb, j, c.scratch_mid, j + kb);
        c.apply(ra, c.scratch_a, ca);
        c.apply(rb, c.scratch_b, cb);
        return true;
    }
};

}  // namespace fsd::solver
