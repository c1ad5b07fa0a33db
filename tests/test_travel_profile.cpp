// Rush-hour profiles: travel time leaving at t across band boundaries, FIFO, the bucketed
// matrices, the profile file format, and re-timing a plan under a profile.
#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "fsd/baseline/baseline.hpp"
#include "fsd/io/json.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/travel/profile_evaluate.hpp"
#include "fsd/travel/rush_hour.hpp"

namespace test_travel_profile {

using namespace fsd;
using nlohmann::json;

namespace {

constexpr std::int32_t at(int h, int m = 0) {
    return h * 3600 + m * 60;
}
TimePoint clock(int h, int m = 0, int day = 0) {
    return day_start(day) + seconds(at(h, m));
}

const RushHourProfile morning_and_evening({{at(7), at(9), 0.5}, {at(16), at(18, 30), 0.8}});

}  // namespace

TEST_CASE("travel time leaving at t follows the bands met on the way") {
    const RushHourProfile& p = morning_and_evening;
    CHECK(p.factor_at(clock(6, 59)) == 1.0);
    CHECK(p.factor_at(clock(7)) == 0.5);
    CHECK(p.factor_at(clock(9)) == 1.0);  // bands are [from, to)
    CHECK(p.factor_at(clock(17, 0, 3)) == 0.8);

    CHECK(p.travel_time(minutes(30), clock(5)) == minutes(30));
    CHECK(p.travel_time(minutes(30), clock(7, 30)) == minutes(60));
    // 10 min at free flow, then the remaining 20 free-flow minutes at half speed: 10 + 40.
    CHECK(p.travel_time(minutes(30), clock(6, 50)) == minutes(50));
    // 10 min at half speed cover 5 free-flow minutes, the remaining 25 run free: 10 + 25.
    CHECK(p.travel_time(minutes(30), clock(8, 50)) == minutes(35));
    // Through the whole morning band: 2 h at half speed cover 1 h of free flow.
    CHECK(p.travel_time(hours(3), clock(6)) == hours(4));
    CHECK(p.travel_time(seconds(0), clock(8)) == seconds(0));
    CHECK(p.travel_time(Duration::infinity(), clock(8)) == Duration::infinity());
    CHECK(RushHourProfile().travel_time(minutes(17), clock(8)) == minutes(17));
}

TEST_CASE("leaving later never means arriving earlier") {
    std::mt19937_64 rng(3);
    for (int trial = 0; trial < 50; ++trial) {
        const Duration free_flow = seconds(static_cast<std::int64_t>(rng() % 7200));
        TimePoint previous_arrival = TimePoint::min();
        for (std::int64_t t = 0; t < seconds_per_day; t += 97) {
            const TimePoint depart(t);
            const TimePoint arrival = depart + morning_and_evening.travel_time(free_flow, depart);
            CHECK(arrival >= previous_arrival);
            CHECK(arrival - depart >= free_flow);
            previous_arrival = arrival;
        }
    }
}

TEST_CASE("bad bands are refused with the reason") {
    CHECK_THROWS_WITH(RushHourProfile({{at(7), at(9), 0.5}, {at(8), at(10), 0.7}}), Catch::Contains("overlap"));
    CHECK_THROWS_WITH(RushHourProfile({{at(9), at(7), 0.5}}), Catch::Contains("must start before it ends"));
    CHECK_THROWS_WITH(RushHourProfile({{at(7), at(9), 0.0}}), Catch::Contains("speed factor"));
    CHECK_NOTHROW(RushHourProfile({{at(22), at(24), 0.9}, {0, at(1), 0.9}}));
}

TEST_CASE("the profile file: bands with from, to and speed_factor") {
    const auto p = rush_hour_profile_from_json(json::parse(
        R"({"bands": [{"from": "16:00", "to": "18:30", "speed_factor": 0.8}, {"from": "07:00", "to": "09:00", "speed_factor": 0.5}]})"));
    CHECK(p.bands() == morning_and_evening.bands());
    CHECK(rush_hour_profile_from_json(json::parse(R"({"bands": []})")).free_flow_all_day());

    auto errors = [](const char* text) {
        try {
            (void)rush_hour_profile_from_json(json::parse(text));
        } catch (const InputErrors& e) {
            return e.errors();
        }
        return std::vector<InputError>{};
    };
    auto e = errors(R"({"bands": [{"from": "7:00", "to": "09:00", "speed_factor": 0.5}]})");
    REQUIRE(e.size() == 1);
    CHECK(e[0].path == "bands[0].from");
    e = errors(R"({"bands": [{"from": "07:00", "to": "24:30", "speed": 0.5}]})");
    REQUIRE(e.size() == 3);
    CHECK(e[0].path == "bands[0].speed");
    CHECK(e[1].path == "bands[0].to");
    CHECK(e[2].path == "bands[0].speed_factor");
    e = errors(
        R"({"bands": [{"from": "07:00", "to": "09:00", "speed_factor": 0.5}, {"from": "08:00", "to": "10:00", "speed_factor": 0.5}]})");
    REQUIRE(e.size() == 1);
    CHECK(e[0].path == "bands");
    CHECK(errors(R"([1, 2])").at(0).path == "bands");
}

TEST_CASE("time-bucketed matrices: one per distinct speed factor") {
    Matrix<Duration> ff(2);
    ff(0, 1) = seconds(1000);
    ff(1, 0) = seconds(999);
    const RushHourProfile p({{at(7), at(9), 0.5}, {at(12), at(13), 0.8}, {at(16), at(18), 0.5}});
    const TimeBucketedTravel t(ff, p);
    REQUIRE(t.bucket_count() == 3);
    CHECK(t.bucket_factor(0) == 1.0);
    CHECK(t.bucket(0) == ff);
    CHECK(t.bucket_at(clock(8)) == t.bucket_at(clock(17)));
    CHECK(t.matrix_at(clock(8))(0, 1) == seconds(2000));
    CHECK(t.matrix_at(clock(12, 30))(1, 0) == seconds(1249));  // 999 / 0.8 = 1248.75
    CHECK(t.matrix_at(clock(10)) == ff);
    CHECK(t.travel_time(0, 1, clock(8, 50)) == seconds(600 + 700));
}

namespace {

// One technician, two jobs; j2 must start by 09:40. (j1 has a window too: evaluate() reads
// time_windows.back() eagerly, which is undefined for a job without windows.)
Problem two_job_problem() {
    return problem_from_json(json::parse(R"({
        "format": "fsd-problem/1", "name": "rush", "horizon": {"start_date": "2024-03-04", "days": 1},
        "travel": {"kind": "matrix", "time_s": [[0, 1800, 2400], [1800, 0, 1200], [1800, 1200, 0]]},
        "technicians": [{"id": "t1", "start": {"matrix_index": 0},
                         "shifts": [{"start": "2024-03-04T08:00", "end": "2024-03-04T10:30"}]}],
        "jobs": [{"id": "j1", "location": {"matrix_index": 1}, "duration_min": 30,
                  "time_windows": [{"start": "2024-03-04T08:00", "end": "2024-03-04T12:00"}]},
                 {"id": "j2", "location": {"matrix_index": 2}, "duration_min": 30,
                  "time_windows": [{"start": "2024-03-04T08:00", "end": "2024-03-04T09:40"}]}]})"));
}

Plan both_jobs() {
    Plan plan;
    plan.routes.push_back(Route{.technician = 0, .shift = 0, .stops = {Stop::job(0), Stop::job(1)}});
    return plan;
}

}  // namespace

TEST_CASE("without rush hour the re-timed plan is the evaluator's schedule") {
    const Problem p = two_job_problem();
    const Plan plan = both_jobs();
    const Evaluation plain = evaluate(p, plan);
    REQUIRE(plain.feasible());
    const ProfileEvaluation free = evaluate_under_profile(p, plan, RushHourProfile());
    CHECK(free.on_time());
    CHECK(free.schedule == plain.schedule);
    CHECK(free.travel_time == plain.kpis.travel_time);
    CHECK(free.travel_time == free.free_flow_travel_time);
}

TEST_CASE("the re-timing walks a route as the evaluator does: generated days, and a route with a break but no job") {
    for (const std::uint64_t seed : {3u, 8u}) {
        ScenarioOptions o;
        o.seed = seed;
        o.technicians = 8;
        o.jobs = 30;
        Problem p = generate_scenario(o);
        Plan plan = plan_baseline(p);
        // A technician who ends the day somewhere else, with nothing on their route but lunch.
        const TechnicianIndex idle = p.technicians.size() - 1;
        std::erase_if(plan.routes, [&](const Route& r) { return r.technician == idle; });
        for (const Route& r : plan.routes)
            for (const Stop& s : r.stops)
                if (s.kind == StopKind::job) p.technicians[idle].end_location = p.jobs[s.job_index()].location;
        REQUIRE(p.technicians[idle].end_location != p.technicians[idle].start_location);
        REQUIRE_FALSE(p.technicians[idle].shifts[0].breaks.empty());
        plan.routes.push_back(Route{.technician = idle, .shift = 0, .stops = {Stop::rest(0)}});
        if (seed == 8) plan.routes.back().stops.clear();  // and a route with nothing on it at all
        const Evaluation plain = evaluate(p, plan);
        const ProfileEvaluation free = evaluate_under_profile(p, plan, RushHourProfile());
        CHECK(free.schedule == plain.schedule);
        CHECK(free.travel_time == plain.kpis.travel_time);
        CHECK(free.overtime == plain.kpis.overtime);
    }
}

TEST_CASE("in rush hour the same plan runs late, and the evaluation says where and by how much") {
    const Problem p = two_job_problem();
    // 07:00-09:30 at half speed: the first leg takes 60 min instead of 30, j1 ends at 09:30,
    // the second leg runs free (20 min) and reaches j2 at 09:50, 10 min after its window.
    const RushHourProfile rush({{at(7), at(9, 30), 0.5}});
    const ProfileEvaluation ev = evaluate_under_profile(p, both_jobs(), rush);
    REQUIRE(ev.late_stops.size() == 1);
    const LateStop& late = ev.late_stops[0];
    CHECK(late.route == 0);
    CHECK(late.stop == 1);
    CHECK(late.job == 1);
    CHECK(late.arrival == clock(9, 50));
    CHECK(late.window_late == minutes(10));
    CHECK(ev.window_lateness == minutes(10));
    CHECK(ev.schedule.routes[0].stops[0].arrival == clock(9));
    // Back at 10:20 + 30 min = 10:50, 20 min after the shift end with no overtime allowed.
    REQUIRE(ev.late_returns.size() == 1);
    CHECK(ev.late_returns[0].return_time == clock(10, 50));
    CHECK(ev.late_returns[0].beyond_overtime == minutes(20));
    CHECK(ev.overtime == minutes(20));
    CHECK(ev.travel_time == minutes(110));
    CHECK(ev.free_flow_travel_time == minutes(80));
    CHECK_FALSE(ev.on_time());
}

}  // namespace test_travel_profile
