// The fastest road path between two nodes as the nodes it passes, for drawing a route on a map.
// It orders paths as the matrices do (time first, then length), so the path drawn is the one
// that was priced.
#pragma once

#include <cstdint>
#include <vector>

#include "fsd/travel/road_network.hpp"

namespace fsd {

// One instance is the workspace of one thread; it keeps its labels between searches and resets
// only the nodes a search touched.
class RoadPathFinder {
public:
    explicit RoadPathFinder(const RoadNetwork& network);  // which must outlive the finder
    explicit RoadPathFinder(const RoadNetwork&&) = delete;

    // From `from` to `to` inclusive; {from} when they are equal, empty when `to` is unreachable.
    [[nodiscard]] std::vector<RoadNodeId> path(RoadNodeId from, RoadNodeId to);

private:
    void reset();

    const RoadNetwork& network_;
    std::vector<std::uint64_t> label_;
    std::vector<RoadNodeId> parent_;
    std::vector<RoadNodeId> touched_;
};

}  // namespace fsd
