// The JSON boundary: lossless round trips, and every kind of bad input reported with its path.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/json/file.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/warnings.hpp"
#include "fsd/scenario/generator.hpp"

namespace test_io_json {

using namespace fsd;

namespace {

Json minimal_problem() {
    return Json::parse(R"({
      "format": "fsd-problem/1",
      "horizon": {"start_date": "2026-11-23", "days": 1},
      "catalog": {"skills": ["hvac"], "certifications": ["gas-safe"], "equipment": ["ladder"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30},
      "technicians": [
        {"id": "T1", "skills": [{"name": "hvac", "level": 2}], "certifications": ["gas-safe"],
         "start": {"lat": 41.15, "lon": -8.61},
         "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00",
                     "breaks": [{"duration_min": 30, "window": {"start": "2026-11-23T12:00", "end": "2026-11-23T14:00"}}]}]}
      ],
      "jobs": [
        {"id": "J1", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"], "duration_min": 60,
         "time_windows": [{"start": "2026-11-23T09:00", "end": "2026-11-23T12:00"}]},
        {"id": "J2", "location": {"lat": 41.14, "lon": -8.60}, "duration_min": {"p50": 30, "p75": 40, "p90": 55}}
      ]
    })");
}

std::vector<InputError> errors_of(const Json& doc) {
    try {
        load_problem(doc, {});
    } catch (const InputErrors& e) {
        return e.errors();
    }
    return {};
}

// The errors reading `doc` as a plan of `p` gives; none when it reads.
std::vector<InputError> plan_errors(const Json& doc, const Problem& p) {
    try {
        plan_from_json(doc, p);
    } catch (const InputErrors& e) {
        return e.errors();
    }
    return {};
}

bool has_error(const std::vector<InputError>& errs, const std::string& path, const std::string& fragment = "") {
    return std::any_of(errs.begin(), errs.end(),
                       [&](const InputError& e) { return e.path == path && e.message.find(fragment) != std::string::npos; });
}

}  // namespace

TEST_CASE("a minimal problem reads with local times, quantiles and breaks") {
    const Problem p = load_problem(minimal_problem(), {});
    REQUIRE(p.technicians.size() == 1);
    REQUIRE(p.jobs.size() == 2);
    CHECK(p.technicians[0].shifts[0].span.start == TimePoint(8 * 3600));
    CHECK(p.technicians[0].shifts[0].breaks[0].length == minutes(30));
    CHECK(p.jobs[0].time_windows[0].end == TimePoint(12 * 3600));
    CHECK(p.jobs[1].duration.p90 == minutes(55));
    CHECK(p.travel.time.size() == p.locations.size());
    CHECK(p.travel.time(0, 1) > Duration::zero());
}

TEST_CASE("generated problems survive a JSON round trip unchanged") {
    for (std::uint64_t seed : {1, 2, 3}) {
        ScenarioOptions o;
        o.seed = seed;
        o.days = seed == 3 ? 3 : 1;
        const Problem p = generate_scenario(o);
        const Problem back = load_problem(Json::parse(problem_to_json(p).dump()), {});
        CHECK(back == p);
    }
}

TEST_CASE("a shift's on_the_clock round-trips, is written only when set, and must be a boolean") {
    Json doc = minimal_problem();
    doc["technicians"][0]["shifts"][0]["on_the_clock"] = true;
    const Problem p = load_problem(doc, {});
    CHECK(p.technicians[0].shifts[0].on_the_clock);
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    CHECK_FALSE(problem_to_json(load_problem(minimal_problem(), {}))["technicians"][0]["shifts"][0].contains("on_the_clock"));
    doc["technicians"][0]["shifts"][0]["on_the_clock"] = "yes";
    CHECK(has_error(errors_of(doc), "technicians[0].shifts[0].on_the_clock"));
}

TEST_CASE("a job's cancelled_at round-trips, is written only when set, and must be a time") {
    Json doc = minimal_problem();
    doc["jobs"][1]["cancelled_at"] = "2026-11-23T09:10";
    const Problem p = load_problem(doc, {});
    CHECK(p.jobs[1].cancelled_at == TimePoint(9 * 3600 + 10 * 60));
    CHECK_FALSE(p.jobs[0].cancelled_at);
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    CHECK_FALSE(problem_to_json(p)["jobs"][0].contains("cancelled_at"));
    doc["jobs"][1]["cancelled_at"] = "soon";
    CHECK(has_error(errors_of(doc), "jobs[1].cancelled_at"));
}

TEST_CASE("objective.pooled_route_jobs round-trips, is written only when set, and must be 1 to 1000") {
    Json doc = minimal_problem();
    doc["objective"] = {{"pooled_route_jobs", 3.5}};
    const Problem p = load_problem(doc, {});
    CHECK(p.objective.pooled_route_jobs == 3.5);
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    CHECK_FALSE(problem_to_json(load_problem(minimal_problem(), {}))["objective"].contains("pooled_route_jobs"));
    doc["objective"]["pooled_route_jobs"] = 0.5;
    CHECK(has_error(errors_of(doc), "objective.pooled_route_jobs", "from 1 to 1000"));
}

TEST_CASE("objective.return_buffer round-trips, is written only when set, and must be a quantile or \"none\"") {
    Json doc = minimal_problem();
    doc["objective"] = {{"return_buffer", "p75"}};
    const Problem p = load_problem(doc, {});
    REQUIRE(p.objective.return_buffer);
    CHECK(*p.objective.return_buffer == Quantile::p75);
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    CHECK_FALSE(problem_to_json(load_problem(minimal_problem(), {}))["objective"].contains("return_buffer"));
    doc["objective"]["return_buffer"] = "none";
    CHECK_FALSE(load_problem(doc, {}).objective.return_buffer);
    doc["objective"]["return_buffer"] = "p80";
    CHECK(has_error(errors_of(doc), "objective.return_buffer", "expected \"p50\", \"p75\" or \"p90\""));
}

TEST_CASE("promised.earliest round-trips, opens the job early at a promise's price, and needs a promised window") {
    Json doc = minimal_problem();
    doc["jobs"][0]["promised"] = {{"window", {{"start", "2026-11-23T11:00"}, {"end", "2026-11-23T11:45"}}},
                                  {"earliest", "2026-11-23T09:30"}};
    const Problem p = load_problem(doc, {});
    const Job& job = p.jobs[0];
    REQUIRE(job.promised_earliest);
    CHECK(*job.promised_earliest == TimePoint(9 * 3600 + 30 * 60));
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    // Service may open at 09:30 instead of 11:00; a start before 11:00 is a promise missed.
    CHECK(service_opening(job, job.time_windows[0]) == TimePoint(9 * 3600 + 30 * 60));
    Job told_only = job;
    told_only.promised_earliest.reset();
    CHECK(service_opening(told_only, job.time_windows[0]) == TimePoint(11 * 3600));
    CHECK(job_time_cost(p, job).at(TimePoint(10 * 3600)) == money(p.objective.promise_miss));
    CHECK(job_time_cost(p, job).at(TimePoint(11 * 3600 + 10 * 60)) == Cost::zero());
    doc["jobs"][0]["promised"].erase("window");
    CHECK(has_error(errors_of(doc), "jobs[0].promised.earliest", "promised window"));
}

TEST_CASE("promised.retold round-trips, makes each broken promise dearer, and must be a count") {
    Json doc = minimal_problem();
    doc["jobs"][0]["promised"] = {{"window", {{"start", "2026-11-23T11:00"}, {"end", "2026-11-23T11:45"}}}, {"retold", 2}};
    doc["objective"] = {{"promise_miss_per_retell", 12.5}};  // off by default
    const Problem p = load_problem(doc, {});
    const Job& job = p.jobs[0];
    CHECK(job.times_retold == 2);
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
    // Broken a third time: the first break's price and two more (promise_miss_per_retell).
    const ObjectiveWeights& o = p.objective;
    CHECK(job_time_cost(p, job).at(TimePoint(12 * 3600)) ==
          money(o.promise_miss + 2 * o.promise_miss_per_retell) + Cost(per_second(o.promise_late_per_minute) * 15 * 60));
    CHECK(job_time_cost(p, job).at(TimePoint(11 * 3600 + 10 * 60)) == Cost::zero());
    // The count outlives the promise: a customer told the job cannot be served was re-told too.
    Problem no_promise = p;
    no_promise.jobs[0].promised_window.reset();
    CHECK(load_problem(Json::parse(problem_to_json(no_promise).dump()), {}) == no_promise);
    CHECK(o.promise_miss_per_retell == 12.5);
    CHECK(load_problem(minimal_problem(), {}).objective.promise_miss_per_retell == 0);
    doc["jobs"][0]["promised"]["retold"] = -1;
    CHECK(has_error(errors_of(doc), "jobs[0].promised.retold", "count of re-tells"));
    doc["jobs"][0]["promised"]["retold"] = 1.5;
    CHECK(has_error(errors_of(doc), "jobs[0].promised.retold", ""));
}

TEST_CASE("an explicit matrix problem round-trips and keeps matrix indices") {
    Json doc = minimal_problem();
    doc["travel"] = Json::parse(R"({"kind": "matrix", "time_s": [[0, 600, 700], [610, 0, 300], [720, 310, 0]],
                                   "distance_m": [[0, 5000, 6000], [5100, 0, 2000], [6100, 2100, 0]]})");
    doc["technicians"][0]["start"] = Json::parse(R"({"matrix_index": 0})");
    doc["jobs"][0]["location"] = Json::parse(R"({"matrix_index": 2, "lat": 41.16, "lon": -8.62})");
    doc["jobs"][1]["location"] = Json::parse(R"({"matrix_index": 1})");
    const Problem p = load_problem(doc, {});
    CHECK(p.travel_time(p.technicians[0].start_location, p.jobs[0].location) == seconds(700));
    CHECK(p.travel_distance(p.jobs[1].location, p.jobs[0].location) == metres(2000));
    CHECK(load_problem(Json::parse(problem_to_json(p).dump()), {}) == p);
}

TEST_CASE("plans round-trip through JSON with their stated times") {
    const Problem p = load_problem(minimal_problem(), {});
    Plan plan;
    Route r;
    r.technician = 0;
    r.stops = {Stop::job(0), Stop::rest(0), Stop::job(1)};
    r.stops[0].start = TimePoint(9 * 3600 + 300);
    plan.routes.push_back(r);
    const Plan back = plan_from_json(Json::parse(plan_to_json(p, plan).dump()), p);
    REQUIRE(back.routes.size() == 1);
    CHECK(back.routes[0].stops[0].start == TimePoint(9 * 3600 + 300));
    CHECK(back.routes[0].stops[1].kind == StopKind::break_time);
    CHECK(back.routes[0].stops[2].index == 1);
}

TEST_CASE("a plan's stated times stay within a year of the horizon, a stop is a job or a break, and the plan is of this problem") {
    Problem p = load_problem(minimal_problem(), {});
    p.name = "minimal";
    Plan plan;
    Route r;
    r.technician = 0;
    r.stops = {Stop::job(0), Stop::rest(0), Stop::job(1)};
    plan.routes.push_back(r);
    const Json good = plan_to_json(p, plan);
    auto errors_of_plan = [&p](const Json& doc) { return plan_errors(doc, p); };
    REQUIRE(errors_of_plan(good).empty());
    Json far = good;
    far["routes"][0]["stops"][0]["start"] = std::int64_t{1} << 62;
    far["routes"][0]["departure"] = std::numeric_limits<std::int64_t>::max();
    CHECK(has_error(errors_of_plan(far), "routes[0].stops[0].start", "more than a year outside"));
    CHECK(has_error(errors_of_plan(far), "routes[0].departure", "more than a year outside"));
    Json both = good;
    both["routes"][0]["stops"][1]["job"] = "J1";
    CHECK(has_error(errors_of_plan(both), "routes[0].stops[1]", "a job or a break, not both"));
    Json other = good;
    other["problem"] = "another-day";
    CHECK(has_error(errors_of_plan(other), "problem", "the plan is for problem \"another-day\""));
}

TEST_CASE("stops as reported and set out for round-trip, and a stop as reported states its start and end in order") {
    const Problem p = load_problem(minimal_problem(), {});
    Plan plan;
    Route r;
    r.technician = 0;
    r.stops = {Stop::job(0), Stop::rest(0), Stop::job(1)};
    r.stops[0].start = TimePoint(9 * 3600);
    r.stops[0].end = TimePoint(9 * 3600 + 1500);
    r.stops[0].as_reported = true;
    r.stops[2].arrival = TimePoint(10 * 3600);
    r.stops[2].set_out = true;
    plan.routes.push_back(r);
    const Json good = plan_to_json(p, plan);
    const Plan back = plan_from_json(Json::parse(good.dump()), p);
    REQUIRE(back.routes.size() == 1);
    CHECK(back.routes[0].stops[0].as_reported);
    CHECK(back.routes[0].stops[0].end == TimePoint(9 * 3600 + 1500));
    CHECK(!back.routes[0].stops[1].as_reported);
    CHECK(back.routes[0].stops[2].set_out);
    CHECK(back.routes[0].stops[2].arrival == TimePoint(10 * 3600));
    CHECK(!good["routes"][0]["stops"][1].contains("as_reported"));  // written only when set
    auto errors_of_plan = [&p](const Json& doc) { return plan_errors(doc, p); };
    Json no_end = good;
    no_end["routes"][0]["stops"][0].erase("end");
    CHECK(has_error(errors_of_plan(no_end), "routes[0].stops[0].as_reported", "states its start and its end"));
    Json backwards = good;
    backwards["routes"][0]["stops"][0]["end"] = "2026-11-23T08:59";
    CHECK(has_error(errors_of_plan(backwards), "routes[0].stops[0].end", "before the stop's start"));
    Json break_set_out = good;
    break_set_out["routes"][0]["stops"][1]["set_out"] = true;
    CHECK(has_error(errors_of_plan(break_set_out), "routes[0].stops[1].set_out", "only a job"));
    Json not_bool = good;
    not_bool["routes"][0]["stops"][0]["as_reported"] = "yes";
    CHECK(has_error(errors_of_plan(not_bool), "routes[0].stops[0].as_reported"));
    Json bad_end = good;
    bad_end["routes"][0]["stops"][0]["end"] = "noon";
    CHECK(errors_of_plan(bad_end).size() == 1);  // at the end's own path, not again as a missing end
    CHECK(has_error(errors_of_plan(bad_end), "routes[0].stops[0].end"));
    Json no_arrival = good;
    no_arrival["routes"][0]["stops"][2].erase("arrival");
    CHECK(has_error(errors_of_plan(no_arrival), "routes[0].stops[2].set_out", "states the trip's arrival"));
    Json both = good;
    both["routes"][0]["stops"][0]["set_out"] = true;
    both["routes"][0]["stops"][0]["arrival"] = "2026-11-23T08:50";
    CHECK(has_error(errors_of_plan(both), "routes[0].stops[0].set_out", "no longer being driven to"));
}

TEST_CASE("where a route resumes round-trips, and needs a known door and a time") {
    const Problem p = load_problem(minimal_problem(), {});
    Plan plan;
    Route r;
    r.technician = 0;
    r.stops = {Stop::job(0)};
    r.stops[0].start = TimePoint(9 * 3600);
    r.stops[0].end = TimePoint(9 * 3600 + 1500);
    r.stops[0].as_reported = true;
    r.resumes = Resumption{JobIndex(1), TimePoint(10 * 3600)};
    plan.routes.push_back(r);
    plan.unassigned.push_back({JobIndex(1), UnassignedReason::not_planned, "customer not home"});
    const Json good = plan_to_json(p, plan);
    CHECK(good["routes"][0]["resumes"]["door"] == p.jobs[1].id);
    const Plan back = plan_from_json(Json::parse(good.dump()), p);
    REQUIRE(back.routes.size() == 1);
    CHECK(back.routes[0].resumes == r.resumes);
    CHECK(!plan_to_json(p, Plan{{Route{}}, {}})["routes"][0].contains("resumes"));  // written only when set
    auto errors_of_plan = [&p](const Json& doc) { return plan_errors(doc, p); };
    Json unknown = good;
    unknown["routes"][0]["resumes"]["door"] = "J99";
    CHECK(has_error(errors_of_plan(unknown), "routes[0].resumes.door", "unknown job \"J99\""));
    Json no_time = good;
    no_time["routes"][0]["resumes"].erase("at");
    CHECK(has_error(errors_of_plan(no_time), "routes[0].resumes.at", "is required"));
    Json bad_time = good;
    bad_time["routes"][0]["resumes"]["at"] = "noon";
    CHECK(errors_of_plan(bad_time).size() == 1);
    Json extra = good;
    extra["routes"][0]["resumes"]["why"] = "not home";
    CHECK(has_error(errors_of_plan(extra), "routes[0].resumes.why"));
}

TEST_CASE("values the search's integer arithmetic could not hold are refused at their paths") {
    Json doc = minimal_problem();
    Json& t = doc["technicians"][0];
    t["skills"].push_back(Json::parse(R"({"name": "hvac", "level": 1})"));
    t["cost_per_hour"] = 1e12;
    t["capacity"] = std::int64_t{1} << 62;
    Json& j = doc["jobs"][0];
    j["demand"] = std::int64_t{1} << 62;
    j["reported_at"] = -1'000'000'000'000;
    j["time_windows"][0]["end"] = std::int64_t{1} << 62;
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "technicians[0].skills[1]", "the same skill as entry 0 of the list"));
    CHECK(has_error(errs, "technicians[0].cost_per_hour", "from 0 to 1000000"));
    CHECK(has_error(errs, "technicians[0].capacity", "leave it out for unlimited"));
    CHECK(has_error(errs, "jobs[0].demand", "0 to 1e12"));
    CHECK(has_error(errs, "jobs[0].reported_at", "more than a year outside the horizon"));
    CHECK(has_error(errs, "jobs[0].time_windows[0]", "more than a year after the horizon"));
}

TEST_CASE("structural errors: missing, unknown and wrongly typed fields") {
    Json doc = minimal_problem();
    doc["jobs"][0].erase("location");
    doc["jobs"][1]["colour"] = "red";
    doc["technicians"][0]["cost_per_hour"] = "forty";
    doc["horizon"]["days"] = 1.5;
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "jobs[0].location", "missing required field"));
    CHECK(has_error(errs, "jobs[1].colour", "unknown field"));
    CHECK(has_error(errs, "technicians[0].cost_per_hour", "expected a number"));
    CHECK(has_error(errs, "horizon.days", "expected an integer"));
    CHECK(errs.size() == 4);
}

TEST_CASE("value errors: negative durations, inverted windows, bad coordinates") {
    Json doc = minimal_problem();
    doc["jobs"][0]["duration_min"] = -5;
    doc["jobs"][0]["time_windows"][0] = {{"start", "2026-11-23T11:00"}, {"end", "2026-11-23T09:00"}};
    doc["jobs"][1]["location"] = {{"lat", 95.0}, {"lon", -8.6}};
    doc["jobs"][1]["duration_min"] = {{"p50", 40}, {"p75", 30}, {"p90", 50}};
    doc["technicians"][0]["shifts"][0]["breaks"][0]["window"]["start"] = "2026-11-23T25:00";
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "jobs[0].duration_min", "negative"));
    CHECK(has_error(errs, "jobs[0].time_windows[0]", "end 2026-11-23T09:00 is before start 2026-11-23T11:00"));
    CHECK(has_error(errs, "jobs[1].location.lat", "outside [-90, 90]"));
    CHECK(has_error(errs, "jobs[1].duration_min", "p50 <= p75 <= p90"));
    CHECK(has_error(errs, "technicians[0].shifts[0].breaks[0].window.start", "is not a time"));
}

TEST_CASE("a pinned start must be one the job's windows allow: a pin outside them is named at its path") {
    Json doc = minimal_problem();
    doc["jobs"][0]["pinned"] = {{"start", "2026-11-23T12:38"}};  // J1's only window is 09:00-12:00
    doc["jobs"][1]["pinned"] = {{"start", "2026-11-23T15:00"}};  // J2 has no window: any start
    auto errs = errors_of(doc);
    REQUIRE(errs.size() == 1);
    CHECK(has_error(errs, "jobs[0].pinned.start", "is in none of the job's time windows"));
    doc["jobs"][0]["pinned"] = {{"start", "2026-11-23T12:00"}};  // the window's last moment
    CHECK(errors_of(doc).empty());
}

TEST_CASE("reference errors: duplicate ids, unknown technicians, skills and locations") {
    Json doc = minimal_problem();
    doc["jobs"][1]["id"] = "J1";
    doc["jobs"][0]["preferred_technicians"] = {"T9"};
    doc["jobs"][0]["skills"] = {"welding"};
    doc["jobs"][1]["pinned"] = {{"technician", "T7"}};
    doc["technicians"][0]["equipment"] = {"crane"};
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "jobs[1].id", "duplicate job id \"J1\""));
    CHECK(has_error(errs, "jobs[0].preferred_technicians[0]", "unknown technician \"T9\""));
    CHECK(has_error(errs, "jobs[0].skills[0]", "unknown skill \"welding\""));
    CHECK(has_error(errs, "jobs[1].pinned.technician", "unknown technician \"T7\""));
    CHECK(has_error(errs, "technicians[0].equipment[0]", "unknown equipment \"crane\""));
}

TEST_CASE("matrix errors: wrong size, ragged rows, negative entries, unused indices") {
    Json doc = minimal_problem();
    doc["technicians"][0]["start"] = {{"matrix_index", 0}};
    doc["jobs"][0]["location"] = {{"matrix_index", 1}};
    doc["jobs"][1]["location"] = {{"matrix_index", 5}};
    doc["travel"] = Json::parse(R"({"kind": "matrix", "time_s": [[0, 1, 2], [1, 0], [2, -1, 0]]})");
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "jobs[1].location.matrix_index", "outside the 3x3 matrix"));
    CHECK(has_error(errs, "travel.time_s[1]", "expected a row of 3 numbers"));
    CHECK(has_error(errs, "travel.time_s", "matrix index 2 is not used"));
}

TEST_CASE("matrix entries too large to add up are named, not read as negative") {
    Json doc = minimal_problem();
    doc["technicians"][0]["start"] = {{"matrix_index", 0}};
    doc["jobs"][0]["location"] = {{"matrix_index", 1}};
    doc["jobs"][1]["location"] = {{"matrix_index", 1}};
    doc["travel"] = Json::parse(R"({"kind": "matrix", "time_s": [[0, 1e19], [60, 0]], "distance_m": [[0, 500], [2e9, 0]]})");
    const auto errs = errors_of(doc);
    CHECK(has_error(errs, "travel.time_s[0][1]", "at most 1e9"));
    CHECK(has_error(errs, "travel.distance_m[1][0]", "at most 1e9"));
}

TEST_CASE("a key given twice in one object is named at its path, not silently read as the last") {
    std::string duplicate;
    const Json doc =
        parse_json_text(R"({"jobs": [{"id": "J1"}, {"id": "J2", "pinned": {"start": 1, "start": 2}}], "jobs": []})", &duplicate);
    CHECK(duplicate == "jobs[1].pinned.start");  // the first one found, in reading order
    CHECK(doc.is_object());
    duplicate.clear();
    parse_json_text(R"({"a": [[1, 2], {"b": 1, "c": {"b": 2}}], "b": {"a": 1}, "c": [{"x": 1}, {"x": 2, "x": 3}]})", &duplicate);
    CHECK(duplicate == "c[1].x");  // the same key in different objects is no duplicate
    duplicate.clear();
    parse_json_text(R"({"technicians": [], "jobs": [], "objective": {}})", &duplicate);
    CHECK(duplicate.empty());
    CHECK(parse_json_text(R"({"a": )", &duplicate, false).is_discarded());
}

TEST_CASE("NaN and infinity cannot sneak in") {
    // JSON has no NaN literal; a parser that accepted one must still be caught by the checks.
    Problem p = load_problem(minimal_problem(), {});
    p.locations[0].coordinates = LatLon{std::nan(""), 0.0};
    p.technicians[0].cost_per_km = std::numeric_limits<double>::infinity();
    const auto errs = check_problem(p);
    CHECK(has_error(errs, "locations[0].lat"));
    CHECK(has_error(errs, "technicians[0].cost_per_km"));
}

TEST_CASE("unreadable and malformed files are input errors") {
    CHECK_THROWS_AS(read_json_file("/nonexistent/problem.json"), InputErrors);
    const std::string path = "test_io_json_malformed.json";
    std::ofstream(path) << "{\"format\": \"fsd-problem/1\", \"jobs\": [1, 2,, 3]}";
    try {
        read_json_file(path);
        FAIL("malformed JSON was accepted");
    } catch (const InputErrors& e) {
        CHECK(e.errors().front().message.find("malformed JSON") != std::string::npos);
    }
    std::remove(path.c_str());
}

TEST_CASE("the shipped examples are valid and the bad example lists every defect") {
    const std::string dir = std::string(FSD_SOURCE_DIR) + "/examples/data/";
    CHECK_NOTHROW(load_problem(dir + "metro-demo.json"));
    const Problem demo = load_problem(dir + "metro-demo.json");
    CHECK(evaluate(demo, load_plan(dir + "metro-demo.plan.json", demo)).feasible());
    try {
        load_problem(dir + "bad-problem.json");
        FAIL("bad-problem.json was accepted");
    } catch (const InputErrors& e) {
        CHECK(e.errors().size() >= 8);
    }
}

}  // namespace test_io_json

namespace test_io_json {

TEST_CASE("a break no day of its shift can take is named, not left to idle the technician") {
    const auto with_breaks = [](const char* breaks, double overtime_min = 0) {
        Json doc = minimal_problem();
        Json& shift = doc["technicians"][0]["shifts"][0];
        shift["breaks"] = Json::parse(breaks);
        if (overtime_min > 0) shift["max_overtime_min"] = overtime_min;
        return errors_of(doc);
    };
    const std::string at = "technicians[0].shifts[0].breaks[0].window";
    // Opens before the shift's end but cannot be over by its end plus 30 minutes of overtime.
    CHECK(has_error(with_breaks(R"([{"duration_min": 60, "window": {"start": "2026-11-23T16:45", "end": "2026-11-23T18:30"}}])", 30), at,
                    "cannot be over by the shift's end"));
    // Opens in the overtime (17:15, of 17:00 + 30 min) and cannot be over by its end: owed only by
    // a route still out at 17:15, which the planner never plans, so nothing has to fit.
    CHECK(with_breaks(R"([{"duration_min": 30, "window": {"start": "2026-11-23T17:15", "end": "2026-11-23T18:30"}}])", 30).empty());
    // A break owed only late brings the routes back when it opens: the lunch before it must be over by then.
    CHECK(has_error(with_breaks(R"([{"duration_min": 30, "window": {"start": "2026-11-23T16:45", "end": "2026-11-23T16:50"}},
                                    {"duration_min": 10, "window": {"start": "2026-11-23T17:05", "end": "2026-11-23T18:00"}}])",
                                60),
                    at, "cannot be over by the shift's end"));
    // Open in the shift, but too short after a long break that must come first.
    CHECK(has_error(with_breaks(R"([{"duration_min": 30, "window": {"start": "2026-11-23T08:00", "end": "2026-11-23T09:00"}},
                                    {"duration_min": 90, "window": {"start": "2026-11-23T07:00", "end": "2026-11-23T08:00"}}])"),
                    at, "closes before the break can start"));
    // Two breaks of two hours in one 12:00-13:00 window: the second cannot start in it.
    CHECK(has_error(with_breaks(R"([{"duration_min": 120, "window": {"start": "2026-11-23T12:30", "end": "2026-11-23T13:00"}},
                                    {"duration_min": 120, "window": {"start": "2026-11-23T12:00", "end": "2026-11-23T13:00"}}])"),
                    at, "closes before the break can start"));
    // Overlapping windows that only one order fits: 12:00 for the short break, then the long one.
    CHECK(with_breaks(R"([{"duration_min": 120, "window": {"start": "2026-11-23T11:00", "end": "2026-11-23T15:00"}},
                          {"duration_min": 30, "window": {"start": "2026-11-23T12:00", "end": "2026-11-23T12:30"}}])")
              .empty());
    // At the shift's edges, but takeable: no error.
    CHECK(with_breaks(R"([{"duration_min": 30, "window": {"start": "2026-11-23T08:00", "end": "2026-11-23T08:00"}},
                          {"duration_min": 30, "window": {"start": "2026-11-23T16:30", "end": "2026-11-23T17:30"}}])")
              .empty());
}

TEST_CASE("a job's duration is at most a week: longer is no day's work, and would overflow the search's costs") {
    Json doc = minimal_problem();
    doc["jobs"][0]["duration_min"] = 10080;
    CHECK(errors_of(doc).empty());
    doc["jobs"][0]["duration_min"] = 1e7;
    CHECK(has_error(errors_of(doc), "jobs[0].duration_min", "at most a week"));
    doc["jobs"][0]["duration_min"] = Json::parse(R"({"p50": 60, "p75": 90, "p90": 20000})");
    CHECK(has_error(errors_of(doc), "jobs[0].duration_min", "at most a week"));
}

TEST_CASE("a break outside the hours its shift can work is never owed: accepted, with a warning at its path") {
    Json doc = minimal_problem();
    // A company-wide lunch on a morning shift (08:00-12:00, no overtime) and a break that closed
    // before the shift began: neither can be owed, so neither is an error.
    Json& shift = doc["technicians"][0]["shifts"][0];
    shift["end"] = "2026-11-23T12:00";
    shift["breaks"] = Json::parse(R"([{"duration_min": 20, "window": {"start": "2026-11-23T06:00", "end": "2026-11-23T07:30"}},
                                      {"duration_min": 15, "window": {"start": "2026-11-23T10:00", "end": "2026-11-23T11:00"}},
                                      {"duration_min": 30, "window": {"start": "2026-11-23T12:00", "end": "2026-11-23T14:00"}}])");
    REQUIRE(errors_of(doc).empty());
    const Problem p = load_problem(doc, {});
    const std::vector<InputError> warnings = problem_warnings(p);
    const std::string at = "technicians[0].shifts[0].breaks[";
    CHECK(has_error(warnings, at + "0].window", "never owed"));
    CHECK(has_error(warnings, at + "2].window", "never owed"));
    CHECK_FALSE(has_error(warnings, at + "1].window"));
    const Shift& s = p.technicians[0].shifts[0];
    CHECK(s.breaks_in_window_order() == std::vector<std::uint32_t>{1});
}

}  // namespace test_io_json

namespace test_io_json {

TEST_CASE("a job only a technician with no shift could do is warned of with that technician named") {
    Json doc = minimal_problem();
    doc["technicians"][0]["shifts"] = Json::array();
    const Problem p = load_problem(doc, {});
    const std::vector<InputError> warnings = problem_warnings(p);
    CHECK(has_error(warnings, "jobs[0]", "T1 could: none of them has a shift"));
    // Nobody with the skill: the qualifications are blamed, as before.
    doc["jobs"][0]["skills"] = Json::parse(R"([{"name": "hvac", "level": 3}])");
    CHECK(has_error(problem_warnings(load_problem(doc, {})), "jobs[0]", "(skills, certificates, tools or people rules)"));
}

}  // namespace test_io_json

namespace test_io_json {

TEST_CASE("the text KPIs show whole minutes, and seconds under one minute") {
    const Problem p = load_problem(minimal_problem(), {});
    Plan nothing;
    for (JobIndex j : p.jobs.indices()) nothing.unassigned.push_back({j, UnassignedReason::not_planned, ""});
    Kpis k = evaluate(p, nothing).kpis;
    k.travel_time = seconds(54);
    CHECK(format_kpis_text(p, k).find("travel time              54s") != std::string::npos);
    k.travel_time = seconds(3 * 60 + 54);
    CHECK(format_kpis_text(p, k).find("travel time              3m") != std::string::npos);
}

}  // namespace test_io_json

namespace test_io_json {

TEST_CASE("an integer above int64's range is out of range, not read as a negative number") {
    const Problem p = load_problem(minimal_problem(), {});
    Json plan = Json::parse(R"({"problem": "", "routes": [{"technician": "T1", "shift": 9223372036854775808, "stops": []}]})");
    plan["problem"] = p.name;
    try {
        (void)plan_from_json(plan, p);
        FAIL("accepted");
    } catch (const InputErrors& e) {
        CHECK(has_error(e.errors(), "routes[0].shift", "is out of range"));
        CHECK_FALSE(has_error(e.errors(), "routes[0].shift", "no shift -"));
    }
}

}  // namespace test_io_json
