// Places a generated scenario on a real road network: road nodes inside the scenario's metro
// disc become the candidate homes and job sites, and the problem's travel becomes road travel.
#pragma once

#include <filesystem>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/scenario/generator.hpp"

namespace fsd {

class RoadNetwork;

// Road nodes within options.radius_km of options.centre, several per stop so customers rarely
// share one. Throws std::invalid_argument when the network has too few there.
std::vector<LatLon> road_sites(const RoadNetwork& network, const ScenarioOptions& o);

// The scenario on the network at `roads`; the problem refers to the network by a path relative
// to `file_dir` (where its file will be written). Throws InputErrors when some stop cannot be
// priced by road.
Problem generate_on_roads(ScenarioOptions o, const std::filesystem::path& roads, const std::filesystem::path& file_dir);

}  // namespace fsd
