// Van capacity through a dispatch day: the jobs a technician has done stay on their van, so the
// rest of the day (re-plans, the same-day and emergency lanes, the simulated whiteboard) may load
// only what is left of it.
#include <catch2/catch.hpp>

#include <string>

#include "dispatch_fixture.hpp"
#include "fsd/dispatch/residual.hpp"
#include "fsd/lanes/emergency.hpp"
#include "fsd/lanes/same_day.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/simulate/executed_day.hpp"
#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/simulator.hpp"
#include "generated_day.hpp"
#include "quick_policies.hpp"

namespace test_dispatch_capacity {

using namespace dispatch_test;

namespace {

int capacity_violations(const Problem& p, const Plan& plan) {
    int n = 0;
    for (const Violation& v : evaluate(p, plan).violations) n += v.kind == ViolationKind::capacity ? 1 : 0;
    return n;
}

// The crafted day with vans of three and every job a demand of one: nine jobs fill the three vans.
DispatchDay full_vans() {
    Problem p = crafted_day();
    for (Technician& t : p.technicians) t.capacity = 3;
    for (Job& j : p.jobs) j.demand = 1;
    return begin_day(std::move(p), std::nullopt, at(7, 30), small_budget());
}

}  // namespace

TEST_CASE("a van that has done work has only the rest of its capacity for the rest of the day", "[dispatch][capacity]") {
    DispatchDay day = full_vans();
    REQUIRE(capacity_violations(day.state.problem, day.state.plan) == 0);
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    {  // before anyone has left home, nobody's rest of the day is on the clock from its start
        const Residual morning = residual_problem(day.state);
        for (const Technician& t : morning.problem.technicians)
            for (const Shift& s : t.shifts) CHECK_FALSE(s.on_the_clock);
    }
    const std::vector<Stop> first = job_stops(day.state, t1);
    REQUIRE(!first.empty());
    const std::string done = day.state.problem.jobs[first[0].index].id;
    step(day, make_event(EventType::job_started, max(first[0].start, at(8, 0)), done, "T1"));
    step(day, make_event(EventType::job_finished, max(first[0].end, at(8, 45)), done, "T1"));

    const Residual r = residual_problem(day.state);
    const auto s = r.residual_shift(t1, 0);
    REQUIRE(s);
    CHECK(r.problem.technicians[t1].shifts[*s].loaded == 1);
    CHECK(r.problem.technicians[t1].shifts[*s].on_the_clock);  // at work since the morning: paid from now

    // An emergency no van has room for: whatever the re-plan does, no van carries more than three.
    Event e = make_event(EventType::job_added, at(9, 0));
    e.job = "E1";
    e.job_spec = Json::parse(R"({"id": "E1", "customer_id": "C-E1", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"],
        "duration_min": 30, "urgency": "emergency", "priority": 10, "demand": 1,
        "time_windows": [{"start": "2026-11-23T09:00", "end": "2026-11-23T18:00"}]})");
    const DispatchState before = day.state;
    step(day, e);
    CHECK(capacity_violations(day.state.problem, day.state.plan) == 0);

    // The lanes on the same state: every option and slot they offer keeps to the vans.
    DispatchState st = before;
    const JobIndex e1 = lanes::add_job(st, e.job_spec);
    for (const lanes::EmergencyOption& o : lanes::emergency_options(st, e1).options) {
        INFO(lanes::emergency_action_names[static_cast<int>(o.action)]);
        CHECK(capacity_violations(o.problem_of(st.problem), o.plan) == 0);
    }
    for (const lanes::Slot& slot : lanes::same_day_slots(st, e1)) CHECK(capacity_violations(st.problem, slot.plan) == 0);
}

TEST_CASE("a simulated day keeps every van within its capacity, under every policy", "[simulate][capacity]") {
    using namespace fsd::simulate;
    Problem p = test_support::generated_day(1, 4, 15);
    for (Technician& t : p.technicians) t.capacity = 2;
    for (Job& j : p.jobs) j.demand = 1;
    const PolicyParams quick = test_support::quick_policies();
    for (const char* name : {"whiteboard", "optimiser-p75", "live"})
        for (const bool arrivals : {false, true}) {
            CAPTURE(name, arrivals);
            SimParams sp;
            sp.seed = 1;
            sp.truth.arrivals = arrivals;
            auto policy = make_policy(name, quick);
            const SimulationResult r = simulate_day(p, *policy, sp);
            const ExecutedDay day = executed_day(p, r);
            CHECK(capacity_violations(day.problem, day.plan) == 0);
            int done = 0;
            for (const ExecutedRoute& route : r.routes)
                for (const ExecutedStop& s : route.stops) done += s.kind == StopKind::job && s.outcome == VisitOutcome::served;
            CHECK(done > 0);
            CHECK(done <= 8);
        }
}

}  // namespace test_dispatch_capacity
