// Night shifts: a shift that starts in the evening and runs past midnight serves the windows of
// the next morning's small hours. The planner, matching and live dispatch all take its day to run
// on for as long as the shift does.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "dispatch_fixture.hpp"
#include "fsd/dispatch/assignment_reasons.hpp"
#include "fsd/dispatch/cascade.hpp"
#include "fsd/dispatch/residual.hpp"
#include "fsd/dispatch/residual_plan.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/lanes/appointments.hpp"
#include "fsd/matching/eligibility_check.hpp"
#include "fsd/matching/plan_state.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/simulate/day_problem.hpp"
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

// A plan of p by a short search, the same every run.
Plan planned(const Problem& p, std::uint64_t iterations = 2000) {
    solver::SolverParams sp;
    sp.seed = 3;
    sp.max_iterations = iterations;
    return solver::solve(p, sp).plan;
}

// Technician t works the night after their first too (p's horizon grows to three days).
void with_next_night(Problem& p, TechnicianIndex t) {
    p.horizon.days = 3;
    Shift next = p.technicians[t].shifts[0];
    next.span = {next.span.start + hours(24), next.span.end + hours(24)};
    for (Break& b : next.breaks) b.window = {b.window.start + hours(24), b.window.end + hours(24)};
    p.technicians[t].shifts.push_back(next);
}

// The crafted day with J7 T1's alone, wanted in `windows`.
Problem with_j7_for_t1(std::vector<TimeWindow> windows) {
    Problem p = crafted_day();
    Job& j7 = p.jobs[job_index(p, "J7")];
    j7.required_technicians = {tech_index(p, "T1")};
    j7.time_windows = std::move(windows);
    return p;
}

bool assigned(const Plan& plan, JobIndex j) {
    return std::none_of(plan.unassigned.begin(), plan.unassigned.end(), [j](const Unassigned& u) { return u.job == j; });
}

}  // namespace

TEST_CASE("a night shift serves the windows after midnight", "[night]") {
    const Problem p = night();
    REQUIRE(check_problem(p).empty());
    const Plan plan = planned(p, 3000);
    const Evaluation ev = evaluate(p, plan);
    CHECK(ev.feasible());
    CHECK(plan.unassigned.empty());  // the windows after midnight were cut to the shift's first day: J1-J3 left out
    for (const char* id : {"J1", "J2", "J3"}) {
        INFO(id);
        CHECK(assigned(plan, job_index(p, id)));
    }
}

TEST_CASE("a day shift keeps a job's daytime window when a night shift works the same day", "[night]") {
    // T1 back on days, 08:00-17:00; J7, for T1 only, at 09:00-10:00 or in the small hours after.
    Problem p = night();
    const TechnicianIndex t1 = tech_index(p, "T1");
    p.technicians[t1].shifts[0].span = {TimePoint(hours(8).count()), TimePoint(hours(17).count())};
    Job& j7 = p.jobs[job_index(p, "J7")];
    j7.required_technicians = {t1};
    j7.time_windows = {{TimePoint(hours(9).count()), TimePoint(hours(10).count())}, {day_start(1) + hours(1), day_start(1) + hours(4)}};
    const Plan plan = planned(p);
    CHECK(evaluate(p, plan).feasible());
    // Every day-0 vehicle was given the night window, the longest in the night's hours: J7 left out.
    CHECK(assigned(plan, job_index(p, "J7")));
}

TEST_CASE("a night shift keeps a job's night window when the job has a longer one that day", "[night]") {
    // J7 at 10:00-16:00, or 02:00-03:00 in the night: only the night's can be met by the night shifts.
    Problem p = night();
    p.jobs[job_index(p, "J7")].time_windows = {{TimePoint(hours(10).count()), TimePoint(hours(16).count())},
                                               {day_start(1) + hours(2), day_start(1) + hours(3)}};
    const Plan plan = planned(p);
    CHECK(evaluate(p, plan).feasible());
    CHECK(assigned(plan, job_index(p, "J7")));  // cut to the day's longest, 10:00-16:00: left out
}

TEST_CASE("a day shift keeps a job's daytime window when the job has a longer one in that day's small hours", "[night]") {
    // The crafted day (shifts by day): J7, for T1 only, at 01:00-05:00 or 09:00-10:00 the same day.
    Problem p = crafted_day();
    const TechnicianIndex t1 = tech_index(p, "T1");
    Job& j7 = p.jobs[job_index(p, "J7")];
    j7.required_technicians = {t1};
    j7.time_windows = {{TimePoint(hours(1).count()), TimePoint(hours(5).count())},
                       {TimePoint(hours(9).count()), TimePoint(hours(10).count())}};
    REQUIRE(check_problem(p).empty());
    const Plan plan = planned(p);
    CHECK(evaluate(p, plan).feasible());
    CHECK(assigned(plan, job_index(p, "J7")));  // cut to the calendar day's longest, 01:00-05:00: left out
}

TEST_CASE("of a job's windows, one a visit cannot fit in before the shift's hard end is not the one planned on", "[night]") {
    // T1 08:00-17:00 (+1 h): J7, an hour long, at 07:00-08:30 or 17:20-18:00. The later window is
    // the longer inside the shift's hours, but a visit begun in it ends after 18:00.
    const Problem p = with_j7_for_t1({{at(7, 0), at(8, 30)}, {at(17, 20), at(18, 0)}});
    const Plan plan = planned(p);
    CHECK(evaluate(p, plan).feasible());
    CHECK(assigned(plan, job_index(p, "J7")));  // ranked by length inside the hours: 17:20-18:00, and left out
}

TEST_CASE("a re-plan whose clock has cut into a job's morning window keeps it there", "[night][dispatch]") {
    // The day re-planned at 11:25: J7 (an hour, T1's) may start 08:00-12:00 or 15:00-15:45. What is
    // left of the morning (35 min) is shorter than the afternoon (45 min); the customer stays in
    // the morning.
    const Problem p = with_j7_for_t1({{at(8, 0), at(12, 0)}, {at(15, 0), at(15, 45)}});
    const TechnicianIndex t1 = tech_index(p, "T1");
    const DispatchDay day = begin_day(p, std::nullopt, at(11, 25), small_budget());
    const auto stops = job_stops(day.state, t1);
    const auto visit = std::find_if(stops.begin(), stops.end(), [&](const Stop& s) { return s.job_index() == job_index(p, "J7"); });
    REQUIRE(visit != stops.end());
    CHECK(visit->start <= at(12, 0));  // 15:00: the clock-cut morning ranked below the afternoon
}

TEST_CASE("matching against a plan counts the jobs of the night that would do the job, not of the next night too", "[night]") {
    // T1 works two nights in a row, with J1 and J2 on the first (after midnight) and J4 on the second.
    Problem p = night();
    const TechnicianIndex t1 = tech_index(p, "T1");
    with_next_night(p, t1);
    p.jobs[job_index(p, "J4")].time_windows = {{day_start(2) + hours(1), day_start(2) + hours(4)}};
    REQUIRE(check_problem(p).empty());
    Plan plan;
    plan.routes.push_back(Route{t1, 0, TimePoint::min(), TimePoint::min(), {Stop::job(job_index(p, "J1")), Stop::job(job_index(p, "J2"))}});
    plan.routes.push_back(Route{t1, 1, TimePoint::min(), TimePoint::min(), {Stop::job(job_index(p, "J4"))}});
    // J3, wanted at 01:00-04:00 on day 1, as the first night's: J1 and J2 are on it, J4 is the next night's.
    const auto states = matching::states_from_plan(p, plan, job_index(p, "J3"), 1);
    CHECK(states[t1].jobs_today == 2);  // 3: the second night, which also works on day 1, counted too
    // A job on the second night's small hours is the second night's alone.
    const auto next = matching::states_from_plan(p, plan, job_index(p, "J1"), 2);
    CHECK(next[t1].jobs_today == 1);
    // A job with no window on day 1 is the work of the night that begins on day 1, not of the night
    // still out at midnight.
    p.jobs[job_index(p, "J5")].time_windows.clear();
    const auto any_time = matching::states_from_plan(p, plan, job_index(p, "J5"), 1);
    CHECK(any_time[t1].jobs_today == 1);  // 2: the first night's J1 and J2
}

TEST_CASE("offers on a dispatch state after midnight: hours past 24 are the night under way", "[night]") {
    // At 01:00 the night crew's shifts run on from the clock (the residual day); the office books
    // the night crew from 22:00 to 06:00 of the night's working day (hours 22 to 30).
    DispatchDay day = begin_day(night(), std::nullopt, day_start(1) + hours(1), small_budget());
    const dispatch::Residual r = dispatch::residual_problem(day.state);
    Job request = day.state.problem.jobs[job_index(day.state.problem, "J7")];
    request.id = "NEW";
    lanes::OfferOptions o;
    o.first_hour = 22;
    o.last_hour = 30;
    o.not_before = day.state.now;
    const auto offers = lanes::appointment_offers(r.problem, dispatch::to_residual(r, day.state.plan), request, o);
    REQUIRE(!offers.empty());  // the hours fell on the evening after, when nobody works
    for (const auto& offer : offers) {
        INFO(format_clock(offer.window.start));
        CHECK(offer.window.start >= day.state.now);
        CHECK(offer.window.end <= day_start(1) + hours(6));
    }
}

TEST_CASE("no offer when the booking hours meet no shift: the reason says so, with the hours", "[night]") {
    const Problem p = crafted_day();  // day shifts, 08:00-17:00 (+1 h)
    lanes::OfferOptions o;
    o.first_hour = 20;
    o.last_hour = 23;
    const std::string why = lanes::no_offer_reason(p, p.jobs[job_index(p, "J7")], o);
    CHECK(why.find("booking hours 20 to 23 meet no technician's shift") != std::string::npos);  // "no window ... left"
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

// night() with a horizon of its first day only: the shifts run past it, and J1-J3's windows open
// after it, in the small hours (refused before as outside the horizon); the others have none.
Problem one_day_night() {
    Problem p = night();
    p.horizon.days = 1;
    for (Job& j : p.jobs)
        if (j.id != "J1" && j.id != "J2" && j.id != "J3") j.time_windows.clear();
    return p;
}

TEST_CASE("live dispatch takes the reports of a night shift after midnight", "[night][dispatch]") {
    // A one-day horizon as well: its reports after midnight were refused as outside the horizon.
    const bool one_day = GENERATE(false, true);
    CAPTURE(one_day);
    const Problem p = one_day ? one_day_night() : night();
    REQUIRE(check_problem(p).empty());
    DispatchDay day = begin_day(p, std::nullopt, TimePoint(hours(21).count() + 30 * 60), small_budget());
    REQUIRE(day.state.plan.unassigned.empty());
    // Every visit the plan has after midnight, started and finished on time, in time order.
    std::vector<Stop> after_midnight;
    for (const Route& r : day.state.plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.start >= day_start(1)) after_midnight.push_back(s);
    REQUIRE(!after_midnight.empty());
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

TEST_CASE("a trip reported after midnight on a night shift is the technician's", "[night][dispatch]") {
    // T1 on at 23:30, every job wanted from 00:30: at 00:05 T1 sets out for the second job of its list.
    Problem p = night();
    const TechnicianIndex t1 = tech_index(p, "T1");
    p.technicians[t1].shifts[0].span = {TimePoint(hours(23).count() + 1800), day_start(1) + hours(7) + minutes(30)};
    for (Job& j : p.jobs) j.time_windows = {{day_start(1) + minutes(30), day_start(1) + hours(6)}};
    DispatchDay day = begin_day(p, std::nullopt, TimePoint(hours(23).count()), small_budget());
    const std::vector<Stop> planned = job_stops(day.state, t1);
    REQUIRE(planned.size() >= 2);
    const JobIndex second = planned[1].job_index();
    const TimePoint set_out = day_start(1) + minutes(5);
    step(day, make_event(EventType::on_the_way, set_out, day.state.problem.jobs[second].id, "T1"));
    // Before, a trip was heard only on the calendar day its shift began: T1 stayed idle, the job
    // where the plan had it.
    CHECK(day.state.technicians[t1].activity == Activity::en_route);
    const std::vector<Stop> now = job_stops(day.state, t1);
    REQUIRE(!now.empty());
    CHECK(now.front().job_index() == second);
    CHECK(now.front().arrival == set_out + day.state.problem.travel_time(p.technicians[t1].start_of(0), p.jobs[second].location));
}

TEST_CASE("a visit moved past midnight within its night shift is not moved to another day", "[night][dispatch]") {
    Problem p = night();
    const TechnicianIndex t1 = tech_index(p, "T1");
    with_next_night(p, t1);
    const JobIndex j = job_index(p, "J4");
    const TimePoint before = TimePoint(hours(23).count() + 24 * 60);
    auto times = [&](std::uint32_t shift, TimePoint eta) {
        PlanTimes out;
        out.jobs.resize(p.jobs.size());
        out.technicians.resize(p.technicians.size());
        out.jobs[j] = JobTiming::routed(t1, shift, eta, {eta - minutes(15), eta + minutes(45)});
        return out;
    };
    const TimePoint after_midnight = day_start(1) + minutes(74);
    const CascadeReport same_night = compare(p, times(0, before), times(0, after_midnight), TimePoint(hours(22).count()));
    REQUIRE(same_night.jobs.size() == 1);
    CHECK_FALSE(same_night.jobs[0].other_day);  // 23:24 -> 01:14 was "moved to another day"
    const CascadeReport next = compare(p, times(0, before), times(1, before + hours(24)), TimePoint(hours(22).count()));
    REQUIRE(next.jobs.size() == 1);
    CHECK(next.jobs[0].other_day);
}

TEST_CASE("the text of a night shift's plan dates its routes and marks the times after midnight", "[night]") {
    const Problem p = night();
    const std::string text = format_plan_text(p, evaluate(p, planned(p)));
    CAPTURE(text);
    CHECK(text.find("shift 2026-11-23 22:00-07:00+1") != std::string::npos);
    CHECK(text.find("01:00+1-04:00+1") != std::string::npos);  // J1's window, in the small hours after
    CHECK(text.find("back") != std::string::npos);
}

TEST_CASE("a simulated day takes the small hours' jobs of its night shifts, not those of the night before", "[night][simulate]") {
    Problem p = night();
    // T1 also works the next day, 08:00-17:00.
    const TechnicianIndex t1 = tech_index(p, "T1");
    p.technicians[t1].shifts.push_back(Shift{{day_start(1) + hours(8), day_start(1) + hours(17)}, hours(1), {}, {}});
    const JobIndex j1 = job_index(p, "J1");  // 01:00-04:00 on the second day
    auto has = [&](const simulate::DayProblem& d, JobIndex j) {
        return std::find(d.original.begin(), d.original.end(), j) != d.original.end();
    };
    CHECK(has(simulate::day_problem(p, 0), j1));
    const simulate::DayProblem second = simulate::day_problem(p, 1);
    CHECK_FALSE(has(second, j1));  // no shift of that day could meet it: it was counted carried over
    CHECK(second.original.empty());
}

TEST_CASE("the reasons of a night shift's assignment after midnight count the whole shift's jobs", "[night][dispatch]") {
    const Problem p = night();
    const Plan plan = planned(p);
    const PlanTimes after = plan_times(p, evaluate(p, plan));
    const std::vector<AssignmentReason> reasons = assignment_reasons(p, plan, PlanTimes{}, after);
    int checked = 0;
    for (const AssignmentReason& r : reasons) {
        if (after.jobs[r.job].eta < day_start(1)) continue;
        const Route& route = *find_route(plan, r.technician, 0);
        const auto jobs = std::count_if(route.stops.begin(), route.stops.end(), [](const Stop& s) { return s.kind == StopKind::job; });
        const std::string others = std::to_string(jobs - 1) + (jobs - 1 == 1 ? " job today" : " jobs today");
        INFO(p.jobs[r.job].id << ": " << fmt::format("{}", fmt::join(r.reasons, "; ")));
        REQUIRE(!r.reasons.empty());
        CHECK(r.reasons[0].rfind("ranked", 0) == 0);
        // The jobs of the shift before midnight were another day's: "0 jobs today", from home.
        CHECK(std::find(r.reasons.begin(), r.reasons.end(), others) != r.reasons.end());
        ++checked;
    }
    CHECK(checked >= 3);
}

TEST_CASE("a night's work is its day's in the balance targets: the same day 14 hours earlier has the same", "[night]") {
    Problem n = night();
    Problem d = n;  // the day twin: everything 14 hours earlier
    for (Technician& t : d.technicians)
        for (Shift& s : t.shifts) s.span = {s.span.start - hours(14), s.span.end - hours(14)};
    for (Job& j : d.jobs)
        for (TimeWindow& w : j.time_windows) w = {w.start - hours(14), w.end - hours(14)};
    // And J4 pinned at 01:30 in the night (11:30 in the day twin).
    n.jobs[job_index(n, "J4")].pinned_start = day_start(1) + hours(1) + minutes(30);
    d.jobs[job_index(d, "J4")].pinned_start = TimePoint(hours(11).count() + 1800);
    const std::vector<Duration> night_targets = balance_targets(n), day_targets = balance_targets(d);
    REQUIRE(day_targets.size() == 2);
    CHECK(day_targets[0] > Duration::zero());
    CHECK(night_targets == day_targets);  // J1-J3, after midnight, went to a day without shifts
}

TEST_CASE("the report counts days as the CLI does: a night's small hours are d1 in the timeline and the cascade alike", "[night]") {
    const Problem p = night();
    const Evaluation ev = evaluate(p, planned(p));
    const std::string html = report::html_report(p, ev);
    const std::string small_hours = format_clock(day_start(1) + hours(1));  // "d1 01:00"
    REQUIRE(small_hours == "d1 01:00");
    CHECK(html.find("d1 01:") != std::string::npos);
    CHECK(html.find("d2 ") == std::string::npos);  // the timeline counted the first day as d1
}

}  // namespace test_night_shift
