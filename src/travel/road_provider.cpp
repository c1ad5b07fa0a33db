#include "fsd/travel/road_provider.hpp"

#include <fmt/core.h>

#include "fsd/model/problem.hpp"
#include "fsd/travel/road_loaders.hpp"

namespace fsd {
namespace {

std::string distance_text(double metres) {
    return metres >= 1000 ? fmt::format("{:.1f} km", metres / 1000) : fmt::format("{:.0f} m", metres);
}

// How many other points a culprit cannot reach and how many cannot reach it.
std::pair<std::size_t, std::size_t> blocked_counts(const ReachabilityReport& r, std::uint32_t point) {
    std::size_t cannot_reach = 0, cannot_be_reached = 0;
    for (const auto& p : r.pairs) {
        if (p.from == point) ++cannot_reach;
        if (p.to == point) ++cannot_be_reached;
    }
    return {cannot_reach, cannot_be_reached};
}

}  // namespace

RoadNetworkProvider::Details RoadNetworkProvider::details(const std::vector<Location>& locations) const {
    Details d;
    PerLocation<LatLon> points(locations.size());
    for (std::size_t i = 0; i < locations.size(); ++i) {
        if (const auto* p = std::get_if<LatLon>(&locations[i].coordinates))
            points[i] = *p;
        else
            d.issues.push_back({TravelIssue::Kind::missing_coordinates, i, "has no lat/lon coordinates, which road travel needs"});
    }
    if (!d.issues.empty()) return d;

    d.snaps = snapper_.snap(points, max_snap_m_);
    for (std::size_t i : d.snaps.too_far)
        d.issues.push_back({TravelIssue::Kind::too_far_from_road, i,
                            fmt::format("is {} from the nearest road node of {} (the limit is {})",
                                        distance_text(d.snaps.points[i].distance_m), network_.description(), distance_text(max_snap_m_))});
    if (!d.issues.empty()) return d;

    d.matrix = road_matrix(network_, d.snaps.nodes(), threads_);
    d.reachability = check_reachability(d.matrix);
    const std::size_t others = locations.size() - 1;
    for (std::uint32_t c : d.reachability.culprits) {
        const auto [cannot_reach, cannot_be_reached] = blocked_counts(d.reachability, c);
        d.issues.push_back({TravelIssue::Kind::unreachable, c,
                            fmt::format("is cut off by road: it cannot reach {} and cannot be reached from {} of the "
                                        "other {} locations (one-way streets or a separate part of the map)",
                                        cannot_reach, cannot_be_reached, others)});
    }
    return d;
}

TravelBuild build_road_travel(const RoadTravel& spec, const std::vector<Location>& locations, const std::filesystem::path& base_dir) {
    std::filesystem::path path = spec.path;
    if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
    try {
        const RoadNetwork network = load_road_network(path);
        const RoadSnapper snapper(network);
        return RoadNetworkProvider(network, snapper, spec.max_snap_m).build(locations);
    } catch (const InputErrors& e) {
        return {{}, {{TravelIssue::Kind::invalid_model, std::nullopt, e.what()}}};
    }
}

}  // namespace fsd
