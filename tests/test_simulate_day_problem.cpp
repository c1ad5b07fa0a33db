// A multi-day problem is simulated one day at a time: the day's shifts and jobs only, so that no
// policy plans the day's work on another day's shifts and the KPIs count the day's tickets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "fsd/scenario/generator.hpp"
#include "fsd/simulate/day_kpis.hpp"
#include "fsd/simulate/day_problem.hpp"
#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/recorded.hpp"
#include "fsd/simulate/simulator.hpp"
#include "quick_policies.hpp"

namespace test_simulate_day_problem {

using namespace fsd;
using namespace fsd::simulate;

namespace {

Problem three_days(std::uint64_t seed) {
    ScenarioOptions o;
    o.seed = seed;
    o.technicians = 4;
    o.jobs = 24;
    o.days = 3;
    return generate_scenario(o);
}

bool meets_day(const Job& job, const TimeWindow& day) {
    return job.time_windows.empty() || std::any_of(job.time_windows.begin(), job.time_windows.end(),
                                                   [&](const TimeWindow& w) { return w.end >= day.start && w.start <= day.end; });
}

}  // namespace

TEST_CASE("a day of a multi-day problem keeps that day's shifts and the jobs that day can serve") {
    const Problem p = three_days(5);
    for (int day = 0; day < 3; ++day) {
        CAPTURE(day);
        const DayProblem d = day_problem(p, day);
        REQUIRE(check_problem(d.problem).empty());
        CHECK(d.problem.technicians.size() == p.technicians.size());
        for (const Technician& t : d.problem.technicians) {
            CHECK(t.shifts.size() <= 1);
            for (const Shift& s : t.shifts) CHECK(s.day() == day);
        }
        const TimeWindow hours{day_start(day), day_over(p, day)};
        std::set<std::uint32_t> kept;
        for (JobIndex j : d.problem.jobs.indices()) {
            const Job& original = p.jobs[d.original[j]];
            CHECK(d.problem.jobs[j].id == original.id);
            CHECK(meets_day(original, hours));
            CHECK((!original.reported_at || *original.reported_at <= hours.end));
            kept.insert(d.original[j].value());
        }
        for (JobIndex j : p.jobs.indices())
            if (!kept.contains(j.value()))
                CHECK_FALSE((meets_day(p.jobs[j], hours) && (!p.jobs[j].reported_at || *p.jobs[j].reported_at <= hours.end)));
        CHECK(d.problem.jobs.size() < p.jobs.size());
    }
}

TEST_CASE("the planned-once policies plan a later day's jobs on that day's shifts, and its KPIs count its jobs") {
    const Problem p = three_days(5);
    const DayProblem d = day_problem(p, 2);
    SimParams sp;
    sp.day = 2;
    sp.seed = 3;
    const PolicyParams params = test_support::quick_policies();
    for (const char* name : {"whiteboard", "optimiser-p75"}) {
        CAPTURE(name);
        auto policy = make_policy(name, params);
        const SimulationResult r = simulate_day(d.problem, *policy, sp);
        for (const Route& route : r.planned.routes) CHECK(d.problem.technicians[route.technician].shifts[route.shift].day() == 2);
        const DayKpis k = day_kpis(d.problem, r);
        CHECK(k.jobs == static_cast<int>(d.problem.jobs.size()));
        CHECK(k.done >= static_cast<int>(d.problem.jobs.size()) / 3);  // was 5 of 16, most planned on past days
    }
    // The whole problem is refused: its other days' shifts would take the day's work.
    auto policy = make_policy("whiteboard", params);
    CHECK_THROWS_AS(simulate_day(p, *policy, sp), std::invalid_argument);
}

TEST_CASE("two shifts of one technician on the simulated day are refused at the second") {
    Problem p = three_days(6);
    Technician& t = p.technicians[1];
    Shift afternoon = t.shifts[0];
    Shift& morning = t.shifts[0];
    const TimePoint noon = morning.span.start + hours(4);
    afternoon.span.start = noon + hours(1);
    morning.span.end = noon;
    morning.max_overtime = Duration::zero();
    t.shifts.insert(t.shifts.begin() + 1, afternoon);
    const int day = morning.day();
    try {
        (void)day_problem(p, day);
        FAIL("a split shift was accepted");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "technicians[1].shifts[1]");
        CHECK(e.errors()[0].message.find("one shift per technician a day") != std::string::npos);
    }
}

TEST_CASE("a recorded cancellation after the day simulated is not that day's") {
    const Problem p = three_days(5);
    const DayProblem d = day_problem(p, 0);
    const nlohmann::ordered_json doc = {
        {"jobs", {{{"id", d.problem.jobs[0].id}, {"outcome", "cancelled"}, {"cancelled_at", "2026-12-20T10:00"}}}}};
    CHECK_NOTHROW(recorded_day_from_json(p, doc));
    try {
        (void)recorded_day_from_json(p, doc, RecordedScope{day_over(p, 0), {}});
        FAIL("a cancellation weeks later was accepted");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "jobs[0].cancelled_at");
    }
    // A job of another day: its recording is not replayed on this one, whenever it cancelled.
    RecordedScope other_day{day_over(p, 0), std::vector<char>(p.jobs.size(), 1)};
    other_day.on_day[d.original[JobIndex(0)].value()] = 0;
    CHECK_NOTHROW(recorded_day_from_json(p, doc, other_day));
}

TEST_CASE("an early shift is planned from its start: the morning plan is not made after it has begun") {
    Problem p = three_days(7);
    const DayProblem d0 = day_problem(p, 0);
    Problem early = d0.problem;
    const TimePoint four = day_start(0) + hours(4);
    for (Technician& t : early.technicians)
        for (Shift& s : t.shifts) s.span.start = four;
    Job& dawn = early.jobs[0];  // a customer who wants the technician before 06:00
    dawn.time_windows = {{four + minutes(60), four + minutes(100)}};
    dawn.reported_at.reset();
    dawn.sla_deadline.reset();
    dawn.pinned_start.reset();
    REQUIRE(check_problem(early).empty());
    SimParams sp;
    sp.truth = TruthParams::exact();
    auto policy = make_policy("optimiser-p75", test_support::quick_policies());
    const SimulationResult r = simulate_day(early, *policy, sp);
    CHECK(r.plan_at == four);
    CHECK(r.jobs[JobIndex(0)].fate == JobFate::done);  // its window closed at 05:40, before a 06:00 plan
}

}  // namespace test_simulate_day_problem
