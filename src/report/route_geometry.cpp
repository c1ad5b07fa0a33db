#include "fsd/report/route_geometry.hpp"

#include <algorithm>
#include <future>
#include <thread>

#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_path.hpp"
#include "fsd/travel/snap.hpp"

namespace fsd::report {
namespace {

// The road node of each location, when it has lat/lon within the snapping limit.
PerLocation<std::optional<RoadNodeId>> snapped_nodes(const Problem& p, const RoadNetwork& network, double max_snap_m) {
    const RoadSnapper snapper(network);
    PerLocation<std::optional<RoadNodeId>> out(p.locations.size());
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

std::vector<std::vector<LatLon>> route_legs(const Problem& p, const Route& r, const PerLocation<std::optional<RoadNodeId>>& nodes,
                                            RoadPathFinder& finder, const RoadNetwork& network) {
    const auto places = route_places(p, r);
    std::vector<std::vector<LatLon>> legs(places.size() - 1);
    if (places.size() <= 2) return legs;  // a route without jobs is not drawn
    for (std::size_t k = 0; k + 1 < places.size(); ++k) {
        const auto from = nodes[places[k]], to = nodes[places[k + 1]];
        if (from && to) legs[k] = positions(network, finder.path(*from, *to));
    }
    return legs;
}

}  // namespace

// A large day has a thousand legs across a city, so the routes are shared out over the cores.
RouteGeometry road_geometry(const Problem& p, const Plan& schedule, const RoadNetwork& network, double max_snap_m) {
    const auto nodes = snapped_nodes(p, network, max_snap_m);
    RouteGeometry out;
    out.legs.resize(schedule.routes.size());
    const std::size_t workers =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(schedule.routes.size(), 1));
    std::vector<std::future<void>> done;
    for (std::size_t w = 0; w < workers; ++w)
        done.push_back(std::async(std::launch::async, [&, w] {
            RoadPathFinder finder(network);
            for (std::size_t r = w; r < schedule.routes.size(); r += workers)
                out.legs[r] = route_legs(p, schedule.routes[r], nodes, finder, network);
        }));
    for (auto& d : done) d.get();  // rethrows what a worker threw
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
