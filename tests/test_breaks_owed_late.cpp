// A break whose window opens in a shift's overtime (an evening break for whoever is still at work)
// is owed only by a route that leaves its last stop after it opens. The planner brings every route
// back by then instead of planning the break on each; live dispatch plans it once a technician
// cannot be home before it opens.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/route_timing.hpp"
#include "fsd/solver/solve.hpp"
#include "generated_day.hpp"

namespace test_breaks_owed_late {

using namespace fsd;

namespace {

// A generated day whose every shift also lists an evening break (its last, `evening`) opening
// `after` past the shift's end, with `length` minutes.
Problem day_with_evening_break(std::uint64_t seed, Duration after, Duration length) {
    Problem p = test_support::generated_day(seed, 5, 24);
    for (Technician& t : p.technicians)
        for (Shift& s : t.shifts) s.breaks.push_back(Break{length, {s.span.end + after, s.span.end + hours(6)}});
    return p;
}

bool takes_break(const Route& r, std::uint32_t index) {
    return std::any_of(r.stops.begin(), r.stops.end(), [&](const Stop& s) { return s.kind == StopKind::break_time && s.index == index; });
}

bool has_break_missing(const Evaluation& ev) {
    return std::any_of(ev.violations.begin(), ev.violations.end(),
                       [](const Violation& v) { return v.kind == ViolationKind::break_missing; });
}

}  // namespace

TEST_CASE("a break that opens in the overtime is never planned: every route is back by its opening") {
    // 20 minutes: it would fit on every route. 200 minutes: it could not be over by the end plus
    // overtime, which does not make the shift infeasible, as no route need take it.
    for (const Duration length : {minutes(20), minutes(200)}) {
        CAPTURE(length.count());
        const Problem p = day_with_evening_break(7, minutes(30), length);
        REQUIRE(p.technicians[0].shifts[0].max_overtime > minutes(30));
        REQUIRE(check_problem(p).empty());
        solver::SolverParams sp;
        sp.seed = 7;
        sp.max_iterations = 3000;
        sp.late_break_busy = Duration::zero();  // one search: no shift tried working into the break
        const Plan plan = solver::solve(p, sp).plan;
        const Evaluation ev = evaluate(p, plan);
        CHECK(ev.feasible());
        CHECK(ev.kpis.jobs_assigned > 12);
        for (const Route& r : plan.routes) {
            const Shift& s = p.technicians[r.technician].shifts[r.shift];
            const std::uint32_t evening = static_cast<std::uint32_t>(s.breaks.size() - 1);
            CHECK_FALSE(takes_break(r, evening));  // it was planned on every route, waiting for it into the overtime
            CHECK(r.return_time <= s.breaks[evening].window.start);
        }
    }
}

TEST_CASE("the busiest shifts may work into a break at the shift's end, and take it only when they do") {
    // Twelve technicians for 47 jobs, every shift with a 20-minute break as it ends: one search
    // brings every route back by the end and leaves out work the overtime could do.
    Problem p = test_support::generated_day(1, 12, 47);
    for (Technician& t : p.technicians)
        for (Shift& s : t.shifts) s.breaks.push_back(Break{minutes(20), {s.span.end, s.span.end + hours(6)}});
    solver::SolverParams sp;
    sp.seed = 1;
    sp.max_iterations = 20000;
    sp.time_limit_seconds = 1e6;  // the budget is iterations: a slow build (the sanitizers) gets the same searches
    solver::SolverParams one = sp;
    one.late_break_busy = Duration::zero();
    const Plan back_by_end = solver::solve(p, one).plan;
    const Plan working_late = solver::solve(p, sp).plan;
    const Evaluation a = evaluate(p, back_by_end), b = evaluate(p, working_late);
    REQUIRE(a.feasible());
    REQUIRE(b.feasible());
    CHECK(b.kpis.cost <= a.kpis.cost);
    CHECK(b.kpis.jobs_assigned > a.kpis.jobs_assigned);  // 42 against 37 when measured
    int late = 0;
    TimingOptions before_break;
    before_break.as_planned = true;
    for (const Route& r : working_late.routes) {
        const Shift& s = p.technicians[r.technician].shifts[r.shift];
        const std::uint32_t evening = static_cast<std::uint32_t>(s.breaks.size() - 1);
        if (!takes_break(r, evening)) {
            CHECK(r.return_time <= s.breaks[evening].window.start);
            continue;
        }
        ++late;
        // Taken only where needed: without it the same jobs could not be done by the time it opens.
        std::vector<JobIndex> jobs;
        for (const Stop& x : r.stops)
            if (x.kind == StopKind::job) jobs.push_back(x.job_index());
        CHECK_FALSE(time_route(p, r.technician, r.shift, jobs, before_break).has_value());
    }
    CHECK(late > 0);
}

TEST_CASE("the evaluator owes a break that opens in the overtime by the last stop, not by the drive home") {
    Problem p = day_with_evening_break(8, Duration::zero(), minutes(20));
    const TechnicianIndex t(0);
    Shift& s = p.technicians[t].shifts[0];
    const std::uint32_t evening = static_cast<std::uint32_t>(s.breaks.size() - 1);
    // One job the technician may do, timed alone; its drive home takes some minutes.
    std::optional<Route> alone;
    JobIndex job{};
    for (JobIndex j : p.jobs.indices()) {
        const std::vector<JobIndex> one{j};
        alone = time_route(p, t, 0, one);
        if (alone && alone->return_time - alone->stops.back().end > minutes(4)) {
            job = j;
            break;
        }
        alone.reset();
    }
    REQUIRE(alone);
    const TimePoint left = alone->stops.back().end;
    const std::vector<JobIndex> one{job};
    // The shift ends, and the evening break opens, during the drive home: not owed.
    s.span.end = s.breaks[evening].window.start = left + minutes(2);
    s.max_overtime = hours(2);
    std::optional<Route> r = time_route(p, t, 0, one);
    REQUIRE(r);
    CHECK_FALSE(takes_break(*r, evening));
    Plan plan;
    plan.routes = {*r};
    for (JobIndex j : p.jobs.indices())
        if (j != job) plan.unassigned.push_back({j, UnassignedReason::not_planned, ""});
    CHECK_FALSE(has_break_missing(evaluate(p, plan)));
    // Opened while the job was under way: owed, and taken after it.
    s.span.end = s.breaks[evening].window.start = left - minutes(2);
    r = time_route(p, t, 0, one);
    REQUIRE(r);
    CHECK(takes_break(*r, evening));
    plan.routes = {*r};
    CHECK_FALSE(has_break_missing(evaluate(p, plan)));
    std::erase_if(plan.routes[0].stops, [&](const Stop& x) { return x.kind == StopKind::break_time && x.index == evening; });
    plan.routes[0].return_time -= s.breaks[evening].length;
    CHECK(has_break_missing(evaluate(p, plan)));
}

TEST_CASE("a shift that cannot be home before its evening break opens plans it like any other") {
    Shift s{{TimePoint(8 * 3600), TimePoint(16 * 3600)},
            hours(2),
            {Break{minutes(20), {TimePoint(16 * 3600 + 900), TimePoint(20 * 3600)}}},
            {}};
    CHECK(s.owed_only_late(s.breaks[0]));
    CHECK(s.planned_breaks().empty());
    CHECK(s.planned_return_limit() == TimePoint(16 * 3600 + 900));
    // The rest of a day planned again with the technician on a job that keeps them out till 16:30.
    s.earliest_return = TimePoint(16 * 3600 + 1800);
    CHECK_FALSE(s.owed_only_late(s.breaks[0]));
    CHECK(s.planned_breaks() == std::vector<std::uint32_t>{0});
    CHECK(s.planned_return_limit() == TimePoint(18 * 3600));
    // Or already past its opening when the day is planned again.
    s.earliest_return = TimePoint::min();
    s.span.start = TimePoint(16 * 3600 + 1200);
    CHECK(s.planned_breaks() == std::vector<std::uint32_t>{0});
}

}  // namespace test_breaks_owed_late
