// Repair: greedy insertion with blinks (SISR). Bank jobs are sorted by one of several criteria,
// then each goes to its cheapest feasible position; each position is skipped ("blinked") with a
// small probability, which diversifies without giving up much. Jobs that fit nowhere stay in
// the bank.
#pragma once

#include "fsd/solver/insertion.hpp"
#include "fsd/solver/operator.hpp"

namespace fsd::solver {

enum class InsertionOrder { random, demand, far, close, window_start, window_width };

struct GreedyInsertion {
    double blink_rate = 0.01;
    int granular = 0;  // > 0: try the routes of the job's nearest neighbours first (see insertion.hpp)
    // Relative weights of the sort criteria (SISR uses random 4, demand 4, far 2, close 1).
    std::array<double, 6> order_weights{4, 4, 2, 1, 2, 1};
    std::vector<Node> pending;
    InsertionScratch scratch;

    void operator()(SearchState& s, Rng& rng) {
        pending = s.bank();
        sort_pending(s, pending, pick_order(rng), rng);
        for (Node u : pending) {
            if (!s.instance().servable(u)) continue;
            const Insertion best = best_insertion(s, u, rng, blink_rate, scratch, granular);
            if (best.route < 0) continue;
            s.insert(u, best.route, best.pos);
            s.update(best.route);
        }
    }

    InsertionOrder pick_order(Rng& rng) const {
        double total = 0;
        for (double w : order_weights) total += w;
        double x = rng.uniform(0, total);
        for (std::size_t i = 0; i < order_weights.size(); ++i) {
            x -= order_weights[i];
            if (x <= 0) return static_cast<InsertionOrder>(i);
        }
        return InsertionOrder::random;
    }
};

}  // namespace fsd::solver
