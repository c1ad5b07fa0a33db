// Local-search move: 2-opt* between two routes. Cuts both and exchanges their tails, in the two
// ways that put u next to v's successor or u right before v. Tails holding a break stay put.
#pragma once

#include "fsd/solver/local_search/move_context.hpp"

namespace fsd::solver {

struct TwoOptStar {
    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v);
        if (ra == rb) return false;
        const int i = s.pos_of(u), j = s.pos_of(v);
        // A[..i] + B[j+1..] and B[..j] + A[i+1..];  A[..i] + B[j..] and B[..j-1] + A[i+1..].
        return exchange(c, ra, i + 1, rb, j + 1) || exchange(c, ra, i + 1, rb, j);
    }

private:
    // New routes A[0, ca) + B[cb, n) and B[0, cb) + A[ca, n).
    static bool exchange(MoveContext& c, int ra, int ca, int rb, int cb) {
        const RouteState& A = c.route(ra);
        const RouteState& B = c.route(rb);
        if (!c.movable(ra, ca, A.size(), B.vehicle) || !c.movable(rb, cb, B.size(), A.vehicle)) return false;
        const Distance delta = c.d(A.before[ca], B.after[cb]) + c.d(B.before[cb], A.after[ca]) - c.d(A.before[ca], A.after[ca]) -
                               c.d(B.before[cb], B.after[cb]);
        const Instance& inst = c.inst();
        const int jobs_a = jobs_in(c, ra, 0, ca) + jobs_in(c, rb, cb, B.size());
        const int jobs_b = jobs_in(c, rb, 0, cb) + jobs_in(c, ra, ca, A.size());
        if (c.hopeless(ra, rb, delta, jobs_a == 0 || jobs_b == 0, false)) return false;
        const std::int64_t tail_a = A.whole().load - A.fwd[ca].load, tail_b = B.whole().load - B.fwd[cb].load;
        if (A.fwd[ca].load + tail_b > inst.vehicle(A.vehicle).capacity || B.fwd[cb].load + tail_a > inst.vehicle(B.vehicle).capacity)
            return false;
        const Cost na = c.cost(A.vehicle, inst.join(A.fwd[ca], c.suffix_for(rb, cb, A.vehicle)), jobs_a > 0,
                               [&] { return RouteDraft().run(ra, 0, ca).run(rb, cb, B.size()); });
        if (na == Cost::infinity()) return false;
        const Cost nb = c.cost(B.vehicle, inst.join(B.fwd[cb], c.suffix_for(ra, ca, B.vehicle)), jobs_b > 0,
                               [&] { return RouteDraft().run(rb, 0, cb).run(ra, ca, A.size()); });
        if (na + nb >= A.cost + B.cost) return false;
        auto& a = c.scratch_a;
        auto& b = c.scratch_b;
        a.assign(A.nodes.begin(), A.nodes.begin() + ca);
        a.insert(a.end(), B.nodes.begin() + cb, B.nodes.end());
        b.assign(B.nodes.begin(), B.nodes.begin() + cb);
        b.insert(b.end(), A.nodes.begin() + ca, A.nodes.end());
        c.apply(ra, a, na);
        c.apply(rb, b, nb);
        return true;
    }

    static int jobs_in(const MoveContext& c, int r, int from, int to) {
        const RouteState& R = c.route(r);
        return R.jobs_before[to] - R.jobs_before[from];
    }
};

}  // namespace fsd::solver
