// Snapping locations onto a RoadNetwork: the nearest road node through a Boost.Geometry rtree.
// A location farther than the limit from every eligible node is reported, never moved onto a
// road: its trips could not be priced honestly.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd {

struct SnapOptions {
    double max_snap_m = 500.0;
    // On a directed graph the nearest node may be a dead end (enterable, not leavable) or a
    // fragment cut off by one-way streets. Snapping only onto the largest strongly connected
    // component avoids both; the shared extracts are that component already.
    bool largest_component_only = true;
    friend bool operator==(const SnapOptions&, const SnapOptions&) = default;
};

struct SnappedPoint {
    std::optional<RoadNodeId> node;  // empty when the nearest eligible node is beyond the limit
    double distance_m = 0;           // great-circle distance to that nearest node in any case
};

struct SnapReport {
    std::vector<SnappedPoint> points;  // one per input point, in input order
    std::vector<std::size_t> too_far;  // indices of points left unsnapped, ascending
    double max_snapped_m = 0;          // largest distance among the points that did snap

    [[nodiscard]] bool all_snapped() const { return too_far.empty(); }
    // The node of every point; only when all_snapped().
    [[nodiscard]] std::vector<RoadNodeId> nodes() const;
};

class RoadSnapper {
public:
    // Builds the spatial index over the eligible nodes (all, or the largest component). The
    // network must outlive the snapper.
    explicit RoadSnapper(const RoadNetwork& network, bool largest_component_only = true);
    explicit RoadSnapper(const RoadNetwork&&, bool = true) = delete;
    ~RoadSnapper();
    RoadSnapper(RoadSnapper&&) noexcept;
    RoadSnapper& operator=(RoadSnapper&&) noexcept;

    // The eligible node nearest to `p` by great-circle distance, and that distance; nullopt
    // for a network without nodes.
    [[nodiscard]] std::optional<SnappedPoint> nearest(LatLon p) const;
    [[nodiscard]] SnapReport snap(std::span<const LatLon> points, double max_snap_m) const;
    [[nodiscard]] std::size_t eligible_node_count() const;

private:
    // The rtree lives in snap.cpp: Boost.Geometry is heavy to compile and snapping is not a
    // hot loop, so includers do not pay for it.
    struct Index;
    std::unique_ptr<Index> index_;
};

}  // namespace fsd
