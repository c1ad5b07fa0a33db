// Local-search move: 2-opt between two routes with reversal. Links u to v and turns around what
// that reverses: A[..u] + reverse(B[..v]) and reverse(A[u+1..]) + B[v+1..]. On wide windows it
// mends routes that cross each other in opposite directions, which 2-opt* (tails only, same
// direction) cannot. O(1) from the reversed caches (SearchState::keep_reversed).
#pragma once

#include "fsd/solver/local_search/move_context.hpp"

namespace fsd::solver {

struct TwoOptReversed {
    bool operator()(MoveContext& c, Node u, Node v) const {
        const SearchState& s = c.state();
        const int ra = s.route_of(u), rb = s.route_of(v);
        if (ra == rb || !s.keeps_reversed()) return false;
        const int i = s.pos_of(u), j = s.pos_of(v);
        return exchange(c, ra, i + 1, rb, j + 1) || exchange(c, rb, j + 1, ra, i + 1);
    }

private:
    // New routes A[0, ca) + reverse(B[0, cb)) and reverse(A[ca, n)) + B[cb, n).
    static bool exchange(MoveContext& c, int ra, int ca, int rb, int cb) {
        const RouteState& A = c.route(ra);
        const RouteState& B = c.route(rb);
        const Instance& inst = c.inst();
        const Vehicle& va = inst.vehicle(A.vehicle);
        const Vehicle& vb = inst.vehicle(B.vehicle);
        // The cached reversed pieces carry their own vehicle's depots and service times.
        if (!c.interchangeable(A.vehicle, B.vehicle) || va.start_location != vb.start_location) return false;
        if (!c.movable(rb, 0, cb, A.vehicle) || !c.movable(ra, ca, A.size(), B.vehicle)) return false;
        if (inst.symmetric_distances() && va.start_location == va.end_location) {
            const Distance delta = c.d(A.before[ca], B.before[cb]) + c.d(A.after[ca], B.after[cb]) - c.d(A.before[ca], A.after[ca]) -
                                   c.d(B.before[cb], B.after[cb]);
            if (c.hopeless(ra, rb, delta, false, false)) return false;
        }
        if (A.fwd[ca].load + B.fwd[cb].load > va.capacity ||
            (A.whole().load - A.fwd[ca].load) + (B.whole().load - B.fwd[cb].load) > vb.capacity)
            return false;
        const int jobs_a = A.jobs_before[ca] + B.jobs_before[cb];
        const int jobs_b = A.jobs + B.jobs - jobs_a;
        const Cost na = c.cost(A.vehicle, inst.join(A.fwd[ca], B.rev_to_end[cb]), jobs_a > 0,
                               [&] { return RouteDraft().run(ra, 0, ca).run(rb, 0, cb, true); });
        if (na == Cost::infinity()) return false;
        const Cost nb = c.cost(B.vehicle, inst.join(A.rev_from_start[ca], B.bwd[cb]), jobs_b > 0,
                               [&] { return RouteDraft().run(ra, ca, A.size(), true).run(rb, cb, B.size()); });
        if (na + nb >= A.cost + B.cost) return false;
        auto& a = c.scratch_a;
        auto& b = c.scratch_b;
        a.assign(A.nodes.begin(), A.nodes.begin() + ca);
        a.insert(a.end(), B.nodes.rend() - cb, B.nodes.rend());
        b.assign(A.nodes.rbegin(), A.nodes.rend() - ca);
        b.insert(b.end(), B.nodes.begin() + cb, B.nodes.end());
        c.apply(ra, a, na);
        c.apply(rb, b, nb);
        return true;
    }
};

}  // namespace fsd::solver
