// Snapping onto road nodes: agreement with a brute-force nearest search on Monaco, a point far
// out at sea reported instead of snapped, the distance limit, and the largest-component rule.
#include <catch2/catch.hpp>

#include <random>
#include <type_traits>

#include "fsd/travel/boost_dijkstra.hpp"
#include "fsd/travel/one_to_many.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_path.hpp"
#include "fsd/travel/road_provider.hpp"
#include "fsd/travel/sample_points.hpp"
#include "fsd/travel/snap.hpp"

namespace test_travel_snap {

using namespace fsd;

namespace {

const RoadNetwork& monaco() {
    static const RoadNetwork net = load_road_network(std::filesystem::path(FSD_SHARED_DIR) / "roads" / "monaco");
    return net;
}

double brute_force_nearest_m(const RoadNetwork& net, LatLon p) {
    double best = INFINITY;
    for (RoadNodeId v = 0; v < net.node_count(); ++v) best = std::min(best, haversine_m(p, net.position(v)));
    return best;
}

}  // namespace

TEST_CASE("the road workspaces cannot be built on a temporary network they would dangle on") {
    STATIC_REQUIRE(std::is_constructible_v<RoadSnapper, const RoadNetwork&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<RoadSnapper, RoadNetwork>);
    STATIC_REQUIRE(std::is_constructible_v<RoadNetworkProvider, const RoadNetwork&, const RoadSnapper&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<RoadNetworkProvider, RoadNetwork, const RoadSnapper&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<RoadNetworkProvider, const RoadNetwork&, RoadSnapper>);
    STATIC_REQUIRE(std::is_constructible_v<RoadPathFinder, const RoadNetwork&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<RoadPathFinder, RoadNetwork>);
    STATIC_REQUIRE(std::is_constructible_v<OneToManyDijkstra, const RoadNetwork&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<OneToManyDijkstra, RoadNetwork>);
    STATIC_REQUIRE(std::is_constructible_v<BoostOneToManyDijkstra, const RoadNetwork&>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<BoostOneToManyDijkstra, RoadNetwork>);
}

TEST_CASE("snapping finds the nearest road node, as a brute-force search does") {
    const RoadSnapper snapper(monaco());
    CHECK(snapper.eligible_node_count() == monaco().node_count());  // the extract is one component
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> lat(43.7253, 43.7518), lon(7.4078, 7.4392);
    for (int i = 0; i < 300; ++i) {
        const LatLon p{lat(rng), lon(rng)};
        const auto s = snapper.nearest(p);
        REQUIRE(s);
        REQUIRE(s->node);
        CHECK(s->distance_m == haversine_m(p, monaco().position(*s->node)));
        CHECK(s->distance_m == Approx(brute_force_nearest_m(monaco(), p)).epsilon(1e-12));
    }
}

TEST_CASE("a road node snaps to itself, or to a node at the same spot") {
    const RoadSnapper snapper(monaco());
    const std::vector<RoadNodeId> nodes = sample_road_nodes(monaco(), 100, 3);
    for (RoadNodeId v : nodes) {
        const auto s = snapper.nearest(monaco().position(v));
        REQUIRE(s);
        CHECK(s->distance_m == 0.0);
        CHECK(monaco().position(*s->node) == monaco().position(v));
    }
}

TEST_CASE("a point far out at sea is reported, not snapped") {
    const RoadSnapper snapper(monaco());
    // Casino square (22 m from a node), a point in the harbour (32 m), one 2.9 km out to sea.
    const std::vector<LatLon> points{{43.7394, 7.4276}, {43.7355, 7.4235}, {43.71, 7.45}};
    const SnapReport report = snapper.snap(points, 500.0);
    CHECK_FALSE(report.all_snapped());
    CHECK(report.too_far == std::vector<std::size_t>{2});
    CHECK(report.points[0].node);
    CHECK(report.points[0].distance_m < 30);
    CHECK(report.points[1].node);
    CHECK_FALSE(report.points[2].node);
    CHECK(report.points[2].distance_m > 2000);
    CHECK(report.max_snapped_m == std::max(report.points[0].distance_m, report.points[1].distance_m));

    // The limit is the caller's: generous enough, the sea point snaps; strict enough, the
    // harbour point does not.
    CHECK(snapper.snap(points, 5000.0).all_snapped());
    CHECK(snapper.snap(points, 25.0).too_far == std::vector<std::size_t>{1, 2});
}

TEST_CASE("only the largest strongly connected component is eligible by default") {
    // A two-way street 0 - 1 - 2 and, right next to the query point, a one-way spur 2 -> 3 and
    // a detached street 4 - 5.
    const std::vector<LatLon> pos{{41.0, -8.600}, {41.0, -8.599}, {41.0, -8.598}, {41.0005, -8.598}, {41.001, -8.6}, {41.001, -8.5995}};
    std::vector<RoadArcSpec> arcs;
    for (auto [a, b] : {std::pair{0u, 1u}, std::pair{1u, 2u}, std::pair{4u, 5u}}) {
        arcs.push_back({a, b, {1000, 100}});
        arcs.push_back({b, a, {1000, 100}});
    }
    arcs.push_back({2, 3, {1000, 100}});
    const RoadNetwork net = build_road_network(pos, arcs);

    const RoadSnapper strict(net), any(net, false);
    CHECK(strict.eligible_node_count() == 3);
    CHECK(any.eligible_node_count() == 6);
    const LatLon near_spur{41.0005, -8.5981}, near_detached{41.001, -8.59995};
    CHECK(*any.nearest(near_spur)->node == 3);
    CHECK(*strict.nearest(near_spur)->node == 2);
    CHECK(*any.nearest(near_detached)->node == 4);
    CHECK(*strict.nearest(near_detached)->node == 0);

    const RoadNetwork empty = build_road_network({}, {});
    const RoadSnapper nothing(empty);
    CHECK_FALSE(nothing.nearest({41, -8}));
    CHECK(nothing.snap(std::vector<LatLon>{{41, -8}}, 500).too_far == std::vector<std::size_t>{0});
}

TEST_CASE("sampled road points are distinct, reproducible and on the network") {
    const auto a = sample_road_nodes(monaco(), 50, 42);
    const auto b = sample_road_nodes(monaco(), 50, 42);
    const auto c = sample_road_nodes(monaco(), 50, 43);
    CHECK(a == b);
    CHECK(a != c);
    std::vector<RoadNodeId> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    const auto points = sample_road_points(monaco(), 50, 42);
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(points[i] == monaco().position(a[i]));
    CHECK_THROWS_AS(sample_road_nodes(monaco(), 5000, 1), std::invalid_argument);
}

}  // namespace test_travel_snap
