// The road path a report draws: on random street networks every path found is a chain of real
// arcs whose (time, length) is the least, equal to an independent reference Dijkstra, and an
// unreachable target gives no path.
#include <catch2/catch.hpp>

#include <map>

#include "fsd/travel/road_path.hpp"
#include "travel_test_support.hpp"

namespace test_travel_path {

using namespace fsd;

namespace {

// The least (time, length) of the arcs from a to b, as build_road_network keeps of parallel arcs.
std::map<std::pair<RoadNodeId, RoadNodeId>, test::RefCost> cheapest_arcs(const std::vector<RoadArcSpec>& arcs) {
    std::map<std::pair<RoadNodeId, RoadNodeId>, test::RefCost> out;
    for (const auto& a : arcs) {
        const test::RefCost c{a.weight.time, a.weight.length};
        auto [it, fresh] = out.emplace(std::pair{a.from, a.to}, c);
        if (!fresh && c < it->second) it->second = c;
    }
    return out;
}

}  // namespace

TEST_CASE("road paths are the least-cost chains of arcs, on random street networks") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const test::RandomNetwork net = test::random_street_network(seed, 5);
        const RoadNetwork network = build_road_network(net.positions, net.arcs);
        const auto arcs = cheapest_arcs(net.arcs);
        RoadPathFinder finder(network);
        for (RoadNodeId from = 0; from < network.node_count(); from += 3) {
            const auto reference = test::reference_costs(network.node_count(), net.arcs, from);
            for (RoadNodeId to = 0; to < network.node_count(); to += 2) {
                const auto path = finder.path(from, to);
                if (!reference[to]) {
                    CHECK(path.empty());
                    continue;
                }
                REQUIRE(!path.empty());
                CHECK(path.front() == from);
                CHECK(path.back() == to);
                test::RefCost sum;
                for (std::size_t i = 0; i + 1 < path.size(); ++i) {
                    const auto arc = arcs.find({path[i], path[i + 1]});
                    REQUIRE(arc != arcs.end());
                    sum.time += arc->second.time;
                    sum.length += arc->second.length;
                }
                CHECK(sum == *reference[to]);
            }
        }
    }
}

TEST_CASE("a path from a node to itself is that node") {
    const test::RandomNetwork net = test::random_street_network(4, 3);
    const RoadNetwork network = build_road_network(net.positions, net.arcs);
    RoadPathFinder finder(network);
    CHECK(finder.path(2, 2) == std::vector<RoadNodeId>{2});
}

}  // namespace test_travel_path
