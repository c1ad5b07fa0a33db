// Destroy: removes the jobs whose removal saves the most, with randomisation (Ropke & Pisinger
// 2006): the k-th worst is taken with probability skewed by y^p, so it is not the same every time.
#pragma once

#include <cmath>

#include "fsd/solver/operator.hpp"

namespace fsd::solver {

struct WorstRemoval {
    RemovalSize size;
    double determinism = 4.0;  // p: higher picks the very worst more often
    std::vector<std::pair<Cost, Node>> gains;

    void operator()(SearchState& s, Rng& rng) {
        const Instance& inst = s.instance();
        gains.clear();
        for (int r = 0; r < s.num_routes(); ++r) {
            const RouteState& R = s.route(r);
            if (R.empty()) continue;
            for (int i = 0; i < R.size(); ++i) {
                const Node u = R.nodes[i];
                if (inst.is_break(u)) continue;
                const Segment rest = inst.join(R.fwd[i], R.bwd[i + 1]);
                const Cost without =
                    s.route_cost(R.vehicle, rest, R.jobs > 1, [&] { return RouteDraft().run(r, 0, i).run(r, i + 1, R.size()); });
                gains.emplace_back(R.cost - without, u);
            }
        }
        if (gains.empty()) return;
        std::sort(gains.begin(), gains.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        const int q = std::min<int>(size.draw(routed_jobs(s), rng), static_cast<int>(gains.size()));
        for (int k = 0; k < q; ++k) {
            const auto idx = static_cast<std::size_t>(std::pow(rng.uniform(), determinism) * static_cast<double>(gains.size()));
            const Node u = gains[idx].second;
            gains.erase(gains.begin() + static_cast<std::ptrdiff_t>(idx));
            s.erase(u);
        }
        update_touched(s);
    }
};

}  // namespace fsd::solver
