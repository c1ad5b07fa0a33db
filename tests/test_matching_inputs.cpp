// Where matching's inputs come from: technicians' state read off a plan at the job's time (other
// jobs only, the position at the job's start), the records file behind `fsd match --records`,
// and the one shared definition of the job's day.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "fsd/io/match_records.hpp"
#include "fsd/matching/match.hpp"
#include "fsd/matching/plan_state.hpp"
#include "fsd/model/job_day.hpp"
#include "matching_fixture.hpp"

namespace test_matching_inputs {

using namespace fsd;
using namespace fsd::matching;

namespace {

// T1 and T2 qualify for job 0 (13:00-14:00 at location 0). Job 1 (08:00-09:00) sits at T2's
// start location 2, job 2 (15:00-16:00) at T1's start location 1.
Problem afternoon_problem() {
    Job target = test::boiler_repair_job();
    target.time_windows = {{day_start(0) + hours(13), day_start(0) + hours(14)}};
    Problem p = test::matching_problem(
        {{"T1", 20, {{0, 2}}, {test::valid_gas_safe()}, {}}, {"T2", 25, {{0, 2}}, {test::valid_gas_safe()}, {}}}, target);
    Job morning = test::boiler_repair_job();
    morning.id = "J2";
    morning.duration = DurationQuantiles::fixed(minutes(60));
    morning.time_windows = {{day_start(0) + hours(8), day_start(0) + hours(9)}};
    morning.location = 2;
    Job late = morning;
    late.id = "J3";
    late.time_windows = {{day_start(0) + hours(15), day_start(0) + hours(16)}};
    late.location = 1;
    p.jobs.push_back(morning);
    p.jobs.push_back(late);
    return p;
}

Plan t1_route(std::vector<JobIndex> jobs) {
    Route r;
    r.technician = 0;
    for (auto j : jobs) r.stops.push_back(Stop::job(j));
    return Plan{{r}, {}};
}

}  // namespace

TEST_CASE("a plan gives the position at the job's time and counts only the other jobs", "[matching][inputs]") {
    const Problem p = afternoon_problem();
    // The job itself is on T1's route between the morning and the late job.
    const auto states = states_from_plan(p, t1_route({1, 0, 2}), 0, 0);
    REQUIRE(states.size() == 2);
    CHECK(states[0].jobs_today == 2);  // J2 and J3, not J1 itself
    REQUIRE(states[0].position.has_value());
    CHECK(*states[0].position == 2);  // where the morning job was, not the late one
    CHECK(states[1].jobs_today == 0);
    CHECK_FALSE(states[1].position.has_value());

    // Before the morning job ends, T1 is still at the start location.
    Problem early = p;
    early.jobs[0].pinned_start = day_start(0) + hours(8) + minutes(30);
    const auto at_start = states_from_plan(early, t1_route({1, 2}), 0, 0);
    CHECK(at_start[0].jobs_today == 2);
    CHECK_FALSE(at_start[0].position.has_value());

    // The match reports the load read off the plan.
    MatchInputs inputs;
    inputs.states = states;
    const MatchResult r = match_technicians(p, 0, inputs);
    REQUIRE(r.eligible == 2);
    for (const auto& c : r.ranked)
        if (c.technician == 0) CHECK(c.summary().find("2 jobs today") != std::string::npos);
}

TEST_CASE("the job's day is one definition: pinned start, else earliest window", "[matching][inputs]") {
    Problem p = afternoon_problem();
    p.horizon.days = 3;
    Job& job = p.jobs[0];
    job.time_windows = {{day_start(2) + hours(9), day_start(2) + hours(10)}, {day_start(1) + hours(9), day_start(1) + hours(10)}};
    CHECK(day_of_job(job) == 1);  // the earliest window, not the first listed
    CHECK(job_day(job) == 1);
    CHECK(job_date(p, job) == p.date_of_day(1));
    job.pinned_start = day_start(2) + hours(9);
    CHECK(day_of_job(job) == 2);
    CHECK(job_date(p, job) == p.date_of_day(2));
    MatchInputs chosen;
    chosen.day = 0;
    CHECK(job_day(job, chosen) == 0);
}

TEST_CASE("a records file feeds first-time fix and customer history to matching", "[matching][inputs]") {
    const Problem p = afternoon_problem();
    const auto doc = Json::parse(R"({
        "format": "fsd-match-records/1",
        "technicians": {
            "T2": {"first_time_fix": {"boiler-repair": {"jobs": 40, "fixed_first_time": 38}},
                   "customers": {"C100": 3}}
        }
    })");
    const auto records = match_records_from_json(doc, p);
    REQUIRE(records.size() == 2);
    CHECK(records[0].first_time_fix.empty());
    REQUIRE(records[1].record_for("boiler-repair"));
    CHECK(records[1].record_for("boiler-repair")->fixed_first_time == 38);
    CHECK(records[1].visits_to("C100") == 3);
    MatchInputs inputs;
    inputs.records = records;
    const MatchResult r = match_technicians(p, 0, inputs);
    REQUIRE(r.ranked.size() == 2);
    CHECK(r.ranked[0].technician == 1);  // further away, but a better record and a known face
    CHECK(r.ranked[0].summary().find("served this customer 3 times before") != std::string::npos);
    CHECK(r.ranked[0].summary().find("first-time fix 95%") != std::string::npos);
}

TEST_CASE("a bad records file names every defect by its JSON path", "[matching][inputs]") {
    const Problem p = afternoon_problem();
    const auto doc = Json::parse(R"({
        "format": "fsd-match-records/1",
        "technicians": {
            "T9": {},
            "T1": {"first_time_fix": {"boiler-repair": {"jobs": 4, "fixed_first_time": 5}},
                   "customers": {"C100": -1}, "rating": 5}
        }
    })");
    std::vector<std::string> errors;
    try {
        match_records_from_json(doc, p);
    } catch (const InputErrors& e) {
        for (const auto& err : e.errors()) errors.push_back(err.to_string());
    }
    CHECK(errors == std::vector<std::string>{
                        "technicians.T9: no technician \"T9\" in the problem",
                        "technicians.T1.rating: unknown field",
                        "technicians.T1.first_time_fix.boiler-repair.fixed_first_time: is more "
                        "than jobs",
                        "technicians.T1.customers.C100: must be between 0 and 1000000000",
                    });
}

}  // namespace test_matching_inputs
