// Destroy: empties whole routes, small ones more often. Lets the repair spread a route's jobs
// over the others, which is how the fleet shrinks.
#pragma once

#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct RouteRemoval {
    int max_routes = 2;
    std::vector<Node> jobs;
    std::vector<int> used;

    void operator()(SearchState& s, Rng& rng) {
        used.clear();
        for (int r = 0; r < s.num_routes(); ++r)
            if (!s.route(r).empty()) used.push_back(r);
        if (used.empty()) return;
        const int k = static_cast<int>(rng.between(1, std::min<int>(max_routes, static_cast<int>(used.size()))));
        jobs.clear();
        for (int n = 0; n < k; ++n) {
            // Of two random routes, the smaller: a cheap bias toward routes worth dissolving.
            const int a = used[rng.below(used.size())], b = used[rng.below(used.size())];
            const int r = s.route(a).jobs <= s.route(b).jobs ? a : b;
            for (Node u : s.route(r).nodes)
                if (!s.instance().is_break(u) && std::find(jobs.begin(), jobs.end(), u) == jobs.end()) jobs.push_back(u);
        }
        remove_jobs(s, jobs);
    }
};

}  // namespace fsd::solver
