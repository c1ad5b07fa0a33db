#include "fsd/report/route_geometry.hpp"

#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_path.hpp"
#include "fsd/travel/snap.hpp"

namespace fsd::report {
namespace {

// The road node of each location, when it has lat/lon within the snapping limit.
std::vector<std::optional<RoadNodeId>> snapped_nodes(const Problem& p, const RoadNetwork& network, double max_snap_m) {
    const RoadSnapper snapper(network);
    std::vector<std::optional<RoadNodeId>> out(p.locations.size());
    for (std::size_t i = 0; i < p.locations.size(); ++i)
        if (const auto* g = std::get_if<LatLon>(&p.locations[i].coordinates))
            if (const auto near = snapper.nearest(*g); near && near->distance_m <= max_snap_m) out[i] = near->node;
    return out;
}

std::vector<LatLon> positions(const RoadNetwork& network, const std::vector<RoadNodeId>& nodes) {
    std::vector<LatLon> out;
    out.reserve(nodes.size());
    for (RoadNodeId v : nodes) out.push_back(network.position(v));
    return out;
}

}  // namespace

RouteGeometry road_geometry(const Problem& p, const Plan& schedule, const RoadNetwork& network, double max_snap_m) {
    const auto nodes = snapped_nodes(p, network, max_snap_m);
    RoadPathFinder finder(network);
    RouteGeometry out;
    for (const Route& r : schedule.routes) {
        const auto places = route_places(p, r);
        auto& legs = out.legs.emplace_back(places.size() - 1);
        if (places.size() <= 2) continue;  // a route without jobs is not drawn
        for (std::size_t k = 0; k + 1 < places.size(); ++k) {
            const auto from = nodes[places[k]], to = nodes[places[k + 1]];
            if (from && to) legs[k] = positions(network, finder.path(*from, *to));
        }
    }
    return out;
}

std::optional<RouteGeometry> problem_road_geometry(const Problem& p, const Plan& schedule, const std::filesystem::path& base_dir) {
    const auto* road = std::get_if<RoadTravel>(&p.travel_source);
    if (!road) return std::nullopt;
    std::filesystem::path path = road->path;
    if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
    const RoadNetwork network = load_road_network(path);
    RouteGeometry out = road_geometry(p, schedule, network, road->max_snap_m);
    out.credit = detect_road_format(path) == RoadFormat::osm_csv ? "Roads: © OpenStreetMap contributors, ODbL 1.0"
                                                                 : "Roads: 9th DIMACS Implementation Challenge";
    return out;
}

}  // namespace fsd::report
