// Night shifts: a shift that starts in the evening and runs past midnight serves the windows of
// the next morning's small hours. The planner, matching and live dispatch all take its day to run
// on for as long as the shift does.
#include <catch2/catch.hpp>

#include <algorithm>

#include "dispatch_fixture.hpp"
#include "fsd/matching/eligibility_check.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/solver/solve.hpp"

namespace test_night_shift {

using namespace fsd;
using namespace dispatch_test;

namespace {

// The crafted day moved 14 hours later: shifts 22:00-07:00 over two horizon days, every window
// 22:00-07:00, and J1-J3 wanted only between 01:00 and 04:00, after midnight.
Problem night() {
    Problem p = crafted_day();
    p.horizon.days = 2;
    const Duration later = hours(14);
    for (Technician& t : p.technicians)
        for (Shift& s : t.shifts) s.span = {s.span.start + later, s.span.end + later};
    for (Job& j : p.jobs)
        for (TimeWindow& w : j.time_windows) w = {w.start + later, w.end + later};
    for (const char* id : {"J1", "J2", "J3"}) p.jobs[job_index(p, id)].time_windows = {{day_start(1) + hours(1), day_start(1) + hours(4)}};
    return p;
}

bool assigned(const Plan& plan, JobIndex j) {
    return std::none_of(plan.unassigned.begin(), plan.unassigned.end(), [j](const Unassigned& u) { return u.job == j; });
}

}  // namespace

TEST_CASE("a night shift serves the windows after midnight", "[night]") {
    const Problem p = night();
    REQUIRE(check_problem(p).empty());
    solver::SolverParams sp;
    sp.seed = 3;
    sp.max_iterations = 3000;
    const Plan plan = solver::solve(p, sp).plan;
    const Evaluation ev = evaluate(p, plan);
    CHECK(ev.feasible());
    CHECK(plan.unassigned.empty());  // the windows after midnight were cut to the shift's first day: J1-J3 left out
    for (const char* id : {"J1", "J2", "J3"}) {
        INFO(id);
        CHECK(assigned(plan, job_index(p, id)));
    }
}

TEST_CASE("matching finds a night shift at work after midnight", "[night]") {
    const Problem p = night();
    const JobIndex j1 = job_index(p, "J1");
    const matching::EligibilityCheck c = matching::check_eligibility(p, j1, tech_index(p, "T1"), 1);
    const bool no_shift =
        std::any_of(c.gaps.begin(), c.gaps.end(), [](const matching::Gap& g) { return g.kind == matching::GapKind::no_shift; });
    CHECK_FALSE(no_shift);  // "not working on" the job's day: the shift began the evening before
    CHECK(p.technicians[0].shifts[0].works_on(0));
    CHECK(p.technicians[0].shifts[0].works_on(1));
    CHECK_FALSE(p.technicians[0].shifts[0].works_on(2));
}

TEST_CASE("live dispatch takes the reports of a night shift after midnight", "[night][dispatch]") {
    DispatchDay day = begin_day(night(), std::nullopt, TimePoint(hours(21).count() + 30 * 60), small_budget());
    REQUIRE(day.state.plan.unassigned.empty());
    // Every visit the plan has after midnight, started and finished on time, in time order.
    std::vector<Stop> after_midnight;
    for (const Route& r : day.state.plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.start >= day_start(1)) after_midnight.push_back(s);
    REQUIRE(after_midnight.size() >= 3);
    std::sort(after_midnight.begin(), after_midnight.end(), [](const Stop& a, const Stop& b) { return a.start < b.start; });
    const Stop first = after_midnight.front();
    const std::string id = day.state.problem.jobs[first.job_index()].id;
    // Before, each of these was refused: "has no shift on the day of" the report.
    step(day, make_event(EventType::job_started, first.start, id));
    step(day, make_event(EventType::job_finished, first.end + minutes(5), id));
    REQUIRE(day.state.jobs[first.job_index()].state == JobState::done);
    REQUIRE(day.state.visits.size() == 1);
    CHECK(day.state.visits[0].finished == first.end + minutes(5));
}

}  // namespace test_night_shift
