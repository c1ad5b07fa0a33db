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

// Per-search scratch: the candidate routes of a granular search.
struct InsertionScratch {
    std::vector<std::uint64_t> route_mark;
    std::uint64_t stamp = 0;
    std::vector<int> candidates;
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

// Cheapest insertion of u over the listed routes.
inline Insertion best_over(const SearchState& s, Node u, Rng& rng, double blink, const std::vector<int>& routes) {
    const Instance& inst = s.instance();
    Insertion best;
    bool tried_empty = false;  // on uniform instances every empty route is the same: one is enough
    for (int r : routes) {
        const RouteState& R = s.route(r);
        if (!inst.eligible(u, R.vehicle)) continue;
        if (R.empty() && inst.uniform()) {
            if (tried_empty) continue;
            tried_empty = true;
        }
        const Insertion here = best_in_route(s, u, r, rng, blink, best.delta);
        if (here.route >= 0) best = here;
    }
    return best;
}

// Routes holding one of u's `k` nearest neighbours, plus the empty routes: where a job usually
// belongs. Left in scratch.candidates.
inline void granular_routes(const SearchState& s, Node u, int k, InsertionScratch& scratch) {
    if (scratch.route_mark.size() != static_cast<std::size_t>(s.num_routes())) scratch.route_mark.assign(s.num_routes(), 0);
    const std::uint64_t mark = ++scratch.stamp;
    scratch.candidates.clear();
    const auto& nb = s.instance().neighbours(u);
    for (std::size_t i = 0; i < nb.size() && static_cast<int>(i) < k; ++i) {
        const int r = s.route_of(nb[i]);
        if (r >= 0 && scratch.route_mark[r] != mark) {
            scratch.route_mark[r] = mark;
            scratch.candidates.push_back(r);
        }
    }
    for (int r = 0; r < s.num_routes(); ++r)
        if (s.route(r).empty() && scratch.route_mark[r] != mark) scratch.candidates.push_back(r);
}

// Cheapest feasible insertion of u over all routes; with granular > 0, over the routes of its
// nearest neighbours first, and over all routes only when none of those can take it.
inline Insertion best_insertion(const SearchState& s, Node u, Rng& rng, double blink, InsertionScratch& scratch, int granular = 0) {
    if (granular > 0) {
        granular_routes(s, u, granular, scratch);
        const Insertion near = best_over(s, u, rng, blink, scratch.candidates);
        if (near.route >= 0) return near;
    }
    scratch.candidates.resize(static_cast<std::size_t>(s.num_routes()));
    for (int r = 0; r < s.num_routes(); ++r) scratch.candidates[static_cast<std::size_t>(r)] = r;
    return best_over(s, u, rng, blink, scratch.candidates);
}

inline void sort_pending(const SearchState& s, std::vector<Node>& pending, int order, Rng& rng) {
    const Instance& inst = s.instance();
    auto by = [&](auto key) { std::sort(pending.begin(), pending.end(), [&](Node a, Node b) { return key(a) < key(b); }); };
    rng.shuffle(pending.begin(), pending.end());  // ties broken at random
    // The window keys read vehicle 0's day; with no vehicle (nobody on shift) nothing is inserted.
    if (inst.num_vehicles() == 0) return;
    switch (order) {
        case 1:
            by([&](Node u) { return -inst.demand(u); });
            break;
        case 2:
            by([&](Node u) { return -inst.depot_distance(u).count(); });
            break;
        case 3:
            by([&](Node u) { return inst.depot_distance(u).count(); });
            break;
        case 4:
            by([&](Node u) { return inst.stop(u, 0).earliest().count(); });
            break;
        case 5:
            by([&](Node u) { return (inst.stop(u, 0).latest() - inst.stop(u, 0).earliest()).count(); });
            break;
        default:
            break;
    }
}

template <class Order>
void sort_pending(const SearchState& s, std::vector<Node>& pending, Order order, Rng& rng) {
    sort_pending(s, pending, static_cast<int>(order), rng);
}

}  // namespace fsd::solver
