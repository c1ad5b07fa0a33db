// Road travel inside a problem: the "roads" travel kind of the JSON format, relative paths, the
// errors a user sees for a location off the map or an unreadable network, and the providers.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_provider.hpp"
#include "travel_test_support.hpp"

namespace test_travel_json {

using namespace fsd;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path monaco_dir = fs::path(FSD_SHARED_DIR) / "roads" / "monaco";

json monaco_problem(const std::string& path, LatLon second_job = {43.7300, 7.4200}) {
    json doc = json::parse(R"({"format": "fsd-problem/1", "name": "monaco-roads",
        "horizon": {"start_date": "2024-03-04", "days": 1},
        "technicians": [{"id": "t1", "start": {"lat": 43.7394, "lon": 7.4276},
                         "shifts": [{"start": "2024-03-04T08:00", "end": "2024-03-04T17:00"}]}],
        "jobs": [{"id": "j1", "location": {"lat": 43.7355, "lon": 7.4235}, "duration_min": 30}]})");
    doc["travel"] = {{"kind", "roads"}, {"path", path}, {"max_snap_m", 300}};
    doc["jobs"].push_back({{"id", "j2"}, {"location", {{"lat", second_job.lat}, {"lon", second_job.lon}}}, {"duration_min", 45}});
    return doc;
}

std::vector<InputError> errors_of(const json& doc, const fs::path& base = {}) {
    try {
        (void)load_problem(doc, base);
    } catch (const InputErrors& e) {
        return e.errors();
    }
    return {};
}

}  // namespace

TEST_CASE("a problem with travel kind \"roads\" gets the road matrix and writes back as it was") {
    const Problem p = load_problem(monaco_problem(monaco_dir.string()), {});
    REQUIRE(std::holds_alternative<RoadTravel>(p.travel_source));
    CHECK(std::get<RoadTravel>(p.travel_source).max_snap_m == 300);
    REQUIRE(p.locations.size() == 3);

    // The same tables as snapping and routing by hand.
    const RoadNetwork net = load_road_network(monaco_dir);
    const RoadSnapper snapper(net);
    std::vector<LatLon> points;
    for (const auto& l : p.locations) points.push_back(std::get<LatLon>(l.coordinates));
    const RoadMatrix m = road_matrix(net, snapper.snap(points, 300).nodes());
    CHECK(p.travel == to_travel_tables(m));
    CHECK(p.travel_time(0, 1) > seconds(0));
    CHECK(p.travel_distance(0, 2) > metres(300));

    const json written = problem_to_json(p);
    CHECK(written["travel"] == json({{"kind", "roads"}, {"path", monaco_dir.string()}, {"max_snap_m", 300.0}}));
    // Read back, the road travel is recomputed: the same times between the same places.
    const Problem again = load_problem(written, {});
    CHECK(again.travel_source == p.travel_source);
    const auto& j = p.jobs;
    const auto& k = again.jobs;
    CHECK(again.travel_time(k[0].location, k[1].location) == p.travel_time(j[0].location, j[1].location));
    CHECK(again.travel_time(k[1].location, k[0].location) == p.travel_time(j[1].location, j[0].location));
    CHECK(again.travel_distance(again.technicians[0].start_location, k[1].location) ==
          p.travel_distance(p.technicians[0].start_location, j[1].location));
}

TEST_CASE("a relative network path is read against the problem file's directory") {
    test::TempDir dir("problem");
    const fs::path file = dir.path() / "monaco.json";
    std::ofstream(file) << monaco_problem(fs::relative(monaco_dir, dir.path()).string()).dump();
    const Problem p = load_problem(file);
    CHECK(p.travel.time.size() == 3);
}

TEST_CASE("locations off the road network are reported where the file names them") {
    const auto errors = errors_of(monaco_problem(monaco_dir.string(), {43.71, 7.45}));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].path == "travel");
    CHECK(errors[1].path == "jobs[1].location");
    CHECK_THAT(errors[1].message, Catch::Contains("2.9 km from the nearest road node") && Catch::Contains("limit is 300 m"));
}

TEST_CASE("roads travel: unreadable networks and misplaced fields are input errors") {
    auto errors = errors_of(monaco_problem("no/such/network"), "/tmp");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "travel.path");
    CHECK_THAT(errors[0].message, Catch::Contains("no such file or directory"));

    json doc = monaco_problem(monaco_dir.string());
    doc["travel"]["max_snap_m"] = -5;
    errors = errors_of(doc);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].path == "travel.max_snap_m");

    doc = monaco_problem(monaco_dir.string());
    doc["travel"] = {{"kind", "straight_line"}, {"path", "x"}};
    errors = errors_of(doc);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "travel.path");
    CHECK(errors[0].message == "only allowed with kind \"roads\"");

    doc["travel"] = {{"kind", "roads"}};
    errors = errors_of(doc);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].path == "travel.path");
    CHECK(errors[0].message == "missing required field");
}

TEST_CASE("the road provider names cut-off locations; every provider fits the interface") {
    // 0 <-> 1 <-> 2, and 1 -> 3 one-way with no way back.
    std::vector<RoadArcSpec> arcs{{0, 1, {100, 10}}, {1, 0, {100, 10}}, {1, 2, {100, 10}}, {2, 1, {100, 10}}, {1, 3, {100, 10}}};
    const RoadNetwork net = build_road_network({{41, -8}, {41, -7.999}, {41, -7.998}, {41.001, -7.999}}, arcs);
    const RoadSnapper anywhere(net, false);
    const std::vector<Location> locations{{LatLon{41, -8}}, {LatLon{41.001, -7.999}}, {LatLon{41, -7.998}}};
    const RoadNetworkProvider provider(net, anywhere, 100);
    const TravelBuild built = provider.build(locations);
    REQUIRE(built.issues.size() == 1);
    CHECK(built.issues[0].kind == TravelIssue::Kind::unreachable);
    CHECK(built.issues[0].location == 1u);
    CHECK_THAT(built.issues[0].message, Catch::Contains("cannot reach 2 and cannot be reached from 0 of the other 2"));

    // A caller that marks the job unassignable instead of rejecting the problem.
    const auto details = provider.details(locations);
    const TravelTables marked = to_travel_tables(details.matrix, details.reachability.culprits);
    CHECK(marked.time(0, 1) == Duration::infinity());
    CHECK(marked.time(0, 2) == Duration::zero());  // 200 ms rounds to 0 s

    const std::vector<Location> plane{{PlaneXY{0, 0}}};
    CHECK(provider.build(plane).issues[0].kind == TravelIssue::Kind::missing_coordinates);
    CHECK_FALSE(StraightLineProvider{}.build(plane).ok());
    CHECK(EuclideanProvider{}.build(plane).ok());
    CHECK_FALSE(ExplicitMatrixProvider{}.build(plane).ok());
}

}  // namespace test_travel_json
