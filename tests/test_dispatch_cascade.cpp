// Cascade reports on hand-made plan timings (every kind of change, the notify threshold on both
// sides, per-technician changes, totals, text and JSON), on two plans the evaluator times, and
// the SLA monitor's three levels on a hand-made state.
#include "dispatch_fixture.hpp"

#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/dispatch/cascade_view.hpp"
#include "fsd/dispatch/sla_monitor.hpp"

namespace test_dispatch_cascade {

using namespace dispatch_test;

namespace {

struct Fixture {
    Problem p = crafted_day();
    PlanTimes before, after;
    Fixture() {
        before.jobs.resize(p.jobs.size());
        after.jobs.resize(p.jobs.size());
        before.technicians.resize(3);
        after.technicians.resize(3);
    }
    JobIndex j(const std::string& id) const { return job_index(p, id); }
    TechnicianIndex t(const std::string& id) const { return tech_index(p, id); }
    void set(PlanTimes& times, const std::string& job, const std::string& tech, TimePoint eta) {
        times.jobs[j(job)] = JobTiming::routed(t(tech), 0, eta, {eta - minutes(10), eta + minutes(20)});
    }
    void day(PlanTimes& times, const std::string& tech, TimePoint end, Duration overtime) {
        times.technicians[t(tech)] = TechnicianDay{true, end, overtime};
    }
};

const JobChange* change_of(const CascadeReport& r, JobIndex j) {
    for (const JobChange& c : r.jobs)
        if (c.job == j) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("compare lists every kind of change and notifies by the rule", "[dispatch][cascade]") {
    Fixture f;
    f.p.jobs[f.j("J7")].preferred_window = TimeWindow{at(8, 30), at(8, 50)};
    f.p.jobs[f.j("G1")].sla_deadline = at(12, 10);
    f.p.jobs[f.j("J3")].times_retold = 2;                                            // the customer has had two new promises already
    f.set(f.before, "J1", "T1", at(9, 0)), f.set(f.after, "J1", "T1", at(9, 14));    // 14 min: changed, not told
    f.set(f.before, "J2", "T1", at(10, 0)), f.set(f.after, "J2", "T1", at(10, 16));  // 16 min: told
    f.set(f.before, "J3", "T1", at(11, 0)), f.set(f.after, "J3", "T2", at(11, 0));   // another technician
    f.set(f.before, "J4", "T2", at(9, 0));                                           // left out now
    f.after.jobs[f.j("J4")] = JobTiming::left_out(UnassignedReason::outranked, "no time left");
    f.set(f.after, "J5", "T3", at(13, 0));                                                      // new to `before`
    f.set(f.before, "J6", "T3", at(8, 0)), f.set(f.after, "J6", "T3", at(8, 0) + seconds(30));  // noise
    f.set(f.before, "J7", "T3", at(9, 0)), f.set(f.after, "J7", "T3", at(8, 40));               // now in the preferred window
    f.set(f.before, "G1", "T2", at(12, 0)), f.set(f.after, "G1", "T2", at(12, 30));             // now after its SLA
    f.set(f.before, "G2", "T2", at(14, 0)), f.set(f.after, "G2", "T2", TimePoint(seconds_per_day + 9 * 3600));  // next day
    f.day(f.before, "T1", at(16, 0), Duration::zero()), f.day(f.after, "T1", at(17, 30), minutes(30));
    f.day(f.before, "T2", at(16, 0), Duration::zero()), f.day(f.after, "T2", at(16, 0), Duration::zero());
    f.day(f.after, "T3", at(15, 0), Duration::zero());
    f.before.cost = money(100);
    f.after.cost = money(120);

    const CascadeReport r = compare(f.p, f.before, f.after, at(7, 0));
    REQUIRE(r.jobs.size() == 8);
    REQUIRE(change_of(r, f.j("J6")) == nullptr);
    REQUIRE(change_of(r, f.j("J1"))->delta == minutes(14));
    REQUIRE(!change_of(r, f.j("J1"))->notify);
    REQUIRE(change_of(r, f.j("J2"))->notify);
    REQUIRE(change_of(r, f.j("J3"))->technician_changed());
    REQUIRE(change_of(r, f.j("J3"))->notify);
    REQUIRE(change_of(r, f.j("J4"))->newly_unassigned);
    REQUIRE(change_of(r, f.j("J4"))->reason == UnassignedReason::outranked);
    REQUIRE(change_of(r, f.j("J5"))->newly_assigned);
    REQUIRE(change_of(r, f.j("J7"))->window == WindowChange::now_met);
    REQUIRE(change_of(r, f.j("J7"))->delta == -minutes(20));
    REQUIRE(change_of(r, f.j("G1"))->sla_now_missed);
    REQUIRE(change_of(r, f.j("G2"))->other_day);

    const CascadeTotals& t = r.totals;
    REQUIRE(t.jobs_changed == 8);
    REQUIRE(t.technician_changed == 1);
    REQUIRE(t.delayed == 4);  // J1, J2, G1, G2
    REQUIRE(t.earlier == 1);
    REQUIRE(t.newly_unassigned == 1);
    REQUIRE(t.newly_assigned == 1);
    REQUIRE(t.windows_met == 1);
    REQUIRE(t.sla_missed == 1);
    REQUIRE(t.other_day == 1);
    REQUIRE(t.delay_max == TimePoint(seconds_per_day + 9 * 3600) - at(14, 0));
    REQUIRE(t.overtime_change == minutes(30));
    REQUIRE(t.cost_after - t.cost_before == money(20));

    std::vector<JobIndex> told;
    for (const Notification& n : r.notify) told.push_back(n.job);
    REQUIRE(told == std::vector<JobIndex>{f.j("J2"), f.j("J3"), f.j("J4"), f.j("J5"), f.j("J7"), f.j("G1"), f.j("G2")});
    REQUIRE(r.notify[0].customer_id == "C-J2");
    REQUIRE(r.notify[0].window.p50 == at(10, 6));
    REQUIRE(r.notify[0].window.p90 == at(10, 36));
    REQUIRE(!r.notify[2].technician);  // J4: nobody comes
    REQUIRE(r.notify[0].retold_before == 0);
    REQUIRE(r.notify[1].retold_before == 2);  // J3

    // technicians: T1 lost J3 and ends later with overtime, T2 took J3 and lost J4, T3 took J5
    REQUIRE(r.technicians.size() == 3);
    REQUIRE(r.technicians[0].removed == std::vector<JobIndex>{f.j("J3")});
    REQUIRE(r.technicians[0].new_overtime == minutes(30));
    REQUIRE(r.technicians[1].added == std::vector<JobIndex>{f.j("J3")});
    REQUIRE(r.technicians[1].removed == std::vector<JobIndex>{f.j("J4")});
    REQUIRE(r.technicians[2].added == std::vector<JobIndex>{f.j("J5")});

    const std::string text = cascade_to_text(f.p, r);
    REQUIRE(text.find("J3") != std::string::npos);
    REQUIRE(text.find("technician changed") != std::string::npos);
    // told the p50-p90 window widened by 15 minutes on each side
    REQUIRE(r.notify[0].told == TimeWindow{at(9, 51), at(10, 51)});
    REQUIRE(text.find("C-J2 (J2): T1, 09:51-10:51 (ETA 10:16); ETA +16 min\n") != std::string::npos);
    REQUIRE(text.find("C-J3 (J3): T2, ") != std::string::npos);
    REQUIRE(text.find("technician changed, ETA +0 min (re-told 2 times before)\n") != std::string::npos);
    const Json j = cascade_to_json(f.p, r);
    REQUIRE(j["jobs"].size() == 8);
    REQUIRE(j["notify"][0]["window"]["p50"] == "2026-11-23T10:06");
    REQUIRE(j["notify"][0]["told"]["start"] == "2026-11-23T09:51");
    REQUIRE(j["notify"][0]["told"]["end"] == "2026-11-23T10:51");
    REQUIRE(j["notify"][1]["retold_before"] == 2);
    // and in the HTML report's cascade table, the dispatcher's view
    const report::ReportExtras x = cascade_extras(f.p, Evaluation{}, r);
    REQUIRE(x.sections.size() == 1);
    CHECK(x.sections[0].html.find("<td>J3</td>") != std::string::npos);
    CHECK(x.sections[0].html.find("; re-told 2 times before</td>") != std::string::npos);
    CHECK(x.sections[0].html.find("re-told 1 time") == std::string::npos);
    REQUIRE(j["technicians"][0]["removed"][0] == "J3");
    REQUIRE(j["totals"]["delayed"] == 4);
}

TEST_CASE("a customer is told a window with a margin, and not again while the ETA stays in it", "[dispatch][cascade]") {
    Fixture f;
    // A first visit of the day: its p50 is its p90, and the window told still has 15 minutes a side,
    // out to whole minutes.
    const TimePoint first = at(8, 2) + seconds(42);
    f.after.jobs[f.j("J1")] = JobTiming::routed(f.t("T1"), 0, first, {first, first});
    const CascadeReport booked = compare(f.p, f.before, f.after, at(7, 0));
    REQUIRE(booked.notify.size() == 1);
    REQUIRE(booked.notify[0].told == TimeWindow{at(7, 47), at(8, 18)});
    CascadeOptions wide;
    wide.eta_margin = minutes(30);
    REQUIRE(compare(f.p, f.before, f.after, at(7, 0), wide).notify[0].told == TimeWindow{at(7, 32), at(8, 33)});

    // Told 09:00-10:30 with T1: an ETA 25 minutes later but inside it is not re-told; out of it, or
    // with another technician, it is.
    Job& j2 = f.p.jobs[f.j("J2")];
    j2.promised_window = TimeWindow{at(9, 0), at(10, 30)};
    j2.promised_technician = f.t("T1");
    f.set(f.before, "J2", "T1", at(9, 30));
    f.set(f.after, "J2", "T1", at(9, 55));
    const auto told_j2 = [&f] {
        const CascadeReport r = compare(f.p, f.before, f.after, at(7, 0));
        REQUIRE(change_of(r, f.j("J2")) != nullptr);
        return change_of(r, f.j("J2"))->notify;
    };
    REQUIRE(!told_j2());
    CHECK(change_of(compare(f.p, f.before, f.after, at(7, 0)), f.j("J2"))->told == *j2.promised_window);  // what they hold
    f.set(f.after, "J2", "T1", at(10, 35));
    REQUIRE(told_j2());
    // Compared with an older plan that had T2: the customer already holds T1 and this window.
    f.set(f.before, "J2", "T2", at(9, 30));
    f.set(f.after, "J2", "T1", at(9, 55));
    CHECK(!told_j2());
    // Out of it by less than the notify threshold: told all the same.
    f.set(f.before, "J2", "T1", at(10, 25));
    f.set(f.after, "J2", "T1", at(10, 35));
    REQUIRE(told_j2());
    f.set(f.before, "J2", "T1", at(9, 30));
    f.set(f.after, "J2", "T2", at(9, 55));
    REQUIRE(told_j2());
    // Told it cannot be served: the window they held is withdrawn, none is told.
    f.after.jobs[f.j("J2")] = JobTiming::left_out(UnassignedReason::outranked, "no time left");
    REQUIRE(told_j2());
    CHECK(change_of(compare(f.p, f.before, f.after, at(7, 0)), f.j("J2"))->told.start == TimePoint::min());
    // A visit that begins now is listed, and nobody is sent a window: the technician is at the door.
    f.set(f.after, "J2", "T1", at(10, 40));
    const CascadeReport at_door = compare(f.p, f.before, f.after, at(10, 40));
    REQUIRE(change_of(at_door, f.j("J2")) != nullptr);
    CHECK(change_of(at_door, f.j("J2"))->window == WindowChange::now_missed);
    CHECK(!change_of(at_door, f.j("J2"))->notify);
}

TEST_CASE("the notify threshold is an option, and history is left alone", "[dispatch][cascade]") {
    Fixture f;
    f.set(f.before, "J1", "T1", at(9, 0)), f.set(f.after, "J1", "T1", at(9, 14));
    f.set(f.before, "J2", "T1", at(7, 0)), f.set(f.after, "J2", "T1", at(7, 30));  // both before now
    CascadeOptions o;
    o.notify_threshold = minutes(10);
    const CascadeReport r = compare(f.p, f.before, f.after, at(8, 0), o);
    REQUIRE(r.jobs.size() == 1);
    REQUIRE(r.jobs[0].notify);
}

TEST_CASE("compare on two plans times them with the evaluator", "[dispatch][cascade]") {
    const DispatchDay day = begin_day(crafted_day(), std::nullopt, at(7, 30), small_budget());
    const Problem& p = day.initial;
    const Plan& plan = day.versions[0].plan;
    REQUIRE(compare(p, plan, plan, at(7, 30)).jobs.empty());
    Plan swapped = plan;
    Route& r = swapped.routes[0];
    REQUIRE(r.stops.size() >= 2);
    std::swap(r.stops[0], r.stops[1]);
    for (Route& route : swapped.routes)
        for (Stop& s : route.stops) s.start = TimePoint::min();  // let the evaluator time them
    const CascadeReport c = compare(p, plan, swapped, at(7, 30));
    REQUIRE(c.jobs.size() >= 2);
    REQUIRE(change_of(c, r.stops[0].index) != nullptr);
    REQUIRE(change_of(c, r.stops[1].index) != nullptr);
}

TEST_CASE("the SLA monitor: breached, at risk and escalate, each with a reason", "[dispatch][sla]") {
    Problem p = crafted_day();
    auto deadline = [&](const std::string& id, TimePoint t) { p.jobs[job_index(p, id)].sla_deadline = t; };
    deadline("J1", at(9, 45));   // passed, T1 planned 10:30
    deadline("J2", at(10, 20));  // 20 min left, T2 driving there
    deadline("J3", at(10, 50));  // 50 min left, T3 busy elsewhere
    deadline("J4", at(10, 55));  // 55 min left, T2 driving to J2 first
    deadline("J5", at(12, 0));   // two hours: fine
    deadline("J6", at(10, 15));  // unassigned
    deadline("J7", at(10, 40));  // 40 min left, T3 on site there: fine
    DispatchState st = initial_state(p, at(10, 0));
    const TechnicianIndex t1 = tech_index(p, "T1"), t2 = tech_index(p, "T2"), t3 = tech_index(p, "T3");
    auto stop = [&](const std::string& id, TimePoint start, TimePoint end) {
        return Stop{StopKind::job, job_index(p, id).value(), start, start, end};
    };
    st.plan.routes = {Route{t1, 0, at(10, 20), at(12, 0), {stop("J1", at(10, 30), at(11, 30))}},
                      Route{t2, 0, at(9, 50), at(13, 0), {stop("J2", at(10, 10), at(11, 0)), stop("J4", at(11, 10), at(12, 10))}},
                      Route{t3, 0, at(9, 20), at(13, 0), {stop("J7", at(9, 30), at(10, 30)), stop("J3", at(10, 40), at(11, 40))}}};
    st.plan.unassigned.clear();
    for (const std::string id : {"J5", "J6", "G1", "G2"}) st.plan.unassigned.push_back({job_index(p, id), UnassignedReason::outranked, ""});
    st.times.jobs.resize(p.jobs.size());
    for (const Route& r : st.plan.routes)
        for (const Stop& s : r.stops) st.times.jobs[s.job_index()] = JobTiming::routed(r.technician, 0, s.start, {s.start, s.start});
    st.times.jobs[job_index(p, "J6")] = JobTiming::left_out(UnassignedReason::outranked, "no time left");

    const std::vector<SlaEntry> sla = sla_status(st, at(10, 0));
    std::vector<std::pair<std::string, SlaLevel>> got;
    for (const SlaEntry& e : sla) got.emplace_back(p.jobs[e.job].id, e.level);
    const std::vector<std::pair<std::string, SlaLevel>> expected{{"J1", SlaLevel::breached},
                                                                 {"J6", SlaLevel::at_risk},
                                                                 {"J2", SlaLevel::at_risk},
                                                                 {"J3", SlaLevel::escalate},
                                                                 {"J4", SlaLevel::escalate}};
    REQUIRE(got == expected);
    REQUIRE(sla[0].minutes == -15);
    REQUIRE(sla[0].reason == "deadline 09:45 passed 15 min ago, not started; T1 planned 10:30, after the deadline");
    REQUIRE(sla[1].reason == "15 min to the deadline, not started; unassigned (no time left)");
    REQUIRE(sla[2].reason == "20 min to the deadline, not started; T2 en route, ETA 10:10");
    REQUIRE(sla[3].minutes == 50);
    REQUIRE(sla[3].reason == "50 min to the deadline and nobody en route; T3 planned 10:40");
    REQUIRE(sla[3].technician == t3);
    // an hour later, read forward on the plan: J2 and J3 started in time; J1 started late, J4 not
    // yet, J6 never: breached
    const std::vector<SlaEntry> later = sla_status(st, at(11, 0));
    std::vector<std::string> breached;
    for (const SlaEntry& e : later) {
        REQUIRE(e.level == SlaLevel::breached);
        breached.push_back(p.jobs[e.job].id);
    }
    REQUIRE(breached == std::vector<std::string>{"J1", "J6", "J4"});  // most overdue first
    REQUIRE(later[0].reason == "deadline 09:45 passed 75 min ago; T1 planned 10:30, after the deadline");
    REQUIRE(sla_to_text(p, sla).find("breached  J1") != std::string::npos);
}

}  // namespace test_dispatch_cascade
