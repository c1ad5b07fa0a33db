#include "fsd/travel/snap.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "fsd/travel/components.hpp"

namespace fsd {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using PlanePoint = bg::model::point<double, 2, bg::cs::cartesian>;
using IndexedNode = std::pair<PlanePoint, RoadNodeId>;

// The rtree ranks candidates in an equirectangular plane (longitude shrunk by the cosine of the
// network's middle latitude): off by well under 1 % of the distance across a city-sized
// extract. The nearest few in that plane are then compared by true great-circle distance.
constexpr std::size_t candidates_per_query = 8;

}  // namespace

struct RoadSnapper::Index {
    const RoadNetwork* network = nullptr;
    double lon_scale = 1.0;
    bgi::rtree<IndexedNode, bgi::rstar<16>> tree;

    PlanePoint project(LatLon p) const { return PlanePoint(p.lon * lon_scale, p.lat); }
};

std::vector<RoadNodeId> SnapReport::nodes() const {
    assert(all_snapped());
    std::vector<RoadNodeId> out;
    out.reserve(points.size());
    for (const auto& p : points) out.push_back(*p.node);
    return out;
}

RoadSnapper::RoadSnapper(const RoadNetwork& network, bool largest_component_only) : index_(std::make_unique<Index>()) {
    index_->network = &network;
    std::vector<RoadNodeId> eligible;
    if (largest_component_only) {
        eligible = largest_strong_component(network);
    } else {
        eligible.resize(network.node_count());
        for (std::size_t v = 0; v < eligible.size(); ++v) eligible[v] = static_cast<RoadNodeId>(v);
    }
    if (eligible.empty()) return;
    double min_lat = 90, max_lat = -90;
    for (RoadNodeId v : eligible) {
        min_lat = std::min(min_lat, network.position(v).lat);
        max_lat = std::max(max_lat, network.position(v).lat);
    }
    index_->lon_scale = std::cos((min_lat + max_lat) / 2 * 3.14159265358979323846 / 180.0);
    std::vector<IndexedNode> entries;
    entries.reserve(eligible.size());
    for (RoadNodeId v : eligible) entries.emplace_back(index_->project(network.position(v)), v);
    // The range constructor bulk-loads (packs) the tree: faster to build and to query.
    index_->tree = bgi::rtree<IndexedNode, bgi::rstar<16>>(entries);
}

RoadSnapper::~RoadSnapper() = default;
RoadSnapper::RoadSnapper(RoadSnapper&&) noexcept = default;
RoadSnapper& RoadSnapper::operator=(RoadSnapper&&) noexcept = default;

std::size_t RoadSnapper::eligible_node_count() const {
    return index_->tree.size();
}

std::optional<SnappedPoint> RoadSnapper::nearest(LatLon p) const {
    if (index_->tree.empty()) return std::nullopt;
    IndexedNode found[candidates_per_query];
    const std::size_t count = index_->tree.query(bgi::nearest(index_->project(p), candidates_per_query), found);
    SnappedPoint best{std::nullopt, 0};
    for (std::size_t i = 0; i < count; ++i) {
        const RoadNodeId v = found[i].second;
        const double d = haversine_m(p, index_->network->position(v));
        // Equal distances go to the smaller id, so the answer does not depend on tree layout.
        if (!best.node || d < best.distance_m || (d == best.distance_m && v < *best.node)) best = {v, d};
    }
    return best;
}

SnapReport RoadSnapper::snap(std::span<const LatLon> points, double max_snap_m) const {
    SnapReport report;
    report.points.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::optional<SnappedPoint> s = nearest(points[i]);
        if (!s) s = SnappedPoint{std::nullopt, INFINITY};
        if (!(s->distance_m <= max_snap_m)) {
            s->node.reset();
            report.too_far.push_back(i);
        } else {
            report.max_snapped_m = std::max(report.max_snapped_m, s->distance_m);
        }
        report.points.push_back(*s);
    }
    return report;
}

}  // namespace fsd
