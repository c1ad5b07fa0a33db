#include "fsd/travel/road_path.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

namespace fsd {

RoadPathFinder::RoadPathFinder(const RoadNetwork& network)
    : network_(network), label_(network.node_count(), CostPacking::unreached), parent_(network.node_count(), 0) {}

void RoadPathFinder::reset() {
    for (RoadNodeId v : touched_) label_[v] = CostPacking::unreached;
    touched_.clear();
}

std::vector<RoadNodeId> RoadPathFinder::path(RoadNodeId from, RoadNodeId to) {
    using Entry = std::pair<std::uint64_t, RoadNodeId>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    const RoadGraph& g = network_.graph();
    const CostPacking packing = network_.packing();
    reset();
    label_[from] = 0;
    touched_.push_back(from);
    queue.emplace(0, from);
    while (!queue.empty()) {
        const auto [key, v] = queue.top();
        queue.pop();
        if (key != label_[v]) continue;  // a stale entry: v was reached more cheaply since
        if (v == to) break;
        for (auto [arc, end] = out_edges(v, g); arc != end; ++arc) {
            const RoadNodeId w = target(*arc, g);
            const std::uint64_t through = key + packing.pack(g[*arc]);
            if (through >= label_[w]) continue;
            if (label_[w] == CostPacking::unreached) touched_.push_back(w);
            label_[w] = through;
            parent_[w] = v;
            queue.emplace(through, w);
        }
    }
    if (label_[to] == CostPacking::unreached) return {};
    std::vector<RoadNodeId> nodes{to};
    while (nodes.back() != from) nodes.push_back(parent_[nodes.back()]);
    std::reverse(nodes.begin(), nodes.end());
    return nodes;
}

}  // namespace fsd
