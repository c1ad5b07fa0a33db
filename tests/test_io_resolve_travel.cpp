// Parsing separate from travel: problem_from_json only parses, and resolve_travel() gives the
// problem its tables from any TravelProvider, here an integrator's own "routing service".
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/resolve_travel.hpp"

namespace test_io_resolve_travel {

using namespace fsd;

namespace {

// One technician with a separate end and two jobs: four locations.
Json straight_line_day() {
    const Json shift = {{"start", "2026-11-23T08:00"}, {"end", "2026-11-23T17:00"}};
    const Json tech = {{"id", "T1"},
                       {"start", {{"lat", 41.15}, {"lon", -8.61}}},
                       {"end", {{"lat", 41.17}, {"lon", -8.63}}},
                       {"shifts", Json::array({shift})}};
    return {{"format", "fsd-problem/1"},
            {"horizon", {{"start_date", "2026-11-23"}, {"days", 1}}},
            {"travel", {{"kind", "straight_line"}, {"speed_kmh", 30}}},
            {"technicians", Json::array({tech})},
            {"jobs", Json::array({Json{{"id", "J1"}, {"location", {{"lat", 41.16}, {"lon", -8.62}}}, {"duration_min", 60}},
                                  Json{{"id", "J2"}, {"location", {{"lat", 41.14}, {"lon", -8.60}}}, {"duration_min", 30}}})}};
}

// What an integrator's routing service might answer: a fixed minute per hop, 500 m per minute,
// and a location it cannot route to. It counts its calls, as a paid service would.
struct RoutingServiceMatrix {
    std::optional<std::size_t> unroutable;
    int* calls = nullptr;

    [[nodiscard]] TravelBuild build(const std::vector<Location>& locations) const {
        ++*calls;
        TravelBuild out;
        if (unroutable) {
            out.issues.push_back({TravelIssue::Kind::unreachable, *unroutable, "the routing service has no route to it"});
            return out;
        }
        const std::size_t n = locations.size();
        out.tables.time = Matrix<Duration>(n);
        out.tables.distance = Matrix<Distance>(n);
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b) {
                out.tables.time(a, b) = seconds(a == b ? 0 : 60);
                out.tables.distance(a, b) = metres(a == b ? 0 : 500);
            }
        return out;
    }
};
static_assert(TravelProvider<RoutingServiceMatrix>);

std::vector<InputError> resolve_errors(Problem& problem, const RoutingServiceMatrix& provider) {
    try {
        resolve_travel(problem, provider);
    } catch (const InputErrors& e) {
        return e.errors();
    }
    return {};
}

}  // namespace

TEST_CASE("problem_from_json only parses: a derived travel kind leaves the tables empty") {
    const Problem p = problem_from_json(straight_line_day());
    CHECK(std::holds_alternative<StraightLineTravel>(p.travel_source));
    CHECK(p.locations.size() == 4);
    CHECK(p.travel.time.size() == 0);
    CHECK(p.travel.distance.size() == 0);
}

TEST_CASE("problem_from_json still reports the document's own defects") {
    Json doc = straight_line_day();
    doc["jobs"][1]["duration_min"] = "long";
    doc["technicians"][0]["shifts"][0]["end"] = "2026-11-23T07:00";
    try {
        (void)problem_from_json(doc);
        FAIL("a bad document parsed");
    } catch (const InputErrors& e) {
        const auto& errors = e.errors();
        CHECK(errors.size() == 2);
        CHECK(errors[0].path == "jobs[1].duration_min");
        CHECK(std::any_of(errors.begin(), errors.end(), [](const InputError& x) { return x.path == "technicians[0].shifts[0]"; }));
    }
}

TEST_CASE("an integrator's provider plugs in without touching the JSON") {
    Problem p = problem_from_json(straight_line_day());
    int calls = 0;
    resolve_travel(p, RoutingServiceMatrix{std::nullopt, &calls});
    CHECK(calls == 1);
    REQUIRE(p.travel.time.size() == 4);
    CHECK(p.travel_time(0, 2) == seconds(60));
    CHECK(p.travel_distance(2, 3) == metres(500));
    // The document's own model would have priced the same hop differently.
    const Problem own = load_problem(straight_line_day(), {});
    CHECK(own.travel_time(0, 2) != seconds(60));
    CHECK(std::holds_alternative<StraightLineTravel>(p.travel_source));
}

TEST_CASE("a provider's issues come back at the JSON field of the location at fault") {
    int calls = 0;
    const std::pair<std::size_t, std::string> where[] = {
        {0, "technicians[0].start"}, {1, "technicians[0].end"}, {2, "jobs[0].location"}, {3, "jobs[1].location"}};
    for (const auto& [location, path] : where) {
        Problem p = problem_from_json(straight_line_day());
        const auto errors = resolve_errors(p, RoutingServiceMatrix{location, &calls});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].path == path);
        CHECK(errors[0].message == "the routing service has no route to it");
        CHECK(p.travel.time.size() == 0);  // nothing stored from a failed build
    }
}

TEST_CASE("tables of the wrong size are a semantic error of the resolved problem") {
    Problem p = problem_from_json(straight_line_day());
    TravelTables three;
    three.time = Matrix<Duration>(3);
    three.distance = Matrix<Distance>(3);
    try {
        apply_travel(p, TravelBuild{three, {}});
        FAIL("a 3x3 matrix was accepted for 4 locations");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "travel");
        CHECK(e.errors()[0].message.find("but there are 4 locations") != std::string::npos);
    }
}

TEST_CASE("load_problem composes parsing and the document's own travel") {
    Problem parsed = problem_from_json(straight_line_day());
    resolve_travel(parsed);
    CHECK(parsed == load_problem(straight_line_day(), {}));
    CHECK(parsed.travel.time.size() == 4);
}

TEST_CASE("location_fields names a hand-built problem's locations as the JSON format would") {
    Problem p;
    p.locations.resize(4);
    Technician t;
    t.start_location = 1;
    t.end_location = 1;
    p.technicians = {t};
    Job j;
    j.location = 2;
    p.jobs = {j, j};
    const std::vector<std::string> expected = {"locations[0]", "technicians[0].start", "jobs[0].location", "locations[3]"};
    CHECK(location_fields(p) == expected);
}

}  // namespace test_io_resolve_travel
