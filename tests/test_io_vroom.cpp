// VROOM-format input and output: the shapes of VROOM's docs/API.md (written here from the public
// description), what maps to what, what is rejected with which JSON path, and plans that survive
// the trip to VROOM's solution shape and back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "fsd/io/vroom.hpp"
#include "fsd/solver/solve.hpp"

namespace test_io_vroom {

using namespace fsd;

namespace {

// The custom-matrix example of VROOM's API description: one vehicle from index 0 to index 3, two
// jobs, no time windows.
Json matrix_example() {
    return Json::parse(R"({
      "vehicles": [{"id": 0, "start_index": 0, "end_index": 3}],
      "jobs": [{"id": 1414, "location_index": 1}, {"id": 1515, "location_index": 2}],
      "matrices": {"car": {"durations": [[0, 2104, 197, 1299], [2103, 0, 2255, 3152], [197, 2256, 0, 1102], [1299, 3153, 1102, 0]]}}
    })");
}

// Vehicles with windows, skills, capacity and a break; jobs with service, priority, windows and
// deliveries; coordinates next to the matrix indices.
Json field_example() {
    return Json::parse(R"({
      "vehicles": [
        {"id": 7, "description": "van 7", "start": [-8.61, 41.15], "start_index": 0, "end_index": 0, "skills": [1, 2],
         "capacity": [5], "time_window": [28800, 61200],
         "breaks": [{"id": 70, "description": "lunch", "time_windows": [[43200, 46800]], "service": 1800}]},
        {"id": 8, "start_index": 0, "end_index": 0, "skills": [1], "capacity": [5], "time_window": [28800, 61200]}
      ],
      "jobs": [
        {"id": 1, "location": [-8.62, 41.16], "location_index": 1, "service": 3600, "skills": [2], "delivery": [2],
         "time_windows": [[28800, 36000]], "priority": 10},
        {"id": 2, "location_index": 2, "service": 1800, "skills": [1], "delivery": [1], "time_windows": [[36000, 43200], [50400, 57600]]},
        {"id": 3, "location_index": 3, "service": 600, "skills": [3], "priority": 100}
      ],
      "matrices": {"car": {"durations": [[0, 600, 900, 1200], [600, 0, 700, 800], [900, 700, 0, 500], [1200, 800, 500, 0]],
                            "distances": [[0, 5000, 7000, 9000], [5000, 0, 6000, 6500], [7000, 6000, 0, 4000], [9000, 6500, 4000, 0]]}}
    })");
}

std::vector<std::string> error_paths(const Json& doc) {
    try {
        problem_from_vroom(doc);
    } catch (const InputErrors& e) {
        std::vector<std::string> paths;
        for (const auto& err : e.errors()) paths.push_back(err.path);
        return paths;
    }
    return {};
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

Plan solve_quickly(const Problem& p) {
    solver::SolverParams params;
    params.time_limit_seconds = 5;
    params.max_iterations = 2000;
    return solver::solve(p, params).plan;
}

}  // namespace

TEST_CASE("the custom-matrix example of VROOM's docs reads into one technician and two jobs", "[vroom]") {
    const VroomProblem in = problem_from_vroom(matrix_example());
    const Problem& p = in.problem;
    REQUIRE(p.technicians.size() == 1);
    REQUIRE(p.jobs.size() == 2);
    CHECK(p.technicians[0].id == "0");
    CHECK(p.technicians[0].start_location == 0);
    CHECK(p.technicians[0].end_location == 3);
    CHECK(p.jobs[1].id == "1515");
    CHECK(p.jobs[1].location == 2);
    CHECK(p.travel_time(1, 2) == Duration(2255));
    CHECK(p.jobs[0].duration == DurationQuantiles::fixed(Duration::zero()));
    CHECK(p.jobs[0].time_windows.empty());
    CHECK(!in.context.has_distances);
}

TEST_CASE("a plan written in VROOM's solution shape has the documented numbers", "[vroom]") {
    const VroomProblem in = problem_from_vroom(matrix_example());
    Plan plan;
    plan.routes.push_back(Route{.technician = 0, .stops = {Stop::job(0), Stop::job(1)}});
    const Json out = plan_to_vroom(in.problem, evaluate(in.problem, plan), &in.context);

    CHECK(out["code"] == 0);
    CHECK(out["summary"]["cost"] == 5461);
    CHECK(out["summary"]["duration"] == 5461);
    CHECK(out["summary"]["routes"] == 1);
    CHECK(out["summary"]["unassigned"] == 0);
    CHECK(out["summary"]["violations"] == Json::array());
    CHECK(!out["summary"].contains("distance"));
    const Json& route = out["routes"][0];
    CHECK(route["vehicle"] == 0);
    REQUIRE(route["steps"].size() == 4);
    const std::vector<std::string> types{"start", "job", "job", "end"};
    const std::vector<int> arrivals{0, 2104, 4359, 5461};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(route["steps"][i]["type"] == types[i]);
        CHECK(route["steps"][i]["arrival"] == arrivals[i]);
        CHECK(route["steps"][i]["duration"] == arrivals[i]);  // no service: arrival is the travel so far
    }
    CHECK(route["steps"][1]["id"] == 1414);
    CHECK(route["steps"][2]["location_index"] == 2);
    CHECK(route["steps"][3]["location_index"] == 3);
}

TEST_CASE("vehicles, breaks, skills, capacity, priorities and windows map onto fsd", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Problem& p = in.problem;
    const Technician& van = p.technicians[0];
    CHECK(van.name == "van 7");
    CHECK(van.capacity == 5);
    REQUIRE(van.shifts.size() == 1);
    CHECK(van.shifts[0].span == TimeWindow{TimePoint(28800), TimePoint(61200)});
    REQUIRE(van.shifts[0].breaks.size() == 1);
    CHECK(van.shifts[0].breaks[0].length == Duration(1800));
    CHECK(van.shifts[0].breaks[0].window == TimeWindow{TimePoint(43200), TimePoint(46800)});
    CHECK(in.context.break_ids[0] == std::vector<std::int64_t>{70});
    CHECK(p.catalog.skills == std::vector<std::string>{"1", "2", "3"});
    CHECK(p.jobs[0].duration.p75 == Duration(3600));
    CHECK(p.jobs[0].demand == 2);
    CHECK(p.jobs[1].time_windows.size() == 2);
    CHECK(p.jobs[0].priority == 11);  // VROOM 10, shifted into fsd's 1..100
    CHECK(p.jobs[2].priority == 100);
    CHECK(in.context.job_priority == std::vector<int>{10, 0, 100});
    CHECK(std::get<LatLon>(p.locations[1].coordinates) == LatLon{41.16, -8.62});
    CHECK(std::holds_alternative<std::monostate>(p.locations[2].coordinates));
    CHECK(!p.horizon.start_date);  // relative times stay relative
}

TEST_CASE("a solved VROOM problem leaves out the job nobody is skilled for, and says why", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    REQUIRE(ev.feasible());
    const Json out = plan_to_vroom(in.problem, ev, &in.context);
    REQUIRE(out["unassigned"].size() == 1);
    CHECK(out["unassigned"][0]["id"] == 3);
    CHECK(out["unassigned"][0]["type"] == "job");
    CHECK(out["unassigned"][0]["x-fsd-reason"] == "no_qualified_technician");
    CHECK(out["summary"]["unassigned"] == 1);
    CHECK(out["summary"]["priority"] == 10);  // VROOM's own priorities of the served jobs
    CHECK(out["summary"]["delivery"] == Json::array({3}));
    // Job 1 needs skill 2, which only vehicle 7 has.
    bool served_by_7 = false;
    for (const auto& r : out["routes"])
        for (const auto& s : r["steps"])
            served_by_7 = served_by_7 || (r["vehicle"] == 7 && s.value("id", Json()) == 1 && s["type"] == "job");
    CHECK(served_by_7);
}

TEST_CASE("route and summary totals add up, and loads fall as deliveries are made", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Json out = plan_to_vroom(in.problem, evaluate(in.problem, solve_quickly(in.problem)), &in.context);
    std::int64_t cost = 0, service = 0, distance = 0;
    for (const auto& r : out["routes"]) {
        cost += r["cost"].get<std::int64_t>();
        service += r["service"].get<std::int64_t>();
        distance += r["distance"].get<std::int64_t>();
        const auto& steps = r["steps"];
        CHECK(steps.front()["type"] == "start");
        CHECK(steps.back()["type"] == "end");
        CHECK(steps.back()["duration"] == r["duration"]);
        CHECK(steps.front()["load"] == r["delivery"]);  // everything to deliver is on board at the start
        CHECK(steps.back()["load"] == Json::array({0}));
        for (std::size_t i = 1; i < steps.size(); ++i) {
            CHECK(steps[i]["arrival"].get<std::int64_t>() >= steps[i - 1]["arrival"].get<std::int64_t>());
            CHECK(steps[i]["load"][0].get<std::int64_t>() <= steps[i - 1]["load"][0].get<std::int64_t>());
        }
    }
    CHECK(out["summary"]["cost"] == cost);
    CHECK(out["summary"]["service"] == service);
    CHECK(out["summary"]["distance"] == distance);
}

TEST_CASE("a plan survives the trip to VROOM's solution shape and back", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    const Plan back = plan_from_vroom(plan_to_vroom(in.problem, ev, &in.context), in.problem, in.context);
    const Evaluation again = evaluate(in.problem, back);
    CHECK(again.feasible());
    REQUIRE(again.schedule.routes.size() == ev.schedule.routes.size());
    for (std::size_t r = 0; r < ev.schedule.routes.size(); ++r) CHECK(again.schedule.routes[r].stops == ev.schedule.routes[r].stops);
    REQUIRE(back.unassigned.size() == 1);
    CHECK(back.unassigned[0].reason == UnassignedReason::no_qualified_technician);
    CHECK(again.kpis.cost == ev.kpis.cost);
}

TEST_CASE("a VROOM solution with a start or end step out of place, or an error code, is refused at its path", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    const auto errors_of = [&](const auto& edit) {
        auto doc = plan_to_vroom(in.problem, ev, &in.context);
        edit(doc);
        try {
            (void)plan_from_vroom(doc, in.problem, in.context);
        } catch (const InputErrors& e) {
            return e.errors();
        }
        return std::vector<InputError>{};
    };
    const auto at = [](const std::vector<InputError>& errors, const std::string& path) {
        return std::any_of(errors.begin(), errors.end(), [&](const InputError& e) { return e.path == path; });
    };
    CHECK(errors_of([](auto&) {}).empty());
    CHECK(at(errors_of([](auto& doc) {
                 auto& steps = doc["routes"][0]["steps"];
                 steps.insert(steps.begin() + 1, steps.back());
             }),
             "routes[0].steps[1].type"));
    CHECK(at(errors_of([](auto& doc) {
                 auto& steps = doc["routes"][0]["steps"];
                 steps.push_back(steps.front());
             }),
             "routes[0].steps[" + std::to_string(ev.schedule.routes[0].stops.size() + 2) + "].type"));
    CHECK(at(errors_of([](auto& doc) { doc["code"] = 2; }), "code"));
}

TEST_CASE("each defect of a VROOM file is one error, at the field at fault", "[vroom]") {
    const auto errors_of = [](const Json& doc) {
        try {
            problem_from_vroom(doc);
        } catch (const InputErrors& e) {
            return e.errors();
        }
        return std::vector<InputError>{};
    };
    SECTION("a window far from the others: its own path, and the other end's") {
        Json doc = field_example();
        doc["jobs"][1]["time_windows"][1] = {1'764'000'000, 1'764'003'600};  // a Unix timestamp among relative times
        const auto errors = errors_of(doc);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].path == "jobs[1].time_windows[1]");
        CHECK(errors[0].message.find("vehicles[0].time_window") != std::string::npos);
    }
    SECTION("a matrix row left out: one error for the matrix, none for the rows or the distances") {
        Json doc = field_example();
        doc["matrices"]["car"]["durations"].erase(3);
        const auto errors = errors_of(doc);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].path == "matrices.car.durations");
        CHECK(errors[0].message.find("has 3 rows of 4") != std::string::npos);
    }
    SECTION("a bad start index is not also reported missing") {
        Json doc = field_example();
        doc["vehicles"][1]["start_index"] = 99;
        doc["vehicles"][1]["end_index"] = "0";
        const auto errors = errors_of(doc);
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].path == "vehicles[1].start_index");
        CHECK(errors[1].path == "vehicles[1].end_index");
    }
    SECTION("an id written too long for any integer type is out of range; a repeated skill is named by position") {
        Json doc = field_example();
        doc["vehicles"][1]["id"] = Json::parse("1180591620717411303424");
        auto errors = errors_of(doc);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == "vehicles[1].id: is out of range");
        doc = field_example();
        doc["vehicles"][0]["skills"] = {1, 1};
        errors = errors_of(doc);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == "vehicles[0].skills[1]: the same skill as entry 0 of the list: list each once");
    }
}

TEST_CASE("a VROOM solution's negative times are refused, and a plan's stops are named as its steps", "[vroom]") {
    const VroomProblem in = problem_from_vroom(field_example());
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    const Json good = plan_to_vroom(in.problem, ev, &in.context);
    for (const char* key : {"arrival", "waiting_time"}) {
        Json doc = good;
        doc["routes"][0]["steps"][1][key] = -5;
        try {
            (void)plan_from_vroom(doc, in.problem, in.context);
            FAIL("accepted a negative " << key);
        } catch (const InputErrors& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].path == std::string("routes[0].steps[1].") + key);
        }
    }
    // Steps: start, then the stops, then end; stop i is step i + 1.
    const std::size_t stops = ev.schedule.routes[0].stops.size();
    REQUIRE(stops >= 1);
    CHECK(vroom_solution_path(good, "routes[0].stops[0]") == "routes[0].steps[1]");
    CHECK(vroom_solution_path(good, "routes[0].stops[" + std::to_string(stops - 1) + "].start") ==
          "routes[0].steps[" + std::to_string(stops) + "].start");
    CHECK(vroom_solution_path(good, "routes[0]") == "routes[0]");
    CHECK(vroom_solution_path(good, "unassigned[0]") == "unassigned[0]");
}

TEST_CASE("VROOM ids use the whole unsigned 64-bit range, and come back as they were", "[vroom]") {
    Json doc = field_example();
    doc["jobs"][0]["id"] = std::numeric_limits<std::uint64_t>::max();
    const VroomProblem in = problem_from_vroom(doc);
    CHECK(in.problem.jobs[0].id == "18446744073709551615");
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    const Json out = plan_to_vroom(in.problem, ev, &in.context);
    CHECK(out.dump().find("18446744073709551615") != std::string::npos);
    const Evaluation again = evaluate(in.problem, plan_from_vroom(out, in.problem, in.context));
    CHECK(again.kpis.jobs_assigned == ev.kpis.jobs_assigned);
    // A break id or window above int64 is out of range, not "negative".
    doc["vehicles"][0]["breaks"][0]["id"] = std::numeric_limits<std::uint64_t>::max();
    CHECK(has(error_paths(doc), "vehicles[0].breaks[0].id"));
}

TEST_CASE("absolute timestamps keep their date and come back absolute", "[vroom]") {
    Json doc = matrix_example();
    const std::int64_t monday_8am = 1795392000 + 8 * 3600;  // 2026-11-23T08:00Z
    doc["vehicles"][0]["time_window"] = {monday_8am, monday_8am + 9 * 3600};
    doc["jobs"][0]["time_windows"] = Json::array({Json::array({monday_8am + 3600, monday_8am + 7200})});
    const VroomProblem in = problem_from_vroom(doc);
    REQUIRE(in.problem.horizon.start_date);
    CHECK(format_date(*in.problem.horizon.start_date) == "2026-11-23");
    CHECK(in.problem.technicians[0].shifts[0].span.start == TimePoint(8 * 3600));
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    REQUIRE(ev.feasible());
    const Json out = plan_to_vroom(in.problem, ev, &in.context);
    const auto& steps = out["routes"][0]["steps"];
    CHECK(steps[0]["arrival"].get<std::int64_t>() >= monday_8am);
    for (const auto& s : steps)
        if (s.value("id", Json()) == 1414)
            CHECK(s["arrival"].get<std::int64_t>() + s["waiting_time"].get<std::int64_t>() >= monday_8am + 3600);
}

TEST_CASE("what fsd cannot honour is rejected at its JSON path", "[vroom]") {
    SECTION("shipments, the deprecated matrix and unknown keys") {
        Json doc = matrix_example();
        doc["shipments"] = Json::array({Json::object()});
        doc["matrix"] = Json::array();
        doc["jobs"][0]["colour"] = "red";
        const auto paths = error_paths(doc);
        CHECK(has(paths, "shipments[0]"));
        CHECK(has(paths, "matrix"));
        CHECK(has(paths, "jobs[0].colour"));
    }
    SECTION("open routes, vehicle limits and costs") {
        Json doc = matrix_example();
        doc["vehicles"][0].erase("end_index");
        doc["vehicles"][0]["max_tasks"] = 3;
        doc["vehicles"][0]["costs"] = {{"fixed", 100}};
        doc["vehicles"][0]["speed_factor"] = 1.5;
        doc["vehicles"][0]["capacity"] = {5, 3};
        const auto paths = error_paths(doc);
        CHECK(has(paths, "vehicles[0].end_index"));
        CHECK(has(paths, "vehicles[0].max_tasks"));
        CHECK(has(paths, "vehicles[0].costs"));
        CHECK(has(paths, "vehicles[0].speed_factor"));
        CHECK(has(paths, "vehicles[0].capacity"));
    }
    SECTION("breaks with several windows or a load limit") {
        Json doc = matrix_example();
        doc["vehicles"][0]["breaks"] = Json::parse(R"([{"id": 1, "time_windows": [[0, 10], [20, 30]], "max_load": [3]}])");
        const auto paths = error_paths(doc);
        CHECK(has(paths, "vehicles[0].breaks[0].time_windows"));
        CHECK(has(paths, "vehicles[0].breaks[0].max_load"));
    }
    SECTION("a break its vehicle's time window cannot take") {
        Json doc = field_example();
        doc["vehicles"][0]["breaks"][0]["time_windows"] = Json::parse("[[64800, 66600]]");  // 18:00, after the 17:00 end
        CHECK(has(error_paths(doc), "vehicles[0].breaks[0].time_windows"));
    }
    SECTION("setup times, per-type durations, mixed deliveries and pickups") {
        Json doc = matrix_example();
        doc["jobs"][0]["setup"] = 60;
        doc["jobs"][0]["service_per_type"] = {{"van", 10}};
        doc["jobs"][0]["delivery"] = {1};
        doc["jobs"][1]["pickup"] = {2};
        const auto paths = error_paths(doc);
        CHECK(has(paths, "jobs[0].setup"));
        CHECK(has(paths, "jobs[0].service_per_type"));
        CHECK(has(paths, "jobs[1].pickup"));
    }
    SECTION("several profiles, a matrix for nobody, a cost matrix") {
        Json doc = matrix_example();
        doc["vehicles"].push_back({{"id", 1}, {"profile", "bike"}, {"start_index", 0}, {"end_index", 0}});
        doc["matrices"]["truck"] = {{"durations", Json::array({Json::array({0})})}};
        doc["matrices"]["car"]["costs"] = doc["matrices"]["car"]["durations"];
        const auto paths = error_paths(doc);
        CHECK(has(paths, "vehicles[1].profile"));
        CHECK(has(paths, "matrices.truck"));
        CHECK(has(paths, "matrices.car.costs"));
    }
    SECTION("no matrices: fsd calls no routing engine") {
        Json doc = matrix_example();
        doc.erase("matrices");
        CHECK(error_paths(doc) == std::vector<std::string>{"matrices"});
    }
    SECTION("bad values") {
        Json doc = matrix_example();
        doc["jobs"][0]["location_index"] = 9;
        doc["jobs"][1]["priority"] = 101;
        doc["jobs"][1]["time_windows"] = Json::parse("[[50, 10]]");
        doc["matrices"]["car"]["durations"][1][2] = -5;
        doc["jobs"].push_back({{"id", 1414}, {"location_index", 1}});
        const auto paths = error_paths(doc);
        CHECK(has(paths, "jobs[0].location_index"));
        CHECK(has(paths, "jobs[1].priority"));
        CHECK(has(paths, "jobs[1].time_windows[0]"));
        CHECK(has(paths, "matrices.car.durations[1][2]"));
    }
    SECTION("duplicate ids are reported at the VROOM path") {
        Json doc = matrix_example();
        doc["jobs"].push_back({{"id", 1414}, {"location_index", 1}});
        CHECK(error_paths(doc) == std::vector<std::string>{"jobs[2].id"});
    }
}

TEST_CASE("an fsd-format problem can be written in VROOM's shape: numeric ids as integers", "[vroom]") {
    VroomProblem in = problem_from_vroom(field_example());
    in.problem.technicians[1].id = "T-east";
    const Json out = plan_to_vroom(in.problem, evaluate(in.problem, solve_quickly(in.problem)));
    for (const auto& r : out["routes"]) CHECK((r["vehicle"] == 7 || r["vehicle"] == "T-east"));
    CHECK(out["unassigned"][0]["id"] == 3);
}

TEST_CASE("the VROOM example in examples/data plans feasibly", "[vroom]") {
    const VroomProblem in = load_vroom_problem(std::string(FSD_SOURCE_DIR) + "/examples/data/vroom-example.json");
    CHECK(in.problem.technicians.size() == 3);
    CHECK(in.problem.jobs.size() == 11);
    const Evaluation ev = evaluate(in.problem, solve_quickly(in.problem));
    CHECK(ev.feasible());
    REQUIRE(ev.schedule.unassigned.size() == 1);
    CHECK(in.problem.jobs[ev.schedule.unassigned[0].job].id == "111");
}

}  // namespace test_io_vroom
