// Destroy: removes jobs picked uniformly at random. The baseline diversifier.
#pragma once

#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct RandomRemoval {
    RemovalSize size;
    std::vector<Node> picked;  // scratch, kept to avoid allocating every iteration

    void operator()(SearchState& s, Rng& rng) {
        const int n = s.instance().num_jobs();
        const int q = size.draw(routed_jobs(s), rng);
        picked.clear();
        for (int attempts = 0; static_cast<int>(picked.size()) < q && attempts < 8 * n; ++attempts) {
            const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(n)));
            if (s.route_of(u) >= 0 && std::find(picked.begin(), picked.end(), u) == picked.end()) picked.push_back(u);
        }
        remove_jobs(s, picked);
    }
};

}  // namespace fsd::solver
