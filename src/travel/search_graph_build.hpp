// Private to src/travel: contracts a road graph's degree-2 chains into the SearchGraph.
#pragma once

#include "fsd/travel/road_network.hpp"

namespace fsd::travel_detail {

SearchGraph build_search_graph(const RoadGraph& graph, const CostPacking& packing);

}  // namespace fsd::travel_detail
