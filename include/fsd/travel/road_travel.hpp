// A problem's road-network travel source turned into tables: loads the network its RoadTravel
// names, snaps every location and builds the matrix. Declared apart from road_provider.hpp so
// that code which only needs the tables does not parse Boost.Graph.
#pragma once

#include <filesystem>
#include <vector>

#include "fsd/model/location.hpp"
#include "fsd/model/travel_tables.hpp"
#include "fsd/travel/provider.hpp"

namespace fsd {

// Loads spec.path (relative paths against base_dir), snaps with the largest-component rule and
// builds the tables. An unreadable network is an invalid_model issue.
TravelBuild build_road_travel(const RoadTravel& spec, const std::vector<Location>& locations, const std::filesystem::path& base_dir);

}  // namespace fsd
