#include "fsd/travel/road_network.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "fsd/travel/content_hash.hpp"
#include "search_graph_build.hpp"

namespace fsd {
namespace {

// Every cost the search forms is at most two simple paths (a point on a chain reaches the core
// and back), so twice the sum over all arcs bounds it. Sizing both fields by that bound rules
// out any carry from the length into the time and any overflow of the time.
CostPacking packing_for(const RoadGraph& g, const std::string& description) {
    std::uint64_t total_time = 0, total_length = 0;
    for (const RoadArc& a : g.m_forward.m_edge_properties) {
        total_time += a.time;
        total_length += a.length;
    }
    // bit_width returns the argument's type in GCC 12 and int in later libraries.
    const auto length_bits = static_cast<unsigned>(std::bit_width(2 * total_length + 1));
    const unsigned time_bits = 64 - length_bits;
    if (length_bits >= 48 || static_cast<unsigned>(std::bit_width(2 * total_time + 1)) > time_bits)
        throw std::invalid_argument(description + ": total arc time and length are too large for 64-bit path costs");
    return CostPacking(length_bits);
}

std::uint64_t hash_of(const RoadGraph& g, const RoadUnits& units) {
    ContentHash h;
    const auto& fwd = g.m_forward;
    h.add(static_cast<std::uint64_t>(num_vertices(g)));
    h.add(static_cast<std::uint64_t>(num_edges(g)));
    for (const TickScale& s : {units.ms_per_time_tick, units.cm_per_length_tick}) {
        h.add(static_cast<std::uint64_t>(s.numerator));
        h.add(static_cast<std::uint64_t>(s.denominator));
    }
    for (std::size_t v = 0; v < num_vertices(g); ++v) {
        h.add(g[static_cast<RoadNodeId>(v)].position.lat);
        h.add(g[static_cast<RoadNodeId>(v)].position.lon);
        h.add(static_cast<std::uint64_t>(fwd.m_rowstart[v + 1]));
    }
    for (std::size_t e = 0; e < num_edges(g); ++e) {
        const RoadArc& a = fwd.m_edge_properties[e];
        h.add((static_cast<std::uint64_t>(fwd.m_column[e]) << 32) ^ a.time);
        h.add(static_cast<std::uint64_t>(a.length));
    }
    return h.value();
}

// Position of cell (x, y) along a Hilbert curve filling a 2^16 x 2^16 grid.
std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y) {
    constexpr std::uint32_t side = 1u << 16;
    std::uint64_t d = 0;
    for (std::uint32_t s = side / 2; s > 0; s /= 2) {
        const std::uint32_t rx = (x & s) ? 1 : 0;
        const std::uint32_t ry = (y & s) ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {  // rotate the quadrant so the curve stays continuous
            if (rx == 1) {
                x = side - 1 - x;
                y = side - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

// new_id[input index] for nodes sorted along the Hilbert curve over their bounding box.
std::vector<RoadNodeId> spatial_numbering(const std::vector<LatLon>& positions) {
    const std::size_t n = positions.size();
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    for (const LatLon& p : positions) {
        min_lat = std::min(min_lat, p.lat), max_lat = std::max(max_lat, p.lat);
        min_lon = std::min(min_lon, p.lon), max_lon = std::max(max_lon, p.lon);
    }
    auto cell = [](double v, double lo, double hi) {
        return hi > lo ? static_cast<std::uint32_t>(std::min(65535.0, (v - lo) / (hi - lo) * 65536.0)) : 0u;
    };
    std::vector<std::pair<std::uint64_t, RoadNodeId>> keyed(n);
    for (std::size_t i = 0; i < n; ++i)
        keyed[i] = {hilbert_index(cell(positions[i].lon, min_lon, max_lon), cell(positions[i].lat, min_lat, max_lat)),
                    static_cast<RoadNodeId>(i)};
    std::sort(keyed.begin(), keyed.end());  // ties by input index: deterministic
    std::vector<RoadNodeId> new_id(n);
    for (std::size_t rank = 0; rank < n; ++rank) new_id[keyed[rank].second] = static_cast<RoadNodeId>(rank);
    return new_id;
}

}  // namespace

RoadNetwork::RoadNetwork(RoadGraph graph, std::vector<std::uint32_t> input_index, RoadUnits units, std::string description)
    : graph_(std::move(graph)),
      units_(units),
      packing_(packing_for(graph_, description)),
      hash_(hash_of(graph_, units_)),
      description_(std::move(description)),
      input_index_(std::move(input_index)),
      node_of_input_(input_index_.size()),
      search_(travel_detail::build_search_graph(graph_, packing_)) {
    if (input_index_.size() != node_count()) throw std::invalid_argument(description_ + ": input index size mismatch");
    for (std::size_t v = 0; v < input_index_.size(); ++v) node_of_input_.at(input_index_[v]) = static_cast<RoadNodeId>(v);
}

RoadNetwork build_road_network(std::vector<LatLon> positions, std::vector<RoadArcSpec> arcs, RoadUnits units, std::string description,
                               NodeOrder order) {
    const std::size_t n = positions.size();
    for (const RoadArcSpec& a : arcs)
        if (a.from >= n || a.to >= n)
            throw std::invalid_argument(description + ": arc " + std::to_string(a.from) + " -> " + std::to_string(a.to) +
                                        " names a node outside 0.." + std::to_string(n ? n - 1 : 0));
    std::vector<std::uint32_t> input_index(n);
    if (order == NodeOrder::spatial) {
        const std::vector<RoadNodeId> new_id = spatial_numbering(positions);
        std::vector<LatLon> moved(n);
        for (std::size_t i = 0; i < n; ++i) {
            moved[new_id[i]] = positions[i];
            input_index[new_id[i]] = static_cast<std::uint32_t>(i);
        }
        positions = std::move(moved);
        for (RoadArcSpec& a : arcs) a = {new_id[a.from], new_id[a.to], a.weight};
    } else {
        for (std::size_t i = 0; i < n; ++i) input_index[i] = static_cast<std::uint32_t>(i);
    }
    std::erase_if(arcs, [](const RoadArcSpec& a) { return a.from == a.to; });
    auto key = [](const RoadArcSpec& a) { return std::tuple(a.from, a.to, a.weight.time, a.weight.length); };
    std::sort(arcs.begin(), arcs.end(), [&](const RoadArcSpec& a, const RoadArcSpec& b) { return key(a) < key(b); });
    // Sorted by (from, to, time, length): the first of each run of parallel arcs is the best.
    arcs.erase(
        std::unique(arcs.begin(), arcs.end(), [](const RoadArcSpec& a, const RoadArcSpec& b) { return a.from == b.from && a.to == b.to; }),
        arcs.end());

    std::vector<std::pair<RoadNodeId, RoadNodeId>> ends(arcs.size());
    std::vector<RoadArc> weights(arcs.size());
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        ends[i] = {arcs[i].from, arcs[i].to};
        weights[i] = arcs[i].weight;
    }
    RoadGraph g(boost::edges_are_sorted, ends.begin(), ends.end(), weights.begin(), static_cast<RoadNodeId>(n));
    for (std::size_t v = 0; v < n; ++v) g[static_cast<RoadNodeId>(v)].position = positions[v];
    return RoadNetwork(std::move(g), std::move(input_index), units, std::move(description));
}

}  // namespace fsd
