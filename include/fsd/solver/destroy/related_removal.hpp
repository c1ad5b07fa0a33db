// Destroy: Shaw-style related removal. Starting from a random job, repeatedly removes a job close
// in space and time (the granular neighbour lists are ordered by a time-window-aware proximity)
// to one already removed, so the repair can rearrange a neighbourhood.
#pragma once

#include <cmath>

#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct RelatedRemoval {
    RemovalSize size;
    double determinism = 3.0;  // y^p skew toward the most related
    std::vector<Node> removed;

    void operator()(SearchState& s, Rng& rng) {
        const Instance& inst = s.instance();
        const int q = size.draw(routed_jobs(s), rng);
        removed.clear();
        const Node seed = random_routed_job(s, rng);
        if (seed < 0) return;
        removed.push_back(seed);
        s.erase(seed);
        for (int guard = 0; static_cast<int>(removed.size()) < q && guard < 4 * q; ++guard) {
            const Node from = removed[rng.below(removed.size())];
            const auto& nb = inst.neighbours(from);
            if (nb.empty()) break;
            const auto idx = static_cast<std::size_t>(std::pow(rng.uniform(), determinism) * static_cast<double>(nb.size()));
            for (std::size_t k = idx; k < nb.size(); ++k)
                if (s.route_of(nb[k]) >= 0) {
                    removed.push_back(nb[k]);
                    s.erase(nb[k]);
                    break;
                }
        }
        update_touched(s);
    }
};

}  // namespace fsd::solver
