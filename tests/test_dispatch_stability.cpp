// The stability term in a re-plan: a customer told "T2 comes" keeps T2 while moving the job saves
// less than the default weight, and is moved (and told again) when the weight is zero. One job,
// two technicians: T1 lives next to the job, T2 about 5.5 km away (some 16 of paid time and mileage).
#include "dispatch_fixture.hpp"

namespace test_dispatch_stability {

using namespace dispatch_test;

namespace {

Problem two_homes() {
    auto tech = [](const std::string& id, double lat) {
        return R"({"id": ")" + id + R"(", "skills": ["hvac"], "start": {"lat": )" + std::to_string(lat) +
               R"(, "lon": -8.61}, "cost_per_hour": 30, "cost_per_km": 0.4,
                  "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00"}]})";
    };
    const std::string doc = R"({"format": "fsd-problem/1", "name": "two homes",
      "horizon": {"start_date": "2026-11-23", "days": 1},
      "catalog": {"skills": ["hvac"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30, "detour_factor": 1.0},
      "technicians": [)" + tech("T1", 41.15) +
                            "," + tech("T2", 41.20) + R"(],
      "jobs": [{"id": "J1", "customer_id": "C-J1", "location": {"lat": 41.15, "lon": -8.61}, "skills": ["hvac"],
                "duration_min": 60, "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00"}]}]})";
    return load_problem(Json::parse(doc), {});
}

// The day started from a plan that gives J1 to T2 (so its customer is told T2), then the
// stability weights scaled, then an event elsewhere that makes the day be planned again.
DispatchDay told_t2_then_replanned(double stability, CascadeReport& cascade) {
    const Problem p = two_homes();
    Plan plan;
    plan.routes.push_back(Route{tech_index(p, "T2"), 0, TimePoint::min(), TimePoint::min(), {Stop::job(0)}});
    DispatchDay day = begin_day(p, plan, at(7, 30), small_budget());
    REQUIRE(day.state.problem.jobs[0].promised_technician == tech_index(p, "T2"));
    REQUIRE(day.state.problem.jobs[0].times_retold == 0);  // told once, not re-told
    ObjectiveWeights& w = day.state.problem.objective;
    w.moved_technician *= stability;
    w.promise_miss *= stability;
    w.promise_late_per_minute *= stability;
    Event e = make_event(EventType::travel_delay, at(7, 40), "", "T2");
    e.delay = minutes(1);
    const StepResult s = apply_event(day, e);
    require_feasible(s.evaluation);
    cascade = s.cascade;
    return day;
}

}  // namespace

TEST_CASE("a told customer keeps their technician at the default stability weight and not at zero", "[dispatch][stability]") {
    const Problem p = two_homes();
    const TechnicianIndex t1 = tech_index(p, "T1"), t2 = tech_index(p, "T2");
    // the saving is real: planned afresh, T1 (next door) gets the job
    {
        const DispatchDay fresh = begin_day(p, std::nullopt, at(7, 30), small_budget());
        REQUIRE(fresh.state.times.jobs[0].technician == t1);
    }
    SECTION("default weights: the job stays with T2, nobody is told") {
        CascadeReport c;
        const DispatchDay day = told_t2_then_replanned(1.0, c);
        REQUIRE(day.state.times.jobs[0].technician == t2);
        REQUIRE(c.notify.empty());
        REQUIRE(c.totals.technician_changed == 0);
        REQUIRE(day.state.problem.jobs[0].times_retold == 0);
    }
    SECTION("three times the weights: still T2") {
        CascadeReport c;
        const DispatchDay day = told_t2_then_replanned(3.0, c);
        REQUIRE(day.state.times.jobs[0].technician == t2);
    }
    SECTION("no stability term: the job moves to T1 and its customer is told") {
        CascadeReport c;
        const DispatchDay day = told_t2_then_replanned(0.0, c);
        REQUIRE(day.state.times.jobs[0].technician == t1);
        REQUIRE(c.totals.technician_changed == 1);
        REQUIRE(c.notify.size() == 1);
        REQUIRE(c.notify[0].technician == t1);
        REQUIRE(day.state.problem.jobs[0].promised_technician == t1);  // the new promise
        REQUIRE(day.state.problem.jobs[0].times_retold == 1);          // to a customer re-told
        REQUIRE(c.notify[0].retold_before == 0);                       // for the first time
    }
}

TEST_CASE("every notice after the first plan that knew a job counts a re-tell, cannot-be-served ones too", "[dispatch][stability]") {
    const Problem p = two_homes();
    const TechnicianIndex t1 = tech_index(p, "T1"), t2 = tech_index(p, "T2");
    auto with = [](std::optional<TechnicianIndex> t) {
        Plan plan;
        if (t)
            plan.routes.push_back(Route{*t, 0, TimePoint::min(), TimePoint::min(), {Stop::job(0)}});
        else
            plan.unassigned.push_back({0, UnassignedReason::not_planned, "held back"});
        return plan;
    };
    DispatchDay day = begin_day(p, with(t2), at(7, 30), small_budget());
    const Job& job = day.state.problem.jobs[0];
    REQUIRE(job.times_retold == 0);  // told for the first time
    // Each adoption of another plan tells the customer again; the notice says how often before.
    const std::vector<std::optional<TechnicianIndex>> plans{t1, t2, std::nullopt, t1};
    for (std::uint32_t k = 0; k < plans.size(); ++k) {
        const Replanned r = project(day.state, with(plans[k]));
        const CascadeReport c = adopt(day.state, r.plan, r.times, day.params);
        REQUIRE(c.notify.size() == 1);
        CHECK(c.notify[0].retold_before == k);
        CHECK(job.times_retold == k + 1);
    }
    CHECK(job.promised_technician == t1);  // booked again after "cannot be served": counted too
    // A day begun from a problem whose customers were re-told already keeps their counts: its
    // first plan re-tells nobody.
    const DispatchDay again = begin_day(day.state.problem, with(t2), at(7, 35), small_budget());
    CHECK(again.state.problem.jobs[0].times_retold == 4);
}

}  // namespace test_dispatch_stability
