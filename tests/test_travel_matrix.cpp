// Matrices on the real Monaco network: entries equal an independent reference Dijkstra (run on
// arcs parsed here, not by fsd's loader) exactly, and any thread count gives the same matrix.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <random>

#include <zlib.h>

#include "fsd/travel/boost_dijkstra.hpp"
#include "fsd/travel/reachability.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "fsd/travel/sample_points.hpp"
#include "travel_test_support.hpp"

namespace test_travel_matrix {

using namespace fsd;

namespace {

const std::filesystem::path monaco_dir = std::filesystem::path(FSD_SHARED_DIR) / "roads" / "monaco";

// Data lines of a gzipped CSV, header skipped.
std::vector<std::string> csv_rows(const std::filesystem::path& file) {
    gzFile f = gzopen(file.c_str(), "rb");
    REQUIRE(f != nullptr);
    std::vector<std::string> rows;
    char line[512];
    bool header = true;
    while (gzgets(f, line, sizeof line) != nullptr) {
        if (!header) rows.emplace_back(line);
        header = false;
    }
    gzclose(f);
    return rows;
}

// Monaco's arcs in file ids: time in ms, length in cm.
std::vector<RoadArcSpec> monaco_arcs_from_file() {
    std::vector<RoadArcSpec> arcs;
    for (const std::string& row : csv_rows(monaco_dir / "edges.csv.gz")) {
        unsigned from = 0, to = 0;
        double length_m = 0, time_s = 0;
        REQUIRE(std::sscanf(row.c_str(), "%u,%u,%lf,%lf", &from, &to, &length_m, &time_s) == 4);
        arcs.push_back(
            {from, to,
             RoadArc{static_cast<std::uint32_t>(std::llround(time_s * 1000)), static_cast<std::uint32_t>(std::llround(length_m * 100))}});
    }
    return arcs;
}

const RoadNetwork& monaco() {
    static const RoadNetwork net = load_road_network(monaco_dir);
    return net;
}

}  // namespace

TEST_CASE("Monaco matrix entries equal a plain reference Dijkstra, exactly") {
    const std::vector<RoadArcSpec> arcs = monaco_arcs_from_file();
    REQUIRE(arcs.size() == 7044);
    const std::vector<RoadNodeId> points = sample_road_nodes(monaco(), 120, 2024);
    const RoadMatrix m = road_matrix(monaco(), points, 2);
    CHECK(check_reachability(m).all_reachable());

    std::mt19937_64 rng(99);
    std::size_t checked = 0, differing_length = 0;
    for (int s = 0; s < 25; ++s) {
        const std::size_t a = rng() % points.size();
        const auto reference = test::reference_costs(monaco().node_count(), arcs, monaco().input_index(points[a]));
        for (std::size_t b = 0; b < points.size(); ++b) {
            const auto& expected = reference[monaco().input_index(points[b])];
            REQUIRE(expected);
            CHECK(m.time_ms(a, b) == static_cast<std::int64_t>(expected->time));
            CHECK(m.length_cm(a, b) == static_cast<std::int64_t>(expected->length));
            ++checked;
            if (m.length_cm(a, b) != m.length_cm(b, a)) ++differing_length;
        }
    }
    CHECK(checked == 25 * points.size());
    CHECK(differing_length > 0);  // one-way streets make the matrix asymmetric
}

TEST_CASE("Monaco: parallel equals serial, and the Boost engine agrees") {
    const std::vector<RoadNodeId> points = sample_road_nodes(monaco(), 150, 5);
    const RoadMatrix serial = road_matrix(monaco(), points, 1);
    CHECK(road_matrix(monaco(), points, 2) == serial);
    CHECK(road_matrix(monaco(), points, 5) == serial);
    CHECK(road_matrix<BoostOneToManyDijkstra>(monaco(), points, 3) == serial);
}

TEST_CASE("rectangular cost tables: sources to other targets") {
    const std::vector<RoadNodeId> sources = sample_road_nodes(monaco(), 7, 1);
    const std::vector<RoadNodeId> targets = sample_road_nodes(monaco(), 11, 2);
    const auto table = node_cost_table(monaco(), sources, targets, 2);
    REQUIRE(table.size() == 77);
    std::vector<RoadNodeId> all = sources;
    all.insert(all.end(), targets.begin(), targets.end());
    const auto square = node_cost_table(monaco(), all, all, 1);
    for (std::size_t i = 0; i < 7; ++i)
        for (std::size_t j = 0; j < 11; ++j) CHECK(table[i * 11 + j] == square[i * all.size() + 7 + j]);
    CHECK(node_cost_table(monaco(), sources, {}, 2).empty());
    CHECK(node_cost_table<BoostOneToManyDijkstra>(monaco(), sources, {}, 2).empty());
    CHECK(road_matrix(monaco(), std::vector<RoadNodeId>{}).size() == 0);
}

}  // namespace test_travel_matrix
