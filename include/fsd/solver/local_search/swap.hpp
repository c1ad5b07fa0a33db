// Local-search move: swap two jobs, in different routes or the same one.
#pragma once

#include "fsd/solver/local_search/chain_move.hpp"

namespace fsd::solver {

struct Swap {
    ChainLimits limits;

    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        int ra = s.route_of(u), rb = s.route_of(v), i = s.pos_of(u), j = s.pos_of(v);
        if (ra == rb && i > j) std::swap(i, j), std::swap(u, v);
        const RouteState& A = c.route(ra);
        const RouteState& B = c.route(rb);
        if (!c.movable(ra, i, i + 1, B.vehicle) || !c.movable(rb, j, j + 1, A.vehicle)) return false;
        const Instance& inst = c.inst();
        const std::uint32_t lu = inst.location(u), lv = inst.location(v);
        if (ra != rb) {
            const Distance delta = c.d(A.before[i], lv) + c.d(lv, A.after[i + 1]) - c.d(A.before[i], lu) - c.d(lu, A.after[i + 1]) +
                                   c.d(B.before[j], lu) + c.d(lu, B.after[j + 1]) - c.d(B.before[j], lv) - c.d(lv, B.after[j + 1]);
            if (c.hopeless(ra, rb, delta, false, false)) return false;
            if (A.whole().load - inst.demand(u) + inst.demand(v) > inst.vehicle(A.vehicle).capacity ||
                B.whole().load - inst.demand(v) + inst.demand(u) > inst.vehicle(B.vehicle).capacity)
                return false;
            const Cost ca = c.cost(A.vehicle, inst.join(inst.join(A.fwd[i], inst.stop(v, A.vehicle)), A.bwd[i + 1]), true,
                                   [&] { return RouteDraft().run(ra, 0, i).node(v).run(ra, i + 1, A.size()); });
            if (ca == Cost::infinity()) return false;
            const Cost cb = c.cost(B.vehicle, inst.join(inst.join(B.fwd[j], inst.stop(u, B.vehicle)), B.bwd[j + 1]), true,
                                   [&] { return RouteDraft().run(rb, 0, j).node(u).run(rb, j + 1, B.size()); });
            if (ca + cb >= A.cost + B.cost) return false;
            c.scratch_mid.assign(1, v);
            c.apply(ra, c.splice(c.scratch_a, ra, i, c.scratch_mid, i + 1), ca);
            c.scratch_mid.assign(1, u);
            c.apply(rb, c.splice(c.scratch_b, rb, j, c.scratch_mid, j + 1), cb);
            return true;
        }
        if (j - i > limits.max_intra_span || j == i) return false;
        if (intra_hopeless(c, ra, i, j, lu, lv)) return false;
        const int va = A.vehicle;
        Segment seg = inst.join(A.fwd[i], inst.stop(v, va));
        seg = c.walk(seg, ra, i + 1, j, va);
        seg = inst.join(inst.join(seg, inst.stop(u, va)), A.bwd[j + 1]);
        const Cost after =
            c.cost(va, seg, true, [&] { return RouteDraft().run(ra, 0, i).node(v).run(ra, i + 1, j).node(u).run(ra, j + 1, A.size()); });
        if (after >= A.cost) return false;
        auto& out = c.scratch_a;
        out = A.nodes;
        std::swap(out[i], out[j]);
        c.apply(ra, out, after);
        return true;
    }

private:
    // Distance bound of swapping positions i < j of one route; breaks in between make the
    // located neighbours ambiguous, so then it does not judge.
    static bool intra_hopeless(const MoveContext& c, int ra, int i, int j, std::uint32_t lu, std::uint32_t lv) {
        const RouteState& A = c.route(ra);
        const int jobs_between = A.jobs_before[j] - A.jobs_before[i + 1];
        if (jobs_between != j - i - 1) return false;
        const std::uint32_t p = A.before[i], n = A.after[j + 1];
        Distance delta;
        if (j == i + 1) {
            delta = c.d(p, lv) + c.d(lv, lu) + c.d(lu, n) - c.d(p, lu) - c.d(lu, lv) - c.d(lv, n);
        } else {
            const std::uint32_t un = A.after[i + 1], vp = A.before[j];
            delta = c.d(p, lv) + c.d(lv, un) + c.d(vp, lu) + c.d(lu, n) - c.d(p, lu) - c.d(lu, un) - c.d(vp, lv) - c.d(lv, n);
        }
        return c.hopeless(ra, ra, delta, false, false);
    }
};

}  // namespace fsd::solver
