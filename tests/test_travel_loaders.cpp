// Road-network loaders: the Monaco OSM extract, small DIMACS files written here, and the error
// messages for broken input (file and line).
#include <catch2/catch.hpp>

#include <fstream>

#include <boost/range/iterator_range.hpp>

#include "fsd/model/problem.hpp"
#include "fsd/travel/points_csv.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "travel_test_support.hpp"

namespace test_travel_loaders {

using namespace fsd;
namespace fs = std::filesystem;

namespace {

const fs::path roads = fs::path(FSD_SHARED_DIR) / "roads";

// The arc u -> v of the network, if any.
std::optional<RoadArc> arc_between(const RoadNetwork& net, RoadNodeId u, RoadNodeId v) {
    for (auto e : boost::make_iterator_range(out_edges(u, net.graph())))
        if (target(e, net.graph()) == v) return net.graph()[e];
    return std::nullopt;
}

std::string error_text(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputErrors& e) {
        return e.what();
    }
    return "no error";
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

const std::string nodes_header = "id,osm_id,lat,lon\n";
const std::string edges_header = "source,target,length_m,travel_time_s,speed_kmh,highway,osm_way_id\n";

}  // namespace

TEST_CASE("the Monaco extract loads with its documented counts, units and coordinates") {
    const RoadNetwork net = load_road_network(roads / "monaco");
    CHECK(net.node_count() == 4580);
    CHECK(net.arc_count() == 7044);
    CHECK(net.units().ms_per_time_tick == TickScale{1, 1});
    CHECK(net.units().cm_per_length_tick == TickScale{1, 1});
    // First rows of the files: node 0 at 43.7371175, 7.4229093 and the arc 0 -> 2081 of
    // 18.88 m and 1.360 s.
    const RoadNodeId n0 = net.node_of_input_index(0), n2081 = net.node_of_input_index(2081);
    CHECK(net.input_index(n0) == 0);
    CHECK(net.position(n0).lat == 43.7371175);
    CHECK(net.position(n0).lon == 7.4229093);
    const auto arc = arc_between(net, n0, n2081);
    REQUIRE(arc);
    CHECK(arc->time == 1360);
    CHECK(arc->length == 1888);
    CHECK(net.search_graph().core_count() < net.node_count());
    // Loading twice gives the same network, down to the hash.
    CHECK(load_osm_csv(roads / "monaco").content_hash() == net.content_hash());
    CHECK(detect_road_format(roads / "monaco") == RoadFormat::osm_csv);
    CHECK(detect_road_format(roads / "monaco" / "nodes.csv.gz") == RoadFormat::osm_csv);
}

TEST_CASE("OSM CSV: plain files work, the content hash follows the content") {
    test::TempDir dir("osm");
    write_text(dir.path() / "nodes.csv", nodes_header + "0,10,41.0,-8.6\n1,11,41.001,-8.6\n2,12,41.001,-8.601\n");
    write_text(dir.path() / "edges.csv", edges_header +
                                             "0,1,111.19,8.006,50,primary,1\n1,0,111.19,8.006,50,primary,1\n"
                                             "1,2,83.9,6.0405,50,primary,2\n");
    const RoadNetwork net = load_road_network(dir.path());
    CHECK(net.node_count() == 3);
    CHECK(arc_between(net, net.node_of_input_index(0), net.node_of_input_index(1))->time == 8006);
    CHECK(arc_between(net, net.node_of_input_index(1), net.node_of_input_index(2))->length == 8390);
    CHECK(arc_between(net, net.node_of_input_index(1), net.node_of_input_index(2))->time == 6041);  // 6.0405 rounds up
    const auto first_hash = net.content_hash();
    write_text(dir.path() / "edges.csv", edges_header +
                                             "0,1,111.19,8.007,50,primary,1\n1,0,111.19,8.006,50,primary,1\n"
                                             "1,2,83.9,6.0405,50,primary,2\n");
    CHECK(load_road_network(dir.path()).content_hash() != first_hash);
}

TEST_CASE("OSM CSV: broken input is reported with file and line") {
    test::TempDir dir("osm-bad");
    const fs::path nodes = dir.path() / "nodes.csv", edges = dir.path() / "edges.csv";
    const std::string good_nodes = nodes_header + "0,10,41.0,-8.6\n1,11,41.001,-8.6\n";
    auto load = [&] { (void)load_osm_csv(dir.path()); };

    write_text(nodes, good_nodes);
    write_text(edges, edges_header + "0,1,10.0,1.0,50,primary,1\n0,7,10.0,1.0,50,primary,1\n");
    CHECK_THAT(error_text(load), Catch::Contains("edges.csv:3") && Catch::Contains("does not name two of the 2 nodes"));

    write_text(edges, edges_header + "0,1,ten,1.0,50,primary,1\n");
    CHECK_THAT(error_text(load), Catch::Contains("edges.csv:2") && Catch::Contains("length_m \"ten\""));

    write_text(edges, edges_header + "0,1,10.0,-1.0,50,primary,1\n");
    CHECK_THAT(error_text(load), Catch::Contains("edges.csv:2") && Catch::Contains("travel_time_s"));

    write_text(edges, "source,target,length_m,speed_kmh\n0,1,10,50\n");
    CHECK_THAT(error_text(load), Catch::Contains("edges.csv:1") && Catch::Contains("no column \"travel_time_s\""));

    write_text(edges, edges_header + "0,1,10.0,1.0\n");
    CHECK_THAT(error_text(load), Catch::Contains("edges.csv:2") && Catch::Contains("expected 7 fields, found 4"));

    write_text(edges, edges_header);
    write_text(nodes, nodes_header + "0,10,41.0,-8.6\n2,11,41.001,-8.6\n");
    CHECK_THAT(error_text(load), Catch::Contains("nodes.csv:3") && Catch::Contains("expected 1"));

    write_text(nodes, nodes_header + "0,10,141.0,-8.6\n");
    CHECK_THAT(error_text(load), Catch::Contains("nodes.csv:2") && Catch::Contains("not degrees"));

    fs::remove(edges);
    CHECK_THAT(error_text(load), Catch::Contains("expected nodes.csv.gz and edges.csv.gz"));

    test::write_gz(nodes.string() + ".gz", "id,osm_id,lat,lon\n0,1,4");
    fs::remove(nodes);
    write_text(edges, edges_header);
    // A gzip file cut short is an error, not a shorter file.
    const std::string cut = [&] {
        std::ifstream in(nodes.string() + ".gz", std::ios::binary);
        std::string s((std::istreambuf_iterator<char>(in)), {});
        return s.substr(0, s.size() - 6);
    }();
    write_text(nodes.string() + ".gz", cut);
    CHECK_THAT(error_text(load), Catch::Contains("nodes.csv.gz") && Catch::Contains("decompress"));
}

TEST_CASE("DIMACS .gr/.co: ids, microdegrees, units, parallel arcs and file discovery") {
    test::TempDir dir("dimacs");
    const std::string co = "c coordinates\np aux sp co 3\nv 1 -73530767 41085396\nv 3 -73530000 41085000\nv 2 -73530538 41086098\n";
    const std::string t = "c times\np sp 3 5\na 1 2 100\na 2 1 100\na 2 3 50\na 2 3 40\na 3 2 60\n";
    const std::string d = "c lengths\np sp 3 5\na 1 2 803\na 2 1 803\na 2 3 400\na 2 3 410\na 3 2 400\n";
    test::write_gz(dir.path() / "USA-road-d.X.co.gz", co);
    test::write_gz(dir.path() / "USA-road-t.X.gr.gz", t);
    write_text(dir.path() / "USA-road-d.X.gr", d);

    const DimacsFiles files = find_dimacs_files(dir.path());
    CHECK(files.time_arcs.filename() == "USA-road-t.X.gr.gz");
    REQUIRE(files.length_arcs);
    CHECK(files.length_arcs->filename() == "USA-road-d.X.gr");
    CHECK(files.coordinates.filename() == "USA-road-d.X.co.gz");
    CHECK(detect_road_format(dir.path()) == RoadFormat::dimacs);
    CHECK(detect_road_format(dir.path() / "USA-road-t.X.gr.gz") == RoadFormat::dimacs);

    const RoadNetwork net = load_road_network(dir.path());
    CHECK(net.node_count() == 3);
    CHECK(net.arc_count() == 4);  // the two parallel 2 -> 3 arcs became the cheaper one
    CHECK(net.units().ms_per_time_tick == dimacs_ms_per_time_unit);
    CHECK(net.units().cm_per_length_tick == dimacs_cm_per_length_unit);
    const RoadNodeId n1 = net.node_of_input_index(0), n2 = net.node_of_input_index(1), n3 = net.node_of_input_index(2);
    CHECK(net.position(n1).lat == Approx(41.085396).epsilon(1e-12));
    CHECK(net.position(n1).lon == Approx(-73.530767).epsilon(1e-12));
    CHECK(net.position(n3).lat == Approx(41.085).epsilon(1e-12));
    CHECK(arc_between(net, n1, n2) == RoadArc{100, 803});
    CHECK(arc_between(net, n2, n3) == RoadArc{40, 410});

    // Matrices come out in ms and cm: (100 + 40) t units of 3.6 ms, (803 + 410) units of 0.1 m.
    const RoadMatrix m = road_matrix(net, std::vector<RoadNodeId>{n1, n3});
    CHECK(m.time_ms(0, 1) == 504);
    CHECK(m.length_cm(0, 1) == 12'130);

    // Given one .gr file, that file is the time and its -d sibling the lengths.
    CHECK(load_road_network(dir.path() / "USA-road-t.X.gr.gz").content_hash() == net.content_hash());

    // Without lengths, an arc is as long as the great circle between its ends.
    fs::remove(dir.path() / "USA-road-d.X.gr");
    const RoadNetwork no_lengths = load_road_network(dir.path());
    CHECK(no_lengths.units().cm_per_length_tick == TickScale{1, 1});
    CHECK(arc_between(no_lengths, n1, n2)->length ==
          static_cast<std::uint32_t>(std::llround(haversine_m(net.position(n1), net.position(n2)) * 100)));
}

TEST_CASE("DIMACS: broken input is reported with file and line") {
    test::TempDir dir("dimacs-bad");
    write_text(dir.path() / "g.co", "p aux sp co 2\nv 1 -73530767 41085396\nv 2 -73530538 41086098\n");
    auto load = [&] { (void)load_road_network(dir.path()); };

    write_text(dir.path() / "g-t.gr", "p sp 2 2\na 1 2 5\na 2 3 5\n");
    CHECK_THAT(error_text(load), Catch::Contains("g-t.gr:3") && Catch::Contains("1..2"));
    write_text(dir.path() / "g-t.gr", "p sp 2 3\na 1 2 5\na 2 1 5\n");
    CHECK_THAT(error_text(load), Catch::Contains("declares 3 arcs, the file has 2"));
    write_text(dir.path() / "g-t.gr", "p sp 2 2\na 1 2 5\nx 2 1 5\n");
    CHECK_THAT(error_text(load), Catch::Contains("g-t.gr:3") && Catch::Contains("expected \"a FROM TO WEIGHT\""));

    write_text(dir.path() / "g-t.gr", "p sp 2 2\na 1 2 5\na 2 1 5\n");
    write_text(dir.path() / "g-d.gr", "p sp 2 2\na 1 2 50\na 1 2 50\n");
    CHECK_THAT(error_text(load), Catch::Contains("g-d.gr:3") && Catch::Contains("same arcs in order"));
    fs::remove(dir.path() / "g-d.gr");

    write_text(dir.path() / "g.co", "p aux sp co 2\nv 1 -73530767 41085396\n");
    CHECK_THAT(error_text(load), Catch::Contains("declares 2 nodes but gives coordinates for 1"));
    write_text(dir.path() / "g.co", "p aux sp co 2\nv 1 -73.5 41.08\nv 2 -73530538 41086098\n");
    CHECK_THAT(error_text(load), Catch::Contains("g.co:2") && Catch::Contains("microdegrees"));

    CHECK_THAT(error_text([&] { (void)load_road_network(dir.path() / "nothing-here"); }), Catch::Contains("no such file"));
    CHECK_THAT(error_text([&] { (void)load_road_network(roads); }), Catch::Contains("neither an OSM CSV"));
}

TEST_CASE("points files: degrees or DIMACS microdegrees, chosen by header or by network") {
    test::TempDir dir("points");
    const fs::path file = dir.path() / "points.csv";
    write_text(file, "id,lat,lon\ndepot,41.1486,-8.6107\njob 7,41.2,-8.5\n");
    const auto degrees = read_points_csv(file, PointCoordinates::microdegrees_x_y);  // the header wins
    REQUIRE(degrees.size() == 2);
    CHECK(degrees[1] == NamedPoint{"job 7", {41.2, -8.5}});

    write_text(file, "a,-73985130,40758896\n");
    const auto micro = read_points_csv(file, PointCoordinates::microdegrees_x_y);
    CHECK(micro[0].position.lat == Approx(40.758896).epsilon(1e-12));
    CHECK(micro[0].position.lon == Approx(-73.98513).epsilon(1e-12));
    CHECK_THAT(error_text([&] { (void)read_points_csv(file, PointCoordinates::degrees_lat_lon); }),
               Catch::Contains("points.csv:1") && Catch::Contains("degrees"));

    write_text(file, "id,x,y\na,-73985130,40758896\na,-73985131,40758896\n");
    CHECK_THAT(error_text([&] { (void)read_points_csv(file, PointCoordinates::degrees_lat_lon); }),
               Catch::Contains("points.csv:3") && Catch::Contains("already used on line 2"));
    write_text(file, "id,latitude,longitude\na,1,2\n");
    CHECK_THAT(error_text([&] { (void)read_points_csv(file, PointCoordinates::degrees_lat_lon); }), Catch::Contains("header must be"));
    write_text(file, "id,lat,lon\n");
    CHECK_THAT(error_text([&] { (void)read_points_csv(file, PointCoordinates::degrees_lat_lon); }), Catch::Contains("no points"));
}

}  // namespace test_travel_loaders
