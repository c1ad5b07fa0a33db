// Shortest paths on hand-built and random road graphs: known answers, one-way streets, ties,
// a disconnected part, the chain contraction of the search graph, and both engines against an
// independent reference Dijkstra.
#include <catch2/catch.hpp>

#include "fsd/travel/boost_dijkstra.hpp"
#include "fsd/travel/reachability.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "travel_test_support.hpp"

namespace test_travel_graph {

using namespace fsd;

namespace {

// 0 <-> 1 -> 2 <-> 3 <-> 0, where 1 -> 2 is one-way, plus 4 <-> 5 on their own.
// Nodes 3 and 0 only pass traffic along 2 - 3 - 0 - 1, so the search graph contracts them
// into one two-way chain: points on a chain are priced through its ends. Of the pair 4 - 5,
// one is a dead end of the other (a satellite).
RoadNetwork small_town() {
    std::vector<LatLon> pos{{41.0, -8.6}, {41.0, -8.599}, {41.0, -8.598}, {41.001, -8.599}, {41.01, -8.6}, {41.01, -8.599}};
    auto both = [](RoadNodeId a, RoadNodeId b, RoadArc w) { return std::vector<RoadArcSpec>{{a, b, w}, {b, a, w}}; };
    std::vector<RoadArcSpec> arcs;
    for (auto part : {both(0, 1, {10'000, 10'000}), both(2, 3, {10'000, 12'000}), both(3, 0, {25'000, 30'000}), both(4, 5, {1'000, 100}),
                      std::vector<RoadArcSpec>{{1, 2, {5'000, 5'000}}}})
        arcs.insert(arcs.end(), part.begin(), part.end());
    return build_road_network(pos, arcs);
}

}  // namespace

TEST_CASE("known shortest paths, one-way streets and ties on a small town") {
    const RoadNetwork net = small_town();
    REQUIRE(net.node_count() == 6);
    REQUIRE(net.arc_count() == 9);
    CHECK(net.search_graph().core_count() == 3);
    CHECK(net.search_graph().chain_count() == 1);
    CHECK(net.search_graph().satellite_count() == 1);
    const std::vector<RoadNodeId> points{0, 1, 2, 3, 4};
    const RoadMatrix m = road_matrix(net, points, 1);

    // 0 -> 2 through 1; back from 2 the one-way forces the long way round through 3.
    CHECK(m.time_ms(0, 2) == 15'000);
    CHECK(m.length_cm(0, 2) == 15'000);
    CHECK(m.time_ms(2, 0) == 35'000);
    CHECK(m.length_cm(2, 0) == 42'000);
    CHECK(m.time_ms(2, 1) == 45'000);
    CHECK(m.length_cm(2, 1) == 52'000);
    // 0 -> 3: direct (25 s, 300 m) and 0-1-2-3 (25 s, 270 m) tie on time; the shorter wins.
    CHECK(m.time_ms(0, 3) == 25'000);
    CHECK(m.length_cm(0, 3) == 27'000);
    // 3 -> 0 has no such alternative: 3 -> 2 cannot continue to 1.
    CHECK(m.length_cm(3, 0) == 30'000);
    for (std::size_t i = 0; i < 5; ++i) CHECK(m.time_ms(i, i) == 0);
    // Node 4 is in another part of the map.
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK_FALSE(m.reachable(i, 4));
        CHECK_FALSE(m.reachable(4, i));
        CHECK(m.time_ms(i, 4) == RoadMatrix::unreachable);
    }
}

TEST_CASE("unreachable pairs are listed and their culprit named") {
    const RoadNetwork net = small_town();
    const std::vector<RoadNodeId> points{0, 1, 4, 2, 3};
    const RoadMatrix m = road_matrix(net, points);
    const ReachabilityReport report = check_reachability(m);
    CHECK_FALSE(report.all_reachable());
    CHECK(report.pairs.size() == 8);  // point 2 to and from each of the other four
    for (const auto& p : report.pairs) CHECK((p.from == 2 || p.to == 2));
    CHECK(report.culprits == std::vector<std::uint32_t>{2});

    // The model's tables: refused while the pairs are undecided, infinity once excluded.
    CHECK_THROWS_AS(to_travel_tables(m), std::logic_error);
    const std::vector<std::uint32_t> excluded{2};
    const TravelTables t = to_travel_tables(m, excluded);
    CHECK(t.time(0, 2) == Duration::infinity());
    CHECK(t.time(2, 2) == Duration::zero());
    CHECK(t.time(0, 3) == seconds(15));
    CHECK(t.distance(0, 3) == metres(150));
    CHECK(t.time(3, 0) == seconds(35));

    const RoadMatrix fine = road_matrix(net, std::vector<RoadNodeId>{0, 1, 2, 3});
    CHECK(check_reachability(fine).all_reachable());
    CHECK(check_reachability(fine).culprits.empty());
}

TEST_CASE("a spur that can be entered but not left is the culprit") {
    // 0 <-> 1 <-> 2, and 1 -> 3 one-way with no way back.
    std::vector<RoadArcSpec> arcs{{0, 1, {100, 10}}, {1, 0, {100, 10}}, {1, 2, {100, 10}}, {2, 1, {100, 10}}, {1, 3, {100, 10}}};
    const RoadNetwork net = build_road_network({{0, 0}, {0, 0.001}, {0, 0.002}, {0.001, 0.001}}, arcs);
    const RoadMatrix m = road_matrix(net, std::vector<RoadNodeId>{0, 1, 2, 3});
    const auto report = check_reachability(m);
    CHECK(report.pairs.size() == 3);
    CHECK(report.culprits == std::vector<std::uint32_t>{3});
    CHECK(m.reachable(0, 3));
    CHECK_FALSE(m.reachable(3, 0));
}

TEST_CASE("both engines equal the reference Dijkstra on random street networks, all pairs") {
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        const test::RandomNetwork random = test::random_street_network(seed);
        const std::size_t n = random.positions.size();
        for (NodeOrder order : {NodeOrder::as_given, NodeOrder::spatial}) {
            const RoadNetwork net = build_road_network(random.positions, random.arcs, {}, "random", order);
            INFO("seed " << seed << (order == NodeOrder::spatial ? " spatial" : " as given"));
            REQUIRE(net.search_graph().chain_count() > 0);
            REQUIRE(net.search_graph().satellite_count() > 0);
            REQUIRE(net.search_graph().core_count() < n / 2);
            std::vector<RoadNodeId> points(n);  // every node, in input order
            for (std::uint32_t i = 0; i < n; ++i) points[i] = net.node_of_input_index(i);
            const RoadMatrix tight = road_matrix<OneToManyDijkstra>(net, points, 2);
            const RoadMatrix boost = road_matrix<BoostOneToManyDijkstra>(net, points, 2);
            CHECK(tight == boost);
            std::size_t compared = 0, unreachable = 0;
            for (std::uint32_t a = 0; a < n; ++a) {
                const auto expected = test::reference_costs(n, random.arcs, a);
                for (std::uint32_t b = 0; b < n; ++b) {
                    if (!expected[b]) {
                        ++unreachable;
                        CHECK_FALSE(tight.reachable(a, b));
                        continue;
                    }
                    ++compared;
                    if (tight.time_ms(a, b) != static_cast<std::int64_t>(expected[b]->time) ||
                        tight.length_cm(a, b) != static_cast<std::int64_t>(expected[b]->length))
                        FAIL_CHECK("pair " << a << " -> " << b << ": got (" << tight.time_ms(a, b) << ", " << tight.length_cm(a, b)
                                           << "), expected (" << expected[b]->time << ", " << expected[b]->length << ")");
                }
            }
            CHECK(compared > n * n / 2);
            CHECK(unreachable > 0);  // the detached ring
        }
    }
}

TEST_CASE("the matrix does not depend on the number of threads") {
    const test::RandomNetwork random = test::random_street_network(11, 9);
    const RoadNetwork net = build_road_network(random.positions, random.arcs, {}, "random", NodeOrder::spatial);
    std::vector<RoadNodeId> points;
    for (RoadNodeId v = 0; v < net.node_count(); v += 3) points.push_back(v);
    points.push_back(points.front());  // two points on one node
    const RoadMatrix serial = road_matrix(net, points, 1);
    for (unsigned threads : {2u, 3u, 8u}) CHECK(road_matrix(net, points, threads) == serial);
    const std::size_t last = points.size() - 1;
    for (std::size_t j = 0; j < points.size(); ++j) CHECK(serial.time_ms(last, j) == serial.time_ms(0, j));
}

TEST_CASE("parallel arcs keep the cheapest and self-loops are dropped") {
    std::vector<RoadArcSpec> arcs{{0, 1, {500, 50}}, {0, 1, {300, 90}}, {0, 1, {300, 70}}, {1, 1, {1, 1}}, {1, 0, {400, 40}}};
    const RoadNetwork net = build_road_network({{0, 0}, {0, 0.001}}, arcs);
    CHECK(net.arc_count() == 2);
    const RoadMatrix m = road_matrix(net, std::vector<RoadNodeId>{0, 1});
    CHECK(m.time_ms(0, 1) == 300);
    CHECK(m.length_cm(0, 1) == 70);
    CHECK_THROWS_AS(build_road_network({{0, 0}}, {{0, 3, {1, 1}}}), std::invalid_argument);
}

TEST_CASE("tick scales convert exactly and round half up") {
    constexpr TickScale dimacs_time{18, 5};  // 3.6 ms
    CHECK(dimacs_time.convert(0) == 0);
    CHECK(dimacs_time.convert(5) == 18);
    CHECK(dimacs_time.convert(1) == 4);      // 3.6 -> 4
    CHECK(TickScale{1, 4}.convert(2) == 1);  // 0.5 -> 1
    CHECK(TickScale{1, 4}.convert(1) == 0);  // 0.25 -> 0
}

}  // namespace test_travel_graph
