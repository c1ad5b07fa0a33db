// Finding where a job goes: the cheapest feasible position over all routes that may take it,
// O(1) per position through the cached segments, with a distance bound checked first. Shared by
// the repair operators and construction.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "fsd/model/random.hpp"
#include "fsd/solver/search_state.hpp"

namespace fsd::solver {

struct Insertion {
    int route = -1;
    int pos = -1;
    Cost delta = Cost::infinity();
};

// Per-search scratch: which empty-route classes were already tried for the current job. On
// uniform instances every empty route is the same, so one is enough.
struct InsertionScratch {
    std::vector<int> tried_empty_profiles;
};

// Positions to the next blink: geometric, so a scan draws one random number per blink rather
// than one per position.
inline int next_blink(Rng& rng, double blink) {
    if (blink <= 0) return std::numeric_limits<int>::max();
    const double g = std::floor(std::log(std::max(1e-300, rng.uniform())) / std::log1p(-blink));
    return g > 1e9 ? std::numeric_limits<int>::max() : static_cast<int>(g);
}

// Cheapest insertion of u into route r (or none). `blink` skips positions at that rate.
inline Insertion best_in_route(const SearchState& s, Node u, int r, Rng& rng, double blink, Cost bound) {
    Insertion best;
    best.delta = bound;
    const RouteState& R = s.route(r);
    const Instance& inst = s.instance();
    if (R.whole().load + inst.demand(u) > inst.vehicle(R.vehicle).capacity) return {};
    int skip = next_blink(rng, blink);
    for (int pos = 0; pos <= R.size(); ++pos) {
        if (skip-- == 0) {
            skip = next_blink(rng, blink);
            continue;
        }
        if (s.insertion_bound(u, r, pos) >= best.delta) continue;
        const Cost d = s.insertion_delta(u, r, pos);
        if (d < best.delta) best = {r, pos, d};
    }
    return best.route >= 0 ? best : Insertion{};
}

inline Insertion best_insertion(const SearchState& s, Node u, Rng& rng, double blink, InsertionScratch& scratch) {
    const Instance& inst = s.instance();
    Insertion best;
    scratch.tried_empty_profiles.clear();
    for (int r = 0; r < s.num_routes(); ++r) {
        const RouteState& R = s.route(r);
        if (!inst.eligible(u, R.vehicle)) continue;
        if (R.empty() && inst.uniform()) {
            if (!scratch.tried_empty_profiles.empty()) continue;
            scratch.tried_empty_profiles.push_back(0);
        }
        const Insertion here = best_in_route(s, u, r, rng, blink, best.delta);
        if (here.route >= 0) best = here;
    }
    return best;
}

inline void sort_pending(const SearchState& s, std::vector<Node>& pending, int order, Rng& rng) {
    const Instance& inst = s.instance();
    auto by = [&](auto key) {
        std::sort(pending.begin(), pending.end(), [&](Node a, Node b) { return key(a) < key(b); });
    };
    rng.shuffle(pending.begin(), pending.end());  // ties broken at random
    switch (order) {
        case 1: by([&](Node u) { return -inst.demand(u); }); break;
        case 2: by([&](Node u) { return -inst.depot_distance(u).count(); }); break;
        case 3: by([&](Node u) { return inst.depot_distance(u).count(); }); break;
        case 4: by([&](Node u) { return inst.stop(u, 0).earliest().count(); }); break;
        case 5: by([&](Node u) { return (inst.stop(u, 0).latest() - inst.stop(u, 0).earliest()).count(); }); break;
        default: break;
    }
}

template <class Order>
void sort_pending(const SearchState& s, std::vector<Node>& pending, Order order, Rng& rng) {
    sort_pending(s, pending, static_cast<int>(order), rng);
}

}  // namespace fsd::solver
