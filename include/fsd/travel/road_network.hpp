// A directed road network for travel-time matrices: a Boost.Graph compressed_sparse_row_graph
// whose vertices carry coordinates and whose arcs carry an integer travel time and length, plus
// the contracted search graph built from it. Loaders for real data are in road_loaders.hpp;
// tests build small ones with build_road_network().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "fsd/model/location.hpp"
#include "fsd/travel/road_types.hpp"
#include "fsd/travel/search_graph.hpp"

namespace fsd {

struct RoadVertex {
    LatLon position;
};

using RoadGraph = boost::compressed_sparse_row_graph<boost::directedS, RoadVertex, RoadArc, boost::no_property, RoadNodeId, std::uint32_t>;

class RoadNetwork {
public:
    // `input_index[v]` is node v's position in the input (see input_index()). Checks that the
    // totals of all arc times and lengths fit the cost packing; throws std::invalid_argument
    // naming `description` otherwise.
    RoadNetwork(RoadGraph graph, std::vector<std::uint32_t> input_index, RoadUnits units, std::string description);

    [[nodiscard]] const RoadGraph& graph() const { return graph_; }
    [[nodiscard]] std::size_t node_count() const { return num_vertices(graph_); }
    [[nodiscard]] std::size_t arc_count() const { return num_edges(graph_); }
    [[nodiscard]] LatLon position(RoadNodeId v) const { return graph_[v].position; }
    [[nodiscard]] const RoadUnits& units() const { return units_; }
    [[nodiscard]] const CostPacking& packing() const { return packing_; }
    // Identifies the network's content (topology, weights, coordinates, units) for caches.
    [[nodiscard]] std::uint64_t content_hash() const { return hash_; }
    // Where it came from, for messages: a path and the format.
    [[nodiscard]] const std::string& description() const { return description_; }
    // Loaders renumber nodes along a space-filling curve (see NodeOrder). This maps a node back
    // to its index in the input: the OSM CSV id, or the DIMACS id minus one.
    [[nodiscard]] std::uint32_t input_index(RoadNodeId v) const { return input_index_[v]; }
    [[nodiscard]] RoadNodeId node_of_input_index(std::uint32_t i) const { return node_of_input_[i]; }

    // The contracted graph the matrix search runs on (search_graph.hpp).
    [[nodiscard]] const SearchGraph& search_graph() const { return search_; }

private:
    RoadGraph graph_;
    RoadUnits units_;
    CostPacking packing_;
    std::uint64_t hash_ = 0;
    std::string description_;
    std::vector<std::uint32_t> input_index_;
    std::vector<RoadNodeId> node_of_input_;
    SearchGraph search_;
};

// One directed arc as a loader or a test states it.
struct RoadArcSpec {
    RoadNodeId from = 0;
    RoadNodeId to = 0;
    RoadArc weight;
};

// How build_road_network numbers nodes. Dijkstra's time goes mostly into cache misses on the
// labels and arcs of neighbours; numbering nodes along a Hilbert curve puts neighbours close
// together in memory (about 2x faster on the shared city networks).
enum class NodeOrder { as_given, spatial };

// Builds the CSR graph: drops self-loops and keeps, of parallel arcs, the one with the least
// (time, length). Throws std::invalid_argument for an arc naming a node that does not exist.
RoadNetwork build_road_network(std::vector<LatLon> positions, std::vector<RoadArcSpec> arcs, RoadUnits units = {},
                               std::string description = "in-memory network", NodeOrder order = NodeOrder::as_given);

}  // namespace fsd
