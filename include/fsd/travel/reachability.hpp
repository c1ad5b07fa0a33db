// Which points of a road matrix cannot reach which, so a caller can reject the problem with a
// precise list or mark the affected jobs "unreachable". Nothing downstream may see a silent 0
// or a silent infinity in their place.
#pragma once

#include <cstdint>
#include <vector>

#include "fsd/travel/road_matrix.hpp"

namespace fsd {

struct UnreachablePair {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    friend bool operator==(const UnreachablePair&, const UnreachablePair&) = default;
};

struct ReachabilityReport {
    std::vector<UnreachablePair> pairs;  // every unreachable ordered pair, row-major order
    // Points whose removal leaves all others mutually reachable (chosen greedily, so small but
    // not always minimum): a spur only enterable one way, a part cut off from the rest.
    std::vector<std::uint32_t> culprits;
    [[nodiscard]] bool all_reachable() const { return pairs.empty(); }
};

inline ReachabilityReport check_reachability(const RoadMatrix& m) {
    const std::size_t n = m.size();
    ReachabilityReport report;
    std::vector<std::vector<std::uint32_t>> pairs_of(n);  // pair indices touching each point
    for (std::uint32_t a = 0; a < n; ++a)
        for (std::uint32_t b = 0; b < n; ++b)
            if (!m.reachable(a, b)) {
                const auto k = static_cast<std::uint32_t>(report.pairs.size());
                report.pairs.push_back({a, b});
                pairs_of[a].push_back(k);
                pairs_of[b].push_back(k);
            }
    // Greedy cover: repeatedly drop the point involved in most pairs still unexplained.
    std::vector<std::size_t> open_count(n);
    for (std::size_t p = 0; p < n; ++p) open_count[p] = pairs_of[p].size();
    std::vector<bool> explained(report.pairs.size(), false);
    std::size_t open = report.pairs.size();
    while (open > 0) {
        std::uint32_t worst = 0;
        for (std::uint32_t p = 1; p < n; ++p)
            if (open_count[p] > open_count[worst]) worst = p;
        report.culprits.push_back(worst);
        for (std::uint32_t k : pairs_of[worst]) {
            if (explained[k]) continue;
            explained[k] = true;
            --open;
            --open_count[report.pairs[k].from];
            --open_count[report.pairs[k].to];
        }
    }
    std::sort(report.culprits.begin(), report.culprits.end());
    return report;
}

}  // namespace fsd
