// Moving a chain of k consecutive jobs to another place, inside the route or into another one,
// optionally reversed: the common core of relocate (k = 1) and or-opt (k = 2, 3).
#pragma once

#include "fsd/solver/local_search/local_search_params.hpp"
#include "fsd/solver/local_search/move_context.hpp"

namespace fsd::solver {

// Moves nodes [i, i+k) of route ra before position p of route rb (p indexes rb as it is now).
// Applies it and returns true when it strictly lowers the cost.
inline bool try_move_chain(MoveContext& c, int ra, int i, int k, int rb, int p, bool reversed, const ChainLimits& lim) {
    const RouteState& A = c.route(ra);
    const RouteState& B = c.route(rb);
    if (i < 0 || i + k > A.size() || p < 0 || p > B.size()) return false;
    if (ra == rb && (p >= i && p <= i + k)) return false;  // lands where it already is
    if (!c.movable(ra, i, i + k, B.vehicle)) return false;
    const Instance& inst = c.inst();
    const int vb = B.vehicle;

    // Distance bound first: cheap, and on benchmark objectives it settles most pairs.
    const std::uint32_t first = inst.location(A.nodes[reversed ? i + k - 1 : i]);
    const std::uint32_t last = inst.location(A.nodes[reversed ? i : i + k - 1]);
    const std::uint32_t f0 = inst.location(A.nodes[i]), l0 = inst.location(A.nodes[i + k - 1]);
    Distance delta = c.d(A.before[i], A.after[i + k]) - c.d(A.before[i], f0) - c.d(l0, A.after[i + k]) + c.d(B.before[p], first) +
                     c.d(last, B.after[p]) - c.d(B.before[p], B.after[p]);
    if (reversed)
        for (int m = i; m + 1 < i + k; ++m)
            delta += c.d(inst.location(A.nodes[m + 1]), inst.location(A.nodes[m])) -
                     c.d(inst.location(A.nodes[m]), inst.location(A.nodes[m + 1]));
    const bool closes = ra != rb && A.jobs == k;
    if (c.hopeless(ra, rb, delta, closes, ra != rb && B.empty())) return false;

    Segment chain = inst.stop(A.nodes[reversed ? i + k - 1 : i], vb);
    for (int m = 1; m < k; ++m) chain = inst.join(chain, inst.stop(A.nodes[reversed ? i + k - 1 - m : i + m], vb));

    Cost before = A.cost, after, ca = Cost::zero(), cb = Cost::zero();
    if (ra != rb) {
        if (B.whole().load + chain.load > inst.vehicle(vb).capacity) return false;
        before += B.cost;
        ca = c.cost(A.vehicle, inst.join(A.fwd[i], A.bwd[i + k]), A.jobs > k,
                    [&] { return RouteDraft().run(ra, 0, i).run(ra, i + k, A.size()); });
        if (ca == Cost::infinity()) return false;
        cb = c.cost(vb, inst.join(inst.join(B.fwd[p], chain), B.bwd[p]), true,
                    [&] { return RouteDraft().run(rb, 0, p).run(ra, i, i + k, reversed).run(rb, p, B.size()); });
        if (cb == Cost::infinity()) return false;
        after = ca + cb;
    } else {
        const int span = p < i ? i - p : p - (i + k);
        if (span > lim.max_intra_span) return false;
        const Segment seg = p < i ? inst.join(c.walk(inst.join(A.fwd[p], chain), ra, p, i, vb), A.bwd[i + k])
                                  : inst.join(inst.join(c.walk(A.fwd[i], ra, i + k, p, vb), chain), A.bwd[p]);
        after = c.cost(vb, seg, true, [&] {
            return p < i ? RouteDraft().run(ra, 0, p).run(ra, i, i + k, reversed).run(ra, p, i).run(ra, i + k, A.size())
                         : RouteDraft().run(ra, 0, i).run(ra, i + k, p).run(ra, i, i + k, reversed).run(ra, p, A.size());
        });
    }
    if (after >= before) return false;

    // Apply: build the new sequences from the current ones.
    auto& mid = c.scratch_mid;
    mid.assign(A.nodes.begin() + i, A.nodes.begin() + i + k);
    if (reversed) std::reverse(mid.begin(), mid.end());
    if (ra != rb) {
        c.splice(c.scratch_b, rb, p, mid, p);
        c.splice(c.scratch_a, ra, i, {}, i + k);
        c.apply(rb, c.scratch_b, cb);
        c.apply(ra, c.scratch_a, ca);
    } else {
        auto& out = c.scratch_a;
        const auto& nodes = A.nodes;
        out.clear();
        for (int m = 0; m <= A.size(); ++m) {
            if (m == p) out.insert(out.end(), mid.begin(), mid.end());
            if (m < A.size() && (m < i || m >= i + k)) out.push_back(nodes[m]);
        }
        c.apply(ra, out, after);
    }
    return true;
}

}  // namespace fsd::solver
