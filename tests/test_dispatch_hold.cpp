// Holding a visit to a later start (dispatch/hold.hpp): the visits behind it move with it, and
// the projected day says when that breaks a window, which is when live dispatch leaves the hold
// out of its plan (simulate/live_dispatch.cpp).
#include "dispatch_fixture.hpp"
#include "fsd/dispatch/hold.hpp"

namespace test_dispatch_hold {

using namespace dispatch_test;

namespace {

// One technician and two visits next door to each other: A (60 min, any time of the day), then
// B (30 min), whose window closes at 09:20, so that A may not start much after 08:00.
Problem tight_behind() {
    auto job = [](const std::string& id, int minutes, const std::string& from, const std::string& to) {
        return R"({"id": ")" + id + R"(", "customer_id": "C-)" + id + R"(", "location": {"lat": 41.16, "lon": -8.61},
                   "skills": ["hvac"], "duration_min": )" +
               std::to_string(minutes) + R"(, "time_windows": [{"start": "2026-11-23T)" + from + R"(", "end": "2026-11-23T)" + to +
               R"("}]})";
    };
    const std::string doc = R"({"format": "fsd-problem/1", "name": "tight behind",
      "horizon": {"start_date": "2026-11-23", "days": 1},
      "catalog": {"skills": ["hvac"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30, "detour_factor": 1.0},
      "technicians": [{"id": "T1", "skills": ["hvac"], "start": {"lat": 41.15, "lon": -8.61}, "cost_per_hour": 30,
                       "cost_per_km": 0.4, "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00"}]}],
      "jobs": [)" + job("A", 60, "08:00", "17:00") +
                            "," + job("B", 30, "09:00", "09:20") + "]}";
    return load_problem(Json::parse(doc), {});
}

DispatchDay a_then_b() {
    const Problem p = tight_behind();
    Plan plan;
    plan.routes.push_back(Route{tech_index(p, "T1"), 0, TimePoint::min(), TimePoint::min(), {Stop::job(0), Stop::job(1)}});
    DispatchDay day = begin_day(p, plan, at(7, 30), small_budget());
    REQUIRE(day.state.times.jobs[0].assigned());
    REQUIRE(day.state.times.jobs[1].assigned());
    return day;
}

}  // namespace

TEST_CASE("a visit held later moves the visits behind it, and the projection says when that breaks a window", "[dispatch][hold]") {
    const DispatchDay day = a_then_b();
    const DispatchState& st = day.state;
    const JobIndex a = job_index(st.problem, "A"), b = job_index(st.problem, "B");
    const TimePoint a_start = st.times.jobs[a].eta, b_start = st.times.jobs[b].eta;
    // A starts as soon as the technician gets there, B right after it, before 09:20
    REQUIRE(b_start == a_start + minutes(60));
    REQUIRE(b_start + minutes(10) <= at(9, 20));
    REQUIRE(b_start + minutes(25) > at(9, 20));
    const Evaluation base = project(st, st.plan).evaluation;
    REQUIRE(base.violations.empty());

    SECTION("held 10 minutes: B follows 10 minutes later, inside its window, and nothing breaks") {
        const std::optional<Replanned> held = hold_visit(st, st.plan, a, a_start + minutes(10));
        REQUIRE(held);
        CHECK(held->times.jobs[a].eta == a_start + minutes(10));
        CHECK(held->times.jobs[b].eta == b_start + minutes(10));
        CHECK(held->evaluation.violations.empty());
    }
    SECTION("held 25 minutes: B would start after its window closed, and the projection says so") {
        const std::optional<Replanned> held = hold_visit(st, st.plan, a, a_start + minutes(25));
        REQUIRE(held);
        CHECK(held->times.jobs[a].eta == a_start + minutes(25));
        CHECK(held->evaluation.violations.size() > base.violations.size());
    }
    SECTION("nothing to hold: already starting by then, or no window of the visit holds the start") {
        CHECK_FALSE(hold_visit(st, st.plan, a, a_start));
        CHECK_FALSE(hold_visit(st, st.plan, a, a_start - minutes(5)));
        CHECK_FALSE(hold_visit(st, st.plan, b, at(9, 30)));  // B's window closed at 09:20
    }
}

}  // namespace test_dispatch_hold
