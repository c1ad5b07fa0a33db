// The largest strongly connected component of a road network: the nodes that can all reach one
// another. Snapping and sampling use it so that a location never lands on a one-way spur or on
// a fragment cut off from the rest of the map.
#pragma once

#include <vector>

#include "fsd/travel/road_network.hpp"

namespace fsd {

// Node ids in ascending order. Ties between equally large components go to the one holding
// the smallest node id.
std::vector<RoadNodeId> largest_strong_component(const RoadNetwork& network);

}  // namespace fsd
