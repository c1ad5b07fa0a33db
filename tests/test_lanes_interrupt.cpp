// Interrupting where the job allows it: a technician four hours into nothing but an interruptible
// installation next door to an emergency can leave it now. The job_interrupted event ends the
// visit and appends the rest of the work as a new job; the emergency lane offers the interruption
// as an option of its own, timed and explained like the others, only where the job allows it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/event_io.hpp"
#include "fsd/io/json.hpp"
#include "fsd/lanes/emergency.hpp"

namespace test_lanes_interrupt {

using namespace fsd;

namespace {

// INSTALLER works from 08:00 on a 4-hour installation (p50 240 min) beside the emergency's site;
// FAR starts 5 km away with nothing to do.
Problem install_day(bool interruptible) {
    const std::string install = R"({"id": "INSTALL", "customer_id": "C-INSTALL", "location": {"lat": 41.150, "lon": -8.610},
        "skills": ["hvac"], "duration_min": {"p50": 240, "p75": 270, "p90": 300}, "interruptible": )" +
                                std::string(interruptible ? "true" : "false") + R"(,
        "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T09:00"}]})";
    auto tech = [](const std::string& id, double lat) {
        return R"({"id": ")" + id + R"(", "skills": ["hvac"], "start": {"lat": )" + std::to_string(lat) +
               R"(, "lon": -8.61}, "cost_per_hour": 30, "cost_per_km": 0.4,
                  "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00", "max_overtime_min": 60}]})";
    };
    const std::string doc = R"({"format": "fsd-problem/1", "name": "interrupt",
      "horizon": {"start_date": "2026-11-23", "days": 1}, "catalog": {"skills": ["hvac"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30, "detour_factor": 1.0},
      "technicians": [)" + tech("INSTALLER", 41.150) +
                            "," + tech("FAR", 41.195) + R"(], "jobs": [)" + install + "]}";
    return load_problem(Json::parse(doc), {});
}

// The installation under way since 08:00 (as planned), the clock at 09:00.
dispatch::DispatchState day_at_nine(bool interruptible) {
    const Problem p = install_day(interruptible);
    Plan plan;
    plan.routes.push_back(
        Route{0, 0, TimePoint::min(), TimePoint::min(), {Stop{StopKind::job, 0, TimePoint::min(), TimePoint::min(), TimePoint::min()}}});
    dispatch::DispatchState st = dispatch::begin_day(p, plan, TimePoint(8 * 3600), {}).state;
    st.now = TimePoint(9 * 3600);
    return st;
}

const Json emergency_spec = Json::parse(R"({"id": "E1", "customer_id": "C-E1", "location": {"lat": 41.151, "lon": -8.610},
    "skills": ["hvac"], "duration_min": 45, "urgency": "emergency", "priority": 10, "sla_deadline": "2026-11-23T10:00"})");

dispatch::Event interrupt_at(TimePoint at, std::string job) {
    dispatch::Event e;
    e.type = dispatch::EventType::job_interrupted;
    e.at = at;
    e.job = std::move(job);
    return e;
}

}  // namespace

TEST_CASE("job_interrupted: the visit ends, the rest of the work is a new open job") {
    dispatch::DispatchState st = day_at_nine(true);
    const TimePoint nine = st.now;
    dispatch::absorb(st, interrupt_at(nine, "INSTALL"));
    REQUIRE(st.problem.jobs.size() == 2);
    CHECK(st.jobs[0].state == dispatch::JobState::interrupted);
    REQUIRE(st.jobs[0].visit);
    const dispatch::Visit& v = st.visits[*st.jobs[0].visit];
    CHECK(v.interrupted);
    CHECK(v.finished == nine);
    const Job& rest = st.problem.jobs[1];
    CHECK(rest.id == "INSTALL-rest");
    CHECK(rest.customer_id == "C-INSTALL");
    CHECK(rest.location == st.problem.jobs[0].location);
    // An hour in, more than two of the four hours are left, and never more than the whole job.
    CHECK(rest.duration.p50 > minutes(120));
    CHECK(rest.duration.p50 < minutes(240));
    CHECK(rest.duration.p50 <= rest.duration.p75);
    CHECK(rest.duration.p75 <= rest.duration.p90);
    CHECK(rest.reported_at == nine);
    CHECK(rest.time_windows.empty());  // the windows bounded the start of the visit, which was made
    CHECK_FALSE(rest.sla_deadline);
    CHECK(rest.preferred_technicians == std::vector<TechnicianIndex>{0});
    CHECK(st.jobs[1].state == dispatch::JobState::open);
    // The paused job is frozen; a second interruption of it is refused, naming the field.
    CHECK(st.frozen(0));
    CHECK_THROWS_AS(dispatch::absorb(st, interrupt_at(nine + minutes(5), "INSTALL")), InputErrors);
    // The log format keeps the event and the rest's name.
    dispatch::Event named = interrupt_at(nine, "INSTALL");
    named.rest_job = "INSTALL-2";
    const dispatch::EventRead back = dispatch::read_event_json(dispatch::event_to_json(named, std::nullopt), std::nullopt, 1);
    REQUIRE(back.errors.empty());
    REQUIRE(back.events.size() == 1);
    CHECK(back.events[0].type == dispatch::EventType::job_interrupted);
    CHECK(back.events[0].rest_job == "INSTALL-2");
}

TEST_CASE("job_interrupted: refused for a job that does not allow it or is not under way") {
    dispatch::DispatchState fixed = day_at_nine(false);
    try {
        dispatch::absorb(fixed, interrupt_at(fixed.now, "INSTALL"));
        FAIL("a job that is not interruptible was interrupted");
    } catch (const InputErrors& e) {
        CHECK(e.errors().front().path == "event, job");
        CHECK(e.errors().front().message.find("not interruptible") != std::string::npos);
    }
    CHECK(fixed.jobs[0].state == dispatch::JobState::open);  // the state is left alone
    dispatch::DispatchState early = day_at_nine(true);
    early.now = TimePoint(7 * 3600);  // before the installation began
    CHECK_THROWS_AS(dispatch::absorb(early, interrupt_at(early.now, "INSTALL")), InputErrors);
}

TEST_CASE("emergency lane: a technician on an interruptible job next door can leave it now") {
    dispatch::DispatchState st = day_at_nine(true);
    const JobIndex e = lanes::add_job(st, emergency_spec);
    const lanes::EmergencyResult res = lanes::emergency_options(st, e);
    REQUIRE_FALSE(res.declined());
    const auto interrupt = std::find_if(res.options.begin(), res.options.end(),
                                        [](const lanes::EmergencyOption& o) { return o.action == lanes::EmergencyAction::interrupt; });
    REQUIRE(interrupt != res.options.end());
    CHECK(interrupt->technician == TechnicianIndex{0});
    REQUIRE(interrupt->interrupted == JobIndex{0});
    CHECK(interrupt->rest == "INSTALL-rest");
    // 100 m away: there within minutes, where waiting for the installation's end would be hours.
    CHECK(interrupt->eta.p50 < st.now + minutes(10));
    for (const lanes::EmergencyOption& o : res.options)
        if (o.action != lanes::EmergencyAction::interrupt && o.technician) CHECK(o.eta.p50 > interrupt->eta.p50);
    // It says what it costs: a score part for the pause, and the rest of the installation planned
    // again, preferably by the same technician, as a new visit its customer is told about.
    const auto pause =
        std::find_if(interrupt->parts.begin(), interrupt->parts.end(), [](const lanes::ScorePart& p) { return p.name == "interrupted"; });
    REQUIRE(pause != interrupt->parts.end());
    CHECK(pause->value == Approx(lanes::EmergencyWeights{}.interrupted));
    const Problem& p = interrupt->problem_of(st.problem);
    REQUIRE(p.jobs.size() == st.problem.jobs.size() + 1);
    const JobIndex rest = static_cast<JobIndex>(st.problem.jobs.size());
    REQUIRE(interrupt->times.jobs.size() == p.jobs.size());
    CHECK(interrupt->times.jobs[rest].technician == TechnicianIndex{0});
    CHECK(interrupt->times.jobs[rest].eta > interrupt->planned_start);
    CHECK(std::any_of(interrupt->cascade.notify.begin(), interrupt->cascade.notify.end(),
                      [&](const dispatch::Notification& n) { return n.job == rest && n.customer_id == "C-INSTALL"; }));
    // Adopting it: the event at the state's now gives the problem the option was planned on.
    dispatch::DispatchState adopted = st;
    dispatch::absorb(adopted, interrupt_at(st.now, "INSTALL"));
    REQUIRE(adopted.problem.jobs.size() == p.jobs.size());
    CHECK(adopted.problem.jobs[rest] == p.jobs[rest]);
    // The option's plan is a plan of that state: every open job once, the frozen part as it was.
    PerJob<int> seen(p.jobs.size(), 0);
    for (const Route& r : interrupt->plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job) ++seen[s.index];
    CHECK(seen[0] == 1);
    CHECK(seen[e] == 1);
    CHECK(seen[rest] == 1);
}

TEST_CASE("emergency lane: no interruption where the job does not allow it") {
    dispatch::DispatchState st = day_at_nine(false);
    const JobIndex e = lanes::add_job(st, emergency_spec);
    const lanes::EmergencyResult res = lanes::emergency_options(st, e);
    for (const lanes::EmergencyOption& o : res.options) {
        CHECK(o.action != lanes::EmergencyAction::interrupt);
        CHECK_FALSE(o.interrupted);
    }
    lanes::EmergencyParams none;
    none.interruptions = 0;
    dispatch::DispatchState st2 = day_at_nine(true);
    const JobIndex e2 = lanes::add_job(st2, emergency_spec);
    for (const lanes::EmergencyOption& o : lanes::emergency_options(st2, e2, none).options)
        CHECK(o.action != lanes::EmergencyAction::interrupt);
}

}  // namespace test_lanes_interrupt
