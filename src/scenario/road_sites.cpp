#include "fsd/scenario/road_sites.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_network.hpp"
#include "fsd/travel/road_travel.hpp"
#include "fsd/travel/sample_points.hpp"

namespace fsd {

std::vector<LatLon> road_sites(const RoadNetwork& network, const ScenarioOptions& o) {
    const std::size_t stops = static_cast<std::size_t>(o.technicians) + static_cast<std::size_t>(o.jobs);
    const std::size_t wanted = 4 * stops;
    const std::size_t pool = std::min<std::size_t>(network.node_count(), 40 * wanted);
    std::vector<LatLon> sites;
    for (const LatLon& p : sample_road_points(network, pool, o.seed))
        if (haversine_m(p, o.centre) <= o.radius_km * 1000 && sites.size() < wanted) sites.push_back(p);
    if (sites.size() < stops)
        throw std::invalid_argument(
            fmt::format("the road network has too few nodes within {:g} km of {:.4f},{:.4f}", o.radius_km, o.centre.lat, o.centre.lon));
    return sites;
}

Problem generate_on_roads(ScenarioOptions o, const std::filesystem::path& roads, const std::filesystem::path& file_dir) {
    o.sites = road_sites(load_road_network(roads), o);
    Problem p = generate_scenario(o);
    const auto base = std::filesystem::absolute(file_dir);
    const RoadTravel spec{std::filesystem::relative(std::filesystem::absolute(roads), base).string()};
    TravelBuild built = build_road_travel(spec, p.locations, base);
    if (!built.ok()) {
        std::vector<InputError> errors;
        for (const auto& issue : built.issues) errors.push_back({"travel", issue.message});
        throw InputErrors(std::move(errors));
    }
    p.travel_source = spec;
    p.travel = std::move(built.tables);
    return p;
}

}  // namespace fsd
