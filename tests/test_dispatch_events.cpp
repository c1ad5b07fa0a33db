// Each event type on the crafted day, with the cascade entries it must produce; every re-plan
// feasible by the evaluator and nothing begun moved. Bad events are rejected with their field.
#include "dispatch_fixture.hpp"

#include "fsd/dispatch/assignment_reasons.hpp"
#include "fsd/dispatch/cascade_io.hpp"

namespace test_dispatch_events {

using namespace dispatch_test;

namespace {

const JobChange* change_of(const CascadeReport& r, JobIndex j) {
    for (const JobChange& c : r.jobs)
        if (c.job == j) return &c;
    return nullptr;
}

// The notify list is exactly the changes a customer must hear of; `after` is the problem once the
// plan was adopted: a customer not told keeps the promise, which holds their new ETA and
// technician, and one told is promised the window told.
void require_notify_rule(const CascadeReport& r, const Problem& after) {
    std::size_t notified = 0;
    for (const JobChange& c : r.jobs) {
        INFO("job index " << c.job);
        const Duration moved = c.delta < Duration::zero() ? -c.delta : c.delta;
        const Job& job = after.jobs[c.job];
        if (c.cancelled || (c.new_technician && c.new_eta <= r.now))
            REQUIRE(!c.notify);
        else if (c.newly_assigned || c.newly_unassigned || c.technician_changed())
            REQUIRE(c.notify);  // a customer's promise names the technician of the plan before
        else if (!c.notify && job.promised_window)
            REQUIRE((job.promised_technician == c.new_technician && job.promised_window->contains(c.new_eta)));
        else if (!c.notify)
            REQUIRE(moved <= r.notify_threshold);
        if (c.notify && c.new_technician) REQUIRE(job.promised_window == c.told);
        notified += c.notify ? 1 : 0;
    }
    REQUIRE(r.notify.size() == notified);
    REQUIRE(r.totals.notify == static_cast<int>(notified));
    REQUIRE(r.totals.jobs_changed == static_cast<int>(r.jobs.size()));
}

// The job the crafted day's first plan gives technician t first.
Stop first_job(const DispatchDay& day, const std::string& t) {
    const auto stops = job_stops(day.state, tech_index(day.state.problem, t));
    REQUIRE(!stops.empty());
    return stops.front();
}

// Technician t held up by `delay` halfway to their first job.
Event held_up_on_the_way(const DispatchDay& day, const std::string& t, Duration delay) {
    const Route& r = *find_route(day.state.plan, tech_index(day.state.problem, t), 0);
    const TimePoint on_the_road = r.departure + Duration((first_job(day, t).arrival - r.departure).count() / 2);
    REQUIRE(on_the_road > r.departure);
    Event e = make_event(EventType::travel_delay, on_the_road, "", t);
    e.delay = delay;
    return e;
}

}  // namespace

TEST_CASE("the first plan tells every planned customer an ETA and promises it", "[dispatch][events]") {
    const DispatchDay day = start();
    const DispatchState& st = day.state;
    REQUIRE(day.versions.size() == 1);
    REQUIRE(st.plan.unassigned.empty());
    for (JobIndex j : indices<JobIndex>(st.problem.jobs.size())) {
        const JobTiming& t = st.times.jobs[j];
        REQUIRE(t.assigned());
        REQUIRE(st.problem.jobs[j].promised_technician == t.technician);
        REQUIRE(st.problem.jobs[j].promised_window == told_window(t.window, minutes(15)));
        REQUIRE(st.problem.jobs[j].promised_window->contains(t.eta));
        REQUIRE(t.window.p50 <= t.window.p90);
    }
    // the two gas jobs can only be T2's
    REQUIRE(st.times.jobs[job_index(st.problem, "G1")].technician == tech_index(st.problem, "T2"));
    REQUIRE(!day.versions[0].assignments.empty());
    REQUIRE(day.versions[0].assignments[0].reasons.front().rfind("ranked ", 0) == 0);
}

TEST_CASE("a day begun at noon with a plan: the morning went as planned", "[dispatch][events]") {
    const DispatchDay morning = start();
    const Plan& plan = morning.versions[0].plan;
    const DispatchDay noon = begin_day(morning.initial, plan, at(12, 0), small_budget());
    const Plan& now = noon.versions[0].plan;
    REQUIRE(now.unassigned.size() == plan.unassigned.size());
    bool any_before_noon = false;
    for (const Route& r : plan.routes) {
        const Route* same = find_route(now, r.technician, r.shift);
        REQUIRE(same != nullptr);
        REQUIRE(same->stops.size() == r.stops.size());
        for (std::size_t i = 0; i < r.stops.size(); ++i) {
            REQUIRE(same->stops[i].index == r.stops[i].index);
            if (r.stops[i].start > at(12, 0)) continue;
            any_before_noon = true;
            REQUIRE(same->stops[i].start == r.stops[i].start);  // not pushed after noon
        }
    }
    REQUIRE(any_before_noon);
}

TEST_CASE("running_late: the technician's later jobs move and their customers are told", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    // put the repair with quantiles first on T1's day by starting it there
    const JobIndex j4 = job_index(day.state.problem, "J4");
    const TimePoint begin = first_job(day, "T1").start;
    step(day, make_event(EventType::job_started, begin, "J4", "T1"));
    const std::vector<Stop> later = job_stops(day.state, t1);
    const TimePoint planned_end = later.front().end;
    REQUIRE(later.front().index == j4);
    REQUIRE(later.size() >= 2);

    Event late = make_event(EventType::running_late, begin + minutes(60), "J4");
    late.expected_finish = planned_end + minutes(90);
    const StepResult s = step(day, late);
    REQUIRE(change_of(s.cascade, j4) == nullptr);  // under way: frozen
    for (std::size_t i = 1; i < later.size(); ++i) {
        const JobChange* c = change_of(s.cascade, later[i].index);
        INFO("T1's job " << day.state.problem.jobs[later[i].job_index()].id);
        REQUIRE(c != nullptr);
        REQUIRE((c->technician_changed() || c->newly_unassigned || c->delta > minutes(15)));
        REQUIRE(c->notify);
    }
    require_notify_rule(s.cascade, day.state.problem);
    REQUIRE(day.state.technicians[t1].activity == Activity::on_site);
    REQUIRE(day.state.technicians[t1].job == j4);
    // the visit's stop ends after the technician's estimate, its median: the plan works on p75
    const TimePoint end = job_stops(day.state, t1).front().end;
    REQUIRE(end >= *late.expected_finish);
    REQUIRE(end <= *late.expected_finish + minutes(30));
}

TEST_CASE("job_added: an emergency is planned and its customer told", "[dispatch][events]") {
    DispatchDay day = start();
    Event e = make_event(EventType::job_added, at(10, 0));
    e.job = "E1";
    e.job_spec = Json::parse(R"({"id": "E1", "customer_id": "C-E1", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"],
        "duration_min": 30, "urgency": "emergency", "priority": 10, "sla_deadline": "2026-11-23T12:00",
        "time_windows": [{"start": "2026-11-23T10:00", "end": "2026-11-23T18:00"}]})");
    const StepResult s = step(day, e);
    const JobIndex e1 = job_index(day.state.problem, "E1");
    REQUIRE(day.state.problem.jobs[e1].reported_at == at(10, 0));
    const JobChange* c = change_of(s.cascade, e1);
    REQUIRE(c != nullptr);
    REQUIRE(c->newly_assigned);
    REQUIRE(c->notify);
    REQUIRE(c->new_eta >= at(10, 0));
    REQUIRE(c->new_eta <= at(12, 0));  // the SLA is met
    REQUIRE(s.cascade.totals.newly_assigned >= 1);
    require_notify_rule(s.cascade, day.state.problem);
}

TEST_CASE("job_cancelled: the job leaves the plan and nobody is told", "[dispatch][events]") {
    DispatchDay day = start();
    const std::vector<Stop> t3 = job_stops(day.state, tech_index(day.state.problem, "T3"));
    REQUIRE(t3.size() >= 2);
    const JobIndex gone = t3.back().index;
    const StepResult s = step(day, make_event(EventType::job_cancelled, at(9, 0), day.state.problem.jobs[gone].id));
    const JobChange* c = change_of(s.cascade, gone);
    REQUIRE(c != nullptr);
    REQUIRE(c->newly_unassigned);
    REQUIRE(c->cancelled);
    REQUIRE(!c->notify);
    REQUIRE(c->detail.rfind("cancelled at ", 0) == 0);
    CHECK(s.cascade.totals.cancelled == 1);  // counted as cancelled, not as a job the plan left out
    int left_out = 0;
    for (const JobChange& x : s.cascade.jobs) left_out += x.newly_unassigned && !x.cancelled ? 1 : 0;
    CHECK(s.cascade.totals.newly_unassigned == left_out);
    bool removed = false;
    for (const TechnicianChange& t : s.cascade.technicians)
        for (JobIndex j : t.removed) removed = removed || j == gone;
    REQUIRE(removed);
    require_notify_rule(s.cascade, day.state.problem);
    // The day's problem says so: the stored version lists the job at no cost, and two plans
    // compared from files (fsd cascade) tell that customer nothing either.
    const Problem& p = day.state.problem;
    CHECK(p.jobs[gone].cancelled_at == at(9, 0));
    const Evaluation whole = evaluate(p, day.versions.back().plan);
    CHECK(whole.feasible());
    CHECK(whole.kpis.jobs_cancelled == 1);
    const CascadeReport files = compare(p, day.versions[day.versions.size() - 2].plan, day.versions.back().plan, at(9, 0));
    const JobChange* f = change_of(files, gone);
    REQUIRE(f != nullptr);
    CHECK(f->cancelled);
    CHECK(!f->notify);
}

TEST_CASE("a plan made outside a day has a reason for each of its assignments", "[dispatch][events]") {
    const DispatchDay day = start();
    const Evaluation ev = evaluate(day.state.problem, day.versions.front().plan);
    const std::vector<AssignmentReason> reasons = assignment_reasons(day.state.problem, ev);
    REQUIRE(static_cast<int>(reasons.size()) == ev.kpis.jobs_assigned);
    for (const AssignmentReason& r : reasons) {
        const Route* route = nullptr;
        for (const Route& x : ev.schedule.routes)
            for (const Stop& s : x.stops)
                if (s.kind == StopKind::job && s.job_index() == r.job) route = &x;
        REQUIRE(route);
        CHECK(route->technician == r.technician);
        REQUIRE(!r.reasons.empty());
        CHECK(r.reasons.front().rfind("ranked ", 0) == 0);
    }
}

TEST_CASE("advance_to moves the clock with the statuses, never back", "[dispatch][events]") {
    DispatchState st = start().state;
    const TechnicianIndex t1 = tech_index(st.problem, "T1");
    const Stop first = job_stops(st, t1).at(0);
    REQUIRE(st.technicians[t1].activity != Activity::on_site);
    advance_to(st, first.start + minutes(5));  // by the plan, T1 is at work on the first job
    CHECK(st.now == first.start + minutes(5));
    CHECK(st.technicians[t1].activity == Activity::on_site);
    CHECK(st.technicians[t1].job == first.job_index());
    CHECK_THROWS_AS(advance_to(st, first.start), std::invalid_argument);
    CHECK(st.now == first.start + minutes(5));
}

TEST_CASE("customer_not_home: the job is off for the day and the technician goes on", "[dispatch][events]") {
    DispatchDay day = start();
    const Stop first = first_job(day, "T3");
    const StepResult s = step(day, make_event(EventType::customer_not_home, first.start, day.state.problem.jobs[first.job_index()].id));
    const JobChange* c = change_of(s.cascade, first.index);
    REQUIRE(c != nullptr);
    REQUIRE(c->newly_unassigned);
    REQUIRE(c->notify);
    REQUIRE(c->detail.rfind("customer not home at ", 0) == 0);
    REQUIRE(day.state.jobs[first.job_index()].state == JobState::not_home);
    require_notify_rule(s.cascade, day.state.problem);
    // T3 is free at the door it knocked on, from then
    const RouteProgress p = route_progress(day.state, tech_index(day.state.problem, "T3"), 0);
    REQUIRE(p.free_at == first.start);
    REQUIRE(p.free_location == day.state.problem.jobs[first.job_index()].location);
}

TEST_CASE("customer_not_home at a door the plan did not have them at: the day's plan goes on from that door", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t3 = tech_index(day.state.problem, "T3");
    const std::vector<Stop> plan = jobs_of(day, "T3", 2);
    // T3 went to their second customer first, and nobody was home.
    const JobIndex knocked = plan[1].job_index();
    const TimePoint when = plan[0].start;
    step(day, make_event(EventType::customer_not_home, when, day.state.problem.jobs[knocked].id));  // the whole day is feasible
    const Route* r = find_route(day.state.plan, t3, 0);
    REQUIRE(r != nullptr);
    REQUIRE(r->resumes == Resumption{knocked, when});
    // Timed from that door: the plan's next visit is not reached sooner than the drive from it.
    const Evaluation ev = evaluate(day.state.problem, day.state.plan);
    for (std::size_t ri = 0; ri < ev.schedule.routes.size(); ++ri) {
        const Route& timed = ev.schedule.routes[ri];
        if (timed.technician != t3 || timed.stops.empty() || timed.stops[0].kind != StopKind::job) continue;
        const Job& next = day.state.problem.jobs[timed.stops[0].job_index()];
        CHECK(timed.stops[0].arrival == when + day.state.problem.travel_time(day.state.problem.jobs[knocked].location, next.location));
    }
    // and it reads back from the plan format as it was written
    const Plan back = plan_from_json(Json::parse(plan_to_json(day.state.problem, day.state.plan).dump()), day.state.problem);
    const Route* read = find_route(back, t3, 0);
    REQUIRE(read != nullptr);
    CHECK(read->resumes == r->resumes);
}

TEST_CASE("a call before the plan's departure: the stored day leaves in time for that door", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t3 = tech_index(day.state.problem, "T3");
    const std::vector<Stop> plan = jobs_of(day, "T3", 2);
    // T3 left at the shift start, for their second customer, although the plan had them leave later.
    Route& route = *find_route(day.state.plan, t3, 0);
    const TimePoint shift_start = day.state.problem.technicians[t3].shifts[0].span.start;
    const JobIndex knocked = plan[1].job_index();
    const TimePoint when = shift_start + day.state.problem.travel_time(day.state.problem.technicians[t3].start_of(0),
                                                                       day.state.problem.jobs[knocked].location);
    route.departure = when + minutes(20);
    step(day, make_event(EventType::customer_not_home, when, day.state.problem.jobs[knocked].id));  // the whole day passes
    const Route* after = find_route(day.state.plan, t3, 0);
    REQUIRE(after != nullptr);
    REQUIRE(after->resumes == Resumption{knocked, when});
    CHECK(after->departure <= when);
}

TEST_CASE("a call before the shift: the day goes on from that door when the shift starts", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t3 = tech_index(day.state.problem, "T3");
    const JobIndex knocked = jobs_of(day, "T3", 2)[1].job_index();
    const TimePoint shift_start = day.state.problem.technicians[t3].shifts[0].span.start;
    step(day, make_event(EventType::customer_not_home, shift_start - minutes(10), day.state.problem.jobs[knocked].id));
    const Route* r = find_route(day.state.plan, t3, 0);
    REQUIRE(r != nullptr);
    CHECK(r->resumes == Resumption{knocked, shift_start});
}

TEST_CASE("a plan that resumes at a door keeps it at the next event, with the hold-ups reported since", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const std::vector<Stop> plan = jobs_of(day, "T1", 2);
    // As a re-plan leaves it when it takes off T1 the job they were driving to: T1 goes on from
    // that job's door at 09:00; since then they reported 50 minutes more on the road.
    Route& route = *find_route(day.state.plan, t1, 0);
    const JobIndex dropped = plan[0].job_index();
    std::erase_if(route.stops, [&](const Stop& s) { return s.kind == StopKind::job && s.job_index() == dropped; });
    day.state.plan.unassigned.push_back({dropped, UnassignedReason::outranked, "taken off T1 on the way"});
    route.resumes = Resumption{dropped, at(9, 0)};
    day.state.pending_delay[t1] = minutes(50);
    const RouteProgress p = route_progress(day.state, t1, 0);
    CHECK(p.door == route.resumes);
    CHECK(p.free_at == at(9, 0));
    CHECK(p.free_location == day.state.problem.jobs[dropped].location);
    // An event elsewhere, then another: T1's day goes on from that door at 09:50, once.
    const std::vector<Stop> t2 = jobs_of(day, "T2", 2);
    const auto door_at_0950 = [&] {
        const Route* kept = find_route(day.state.plan, t1, 0);
        REQUIRE(kept != nullptr);
        REQUIRE(kept->resumes == Resumption{dropped, at(9, 50)});
        CHECK(day.state.pending_delay[t1] == Duration::zero());
        const Evaluation ev = evaluate(day.state.problem, day.state.plan);
        for (const Route& r : ev.schedule.routes)
            if (r.technician == t1 && !r.stops.empty() && r.stops[0].kind == StopKind::job)
                CHECK(r.stops[0].arrival ==
                      at(9, 50) + day.state.problem.travel_time(day.state.problem.jobs[dropped].location,
                                                                day.state.problem.jobs[r.stops[0].job_index()].location));
    };
    step(day, make_event(EventType::job_started, at(8, 10), day.state.problem.jobs[t2[0].job_index()].id, "T2"));
    door_at_0950();
    // and the board has T1 on the way to that door until then
    const TechnicianStatus on_the_way = technician_status(day.state, t1, at(8, 30));
    CHECK(on_the_way.activity == Activity::en_route);
    CHECK(on_the_way.job == std::optional<JobIndex>(dropped));
    step(day, make_event(EventType::job_finished, at(8, 40), day.state.problem.jobs[t2[0].job_index()].id, "T2"));
    door_at_0950();
}

TEST_CASE("a hold-up reported while free keeps its time: later events do not add it again", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    Event late = make_event(EventType::travel_delay, at(7, 45), "", "T1");
    late.delay = minutes(60);
    step(day, late);
    const auto t1_free_from = [&] {
        const Residual r = residual_problem(day.state);
        const auto rs = r.residual_shift(t1, 0);
        REQUIRE(rs.has_value());
        return r.problem.technicians[t1].shifts[*rs].span.start;
    };
    const TimePoint first = t1_free_from();
    CHECK(first >= at(8, 45));
    // Unrelated reports at 08:05 and 08:20: T1 is still free from the same time, not 60 minutes after each.
    const std::vector<Stop> t2 = jobs_of(day, "T2", 1);
    step(day, make_event(EventType::job_started, at(8, 5), day.state.problem.jobs[t2[0].job_index()].id, "T2"));
    CHECK(t1_free_from() == first);
    step(day, make_event(EventType::job_finished, at(8, 20), day.state.problem.jobs[t2[0].job_index()].id, "T2"));
    CHECK(t1_free_from() == first);
}

// J4 takes 75, 90 or 110 minutes (p50, p75, p90): a visit only assumed from the plan must not be
// taken as still running, longer and longer, by every re-plan that other technicians' reports cause.
TEST_CASE("a visit nobody reported ends at its planned end, whatever unrelated events come in", "[dispatch][events]") {
    DispatchDay day = start();
    const JobIndex j4 = job_index(day.state.problem, "J4");
    const Stop* planned = nullptr;
    TechnicianIndex who{};
    for (const Route& r : day.state.plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.job_index() == j4) planned = &s, who = r.technician;
    REQUIRE(planned);
    const TimePoint begun = planned->start, end = planned->end;
    std::vector<std::string> others;
    for (const Technician& t : day.state.problem.technicians)
        if (t.id != day.state.problem.technicians[who].id) others.push_back(t.id);
    const auto stated_end = [&] {
        for (const Route& r : day.state.plan.routes)
            for (const Stop& s : r.stops)
                if (s.kind == StopKind::job && s.job_index() == j4) return s.end;
        return TimePoint::min();
    };
    Event last;
    int n = 0;
    for (TimePoint t = begun + minutes(5); t <= end + minutes(10); t = t + minutes(10), ++n) {
        last = make_event(EventType::travel_delay, t, "", others[static_cast<std::size_t>(n) % others.size()]);
        last.delay = minutes(1);
        step(day, last);
        INFO("after the report at " << t.count());
        CHECK(stated_end() == end);
    }
    REQUIRE(n >= 3);
    const RouteProgress p = route_progress(day.state, who, 0);
    CHECK((!p.under_way || p.under_way->job != j4));  // done, by the plan's times
    const TechnicianStatus now = technician_status(day.state, who, day.state.now);
    CHECK_FALSE((now.activity == Activity::on_site && now.job == std::optional<JobIndex>(j4)));
    // The same facts give the same day: only the last report, on a fresh day.
    DispatchDay fresh = start();
    step(fresh, last);
    CHECK(job_stops(fresh.state, who) == job_stops(day.state, who));
}

TEST_CASE("job_started late: the technician's next jobs are later", "[dispatch][events]") {
    DispatchDay day = start();
    const std::vector<Stop> plan = jobs_of(day, "T3", 2);
    const StepResult s =
        step(day, make_event(EventType::job_started, plan[0].start + minutes(45), day.state.problem.jobs[plan[0].job_index()].id));
    const JobChange* next = change_of(s.cascade, plan[1].index);
    REQUIRE(next != nullptr);
    REQUIRE((next->technician_changed() || next->delta > minutes(15)));
    REQUIRE(day.state.visits.size() == 1);
    require_notify_rule(s.cascade, day.state.problem);
}

TEST_CASE("an event reported late is taken at its own time and replaces what the plan assumed", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t3 = tech_index(day.state.problem, "T3");
    const std::vector<Stop> plan = job_stops(day.state, t3);
    REQUIRE(plan.size() >= 3);
    Event delay = make_event(EventType::travel_delay, at(12, 0), "", "T1");
    delay.delay = minutes(5);
    step(day, delay);
    REQUIRE(day.state.now == at(12, 0));  // by the plan, T3 has done its first three jobs by now

    // T3's app was offline: the third job was in fact begun at 08:xx, before the first.
    const JobIndex third = plan[2].index;
    const TimePoint started = plan[0].start + minutes(10);
    const StepResult s = apply_event(day, make_event(EventType::job_started, started, day.state.problem.jobs[third].id, "T3"));
    require_feasible(s.evaluation);
    REQUIRE(day.state.now == at(12, 0));  // the clock does not go back
    REQUIRE(day.state.jobs[third].state == JobState::in_progress);
    REQUIRE(day.state.visits.back().started == started);
    const std::vector<Stop> now = job_stops(day.state, t3);
    REQUIRE(now.front().index == third);
    REQUIRE(now.front().start == started);
    for (const Stop& stop : now) REQUIRE((stop.index != plan[0].index || stop.start > started));

    // A late report that contradicts a reported one is refused: T3 is on site at the third job.
    const DispatchState kept = day.state;
    REQUIRE_THROWS_AS(
        apply_event(day, make_event(EventType::job_started, started + minutes(20), day.state.problem.jobs[plan[1].job_index()].id, "T3")),
        InputErrors);
    REQUIRE(day.state.visits == kept.visits);
}

TEST_CASE("job_finished early: the next job moves earlier, no earlier than its promise allows", "[dispatch][events]") {
    DispatchDay day = start();
    const std::vector<Stop> plan = jobs_of(day, "T1", 2);
    const std::string first = day.state.problem.jobs[plan[0].job_index()].id;
    step(day, make_event(EventType::job_started, plan[0].start, first));
    const StepResult s = step(day, make_event(EventType::job_finished, plan[0].start + minutes(25), first));
    REQUIRE(day.state.jobs[plan[0].job_index()].state == JobState::done);
    const JobChange* next = change_of(s.cascade, plan[1].index);
    REQUIRE(next != nullptr);
    if (!next->technician_changed()) {
        REQUIRE(next->delta < Duration::zero());
        // no earlier than the window its customer was told opens (the first plan's p50 less 15 minutes)
        REQUIRE(next->new_eta >= start().state.problem.jobs[plan[1].job_index()].promised_window->start);
    }
    require_notify_rule(s.cascade, day.state.problem);
}

TEST_CASE("a technician back from an absence after their route ended is free, not done for the day", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const Stop first = job_stops(day.state, t1).front();
    const std::string id = day.state.problem.jobs[first.job_index()].id;
    step(day, make_event(EventType::job_started, first.start, id));
    step(day, make_event(EventType::job_finished, first.end, id));
    step(day, make_event(EventType::technician_unavailable, first.end + minutes(5), "", "T1"));
    const Route* r = find_route(day.state.plan, t1, 0);
    REQUIRE(r != nullptr);
    // Back half an hour after the route ended, with nothing given to them yet: the board's status then.
    const TimePoint returned = r->return_time + minutes(30);
    DispatchState back = day.state;
    REQUIRE(back.absences[t1].size() == 1);
    back.absences[t1].back().end = returned;
    const TechnicianStatus s = technician_status(back, t1, returned + minutes(1));
    CHECK(s.activity == Activity::idle);  // was "done for day since" the end of the job before the absence
    CHECK(s.since == returned);
}

TEST_CASE("technician_unavailable then available: the gas jobs leave with T2 and come back", "[dispatch][events]") {
    DispatchDay day = start();
    const Problem& p = day.state.problem;
    const TechnicianIndex t2 = tech_index(p, "T2");
    const JobIndex g1 = job_index(p, "G1"), g2 = job_index(p, "G2");
    const StepResult away = step(day, make_event(EventType::technician_unavailable, at(7, 45), "", "T2"));
    REQUIRE(day.state.technicians[t2].activity == Activity::unavailable);
    for (JobIndex g : {g1, g2}) {
        const JobChange* c = change_of(away.cascade, g);
        REQUIRE(c != nullptr);
        REQUIRE(c->newly_unassigned);
        REQUIRE(c->notify);
    }
    REQUIRE(job_stops(day.state, t2).empty());
    require_notify_rule(away.cascade, day.state.problem);

    const StepResult back = step(day, make_event(EventType::technician_available, at(9, 0), "", "T2"));
    for (JobIndex g : {g1, g2}) {
        const JobChange* c = change_of(back.cascade, g);
        REQUIRE(c != nullptr);
        REQUIRE(c->newly_assigned);
        REQUIRE(c->new_technician == t2);
        REQUIRE(c->new_eta >= at(9, 0));
    }
    require_notify_rule(back.cascade, day.state.problem);
}

TEST_CASE("travel_delay: the job the technician is driving to is that much later", "[dispatch][events]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const Stop first = first_job(day, "T1");
    const StepResult s = step(day, held_up_on_the_way(day, "T1", minutes(30)));
    const JobChange* c = change_of(s.cascade, first.index);
    REQUIRE(c != nullptr);
    REQUIRE(c->new_technician == t1);  // already on the way: it stays theirs
    REQUIRE(c->delta >= minutes(29));
    REQUIRE(c->notify);
    REQUIRE(day.state.technicians[t1].activity == Activity::en_route);
    require_notify_rule(s.cascade, day.state.problem);
}

// Plans on p50 with a p90 return buffer: T1, on the way to their first job, is held up until
// 16:45. At p50 the job still ends by 18:00 (17:00 plus an hour of overtime), at p90 it would not.
// They judged it before setting out and will do it: the re-plan keeps it theirs rather than
// letting the buffer take it off them.
TEST_CASE("a job the technician is driving to stays theirs when a delay breaks the return buffer", "[dispatch][events]") {
    Problem p = crafted_day();
    for (Job& j : p.jobs) j.duration = {minutes(60), minutes(90), minutes(120)};
    p.objective.planning_quantile = Quantile::p50;
    p.objective.return_buffer = Quantile::p90;
    // Eight hours late, the promise the customer was given would cost more than leaving the job
    // out; here only the buffer is to decide.
    p.objective.promise_miss = p.objective.promise_late_per_minute = 0;
    DispatchDay day = begin_day(p, std::nullopt, at(7, 30), small_budget());
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const Stop first = first_job(day, "T1");
    const StepResult s = step(day, held_up_on_the_way(day, "T1", at(16, 45) - first.arrival));
    const JobChange* c = change_of(s.cascade, first.index);
    REQUIRE(c != nullptr);
    CHECK(c->new_technician == t1);
    CHECK(c->new_eta == at(16, 45));
    CHECK(day.state.technicians[t1].activity == Activity::en_route);
}

namespace {

// T1's day by hand: J1 08:10-09:10, a 30-minute break from 09:10 (window given), J2 09:50-10:50;
// J1 reported started at 08:10. The other jobs are not planned.
DispatchState overrun_day(TimeWindow break_window) {
    Problem p = crafted_day();
    const TechnicianIndex t1 = tech_index(p, "T1");
    p.technicians[t1].shifts[0].breaks.push_back(Break{minutes(30), break_window});
    DispatchState st = initial_state(p, at(8, 0));
    const JobIndex j1 = job_index(p, "J1"), j2 = job_index(p, "J2");
    Route route{t1, 0, at(8, 0), TimePoint::min(), {}};
    route.stops = {Stop{StopKind::job, j1.value(), at(8, 5), at(8, 10), at(9, 10)},
                   Stop{StopKind::break_time, 0, at(9, 10), at(9, 10), at(9, 40)},
                   Stop{StopKind::job, j2.value(), at(9, 45), at(9, 50), at(10, 50)}};
    st.plan.routes = {route};
    std::erase_if(st.plan.unassigned, [&](const Unassigned& u) { return u.job == j1 || u.job == j2; });
    absorb(st, make_event(EventType::job_started, at(8, 10), "J1", "T1"));
    return st;
}

}  // namespace

// Live dispatch re-plans only when a report moves the day by more than a threshold, so the plan
// may still put a break where the job before it had not yet ended. The technician takes it late
// and goes on: nothing after it may be lost.
TEST_CASE("a job that overran into a break: the break is taken late and the next visit stays begun", "[dispatch][events]") {
    DispatchState st = overrun_day({at(9, 0), at(11, 0)});
    const TechnicianIndex t1 = tech_index(st.problem, "T1");
    const JobIndex j1 = job_index(st.problem, "J1"), j2 = job_index(st.problem, "J2");
    absorb(st, make_event(EventType::job_finished, at(9, 15), "J1", "T1"));  // five minutes into the break
    st.now = at(9, 30);
    const RouteProgress on_break = route_progress(st, t1, 0);
    REQUIRE(on_break.frozen == 2);  // J1, and the break taken from 09:15
    REQUIRE(on_break.free_at == at(9, 45));

    absorb(st, make_event(EventType::job_started, at(9, 52), "J2", "T1"));
    st.now = at(10, 0);
    const RouteProgress progress = route_progress(st, t1, 0);
    REQUIRE(progress.frozen == 2);
    REQUIRE(progress.under_way);
    REQUIRE(progress.under_way->job == j2);

    const Replanned r = replan(st, small_budget().replan, 1, 300, 10.0);
    for (const Violation& v : r.evaluation.violations) INFO(v.where << ": " << v.message);
    REQUIRE(r.evaluation.feasible());
    const Route* now = find_route(r.plan, t1, 0);
    REQUIRE(now != nullptr);
    REQUIRE(now->stops.size() >= 3);
    REQUIRE(now->stops[0].index == j1);
    REQUIRE(now->stops[1].kind == StopKind::break_time);
    REQUIRE(now->stops[1].start == at(9, 15));  // as it went: when J1 ended, for its 30 minutes
    REQUIRE(now->stops[1].end == at(9, 45));
    REQUIRE(now->stops[2].kind == StopKind::job);
    REQUIRE(now->stops[2].index == j2);
    REQUIRE(now->stops[2].start == at(9, 52));
    require_every_job_once(st, r.plan);
}

TEST_CASE("a break the job before it overran past the break's window is missed, not taken late", "[dispatch][events]") {
    DispatchState st = overrun_day({at(9, 0), at(9, 30)});
    const TechnicianIndex t1 = tech_index(st.problem, "T1");
    absorb(st, make_event(EventType::job_finished, at(9, 45), "J1", "T1"));
    st.now = at(10, 0);
    const RouteProgress progress = route_progress(st, t1, 0);
    REQUIRE(progress.frozen == 1);
    REQUIRE(progress.free_at == at(9, 45));
    const Replanned r = replan(st, small_budget().replan, 1, 300, 10.0);
    REQUIRE(r.evaluation.feasible());
    for (const Route& route : r.plan.routes)
        for (const Stop& s : route.stops) REQUIRE(s.kind == StopKind::job);
    require_every_job_once(st, r.plan);
}

// A job reported finished without job_started begins as the plan said, but not before the
// technician left the visit before it, and not while they are still on another.
TEST_CASE("a job finished without job_started: never two visits at once for a technician", "[dispatch][events]") {
    DispatchState st = overrun_day({at(11, 0), at(13, 0)});
    const DispatchState kept = st;
    REQUIRE_THROWS_AS(absorb(st, make_event(EventType::job_finished, at(10, 30), "J2")), InputErrors);  // T1 is on site at J1
    REQUIRE(st.visits == kept.visits);

    absorb(st, make_event(EventType::job_finished, at(9, 55), "J1", "T1"));  // after J2's planned start, 09:50
    absorb(st, make_event(EventType::job_finished, at(10, 50), "J2"));
    REQUIRE(st.visits.back().job == job_index(st.problem, "J2"));
    REQUIRE(st.visits.back().started == at(9, 55));
    st.now = at(11, 0);
    require_every_job_once(st, replan(st, small_budget().replan, 1, 300, 10.0).plan);
}

// A report from further along the route than the plan's times allow (the technician skipped
// ahead): what the plan had before it counts as done, and the visit reported is not lost.
TEST_CASE("a visit reported past a stop the plan's times had not begun keeps every job in the plan", "[dispatch][events]") {
    Problem p = crafted_day();
    const TechnicianIndex t1 = tech_index(p, "T1");
    DispatchState st = initial_state(p, at(8, 0));
    const JobIndex j1 = job_index(p, "J1"), j2 = job_index(p, "J2"), j3 = job_index(p, "J3");
    Route route{t1, 0, at(8, 0), TimePoint::min(), {}};
    route.stops = {Stop{StopKind::job, j1.value(), at(8, 5), at(8, 10), at(9, 10)},
                   Stop{StopKind::job, j2.value(), at(9, 12), at(9, 12), at(10, 12)},
                   Stop{StopKind::job, j3.value(), at(10, 15), at(10, 15), at(11, 15)}};
    st.plan.routes = {route};
    std::erase_if(st.plan.unassigned, [&](const Unassigned& u) { return u.job == j1 || u.job == j2 || u.job == j3; });

    absorb(st, make_event(EventType::job_started, at(8, 10), "J1", "T1"));
    absorb(st, make_event(EventType::job_finished, at(9, 20), "J1", "T1"));  // after J2's planned start
    absorb(st, make_event(EventType::job_started, at(10, 30), "J3", "T1"));  // J2 as planned by its end
    st.now = max(st.now, at(10, 40));

    const RouteProgress progress = route_progress(st, t1, 0);
    REQUIRE(progress.frozen == 2);
    REQUIRE(progress.under_way);
    REQUIRE(progress.under_way->job == j3);
    require_every_job_once(st, replan(st, small_budget().replan, 1, 300, 10.0).plan);
}

TEST_CASE("bad events are rejected with their line and field, and the day is unchanged", "[dispatch][events]") {
    DispatchDay day = start();
    const Stop first = first_job(day, "T1");
    const std::string id = day.state.problem.jobs[first.job_index()].id;
    auto rejects = [&](const Event& e, const std::string& path, const std::string& words) { require_refused(day, e, path, words); };
    rejects(make_event(EventType::job_started, at(9, 0), "NOPE"), "line 7, job", "unknown job");
    rejects(make_event(EventType::job_finished, first.start - minutes(1), id), "line 7, job", "not under way");
    rejects(make_event(EventType::technician_available, at(9, 0), "", "T1"), "line 7, technician", "not unavailable");
    rejects(make_event(EventType::job_started, at(30, 0), id), "line 7, at", "outside the horizon");

    step(day, make_event(EventType::job_started, first.start, id));
    rejects(make_event(EventType::job_finished, first.start - minutes(5), id), "line 7, at", "before the start");
    rejects(make_event(EventType::job_cancelled, first.start + minutes(5), id), "line 7, job", "frozen");
    step(day, make_event(EventType::job_finished, first.start + minutes(50), id));
    // T1 was on site until then: a start before it is in the past of a frozen visit
    const std::vector<Stop> rest = job_stops(day.state, tech_index(day.state.problem, "T1"));
    REQUIRE(rest.size() >= 2);
    rejects(make_event(EventType::job_started, first.start + minutes(40), day.state.problem.jobs[rest[1].job_index()].id, "T1"),
            "line 7, at", "(frozen)");
    rejects(make_event(EventType::technician_unavailable, first.start + minutes(10), "", "T1"), "line 7, at", "(frozen)");
    step(day, make_event(EventType::technician_unavailable, at(9, 30), "", "T2"));
    Event held_up = make_event(EventType::travel_delay, at(9, 40), "", "T2");
    held_up.delay = minutes(10);
    rejects(held_up, "line 7, technician", "T2 is unavailable since");
    Event added = make_event(EventType::job_added, at(10, 0));
    added.job_spec = Json::parse(R"({"id": "X1", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["welding"], "duration_min": 30})");
    rejects(added, "line 7, job.skills[0]", "unknown skill");
    // Nobody cancels, or is out at the door, before the ticket came in.
    added.job_spec = Json::parse(R"({"id": "X2", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"], "duration_min": 30})");
    step(day, added);
    rejects(make_event(EventType::job_cancelled, at(9, 50), "X2"), "line 7, at", "before job X2 was reported at");
    rejects(make_event(EventType::customer_not_home, at(9, 50), "X2", "T1"), "line 7, at", "before job X2 was reported at");
    // Built in code, an event meets the rules of one read from a file.
    Event shorter = make_event(EventType::travel_delay, at(10, 30), "", "T1");
    shorter.delay = -minutes(5);
    rejects(shorter, "line 7, delay_min", "must be more than 0");
    Event stray = make_event(EventType::job_cancelled, at(10, 30), "X2");
    stray.expected_finish = at(11, 0);
    rejects(stray, "line 7, expected_finish", "not a field of job_cancelled events");
    stray = make_event(EventType::job_cancelled, at(10, 30), "X2");
    stray.delay = minutes(5);
    rejects(stray, "line 7, delay_min", "not a field of job_cancelled events");
    Event renamed = make_event(EventType::job_added, at(10, 30), "X4");
    renamed.job_spec = Json::parse(R"({"id": "X3", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"], "duration_min": 30})");
    rejects(renamed, "line 7, job.id", "is not the event's job X4");
    Event cancelled_already = make_event(EventType::job_added, at(10, 30), "X5");
    cancelled_already.job_spec = Json::parse(
        R"({"id": "X5", "location": {"lat": 41.16, "lon": -8.62}, "skills": ["hvac"], "duration_min": 30, "cancelled_at": 36000})");
    rejects(cancelled_already, "line 7, job.cancelled_at", "a cancellation is a job_cancelled event");
}

TEST_CASE("a cascade renders as text and JSON with every job, technician and notification", "[dispatch][events]") {
    DispatchDay day = start();
    const StepResult s = step(day, make_event(EventType::technician_unavailable, at(7, 45), "", "T2"));
    const std::string text = cascade_to_text(day.state.problem, s.cascade);
    REQUIRE(text.find("G1") != std::string::npos);
    REQUIRE(text.find("notify:") != std::string::npos);
    const Json j = cascade_to_json(day.state.problem, s.cascade);
    REQUIRE(j["jobs"].size() == s.cascade.jobs.size());
    REQUIRE(j["notify"].size() == s.cascade.notify.size());
    REQUIRE(j["totals"]["notify"] == s.cascade.totals.notify);
    for (const Json& n : j["notify"]) REQUIRE(n.contains("customer_id"));
}

TEST_CASE("a technician held up so long that the job they keep runs into the evening break takes it after the job", "[dispatch][events]") {
    // Every shift 08:00-17:00 with an hour of overtime and a 20-minute break owed from 17:15 by
    // whoever is still at work then: the plans bring everyone back by 17:15, without it.
    Problem p = crafted_day();
    for (Technician& t : p.technicians) t.shifts[0].breaks.push_back(Break{minutes(20), {at(17, 15), at(20, 0)}});
    p.objective.promise_miss = p.objective.promise_late_per_minute = 0;  // eight hours late: only the day's hours decide
    // T1 held up until their first job ends 15 minutes after the break opens, or 30 seconds before
    // it: then the break is not owed, but T1 can no longer be home before it opens.
    for (const Duration past_opening : {minutes(15), -seconds(30)}) {
        CAPTURE(past_opening.count());
        DispatchDay day = begin_day(p, std::nullopt, at(7, 30), small_budget());
        for (const Route& r : day.state.plan.routes) {
            CHECK(r.return_time <= at(17, 15));
            CHECK(std::none_of(r.stops.begin(), r.stops.end(), [](const Stop& s) { return s.kind == StopKind::break_time; }));
        }
        const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
        const Stop first = first_job(day, "T1");
        const TimePoint arrival = at(17, 15) + past_opening - (first.end - first.start);
        const StepResult s = step(day, held_up_on_the_way(day, "T1", arrival - first.arrival));
        const JobChange* c = change_of(s.cascade, first.index);
        REQUIRE(c != nullptr);
        REQUIRE(c->new_technician == t1);  // kept: the break is planned, so the job still fits the day
        REQUIRE(find_route(day.state.plan, t1, 0) != nullptr);
        const Route& r = *find_route(day.state.plan, t1, 0);
        const auto job =
            std::find_if(r.stops.begin(), r.stops.end(), [&](const Stop& x) { return x.kind == StopKind::job && x.index == first.index; });
        const auto evening = std::find_if(r.stops.begin(), r.stops.end(), [](const Stop& x) { return x.kind == StopKind::break_time; });
        REQUIRE(job != r.stops.end());
        REQUIRE(evening != r.stops.end());
        CHECK(evening > job);
        CHECK(evening->start >= at(17, 15));
    }
}

TEST_CASE("a technician whose last job runs into the evening break takes it before heading home", "[dispatch][events]") {
    Problem p = crafted_day();
    for (Technician& t : p.technicians) t.shifts[0].breaks.push_back(Break{minutes(20), {at(17, 15), at(20, 0)}});
    DispatchDay day = begin_day(p, std::nullopt, at(7, 30), small_budget());
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const std::vector<Stop> jobs = job_stops(day.state, t1);
    REQUIRE(!jobs.empty());
    const Stop last = jobs.back();
    const std::string id = day.state.problem.jobs[last.index].id;
    step(day, make_event(EventType::job_started, last.start, id, "T1"));
    Event late = make_event(EventType::running_late, last.start + minutes(10), id);
    late.expected_finish = at(17, 30);  // nothing left for T1 after it: the re-plan gives them no route of their own
    step(day, late);
    const Route& r = *find_route(day.state.plan, t1, 0);
    REQUIRE(r.stops.size() >= 2);
    CHECK(r.stops.back().kind == StopKind::break_time);
    CHECK(r.stops.back().start >= at(17, 30));
    const Evaluation whole = evaluate(day.state.problem, day.state.plan);
    CHECK(std::none_of(whole.violations.begin(), whole.violations.end(),
                       [](const Violation& v) { return v.kind == ViolationKind::break_missing; }));
}

}  // namespace test_dispatch_events
