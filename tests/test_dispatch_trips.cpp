// Trips reported from the field (on_the_way): a technician who reports them is on the road only
// when they said so, to the job they named, and that job stays theirs; one who has not set out is
// free where they are, whatever the plan's times say.
#include "dispatch_fixture.hpp"

#include "fsd/dispatch/event_io.hpp"
#include "fsd/dispatch/residual.hpp"
#include "fsd/lanes/emergency.hpp"

namespace test_dispatch_trips {

using namespace dispatch_test;

namespace {

DispatchState assumed_at(DispatchState st, TimePoint now) {
    st.now = now;
    return st;
}

std::string job_id(const DispatchState& st, JobIndex j) {
    return st.problem.jobs[j].id;
}

// The crafted day with this lunch for everyone, after T1 reported setting out at 08:00 for their
// first job (returned with the day).
std::pair<DispatchDay, JobIndex> on_the_road_at_eight(const Break& lunch) {
    Problem p = crafted_day();
    for (Technician& t : p.technicians) t.shifts[0].breaks = {lunch};
    DispatchDay day = begin_day(std::move(p), std::nullopt, at(7, 30), small_budget());
    const JobIndex j = jobs_of(day, "T1", 1)[0].job_index();
    step(day, make_event(EventType::on_the_way, at(8, 0), job_id(day.state, j), "T1"));
    return {std::move(day), j};
}

// The crafted day begun, its T1, and the jobs T1 has planned (at least n of them).
struct FirstTechnician {
    DispatchDay day;
    TechnicianIndex t1;
    std::vector<Stop> planned;
};
FirstTechnician t1_with_jobs(std::size_t n) {
    FirstTechnician f{start(), {}, {}};
    f.t1 = tech_index(f.day.state.problem, "T1");
    f.planned = job_stops(f.day.state, f.t1);
    REQUIRE(f.planned.size() >= n);
    return f;
}

}  // namespace

TEST_CASE("on_the_way to a job the plan had later: it becomes the technician's next, and stays theirs", "[dispatch][trips]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const std::vector<Stop> planned = jobs_of(day, "T1", 2);
    const JobIndex second = planned[1].job_index();
    const StepResult s = step(day, make_event(EventType::on_the_way, at(8, 0), job_id(day.state, second), "T1"));

    REQUIRE(day.state.trips_reported_from[t1] == at(8, 0));
    REQUIRE(day.state.on_the_way[t1] == Departure{second, at(8, 0)});
    const std::vector<Stop> now = job_stops(day.state, t1);
    REQUIRE(!now.empty());
    CHECK(now.front().job_index() == second);
    const Problem& p = day.state.problem;
    const LocationId home = p.technicians[t1].start_of(0);
    CHECK(now.front().arrival == at(8, 0) + p.travel_time(home, p.jobs[second].location));
    CHECK(day.state.technicians[t1].activity == Activity::en_route);
    CHECK(day.state.technicians[t1].job == std::optional<JobIndex>(second));
    CHECK(day.state.technicians[t1].since == at(8, 0));
    CHECK(s.evaluation.feasible());

    // The residual day starts T1 at that job's door, with the job pinned to them.
    const Residual r = residual_problem(day.state);
    const auto it = std::find(r.job.begin(), r.job.end(), second);
    REQUIRE(it != r.job.end());
    CHECK(r.problem.jobs[static_cast<JobIndex>(it - r.job.begin())].pinned_technician == std::optional<TechnicianIndex>(t1));
}

TEST_CASE("a trip reported stays under way when the plan has the technician take a break at its door first", "[dispatch][trips]") {
    auto road = on_the_road_at_eight(Break{minutes(30), {at(11, 0), at(14, 0)}});
    DispatchDay& day = road.first;
    const JobIndex j = road.second;
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    // As a re-plan may have it when the customer's window opens after lunch: the break first, taken
    // at the door, then the job set out for.
    Route& route = *find_route(day.state.plan, t1, 0);
    const auto brk = std::find_if(route.stops.begin(), route.stops.end(), [](const Stop& s) { return s.kind == StopKind::break_time; });
    REQUIRE(brk != route.stops.end());
    Stop lunch = *brk;
    route.stops.erase(brk);
    REQUIRE(route.stops.front().job_index() == j);
    lunch.arrival = lunch.start = at(11, 0), lunch.end = at(11, 30);
    route.stops.insert(route.stops.begin(), lunch);

    const RouteProgress on_road = route_progress(day.state, t1, 0);
    CHECK(on_road.departed);
    REQUIRE(on_road.trip_stop() != nullptr);
    CHECK(on_road.trip_stop()->job_index() == j);
    CHECK(on_road.next_stop()->kind == StopKind::break_time);
    // The rest of T1's day starts at that door, on the clock, with the job theirs: not at home.
    const Residual r = residual_problem(day.state);
    const auto rs = r.residual_shift(t1, 0);
    REQUIRE(rs);
    const Shift& resumed = r.problem.technicians[t1].shifts[*rs];
    CHECK(resumed.start_location == std::optional<LocationId>(day.state.problem.jobs[j].location));
    CHECK(resumed.on_the_clock);
    // Once the lunch at the door has begun, the rest of the day starts at that door when it ends,
    // not a second drive later, and the board has T1 on the way since 08:00.
    {
        const DispatchState at_lunch = assumed_at(day.state, at(11, 10));
        const Residual rl = residual_problem(at_lunch);
        const auto sl = rl.residual_shift(t1, 0);
        REQUIRE(sl);
        CHECK(rl.problem.technicians[t1].shifts[*sl].span.start == at(11, 30));
        CHECK(rl.problem.technicians[t1].shifts[*sl].start_location == std::optional<LocationId>(day.state.problem.jobs[j].location));
        const RouteProgress pl = route_progress(at_lunch, t1, 0);
        CHECK(pl.departed);
        CHECK(pl.set_out == at(8, 0));
    }
    // The next event's plan keeps the trip from 08:00 (the whole day passes the evaluator: step).
    const TechnicianIndex t2 = tech_index(day.state.problem, "T2");
    const JobIndex other = jobs_of(day, "T2", 1)[0].job_index();
    step(day, make_event(EventType::on_the_way, at(8, 20), job_id(day.state, other), "T2"));
    CHECK(find_route(day.state.plan, t1, 0)->departure <= at(8, 0));
    // on the way to the job, or (the window being open at the door) at work on it: not at home
    const Activity a = day.state.technicians[t1].activity;
    CHECK((a == Activity::en_route || a == Activity::on_site));
    CHECK(day.state.technicians[t1].job == std::optional<JobIndex>(j));
    CHECK(day.state.on_the_way[t2] == Departure{other, at(8, 20)});
}

TEST_CASE("the emergency lane leaves a technician's trip first when a break at its door comes before the job", "[dispatch][trips]") {
    // A lunch to start by 08:50: whoever is on the road at 08:00 to an hour's job takes it at the door.
    auto road = on_the_road_at_eight(Break{minutes(30), {at(8, 30), at(8, 50)}});
    DispatchDay& day = road.first;
    const JobIndex j = road.second;
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const Route& planned = *find_route(day.state.plan, t1, 0);
    REQUIRE(planned.stops.size() >= 2);
    REQUIRE(planned.stops[0].kind == StopKind::break_time);
    REQUIRE(planned.stops[1].job_index() == j);

    DispatchState st = day.state;
    const JobIndex e = lanes::add_job(st, Json::parse(R"({"id": "E1", "customer_id": "C-E1", "skills": ["hvac"],
        "location": {"lat": 41.16, "lon": -8.61}, "duration_min": 30, "urgency": "emergency", "priority": 10,
        "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T18:00"}]})"));
    lanes::EmergencyParams params;
    params.limit.max_delay = hours(12);
    const lanes::EmergencyResult res = lanes::emergency_options(st, e, params);
    const auto bump = std::find_if(res.options.begin(), res.options.end(), [&](const lanes::EmergencyOption& o) {
        return o.action == lanes::EmergencyAction::bump && o.technician == t1;
    });
    REQUIRE(bump != res.options.end());
    const Route* r1 = find_route(bump->plan, t1, 0);
    REQUIRE(r1 != nullptr);
    const auto pos = [&](JobIndex x) {
        return std::find_if(r1->stops.begin(), r1->stops.end(),
                            [&](const Stop& s) { return s.kind == StopKind::job && s.job_index() == x; });
    };
    // The job set out for stays T1's, before the emergency: the lane bumps what comes after it.
    REQUIRE(pos(j) != r1->stops.end());
    REQUIRE(pos(e) != r1->stops.end());
    CHECK(pos(j) < pos(e));
}

TEST_CASE("a technician who reports trips and has not set out is free where they are", "[dispatch][trips]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const Stop first = job_stops(day.state, t1).front();
    const Route& route = *find_route(day.state.plan, t1, 0);
    REQUIRE(route.departure < first.arrival);
    const TimePoint midway = route.departure + Duration((first.arrival - route.departure).count() / 2);

    // Not reporting trips: by the plan's times T1 left at the departure and is on the way.
    DispatchState assumed = day.state;
    assumed.now = midway;
    const RouteProgress by_plan = route_progress(assumed, t1, 0);
    CHECK(by_plan.departed);
    CHECK(technician_status(assumed, t1, midway).activity == Activity::en_route);

    // Reporting them, and not having reported this one: still at home, and free from now.
    DispatchState reported = assumed;
    reported.trips_reported_from[t1] = at(7, 30);
    const RouteProgress at_home = route_progress(reported, t1, 0);
    CHECK_FALSE(at_home.departed);
    CHECK_FALSE(at_home.begun);
    CHECK(at_home.free_location == reported.problem.technicians[t1].start_of(0));
    const TechnicianStatus idle = technician_status(reported, t1, midway);
    CHECK(idle.activity == Activity::idle);
    CHECK_FALSE(idle.job.has_value());
    const Residual r = residual_problem(reported);
    const auto rs = r.residual_shift(t1, 0);
    REQUIRE(rs);
    CHECK(r.problem.technicians[t1].shifts[*rs].span.start == midway);
    CHECK(r.problem.technicians[t1].shifts[*rs].start_location == reported.problem.technicians[t1].start_of(0));
    const auto it = std::find(r.job.begin(), r.job.end(), first.job_index());
    REQUIRE(it != r.job.end());
    CHECK_FALSE(r.problem.jobs[static_cast<JobIndex>(it - r.job.begin())].pinned_technician.has_value());

    // Past the plan's start of that job, still nothing reported: not begun either.
    DispatchState late = reported;
    late.now = first.start + minutes(5);
    CHECK_FALSE(route_progress(late, t1, 0).under_way.has_value());
    CHECK(begun_jobs(late)[first.job_index()] == 0);
    CHECK(begun_jobs(assumed_at(assumed, first.start + minutes(5)))[first.job_index()] == 1);

    // Once reported, the trip is under way from when they said.
    const Event set_out = make_event(EventType::on_the_way, midway, job_id(day.state, first.job_index()), "T1");
    absorb(reported, set_out);
    const RouteProgress driving = route_progress(reported, t1, 0);
    CHECK(driving.departed);
    CHECK(driving.free_at == midway);
    CHECK(technician_status(reported, t1, midway).activity == Activity::en_route);
}

TEST_CASE("a trip ends at the door: job_started, customer_not_home and a cancellation close it", "[dispatch][trips]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const std::vector<Stop> planned = job_stops(day.state, t1);
    REQUIRE(planned.size() >= 3);
    const std::string a = job_id(day.state, planned[0].job_index()), b = job_id(day.state, planned[1].job_index()),
                      c = job_id(day.state, planned[2].job_index());
    step(day, make_event(EventType::on_the_way, at(8, 0), a, "T1"));
    step(day, make_event(EventType::job_started, at(8, 10), a, "T1"));
    CHECK_FALSE(day.state.on_the_way[t1].has_value());
    CHECK(day.state.technicians[t1].activity == Activity::on_site);
    step(day, make_event(EventType::job_finished, at(9, 0), a, "T1"));

    // Done and not yet on the way again: free at the job just done, not on the road, however late.
    for (const TimePoint t : {at(9, 1), at(9, 30), at(11, 0)}) {
        const DispatchState later = assumed_at(day.state, t);
        INFO("at " << t.count());
        CHECK(technician_status(later, t1, t).activity == Activity::idle);
        const RouteProgress p = route_progress(later, t1, 0);
        CHECK_FALSE(p.departed);
        CHECK_FALSE(p.under_way.has_value());
        CHECK(p.free_at == at(9, 0));
        CHECK(p.free_location == day.state.problem.jobs[planned[0].job_index()].location);
    }

    step(day, make_event(EventType::on_the_way, at(9, 5), b, "T1"));
    // At the door by the plan's times, so the visit was taken as begun: not a frozen-prefix step.
    require_feasible(apply_event(day, make_event(EventType::customer_not_home, at(9, 20), b, "T1")).evaluation);
    CHECK_FALSE(day.state.on_the_way[t1].has_value());

    step(day, make_event(EventType::on_the_way, at(9, 25), c, "T1"));
    step(day, make_event(EventType::job_cancelled, at(9, 25), c));  // on the phone as they set out
    CHECK_FALSE(day.state.on_the_way[t1].has_value());
    CHECK(day.state.technicians[t1].activity != Activity::en_route);
}

TEST_CASE("a job cancelled while its technician drives there: the day goes on from its door, the next job still theirs to plan",
          "[dispatch][trips]") {
    auto [day, t1, planned] = t1_with_jobs(2);
    const Route* route = find_route(day.state.plan, t1, 0);
    REQUIRE(route);
    const JobIndex first = planned[0].job_index(), second = planned[1].job_index();
    const TimePoint left = max(route->departure, at(8, 0));
    const Duration drive =
        day.state.problem.travel_time(day.state.problem.technicians[t1].start_of(0), day.state.problem.jobs[first].location);
    REQUIRE(drive > minutes(2));
    // Nothing reported: on the road by the plan when the customer calls, a minute after they left.
    step(day, make_event(EventType::job_cancelled, left + minutes(1), job_id(day.state, first)));
    const Route* after = find_route(day.state.plan, t1, 0);
    REQUIRE(after);
    REQUIRE(after->resumes.has_value());
    CHECK(after->resumes->door == first);  // not the next job's door: they were not driving there
    CHECK(after->resumes->at == left + drive);
    CHECK(std::none_of(day.state.plan.unassigned.begin(), day.state.plan.unassigned.end(),
                       [&](const Unassigned& u) { return u.job == second; }));
    const RouteProgress p = route_progress(day.state, t1, 0);
    CHECK(p.free_location == day.state.problem.jobs[first].location);
}

TEST_CASE("a technician's next trip does not undo a visit the plan assumed done after their last one", "[dispatch][trips]") {
    auto [day, t1, planned] = t1_with_jobs(2);
    const JobIndex a = planned[0].job_index(), b = planned[1].job_index();
    step(day, make_event(EventType::on_the_way, at(8, 0), job_id(day.state, a), "T1"));
    // Neither start nor end of a is reported; T1 sets out for b once the plan has a done.
    const Stop a_then = job_stops(day.state, t1).at(0);
    REQUIRE(a_then.job_index() == a);
    step(day, make_event(EventType::on_the_way, a_then.end + minutes(5), job_id(day.state, b), "T1"));
    const std::vector<Stop> after = job_stops(day.state, t1);
    REQUIRE(after.size() >= 2);
    CHECK(after[0].job_index() == a);  // done, as the plan assumed: not reopened or dropped
    CHECK(after[0].as_reported);
    CHECK(after[1].job_index() == b);
    const RouteProgress p = route_progress(day.state, t1, 0);
    CHECK(p.frozen == 1);
    CHECK((p.departed || (p.under_way && p.under_way->job == b)));  // on the way to b, or there by the plan's times
}

TEST_CASE("a trip reported before the shift starts counts from the shift start: the day passes the evaluator", "[dispatch][trips]") {
    DispatchDay day = start();  // shifts from 08:00, the day begun at 07:30
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1");
    const JobIndex j = job_stops(day.state, t1).at(0).job_index();
    step(day, make_event(EventType::on_the_way, at(7, 40), job_id(day.state, j), "T1"));  // step: the whole day is feasible
    REQUIRE(day.state.on_the_way[t1].has_value());
    CHECK(day.state.on_the_way[t1]->at == at(7, 40));  // the report is kept as made
    const Duration drive = day.state.problem.travel_time(day.state.problem.technicians[t1].start_of(0), day.state.problem.jobs[j].location);
    const std::vector<Stop> stops = job_stops(day.state, t1);
    REQUIRE(!stops.empty());
    CHECK(stops[0].job_index() == j);
    CHECK(stops[0].set_out);
    CHECK(stops[0].arrival == at(8, 0) + drive);
    CHECK(find_route(day.state.plan, t1, 0)->departure == at(8, 0));  // nothing is timed before the shift
    Event slow = make_event(EventType::travel_delay, at(8, 1), "", "T2");
    slow.delay = minutes(5);
    step(day, slow);
    CHECK(route_progress(day.state, t1, 0).set_out == at(8, 0));
}

TEST_CASE("one trip to a job: a second technician setting out takes it over; said twice, from the first time", "[dispatch][trips]") {
    DispatchDay day = start();
    const TechnicianIndex t1 = tech_index(day.state.problem, "T1"), t3 = tech_index(day.state.problem, "T3");
    const JobIndex j = job_stops(day.state, t1).front().job_index();
    step(day, make_event(EventType::on_the_way, at(8, 0), job_id(day.state, j), "T1"));
    step(day, make_event(EventType::on_the_way, at(8, 5), job_id(day.state, j), "T1"));
    REQUIRE(day.state.on_the_way[t1] == Departure{j, at(8, 0)});

    // By the plan's times T1 is at the door by now: the report replaces that assumption.
    const StepResult s = apply_event(day, make_event(EventType::on_the_way, at(8, 6), job_id(day.state, j), "T3"));
    require_feasible(s.evaluation);
    require_every_job_once(day.state, day.state.plan);
    CHECK(day.state.on_the_way[t3] == Departure{j, at(8, 6)});
    CHECK_FALSE(day.state.on_the_way[t1].has_value());
    CHECK(job_stops(day.state, t3).front().job_index() == j);
    CHECK(day.state.technicians[t3].activity == Activity::en_route);
    CHECK(day.state.technicians[t1].activity != Activity::en_route);  // T1 reported no other trip
}

TEST_CASE("a late on_the_way is placed as of its time: what the plan had begun since is open again", "[dispatch][trips]") {
    auto [day, t1, planned] = t1_with_jobs(3);
    // Reported at 08:00 only once the plan had T1 at their first job: they went to the third.
    const JobIndex first = planned[0].job_index(), third = planned[2].job_index();
    REQUIRE(planned[0].start > at(8, 0));
    step(day, make_event(EventType::job_cancelled, planned[0].end + minutes(5), "G2"));
    REQUIRE(route_progress(day.state, t1, 0).frozen >= 1);  // the plan has T1 done with the first job
    const StepResult s = apply_event(day, make_event(EventType::on_the_way, at(8, 0), job_id(day.state, third), "T1"));
    require_feasible(s.evaluation);
    require_every_job_once(day.state, day.state.plan);
    CHECK(job_stops(day.state, t1).front().job_index() == third);
    CHECK(day.state.jobs[first].state == JobState::open);
    CHECK(begun_jobs(day.state)[first] == 0);
}

TEST_CASE("first_on_arrival: nothing fits before the job, a break still may, a pin and a closed job are left alone", "[dispatch][trips]") {
    using residual_detail::first_on_arrival;
    Job job;
    job.time_windows = {{at(13, 0), at(17, 0)}, {at(8, 0), at(12, 0)}};  // not in time order
    first_on_arrival(job, at(9, 0), Duration::zero());
    REQUIRE(job.time_windows.size() == 1);
    CHECK(job.time_windows[0] == TimeWindow{at(8, 0), at(9, 0)});

    Job later;  // the customer was told 10:00-10:30: the visit may start then, not before
    later.time_windows = {{at(8, 0), at(17, 0)}};
    later.promised_window = TimeWindow{at(10, 0), at(10, 30)};
    first_on_arrival(later, at(9, 0), minutes(30));
    CHECK(later.time_windows == std::vector<TimeWindow>{{at(8, 0), at(10, 30)}});

    Job open_all_day;
    first_on_arrival(open_all_day, at(9, 0), minutes(30));
    CHECK(open_all_day.time_windows == std::vector<TimeWindow>{{at(9, 0), at(9, 30)}});

    Job pinned;
    pinned.time_windows = {{at(8, 0), at(17, 0)}};
    pinned.pinned_start = at(11, 0);
    first_on_arrival(pinned, at(9, 0), Duration::zero());
    CHECK(pinned.time_windows == std::vector<TimeWindow>{{at(8, 0), at(17, 0)}});

    Job closed;
    closed.time_windows = {{at(8, 0), at(9, 0)}};
    first_on_arrival(closed, at(9, 30), Duration::zero());
    CHECK(closed.time_windows == std::vector<TimeWindow>{{at(8, 0), at(9, 0)}});
}

TEST_CASE("bad on_the_way events are refused with their field, and read back as written", "[dispatch][trips]") {
    DispatchDay day = start();
    const std::vector<Stop> planned = jobs_of(day, "T1", 2);
    const std::string a = job_id(day.state, planned[0].job_index()), b = job_id(day.state, planned[1].job_index());
    auto refused = [&](const Event& e, const std::string& path, const std::string& words) { require_refused(day, e, path, words); };
    refused(make_event(EventType::on_the_way, at(8, 0), a, "T9"), "line 7, technician", "unknown technician");
    refused(make_event(EventType::on_the_way, at(8, 0), a, ""), "line 7, technician", "missing required field");
    refused(make_event(EventType::on_the_way, at(8, 0), "G1", "T1"), "line 7, technician", "may not do job G1");
    // The same rule for the other reports that name who was there.
    refused(make_event(EventType::job_started, at(8, 0), "G1", "T1"), "line 7, technician", "T1 may not do job G1");
    refused(make_event(EventType::customer_not_home, at(8, 0), "G1", "T1"), "line 7, technician", "T1 may not do job G1");
    step(day, make_event(EventType::job_started, at(8, 10), a, "T1"));
    refused(make_event(EventType::on_the_way, at(8, 30), b, "T1"), "line 7, technician", "is on site at");
    refused(make_event(EventType::on_the_way, at(8, 30), a, "T2"), "line 7, job", "frozen");

    // The reader: the technician is required; a written event reads back the same.
    const EventRead missing = read_events(R"({"event": "on_the_way", "at": 480, "job": "J1"})", std::nullopt);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].path == "line 1, technician");
    Event e = make_event(EventType::on_the_way, at(8, 0), "J1", "T1");
    const EventRead back = read_events(event_to_json(e, std::nullopt).dump(), std::nullopt);
    REQUIRE(back.errors.empty());
    REQUIRE(back.events.size() == 1);
    e.line = 1;
    CHECK(back.events[0] == e);
}

}  // namespace test_dispatch_trips
