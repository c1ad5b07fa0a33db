// The independent evaluator on a hand-built day whose every number is worked out by hand.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fsd/io/plan_text.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/unassigned_reason.hpp"

namespace test_evaluate {

using namespace fsd;

namespace {

TimePoint hm(int h, int m) {
    return TimePoint(h * 3600 + m * 60);
}

// Home (0) and three sites; travel seconds below, distance = 10 m per second.
Problem small_day() {
    Problem p;
    p.horizon.start_date = date_from_civil(2026, 11, 23);
    p.catalog.skills = {"hvac"};
    p.catalog.certifications = {"gas-safe"};
    p.locations.resize(4);
    p.travel_source = MatrixTravel{};
    const std::int64_t t[4][4] = {{0, 600, 1200, 900}, {600, 0, 300, 1500}, {1200, 300, 0, 600}, {900, 1500, 600, 0}};
    p.travel.time = Matrix<Duration>(4);
    p.travel.distance = Matrix<Distance>(4);
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b) {
            p.travel.time(a, b) = seconds(t[a][b]);
            p.travel.distance(a, b) = metres(10 * t[a][b]);
        }
    Technician tech;
    tech.id = "T1";
    tech.skills = {{0, 2}};
    tech.certifications = {{0, date_from_civil(2026, 11, 22)}};  // expired the day before
    tech.shifts = {Shift{{hm(8, 0), hm(12, 0)}, Duration::zero(), {Break{minutes(30), {hm(10, 0), hm(11, 0)}}}, std::nullopt}};
    tech.cost_per_hour = 36;
    tech.cost_per_km = 0.5;
    p.technicians = {tech};
    Job j1;
    j1.id = "J1";
    j1.location = 1;
    j1.skills = {{0, 1}};
    j1.duration = DurationQuantiles::fixed(minutes(60));
    j1.time_windows = {{hm(8, 0), hm(9, 0)}};
    Job j2;
    j2.id = "J2";
    j2.location = 2;
    j2.duration = DurationQuantiles::fixed(minutes(30));
    Job j3;
    j3.id = "J3";
    j3.location = 3;
    j3.skills = {{0, 3}};
    j3.certifications = {0};
    j3.duration = DurationQuantiles::fixed(minutes(45));
    j3.time_windows = {{hm(8, 0), hm(8, 30)}};
    p.jobs = {j1, j2, j3};
    REQUIRE(check_problem(p).empty());
    return p;
}

Plan route_of(std::vector<Stop> stops, std::vector<JobIndex> unassigned = {}) {
    Plan plan;
    Route r;
    r.stops = std::move(stops);
    plan.routes.push_back(r);
    for (auto j : unassigned) plan.unassigned.push_back({j, UnassignedReason::not_planned, ""});
    return plan;
}

bool has(const Evaluation& ev, ViolationKind k) {
    return std::any_of(ev.violations.begin(), ev.violations.end(), [k](const Violation& v) { return v.kind == k; });
}

bool broken(const Evaluation& ev, ViolationKind k) {
    return std::any_of(ev.already_broken.begin(), ev.already_broken.end(), [k](const Violation& v) { return v.kind == k; });
}

Stop reported(JobIndex j, TimePoint start, TimePoint end) {
    Stop s = Stop::job(j);
    s.start = start;
    s.end = end;
    s.as_reported = true;
    return s;
}

}  // namespace

TEST_CASE("a feasible day: every time and KPI as worked out by hand") {
    const Problem p = small_day();
    const auto ev = evaluate(p, route_of({Stop::job(0), Stop::rest(0), Stop::job(1)}, {2}));
    INFO((ev.violations.empty() ? "" : ev.violations.front().message));
    REQUIRE(ev.feasible());
    const Route& r = ev.schedule.routes[0];
    CHECK(r.stops[0].arrival == hm(8, 10));
    CHECK(r.stops[0].end == hm(9, 10));
    CHECK(r.stops[1].start == hm(10, 0));  // break waits for its window
    CHECK(r.stops[2].arrival == hm(10, 35));
    CHECK(r.stops[2].end == hm(11, 5));
    CHECK(r.return_time == hm(11, 25));
    const Kpis& k = ev.kpis;
    CHECK(k.travel_time == seconds(2100));
    CHECK(k.distance == metres(21000));
    CHECK(k.distance_in_source_units == Approx(21.0));
    CHECK(k.waiting == minutes(50));
    CHECK(k.service_time == minutes(90));
    CHECK(k.overtime == Duration::zero());
    CHECK(k.utilisation_pct == Approx(37.5));
    CHECK(k.jobs_assigned == 2);
    CHECK(k.unassigned_by_urgency[2] == 1);
    // 36/h over 3h25m = 123.00, 0.5/km over 21 km = 10.50, J3 unassigned: 500 x 1 x 1, and load
    // balance: 2 per hour squared x (1.5 h of service - 2.25 h, the day's work for one shift)^2 = 1.125.
    CHECK(to_currency(k.cost) == Approx(123.0 + 10.5 + 500.0 + 1.125));
}

TEST_CASE("skill level, expired certification and a missed window are all reported") {
    const Problem p = small_day();
    const auto ev = evaluate(p, route_of({Stop::job(0), Stop::job(2), Stop::rest(0), Stop::job(1)}));
    CHECK(has(ev, ViolationKind::skill));
    CHECK(has(ev, ViolationKind::certification));
    CHECK(has(ev, ViolationKind::time_window));  // J3 closes 08:30, reachable 09:35 at best
    CHECK(!has(ev, ViolationKind::missing_job));
}

TEST_CASE("shift end, a missing break, duplicates and missing jobs") {
    Problem p = small_day();
    p.jobs[1].duration = DurationQuantiles::fixed(minutes(150));
    const auto ev = evaluate(p, route_of({Stop::job(0), Stop::job(1), Stop::job(0)}));
    CHECK(has(ev, ViolationKind::shift_end));
    CHECK(has(ev, ViolationKind::break_missing));
    CHECK(has(ev, ViolationKind::duplicate_job));
    CHECK(has(ev, ViolationKind::missing_job));  // J3 is nowhere
}

TEST_CASE("stated times: a planned wait is honoured, an impossible start is flagged") {
    const Problem p = small_day();
    Plan plan = route_of({Stop::job(0), Stop::rest(0), Stop::job(1)}, {2});
    plan.routes[0].stops[0].start = hm(8, 30);  // wait 20 min on purpose: fine
    auto ev = evaluate(p, plan);
    CHECK(ev.feasible());
    CHECK(ev.schedule.routes[0].stops[0].start == hm(8, 30));
    plan.routes[0].stops[0].start = hm(8, 5);  // before arrival at 08:10: impossible
    ev = evaluate(p, plan);
    CHECK(has(ev, ViolationKind::schedule));
}

TEST_CASE("people rules: pinned, required and excluded technicians; capacity") {
    Problem p = small_day();
    Technician other = p.technicians[0];
    other.id = "T2";
    p.technicians.push_back(other);
    p.jobs[0].excluded_technicians = {0};
    p.jobs[1].pinned_technician = 1;
    p.jobs[1].demand = 5;
    p.technicians[0].capacity = 3;
    const auto ev = evaluate(p, route_of({Stop::job(0), Stop::rest(0), Stop::job(1)}, {2}));
    CHECK(std::count_if(ev.violations.begin(), ev.violations.end(),
                        [](const Violation& v) { return v.kind == ViolationKind::not_allowed; }) == 2);
    CHECK(has(ev, ViolationKind::capacity));
}

TEST_CASE("a job the customer cancelled: listed unassigned at no cost, and nobody may serve it") {
    Problem p = small_day();
    p.objective.balance_per_hour_squared = 0;  // the even share moves too: checked below
    const Plan plan = route_of({Stop::job(0), Stop::rest(0), Stop::job(1)}, {2});
    const Evaluation before = evaluate(p, plan);
    const Cost penalty = unassigned_penalty(p, p.jobs[2]);
    REQUIRE(penalty > Cost::zero());
    p.jobs[2].cancelled_at = hm(7, 30);
    REQUIRE(check_problem(p).empty());
    const Evaluation after = evaluate(p, plan);
    CHECK(after.kpis.cost == before.kpis.cost - penalty);
    CHECK(after.kpis.jobs_cancelled == 1);
    CHECK(after.kpis.unassigned_by_urgency == std::array<int, 3>{0, 0, 0});
    CHECK(diagnose_unassigned(p, 2).detail == "cancelled at 2026-11-23T07:30");
    CHECK(balance_targets(p) == balance_targets([&] {  // nobody's work: the even share without it
              Problem without = p;
              without.jobs[2].duration = DurationQuantiles::fixed(Duration::zero());
              return without;
          }()));
    p.jobs[2].reported_at = hm(8, 0);
    REQUIRE(check_problem(p).size() == 1);
    CHECK(check_problem(p)[0].path == "jobs[2].cancelled_at");
    p.jobs[2].reported_at.reset();
    p.jobs[1].cancelled_at = hm(7, 30);  // now a job the plan serves
    const Evaluation served = evaluate(p, plan);
    REQUIRE(has(served, ViolationKind::not_allowed));
    CHECK(std::any_of(served.violations.begin(), served.violations.end(),
                      [](const Violation& v) { return v.message.find("J2 was cancelled") != std::string::npos; }));
}

TEST_CASE("a job both routed and listed unassigned, and bad references") {
    const Problem p = small_day();
    Plan plan = route_of({Stop::job(0), Stop::rest(0), Stop::job(1)}, {2, 0});
    plan.routes[0].stops.push_back(Stop::job(7));
    Route ghost;
    ghost.technician = 4;
    plan.routes.push_back(ghost);
    const auto ev = evaluate(p, plan);
    CHECK(has(ev, ViolationKind::duplicate_job));
    CHECK(has(ev, ViolationKind::bad_reference));
}

TEST_CASE("stops as reported: their times are taken as given, and what follows is timed from them") {
    const Problem p = small_day();
    // J1 reported from 08:05 (the table says 08:10 at the earliest) to 08:45 (its fixed hour says
    // 09:05); J2, 5 minutes' drive on, is planned at 08:50.
    Plan plan = route_of({reported(0, hm(8, 5), hm(8, 45)), Stop::job(1)}, {2});
    plan.routes[0].stops[1].start = hm(8, 50);
    const Evaluation ev = evaluate(p, plan);
    INFO((ev.violations.empty() ? "" : ev.violations.front().message));
    REQUIRE(ev.feasible());
    CHECK(ev.already_broken.empty());
    const Route& r = ev.schedule.routes[0];
    CHECK(r.stops[0].arrival == hm(8, 5));
    CHECK(r.stops[0].end == hm(8, 45));
    CHECK(r.stops[1].start == hm(8, 50));
    CHECK(r.return_time == hm(9, 40));  // back before the break opens: none owed
    CHECK(ev.kpis.service_time == minutes(70));
    CHECK(ev.eta[0][1].p50 == hm(8, 50));  // the ETA after a reported stop runs from its end
    // The same times as a schedule are impossible, and are flagged.
    plan.routes[0].stops[0].as_reported = false;
    const Evaluation stated = evaluate(p, plan);
    CHECK(std::count_if(stated.violations.begin(), stated.violations.end(),
                        [](const Violation& v) { return v.kind == ViolationKind::schedule; }) == 2);
}

TEST_CASE("what the reported past broke is listed apart; what the plan breaks after it is a violation") {
    const Problem p = small_day();
    // J1 reported 09:30-10:30, after its window closed at 09:00; nothing planned after it, so the
    // break owed from 10:00 was the field's to take.
    const Evaluation late = evaluate(p, route_of({reported(0, hm(9, 30), hm(10, 30))}, {1, 2}));
    CHECK(late.feasible());
    CHECK(broken(late, ViolationKind::time_window));
    CHECK(broken(late, ViolationKind::break_missing));
    CHECK(late.kpis.on_time_pct == Approx(0.0));  // outside its window: not on time, fact or not
    // Reported until 11:55: home at 12:05 is past the shift's end, and no plan could have helped.
    const Evaluation long_job = evaluate(p, route_of({reported(0, hm(8, 10), hm(11, 55))}, {1, 2}));
    CHECK(long_job.feasible());
    CHECK(broken(long_job, ViolationKind::shift_end));
    // Planned work after the reported part that runs past the end is the plan's doing.
    Plan planned = route_of({reported(0, hm(8, 10), hm(9, 10)), Stop::rest(0), Stop::job(1)}, {2});
    planned.routes[0].stops[2].start = hm(11, 50);
    const Evaluation over = evaluate(p, planned);
    CHECK(has(over, ViolationKind::shift_end));
    CHECK(!broken(over, ViolationKind::shift_end));
    // Nobody is in two places: a reported start before the stop ahead of it ended is refused.
    const Evaluation twice = evaluate(p, route_of({reported(0, hm(8, 10), hm(9, 10)), reported(1, hm(9, 0), hm(9, 30))}, {2}));
    CHECK(has(twice, ViolationKind::schedule));
}

TEST_CASE("a job set out for arrives when the trip says, and a break listed before it is taken at its door") {
    const Problem p = small_day();
    // J1 reported until 09:55; the technician set out for J2 (5 minutes away) and took the break
    // on arrival, 10:00-10:30; J2 starts at 10:30.
    Stop rest = Stop::rest(0);
    rest.start = hm(10, 0);
    Stop next = Stop::job(1);
    next.arrival = hm(10, 0);
    next.start = hm(10, 30);
    next.set_out = true;
    Plan plan = route_of({reported(0, hm(8, 10), hm(9, 55)), rest, next}, {2});
    const Evaluation at_door = evaluate(p, plan);
    INFO((at_door.violations.empty() ? "" : at_door.violations.front().message));
    CHECK(at_door.feasible());
    // Planned, not set out for, the break is where the last job was: J2 cannot start before 10:35.
    plan.routes[0].stops[2].set_out = false;
    CHECK(has(evaluate(p, plan), ViolationKind::schedule));
    // A trip held up (arriving 10:50, not 10:00) cannot start before it arrives.
    plan.routes[0].stops[2].set_out = true;
    plan.routes[0].stops[2].arrival = hm(10, 50);
    CHECK(has(evaluate(p, plan), ViolationKind::schedule));
    plan.routes[0].stops[2].start = hm(10, 50);
    const Evaluation held_up = evaluate(p, plan);
    CHECK(held_up.feasible());
    CHECK(held_up.schedule.routes[0].stops[2].wait() == Duration::zero());
}

TEST_CASE("the flags cannot hide a plan: reported first, one job set out for next, a short lunch and a late return noted") {
    const Problem p = small_day();
    // A reported stop after a planned one is no fact of the past.
    Plan after_planned = route_of({Stop::job(1), reported(0, hm(10, 0), hm(10, 30))}, {2});
    CHECK(has(evaluate(p, after_planned), ViolationKind::schedule));
    // Two jobs set out for at once, or one set out for behind planned work.
    Stop a = Stop::job(0), b = Stop::job(1);
    a.set_out = b.set_out = true;
    a.arrival = hm(8, 10);
    b.arrival = hm(9, 15);
    CHECK(has(evaluate(p, route_of({a, b}, {2})), ViolationKind::schedule));
    a.set_out = false;
    CHECK(has(evaluate(p, route_of({a, b}, {2})), ViolationKind::schedule));
    // A lunch reported shorter than it must be is noted as broken, and the plan stays feasible.
    Stop lunch = Stop::rest(0);
    lunch.start = hm(10, 0);
    lunch.end = hm(10, 1);
    lunch.as_reported = true;
    const Evaluation short_lunch = evaluate(p, route_of({reported(0, hm(8, 10), hm(9, 50)), lunch}, {1, 2}));
    CHECK(short_lunch.feasible());
    CHECK(broken(short_lunch, ViolationKind::break_window));
    // A return the reported part makes late, made later still by planned work: the plan's violation.
    Plan worse = route_of({reported(0, hm(8, 10), hm(11, 55)), Stop::job(1)}, {2});
    const Evaluation late = evaluate(p, worse);
    CHECK(has(late, ViolationKind::shift_end));
    CHECK(!broken(late, ViolationKind::shift_end));
}

TEST_CASE("a plan resumes at the door of a job not served, and the drive there is counted") {
    const Problem p = small_day();
    // J1 reported 08:10-09:10; the technician then drove to J3 (25 minutes), where nobody was home,
    // and was there at 09:40. J2 is 10 minutes from J3's door, and lunch is taken after it.
    Stop j2 = Stop::job(1);
    j2.start = hm(9, 50);
    Plan plan = route_of({reported(0, hm(8, 10), hm(9, 10)), j2, Stop::rest(0)}, {2});
    plan.routes[0].resumes = Resumption{JobIndex(2), hm(9, 40)};
    const Evaluation ev = evaluate(p, plan);
    INFO((ev.violations.empty() ? "" : ev.violations.front().where + ": " + ev.violations.front().message));
    REQUIRE(ev.feasible());
    const Route& r = ev.schedule.routes[0];
    CHECK(r.stops[1].arrival == hm(9, 50));
    CHECK(r.stops[1].wait() == Duration::zero());
    CHECK(ev.eta[0][1].p50 == hm(9, 50));
    CHECK(ev.kpis.travel_time == minutes(10 + 25 + 10 + 20));
    CHECK(r.return_time == hm(11, 10));
    CHECK(format_plan_text(p, ev).find("09:40  at the door of J3, not served") != std::string::npos);
    // Without it, the technician would be taken to have waited 35 minutes where J1 was.
    Plan without = plan;
    without.routes[0].resumes.reset();
    CHECK(evaluate(p, without).schedule.routes[0].stops[1].wait() == minutes(35));
    // At the door before the visit ahead of it ended: nobody is in two places.
    plan.routes[0].resumes->at = hm(9, 0);
    const Evaluation early = evaluate(p, plan);
    REQUIRE(has(early, ViolationKind::schedule));
    CHECK(early.violations.front().where == "routes[0].resumes");
    // A door that is no job.
    plan.routes[0].resumes = Resumption{JobIndex(7), hm(9, 40)};
    CHECK(has(evaluate(p, plan), ViolationKind::bad_reference));
}

TEST_CASE("the field's first report before the shift or the departure, and a trip quicker than the drive") {
    const Problem p = small_day();
    // Started at 07:50, before the 08:00 shift: a fact, noted.
    const Evaluation early = evaluate(p, route_of({reported(0, hm(7, 50), hm(8, 40))}, {1, 2}));
    CHECK(early.feasible());
    CHECK(broken(early, ViolationKind::schedule));
    // Left at 08:05 by the route's own record, yet started at 08:02: the two cannot both hold.
    Plan departed = route_of({reported(0, hm(8, 2), hm(8, 40))}, {1, 2});
    departed.routes[0].departure = hm(8, 5);
    CHECK(has(evaluate(p, departed), ViolationKind::schedule));
    // Set out for J2 when J1 ended at 09:10: five minutes away, so not there at 09:11.
    Stop next = Stop::job(1);
    next.set_out = true;
    next.arrival = hm(9, 11);
    Plan quick = route_of({reported(0, hm(8, 10), hm(9, 10)), next}, {2});
    CHECK(has(evaluate(p, quick), ViolationKind::schedule));
    quick.routes[0].stops[1].arrival = hm(9, 15);
    const Evaluation in_time = evaluate(p, quick);
    INFO((in_time.violations.empty() ? "" : in_time.violations.front().message));
    CHECK(in_time.feasible());
}

}  // namespace test_evaluate
