// Repair: regret-k insertion. Repeatedly inserts the bank job that would lose most by waiting:
// the sum of cost differences between its best position and its best position in the next k-1
// routes. Per-(job, route) best costs are cached and only the changed route is re-evaluated.
#pragma once

#include "fsd/solver/insertion.hpp"
#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct RegretInsertion {
    int k = 2;  // regret-2 or regret-3
    double blink_rate = 0.0;
    std::vector<Node> pending;
    std::vector<Insertion> cache;  // pending x routes

    void operator()(SearchState& s, Rng& rng) {
        pending.clear();
        for (Node u : s.bank())
            if (s.instance().servable(u)) pending.push_back(u);
        rng.shuffle(pending.begin(), pending.end());
        const int routes = s.num_routes();
        cache.assign(pending.size() * static_cast<std::size_t>(routes), Insertion{});
        spare = next_spare(s, -1);
        for (std::size_t i = 0; i < pending.size(); ++i)
            for (int r = 0; r < routes; ++r) cache[i * routes + r] = evaluate(s, pending[i], r, rng);
        while (!pending.empty()) {
            const auto [pick, where] = most_regretted(routes);
            if (pick < 0) break;  // nothing fits anywhere
            const Node u = pending[pick];
            s.insert(u, where.route, where.pos);
            s.update(where.route);
            pending[pick] = pending.back();
            pending.pop_back();
            for (int r = 0; r < routes; ++r) cache[pick * routes + r] = cache[pending.size() * routes + r];
            for (std::size_t i = 0; i < pending.size(); ++i) cache[i * routes + where.route] = evaluate(s, pending[i], where.route, rng);
            if (where.route == spare) {  // the spare route is used now: the next empty one stands in
                spare = next_spare(s, spare);
                if (spare >= 0)
                    for (std::size_t i = 0; i < pending.size(); ++i) cache[i * routes + spare] = evaluate(s, pending[i], spare, rng);
            }
        }
    }

private:
    // On uniform instances all empty routes are the same option; only one (the spare) is offered,
    // or regrets between identical empty routes would read as zero.
    int spare = -1;

    static int next_spare(const SearchState& s, int after) {
        if (!s.instance().uniform()) return -1;
        for (int r = after + 1; r < s.num_routes(); ++r)
            if (s.route(r).empty()) return r;
        return -1;
    }

    Insertion evaluate(const SearchState& s, Node u, int r, Rng& rng) const {
        if (!s.instance().eligible(u, s.route(r).vehicle)) return {};
        if (s.instance().uniform() && s.route(r).empty() && r != spare) return {};
        return best_in_route(s, u, r, rng, blink_rate, Cost::infinity());
    }

    // The pending job with the largest regret and its best insertion; (-1, {}) when none fits.
    std::pair<int, Insertion> most_regretted(int routes) const {
        int pick = -1;
        Insertion where;
        Cost best_regret = Cost(-1);
        Cost best_first = Cost::infinity();
        std::array<Cost, 4> top{};
        for (std::size_t i = 0; i < pending.size(); ++i) {
            top.fill(Cost::infinity());
            Insertion first;
            for (int r = 0; r < routes; ++r) {
                const Insertion& c = cache[i * routes + r];
                if (c.route < 0) continue;
                if (c.delta < top[0]) first = c;
                for (int m = 0; m < k; ++m)
                    if (c.delta < top[m]) {
                        for (int t = k - 1; t > m; --t) top[t] = top[t - 1];
                        top[m] = c.delta;
                        break;
                    }
            }
            if (first.route < 0) continue;
            // A job with fewer than k options has everything to lose: it goes first.
            Cost regret = Cost::zero();
            for (int m = 1; m < k; ++m) regret += top[m] == Cost::infinity() ? Cost(Cost::infinity().count() / 8) : top[m] - top[0];
            if (regret > best_regret || (regret == best_regret && top[0] < best_first)) {
                best_regret = regret;
                best_first = top[0];
                pick = static_cast<int>(i);
                where = first;
            }
        }
        return {pick, where};
    }
};

}  // namespace fsd::solver
