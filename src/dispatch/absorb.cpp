// Taking one event into a dispatch state: every check against what is frozen first, then the
// change. A bad event throws InputErrors naming its line and field and leaves the state alone.
#include <algorithm>
#include <cmath>
#include <string>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/conditional_duration.hpp"
#include "fsd/dispatch/event_io.hpp"
#include "fsd/dispatch/progress.hpp"
#include "fsd/io/json.hpp"
#include "fsd/model/eligibility.hpp"

namespace fsd::dispatch {
namespace {

std::string where(const Event& e, std::string_view field) {
    std::string out = e.line > 0 ? "line " + std::to_string(e.line) : "event";
    return field.empty() ? out : out + ", " + std::string(field);
}

[[noreturn]] void fail(const Event& e, std::string_view field, std::string message) {
    throw InputErrors(std::vector<InputError>{{where(e, field), std::move(message)}});
}

std::string clock(const DispatchState& st, TimePoint t) {
    return time_to_text(st.problem, t);
}

JobIndex job_index(const DispatchState& st, const Event& e) {
    for (JobIndex j : indices<JobIndex>(st.problem.jobs.size()))
        if (st.problem.jobs[j].id == e.job) return j;
    fail(e, "job", "unknown job \"" + e.job + "\"");
}

TechnicianIndex technician_index(const DispatchState& st, const Event& e, const std::string& id) {
    for (TechnicianIndex t : indices<TechnicianIndex>(st.problem.technicians.size()))
        if (st.problem.technicians[t].id == id) return t;
    fail(e, "technician", "unknown technician \"" + id + "\"");
}

// The technician the event names, else the one the plan has the job on.
TechnicianIndex who(const DispatchState& st, const Event& e, JobIndex j) {
    if (!e.technician.empty()) return technician_index(st, e, e.technician);
    for (const Route& r : st.plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.job_index() == j) return r.technician;
    fail(e, "technician", "job " + e.job + " is not planned: say which technician");
}

void check_open(const DispatchState& st, const Event& e, JobIndex j) {
    const JobRecord& rec = st.jobs[j];
    const std::string when = clock(st, rec.since);
    switch (rec.state) {
        case JobState::open:
            return;
        case JobState::in_progress:
            fail(e, "job", "job " + e.job + " is under way since " + when + ": it is frozen");
        case JobState::done:
            fail(e, "job", "job " + e.job + " was finished at " + when + ": it is frozen");
        case JobState::cancelled:
            fail(e, "job", "job " + e.job + " was cancelled at " + when);
        case JobState::not_home:
            fail(e, "job", "job " + e.job + " is off for the day (customer not home at " + when + ")");
        case JobState::interrupted:
            fail(e, "job", "job " + e.job + " was interrupted at " + when + ": its rest is a job of its own");
    }
}

// The technician's visit that ended last, if any; refuses the event while one is still open.
const Visit* last_visit(const DispatchState& st, const Event& e, TechnicianIndex t) {
    const Visit* last = nullptr;
    for (const Visit& v : st.visits) {
        if (v.technician != t) continue;
        if (!v.finished)
            fail(e, "technician",
                 st.problem.technicians[t].id + " is on site at " + st.problem.jobs[v.job].id + " since " + clock(st, v.started) +
                     " (no job_finished yet)");
        if (!last || *v.finished > *last->finished) last = &v;
    }
    return last;
}

// The technician had left every visit reported by `at`; returns the one they left last, if any.
const Visit* check_left_visits(const DispatchState& st, const Event& e, TechnicianIndex t, TimePoint at) {
    const Visit* v = last_visit(st, e, t);
    if (v && *v->finished > at)
        fail(e, "at",
             clock(st, at) + " is before " + st.problem.technicians[t].id + "'s visit to " + st.problem.jobs[v->job].id + " ended at " +
                 clock(st, *v->finished) + " (frozen)");
    return v;
}

// A technician is free at `at`: no visit under way, none ending later, not absent.
void check_free(const DispatchState& st, const Event& e, TechnicianIndex t, TimePoint at) {
    check_left_visits(st, e, t, at);
    if (const auto a = st.absence_at(t, at))
        fail(e, "technician", st.problem.technicians[t].id + " is unavailable since " + clock(st, a->start));
}

// The shift a report at `at` belongs to: the one under way then (a night shift past midnight
// included, overtime too), else the one of that calendar day (work begun before the shift).
std::uint32_t shift_at(const DispatchState& st, const Event& e, TechnicianIndex t, TimePoint at) {
    const Technician& tech = st.problem.technicians[t];
    for (std::uint32_t s = 0; s < tech.shifts.size(); ++s)
        if (tech.shifts[s].working_hours().contains(at)) return s;
    for (std::uint32_t s = 0; s < tech.shifts.size(); ++s)
        if (tech.shifts[s].day() == static_cast<int>(at.count() / seconds_per_day)) return s;
    fail(e, "technician", tech.id + " has no shift on the day of " + clock(st, at));
}

void remove_from_plan(Plan& plan, JobIndex j) {
    for (Route& r : plan.routes) std::erase_if(r.stops, [j](const Stop& s) { return s.kind == StopKind::job && s.job_index() == j; });
    std::erase_if(plan.unassigned, [j](const Unassigned& u) { return u.job == j; });
}

// A report that the technician was free at `at` replaces what the plan assumed: stops the plan
// had finished by then count as done; one it had under way did not happen (it stays open). Returns
// the position after the done ones, where a job begun at `at` goes.
std::size_t settle_before(const DispatchState& st, const Route& r, TimePoint at) {
    const Shift& shift = st.problem.technicians[r.technician].shifts[r.shift];
    TimePoint free_at = shift.span.start;
    std::size_t pos = 0;
    for (; pos < r.stops.size(); ++pos) {
        const Stop s = as_went(r.stops[pos], free_at, shift);  // as route_progress will see it
        const bool planned = s.kind == StopKind::break_time || st.jobs[s.job_index()].state == JobState::open;
        const bool done = (s.kind == StopKind::job && st.frozen(s.job_index())) || (planned && s.end != TimePoint::min() && s.end <= at);
        if (!done) break;
        const Visit* v = s.kind == StopKind::job ? st.visit_of(s.job_index()) : nullptr;
        free_at = max(free_at, v && v->finished ? *v->finished : s.end);
    }
    return pos;
}

// Puts a job just begun on its technician's route, after what is already done by `at`.
void place_visit(DispatchState& st, JobIndex j, TechnicianIndex t, std::uint32_t shift, TimePoint at) {
    Route* r = find_route(st.plan, t, shift);
    if (!r) {
        st.plan.routes.push_back(Route{t, shift, at, TimePoint::min(), {}});
        r = &st.plan.routes.back();
    }
    const std::size_t pos = settle_before(st, *r, at);
    const Duration service = st.problem.service_time(st.problem.jobs[j], st.problem.technicians[t]);
    r->stops.insert(r->stops.begin() + static_cast<std::ptrdiff_t>(pos), Stop{StopKind::job, j.value(), at, at, at + service});
    r->departure = min(r->departure, at);
}

// Nobody is on the way to job j any more.
void end_trips_to(DispatchState& st, JobIndex j) {
    for (std::optional<Departure>& d : st.on_the_way)
        if (d && d->job == j) d.reset();
}

// A technician driving to a job the customer cancels hears of it on the way or at the door. Where
// they are on the road is not known, so their day goes on from that door, from when they would be
// there, as after a trip a re-plan takes off them (the hold-ups reported on the way count on top).
void stop_at_the_door(DispatchState& st, JobIndex j, TimePoint at) {
    for (Route& r : st.plan.routes) {
        const RouteProgress p = route_progress(st, r.technician, r.shift, at);
        const Stop* trip = p.departed ? p.trip_stop() : nullptr;
        if (!trip || trip->kind != StopKind::job || trip->job_index() != j) continue;
        if (at <= p.set_out) return;  // told as they set out: they stay where they are
        const TimePoint there = p.set_out + st.problem.travel_time(p.free_location, st.problem.jobs[j].location);
        r.resumes = Resumption{j, max(at, max(there, p.free_at))};
        return;
    }
}

// Nobody starts, sets out for, cancels or misses a job before its ticket came in.
void check_reported(const DispatchState& st, const Event& e, JobIndex j) {
    if (const auto& rep = st.problem.jobs[j].reported_at; rep && e.at < *rep)
        fail(e, "at", clock(st, e.at) + " is before job " + e.job + " was reported at " + clock(st, *rep));
}

// A visit ends the technician's trip, and any other technician's trip to that job.
std::size_t add_visit(DispatchState& st, Visit v) {
    st.visits.push_back(v);
    st.pending_delay[v.technician] = Duration::zero();
    st.delay_reported[v.technician] = TimePoint::min();
    end_trips_to(st, v.job);
    st.on_the_way[v.technician].reset();
    return st.visits.size() - 1;
}

// A technician reports only the jobs they may do (skills, certificates, tools, people rules): a
// report by another is most likely a mistyped id, and would put the job in an impossible plan.
void check_may_do(const DispatchState& st, const Event& e, JobIndex j, TechnicianIndex t, std::uint32_t shift) {
    if (!may_do(st.problem, j, t, shift))
        fail(e, "technician", st.problem.technicians[t].id + " may not do job " + e.job + " (skills, exclusions, a pin or the shift)");
}

void job_started(DispatchState& st, const Event& e) {
    const JobIndex j = job_index(st, e);
    check_open(st, e, j);
    const TechnicianIndex t = who(st, e, j);
    check_reported(st, e, j);
    check_free(st, e, t, e.at);
    const std::uint32_t shift = shift_at(st, e, t, e.at);
    check_may_do(st, e, j, t, shift);
    remove_from_plan(st.plan, j);
    place_visit(st, j, t, shift, e.at);
    st.jobs[j] = {JobState::in_progress, e.at, add_visit(st, Visit{j, t, shift, e.at, std::nullopt, std::nullopt, false})};
}

// Puts a job a technician set out for at `at` next on their route: where it is if the plan has
// it next then, else after what is behind them by then (as a late job_started is placed).
void make_next(DispatchState& st, JobIndex j, TechnicianIndex t, std::uint32_t shift, TimePoint at) {
    // Nothing is timed before the shift: a trip reported earlier leaves at its start (rules 2).
    const TimePoint left = st.rules >= 2 ? max(at, st.problem.technicians[t].shifts[shift].span.start) : at;
    const RouteProgress then = route_progress(st, t, shift, at);
    const Stop* next = then.next_stop();
    if (!next || next->kind != StopKind::job || next->job_index() != j) {
        remove_from_plan(st.plan, j);
        Route* r = find_route(st.plan, t, shift);
        if (!r) {
            st.plan.routes.push_back(Route{t, shift, left, TimePoint::min(), {}});
            r = &st.plan.routes.back();
        }
        const std::size_t pos = std::min(route_progress(st, t, shift, at).frozen, r->stops.size());
        r->stops.insert(r->stops.begin() + static_cast<std::ptrdiff_t>(pos), Stop::job(j));  // the re-plan times it
    }
    // A first trip of the day is when they left home, whenever the plan had them leave.
    Route* r = find_route(st.plan, t, shift);
    r->departure = min(r->departure, left);
}

// The technician sets out for an open job at `at` (on_the_way): the trip is under way, the job is
// their next stop and the only trip to it, and from then on their trips not reported have not
// begun. Said twice, the trip is from the first time.
void on_the_way(DispatchState& st, const Event& e) {
    const JobIndex j = job_index(st, e);
    check_open(st, e, j);
    const TechnicianIndex t = technician_index(st, e, e.technician);
    check_reported(st, e, j);
    check_free(st, e, t, e.at);
    const std::uint32_t shift = shift_at(st, e, t, e.at);
    check_may_do(st, e, j, t, shift);
    if (const auto d = st.trip_of(t); d && d->job == j) {
        st.on_the_way[t]->at = min(d->at, e.at);
        return;
    }
    end_trips_to(st, j);  // the job is this technician's now
    st.trips_reported_from[t] = min(st.trips_reported_from[t], e.at);
    st.on_the_way[t] = Departure{j, e.at};
    st.trips[t].push_back(Departure{j, e.at});
    make_next(st, j, t, shift, e.at);
}

// The visit under way of a job: reported, or begun as the plan said when nothing was reported
// (it becomes a visit from its planned start, or from when the technician left the last visit
// reported if that was later). A technician is on one visit at a time: not while another is open.
Visit& visit_under_way(DispatchState& st, const Event& e, JobIndex j, const char* what) {
    if (st.jobs[j].state == JobState::open)
        for (const Route& r : st.plan.routes)
            for (const Stop& s : r.stops)
                if (s.kind == StopKind::job && s.job_index() == j && s.start != TimePoint::min() && s.start <= e.at) {
                    const Visit* last = check_left_visits(st, e, r.technician, e.at);
                    const TimePoint start = last ? max(s.start, *last->finished) : s.start;
                    const std::size_t v = add_visit(st, Visit{j, r.technician, r.shift, start, std::nullopt, std::nullopt, false});
                    st.jobs[j] = {JobState::in_progress, start, v};
                    return st.visits[v];
                }
    if (st.jobs[j].state != JobState::in_progress)
        fail(e, "job",
             "job " + e.job + " is not under way (" + std::string(job_state_names[static_cast<int>(st.jobs[j].state)]) + "): " + what);
    return st.visits[*st.jobs[j].visit];
}

void job_finished(DispatchState& st, const Event& e) {
    const JobIndex j = job_index(st, e);
    Visit& v = visit_under_way(st, e, j, "a job finishes after job_started");
    if (!e.technician.empty() && technician_index(st, e, e.technician) != v.technician)
        fail(e, "technician", "job " + e.job + " was started by " + st.problem.technicians[v.technician].id);
    if (e.at < v.started) fail(e, "at", "finish " + clock(st, e.at) + " is before the start " + clock(st, v.started));
    v.finished = e.at;
    st.jobs[j].state = JobState::done;
    st.jobs[j].since = e.at;
    if (Route* r = find_route(st.plan, v.technician, v.shift))
        for (Stop& s : r->stops)
            if (s.kind == StopKind::job && s.job_index() == j) s.end = e.at;
}

void running_late(DispatchState& st, const Event& e) {
    const JobIndex j = job_index(st, e);
    Visit& v = visit_under_way(st, e, j, "running_late is for a job on site; use travel_delay for a technician on the way");
    if (!e.expected_finish) fail(e, "expected_finish", "missing");
    if (*e.expected_finish < e.at) fail(e, "expected_finish", clock(st, *e.expected_finish) + " is before the event at " + clock(st, e.at));
    v.expected_finish = e.expected_finish;
}

// The rest of an interrupted job: the same customer, place and requirements, the work still to do
// (the job's log-normal conditioned on the time already spent, in nominal minutes), reported at
// the interruption, preferably the same technician. No SLA deadline (the customer was reached)
// and no windows: those bounded the start of the visit, which has been made.
Job rest_of(const DispatchState& st, const Visit& v, TimePoint at, std::string id) {
    const Job& job = st.problem.jobs[v.job];
    const double efficiency = st.problem.technicians[v.technician].efficiency;
    const DurationQuantiles left = conditional_remaining(job.duration, at - v.started, efficiency);
    auto nominal = [&](Duration d) {
        return Duration(static_cast<std::int64_t>(std::llround(static_cast<double>(d.count()) * efficiency)));
    };
    Job rest = job;
    rest.id = std::move(id);
    rest.duration = {nominal(left.p50), nominal(left.p75), nominal(left.p90)};
    rest.sla_deadline.reset();
    rest.time_windows.clear();
    rest.preferred_window.reset();
    rest.reported_at = at;
    rest.promised_technician.reset();
    rest.promised_window.reset();
    rest.promised_earliest.reset();  // the customer is told about the rest as a new visit;
                                     // times_retold stays: it is the same customer
    rest.pinned_start.reset();
    rest.demand = 0;  // what the job needed from the van went with the first visit, which stays on its route
    if (std::find(rest.preferred_technicians.begin(), rest.preferred_technicians.end(), v.technician) == rest.preferred_technicians.end())
        rest.preferred_technicians.insert(rest.preferred_technicians.begin(), v.technician);
    return rest;
}

// The visit under way ends unfinished at `at`; the rest of the work is appended as an open job.
void job_interrupted(DispatchState& st, const Event& e) {
    const JobIndex j = job_index(st, e);
    if (!st.problem.jobs[j].interruptible) fail(e, "job", "job " + e.job + " is not interruptible");
    Visit& v = visit_under_way(st, e, j, "only work under way can be interrupted");
    if (!e.technician.empty() && technician_index(st, e, e.technician) != v.technician)
        fail(e, "technician", "job " + e.job + " was started by " + st.problem.technicians[v.technician].id);
    if (e.at < v.started) fail(e, "at", clock(st, e.at) + " is before the start " + clock(st, v.started));
    const std::string id = e.rest_job.empty() ? e.job + "-rest" : e.rest_job;
    for (const Job& other : st.problem.jobs)
        if (other.id == id) fail(e, e.rest_job.empty() ? "job" : "rest_job", "job id \"" + id + "\" is taken: name the rest with rest_job");
    Job rest = rest_of(st, v, e.at, id);
    v.finished = e.at;
    v.interrupted = true;
    st.jobs[j].state = JobState::interrupted;
    st.jobs[j].since = e.at;
    if (Route* r = find_route(st.plan, v.technician, v.shift))
        for (Stop& s : r->stops)
            if (s.kind == StopKind::job && s.job_index() == j) s.end = e.at;
    st.problem.jobs.push_back(std::move(rest));
    const auto rest_index = static_cast<JobIndex>(st.problem.jobs.size() - 1);
    st.jobs.push_back({JobState::open, e.at, std::nullopt});
    st.plan.unassigned.push_back({rest_index, UnassignedReason::not_planned, "rest of " + e.job});
}

void job_closed(DispatchState& st, const Event& e, JobState state) {
    const JobIndex j = job_index(st, e);
    check_open(st, e, j);
    check_reported(st, e, j);
    std::optional<std::size_t> visit;
    if (state == JobState::not_home) {
        const TechnicianIndex t = who(st, e, j);
        check_free(st, e, t, e.at);
        const std::uint32_t shift = shift_at(st, e, t, e.at);
        check_may_do(st, e, j, t, shift);
        visit = add_visit(st, Visit{j, t, shift, e.at, e.at, std::nullopt, true});
    }
    if (state == JobState::cancelled && st.rules >= 2) stop_at_the_door(st, j, e.at);
    end_trips_to(st, j);  // cancelled: told on the phone on the way, or at the door
    remove_from_plan(st.plan, j);
    st.plan.unassigned.push_back({j, UnassignedReason::not_planned, state == JobState::not_home ? "customer not home" : "cancelled"});
    st.jobs[j] = {state, e.at, visit};
    if (state == JobState::cancelled) st.problem.jobs[j].cancelled_at = e.at;  // the day's problem says so too
}

void technician_unavailable(DispatchState& st, const Event& e) {
    const TechnicianIndex t = technician_index(st, e, e.technician);
    for (const Visit& v : st.visits)
        if (v.technician == t && v.finished && *v.finished > e.at)
            fail(e, "at",
                 clock(st, e.at) + " is before " + e.technician + "'s visit to " + st.problem.jobs[v.job].id + " ended at " +
                     clock(st, *v.finished) + " (frozen)");
    if (const auto a = st.absence_at(t, e.at)) fail(e, "technician", e.technician + " is already unavailable since " + clock(st, a->start));
    if (e.until && *e.until <= e.at) fail(e, "until", clock(st, *e.until) + " is not after " + clock(st, e.at));
    st.absences[t].push_back({e.at, e.until.value_or(TimePoint::max())});
}

void technician_available(DispatchState& st, const Event& e) {
    const TechnicianIndex t = technician_index(st, e, e.technician);
    for (TimeWindow& a : st.absences[t])
        if (a.start <= e.at && e.at < a.end) {
            a.end = e.at;
            return;
        }
    fail(e, "technician", e.technician + " is not unavailable at " + clock(st, e.at));
}

// A new job is read exactly as a problem file's job would be: the state's problem with it
// appended goes through the JSON reader, so every check and every derived table is the usual one.
void job_added(DispatchState& st, const Event& e) {
    if (e.job_spec.is_object() && e.job_spec.contains("cancelled_at"))  // the day says when, by its job_cancelled
        fail(e, "job.cancelled_at", "a new ticket is not cancelled already: a cancellation is a job_cancelled event");
    Json doc = problem_to_json(st.problem);
    Json spec = e.job_spec;
    if (spec.is_object() && !spec.contains("reported_at")) spec["reported_at"] = e.at.count();
    doc["jobs"].push_back(spec);
    const std::string prefix = "jobs[" + std::to_string(st.problem.jobs.size()) + "]";
    try {
        st.problem = reread_problem(doc, st.problem);
    } catch (const InputErrors& errs) {
        std::vector<InputError> out;
        for (InputError err : errs.errors()) {
            if (err.path.rfind(prefix, 0) == 0) err.path = where(e, "job" + err.path.substr(prefix.size()));
            out.push_back(std::move(err));
        }
        throw InputErrors(std::move(out));
    }
    const auto j = static_cast<JobIndex>(st.problem.jobs.size() - 1);
    if (const auto& rep = st.problem.jobs[j].reported_at; rep && *rep > e.at)  // the plan would act before the ticket exists
        fail(e, "job.reported_at", clock(st, *rep) + " is after the ticket was added at " + clock(st, e.at));
    st.jobs.push_back({JobState::open, e.at, std::nullopt});
    st.plan.unassigned.push_back({j, UnassignedReason::not_planned, "added"});
}

// An event built in code meets the rules of one read from a file: written out and read back, it
// must read without error (a delay above 0, a remaining time within a week, only its type's
// fields), and a new job's id, where the event names one, is its spec's.
void check_fields(const DispatchState& st, const Event& e) {
    const std::optional<Date> start = st.problem.horizon.start_date;
    std::vector<InputError> errors = read_event_json(event_to_json(e, start), start, e.line).errors;
    if (e.type != EventType::travel_delay && e.delay != Duration::zero())
        errors.push_back({where(e, "delay_min"), "not a field of " + std::string(to_string(e.type)) + " events"});
    if (e.type == EventType::job_added && !e.job.empty() && e.job_spec.is_object() && e.job_spec.contains("id") &&
        e.job_spec["id"] != e.job)
        errors.push_back({where(e, "job.id"), "is not the event's job " + e.job});
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

}  // namespace

void absorb(DispatchState& st, const Event& e) {
    check_fields(st, e);
    if (e.at < TimePoint(0) || e.at > st.problem.work_end()) fail(e, "at", clock(st, e.at) + " is outside the horizon and its shifts");
    DispatchState next = st;
    switch (e.type) {
        case EventType::job_added:
            job_added(next, e);
            break;
        case EventType::job_cancelled:
            job_closed(next, e, JobState::cancelled);
            break;
        case EventType::customer_not_home:
            job_closed(next, e, JobState::not_home);
            break;
        case EventType::job_started:
            job_started(next, e);
            break;
        case EventType::job_finished:
            job_finished(next, e);
            break;
        case EventType::running_late:
            running_late(next, e);
            break;
        case EventType::technician_unavailable:
            technician_unavailable(next, e);
            break;
        case EventType::technician_available:
            technician_available(next, e);
            break;
        case EventType::travel_delay: {
            const TechnicianIndex t = technician_index(next, e, e.technician);
            if (const auto a = next.absence_at(t, e.at))  // not on the road: nothing to hold up
                fail(e, "technician", e.technician + " is unavailable since " + clock(next, a->start));
            if (next.pending_delay[t] == Duration::zero()) next.delay_reported[t] = e.at;
            next.pending_delay[t] += e.delay;
            break;
        }
        case EventType::job_interrupted:
            job_interrupted(next, e);
            break;
        case EventType::on_the_way:
            on_the_way(next, e);
            break;
    }
    next.now = max(next.now, e.at);
    st = std::move(next);
}

bool accepted(const DispatchState& st, const Event& e) {
    DispatchState copy = st;
    try {
        absorb(copy, e);
        return true;
    } catch (const InputErrors&) {
        return false;
    }
}

}  // namespace fsd::dispatch
