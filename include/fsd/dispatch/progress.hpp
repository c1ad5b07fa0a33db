// How far each technician's route has got at the state's `now` (the frozen prefix, the visit under
// way, where and when the technician is next free, the job they are already driving to), and the
// status of a technician at a given time read off the plan's stated times.
#pragma once

#include <algorithm>
#include <optional>

#include "fsd/dispatch/state.hpp"

namespace fsd::dispatch {

// Where one technician-shift of the current plan stands at the state's `now`. What was reported
// (job_started, job_finished) is fact; between reports the plan is assumed to go as planned, so a
// stop the plan started by `now` counts as begun at its planned start, and as done at its planned
// end once that has passed. A report replaces the assumption.
struct RouteProgress {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    const Route* route = nullptr;  // in the state's plan; null when the shift has no route
    std::size_t frozen = 0;        // route->stops[0, frozen) are done: visits, breaks taken
    // The visit under way at route->stops[frozen]: reported, or assumed from the plan.
    std::optional<Visit> under_way;
    // When and where the technician is free of everything done (the visit under way aside); for a
    // technician on the road, when they left.
    TimePoint free_at;
    LocationId free_location{};
    // Has left free_location for route->stops[trip], an open job: that trip is under way, so the
    // job stays this technician's next one (it is "committed").
    bool departed = false;
    // The stop of the job driven to (frozen unless departed): the next one, or, for a trip the
    // technician reported, the job behind breaks the plan has them take at its door before its
    // window opens.
    std::size_t trip = 0;
    // When a departed technician set out: free_at is later when a break came after it (taken at
    // the door, before the job's window opened).
    TimePoint set_out = TimePoint::min();
    bool begun = false;  // the shift is under way: something done or started, or a trip begun
    // free_location is a door where nothing was served, no stop of the route: a call where nobody
    // was home, or the door the plan resumed from (Route::resumes). The day's plan resumes there.
    std::optional<Resumption> door;

    [[nodiscard]] const Stop* next_stop() const { return route && frozen < route->stops.size() ? &route->stops[frozen] : nullptr; }
    [[nodiscard]] const Stop* trip_stop() const { return route && trip < route->stops.size() ? &route->stops[trip] : nullptr; }
};

// A planned stop with its times as the day went, the technician free of what came before at
// `free_at`: a break that the work before it overran (by less than makes live dispatch re-plan)
// begins when that work ends, for as long as planned, if its window still allows. Other stops, and
// a break whose window has closed by then, keep their stated times.
inline Stop as_went(Stop s, TimePoint free_at, const Shift& shift) {
    if (s.kind != StopKind::break_time || s.start == TimePoint::min() || s.start >= free_at) return s;
    if (s.index < shift.breaks.size() && free_at > shift.breaks[s.index].window.end) return s;
    const Duration length = s.end - s.start;
    s.arrival = s.start = free_at;
    s.end = free_at + length;
    return s;
}

namespace progress_detail {

// A planned stop counts as begun when the plan started it by `now`, after everything before it
// was done, and the technician was not away.
inline bool planned_begun(const DispatchState& st, TechnicianIndex t, const Stop& s, TimePoint free_at, TimePoint now) {
    return s.start != TimePoint::min() && s.start >= free_at && s.start <= now && !st.absence_at(t, s.start);
}

// The trip technician t reported to job j in the hours of `shift`'s day (past midnight on a night
// shift), if any: when they set out.
inline std::optional<TimePoint> reported_trip_to(const DispatchState& st, TechnicianIndex t, JobIndex j, const Shift& shift) {
    const std::optional<Departure> d = st.trip_of(t);
    if (!d || d->job != j || !shift.day_hours().contains(d->at)) return std::nullopt;
    return d->at;
}

// Whether technician t ever reported setting out for job j in `shift`'s day: the trip under way,
// or one a later trip has since replaced (rules 2: before, a visit the plan assumed done was undone
// by the next trip reported, and dropped from the day).
inline bool ever_set_out_for(const DispatchState& st, TechnicianIndex t, JobIndex j, const Shift& shift) {
    if (st.rules < 2 || t.value() >= st.trips.size()) return reported_trip_to(st, t, j, shift).has_value();
    return std::any_of(st.trips[t].begin(), st.trips[t].end(),
                       [&](const Departure& d) { return d.job == j && shift.day_hours().contains(d.at); });
}

// A technician who reports their trips has begun no job they did not report setting out for,
// whatever the plan's times say (a job the plan started before they reported trips is assumed).
inline bool trip_allows(const DispatchState& st, TechnicianIndex t, const Stop& s, const Shift& shift) {
    return s.kind != StopKind::job || !st.reports_trips(t, s.start) || ever_set_out_for(st, t, s.job_index(), shift);
}

// When a technician free of what is done (at `leave` by the plan) set out for their next job, if
// they have by `now`: a trip reported is under way from when it was; one not reported, when the
// technician reports trips, has not begun; otherwise it began when the plan has them leave.
inline std::optional<TimePoint> set_out_at(const DispatchState& st, TechnicianIndex t, const Shift& shift, JobIndex next, TimePoint leave,
                                           TimePoint now) {
    if (st.absence_at(t, now)) return std::nullopt;
    if (const auto reported = reported_trip_to(st, t, next, shift)) return reported;
    if (st.reports_trips(t, leave) || leave >= now) return std::nullopt;
    return leave;
}

// The stop from `from` on that a trip reported in `shift`'s day goes to behind breaks not yet begun,
// when the plan has the technician take them at its door before its window opens (the job set
// out for); `from` when there is none.
inline std::size_t reported_trip_stop(const DispatchState& st, TechnicianIndex t, const Route& r, const Shift& shift, std::size_t from) {
    std::size_t i = from;
    while (i < r.stops.size() && r.stops[i].kind == StopKind::break_time) ++i;
    const bool to_it = i < r.stops.size() && r.stops[i].set_out && reported_trip_to(st, t, r.stops[i].job_index(), shift);
    return to_it ? i : from;
}

// One past the last stop of a route that was reported begun: every stop before it is behind the
// technician, whatever the plan's times say (a report replaces the assumption).
inline std::size_t reported_reach(const DispatchState& st, const Route& r) {
    std::size_t reach = 0;
    for (std::size_t i = 0; i < r.stops.size(); ++i)
        if (r.stops[i].kind == StopKind::job && st.visit_of(r.stops[i].job_index())) reach = i + 1;
    return reach;
}

// Whether the technician reported a call where nobody was home while the plan had them at stop
// `s`: they were at that door, not here, so the plan's assumption gives way to the report.
inline bool at_a_door_during(const DispatchState& st, TechnicianIndex t, std::uint32_t sh, const Stop& s) {
    return std::any_of(st.visits.begin(), st.visits.end(), [&](const Visit& v) {
        return v.not_home && v.technician == t && v.shift == sh && s.start <= v.started && v.started < s.end;
    });
}

}  // namespace progress_detail

// As of `now` (the state's, unless a report is placed at an earlier time).
inline RouteProgress route_progress(const DispatchState& st, TechnicianIndex t, std::uint32_t sh, TimePoint now) {
    using progress_detail::planned_begun;
    using progress_detail::trip_allows;
    const Technician& tech = st.problem.technicians[t];
    const Shift& shift = tech.shifts[sh];
    RouteProgress p;
    p.technician = t;
    p.shift = sh;
    p.route = find_route(st.plan, t, sh);
    p.free_at = shift.span.start;
    p.free_location = tech.start_of(sh);
    bool moved = false;  // anything done on this shift yet
    const std::size_t reach = p.route ? progress_detail::reported_reach(st, *p.route) : 0;
    for (; p.route && p.frozen < p.route->stops.size(); ++p.frozen) {
        const Stop s = as_went(p.route->stops[p.frozen], p.free_at, shift);
        const Visit* v = s.kind == StopKind::job ? st.visit_of(s.job_index()) : nullptr;
        if (v && !v->finished) {
            p.under_way = *v;
            break;
        }
        if (!v && p.frozen + 1 >= reach) {
            const bool open = s.kind == StopKind::break_time || st.jobs[s.job_index()].state == JobState::open;
            if (!open || !planned_begun(st, t, s, p.free_at, now) || !trip_allows(st, t, s, shift)) break;
            if (progress_detail::at_a_door_during(st, t, sh, s)) break;
            if (s.kind == StopKind::job && s.end > now) {
                p.under_way = Visit{s.job_index(), t, sh, s.start, std::nullopt, std::nullopt, false};
                break;
            }
        }
        p.free_at = max(p.free_at, v ? *v->finished : s.end);
        if (s.kind == StopKind::job) p.free_location = st.problem.jobs[s.job_index()].location;
        moved = true;
    }
    // Where the plan resumed, after everything it has done: the technician went (or is going) there.
    if (const auto& r = p.route ? p.route->resumes : std::nullopt; r && !p.under_way && r->at >= p.free_at) {
        p.free_at = r->at;
        p.free_location = st.problem.jobs[r->door].location;
        p.door = r;
        moved = true;
    }
    // A call where nobody was home is no stop of the route, but the technician went there (one
    // before the shift: they are at that door when it starts).
    for (const Visit& v : st.visits)
        if (const TimePoint when = max(v.started, shift.span.start);
            v.not_home && v.technician == t && v.shift == sh && when >= p.free_at) {
            p.free_at = when;
            p.free_location = st.problem.jobs[v.job].location;
            p.door = Resumption{v.job, when};
            moved = true;
        }
    if (p.under_way && p.door && p.under_way->started >= p.door->at) p.door.reset();  // they went on from the door
    p.trip = p.under_way || !p.route ? p.frozen : progress_detail::reported_trip_stop(st, t, *p.route, shift, p.frozen);
    const Stop* next = p.trip_stop();
    if (!p.under_way && next && next->kind == StopKind::job && st.jobs[next->job_index()].state == JobState::open) {
        const TimePoint leave = moved ? p.free_at : max(shift.span.start, p.route->departure);
        if (const auto at = progress_detail::set_out_at(st, t, shift, next->job_index(), leave, now)) {
            p.departed = true;
            // A trip reported before the shift counts from its start, as a call before the shift
            // puts them at that door when it starts: nothing is timed before the shift.
            p.set_out = st.rules >= 2 ? max(*at, shift.span.start) : *at;
            p.free_at = max(p.free_at, *at);
        }
    }
    if (!p.departed) p.trip = p.frozen;
    p.begun = moved || p.under_way || p.departed;
    return p;
}

inline RouteProgress route_progress(const DispatchState& st, TechnicianIndex t, std::uint32_t sh) {
    return route_progress(st, t, sh, st.now);
}

// The job a technician-shift goes to next by the plan as of `as_of`, if its next stop is an open
// job. A trip is judged as of when it began: by then a break the plan put before it may be over.
inline std::optional<JobIndex> next_open_job(const DispatchState& st, TechnicianIndex t, std::uint32_t shift, TimePoint as_of) {
    const RouteProgress p = route_progress(st, t, shift, as_of);
    const Stop* next = p.under_way ? nullptr : p.next_stop();
    if (!next || next->kind != StopKind::job || st.jobs[next->job_index()].state != JobState::open) return std::nullopt;
    return next->job_index();
}

// Per job: begun (reported, or assumed from the plan) as of the state's `now`.
inline PerJob<char> begun_jobs(const DispatchState& st) {
    PerJob<char> out(st.problem.jobs.size(), 0);
    for (const Visit& v : st.visits)
        if (!v.not_home) out[v.job] = 1;
    for (const Route& r : st.plan.routes) {
        const RouteProgress p = route_progress(st, r.technician, r.shift);
        for (std::size_t i = 0; i < p.frozen; ++i)
            if (r.stops[i].kind == StopKind::job) out[r.stops[i].job_index()] = 1;
        if (p.under_way) out[p.under_way->job] = 1;
    }
    return out;
}

namespace progress_detail {

// The status at `at` on one route, from its stated times; nullopt outside its day.
inline std::optional<TechnicianStatus> status_on_route(const Route& r, const Shift& shift, TimePoint at) {
    if (at < shift.span.start || (r.stops.empty() && !r.resumes) || at >= r.return_time) return std::nullopt;
    if (at < r.departure) return TechnicianStatus{Activity::idle, shift.span.start, std::nullopt};
    TimePoint prev_end = r.departure;
    const std::size_t resume_at = r.resumes_before();
    for (std::size_t i = 0; i < r.stops.size(); ++i) {
        const Stop& s = r.stops[i];
        if (i == resume_at) {  // on the way to the door the plan resumes at, then on from it
            if (at < r.resumes->at) return TechnicianStatus{Activity::en_route, prev_end, r.resumes->door};
            prev_end = max(prev_end, r.resumes->at);
        }
        const bool job = s.kind == StopKind::job;
        const std::optional<JobIndex> which = job ? std::optional<JobIndex>(s.index) : std::nullopt;
        if (at < s.start) return TechnicianStatus{job ? Activity::en_route : Activity::idle, prev_end, which};
        if (at < s.end) return TechnicianStatus{job ? Activity::on_site : Activity::on_break, s.start, which};
        prev_end = s.end;
    }
    return TechnicianStatus{Activity::done_for_day, prev_end, std::nullopt};
}

// A technician's status at `at` from the plan's stated times alone.
inline TechnicianStatus planned_status(const DispatchState& st, TechnicianIndex t, TimePoint at) {
    const Technician& tech = st.problem.technicians[t];
    for (const Route& r : st.plan.routes)
        if (r.technician == t && r.shift < tech.shifts.size())
            if (auto s = status_on_route(r, tech.shifts[r.shift], at)) return *s;
    TechnicianStatus out{Activity::off_shift, TimePoint::min(), std::nullopt};
    for (std::uint32_t s = 0; s < tech.shifts.size(); ++s) {
        const Shift& shift = tech.shifts[s];
        if (at >= shift.span.end + shift.max_overtime) out.since = shift.span.end;
        if (at < shift.span.start || at >= shift.span.end) continue;
        const Route* r = find_route(st.plan, t, s);
        if (r && !r->stops.empty() && r->return_time <= at) {
            // Back from an absence that ended after the route did: free again, not done for the day.
            for (const TimeWindow& a : st.absences[t])
                if (a.end > r->return_time && a.end <= at) return {Activity::idle, a.end, std::nullopt};
            return {Activity::done_for_day, r->stops.back().end, std::nullopt};
        }
        return {Activity::idle, shift.span.start, std::nullopt};
    }
    return out;
}

// A technician who reports their trips, at the state's `now`: on site, on the road or free as
// route_progress has it, where the plan's times would have them on the road or at a job.
inline TechnicianStatus reported_status(const DispatchState& st, TechnicianIndex t, const TechnicianStatus& planned) {
    const Technician& tech = st.problem.technicians[t];
    for (const Route& r : st.plan.routes) {
        if (r.technician != t || r.shift >= tech.shifts.size()) continue;
        const Shift& shift = tech.shifts[r.shift];
        if (st.now < shift.span.start || st.now >= shift.span.end + shift.max_overtime) continue;
        const RouteProgress p = route_progress(st, t, r.shift);
        if (p.under_way) return {Activity::on_site, p.under_way->started, p.under_way->job};
        if (p.departed) return {Activity::en_route, p.set_out, p.trip_stop()->job_index()};
        // Not at the door the plan resumes at yet: on the way there.
        if (p.door && p.free_at > st.now)
            return planned.activity == Activity::en_route ? planned : TechnicianStatus{Activity::en_route, st.now, p.door->door};
        const bool on_the_road = planned.activity == Activity::en_route || planned.activity == Activity::on_site;
        return on_the_road ? TechnicianStatus{Activity::idle, p.free_at, std::nullopt} : planned;
    }
    return planned;
}

}  // namespace progress_detail

// A technician's status at `at` (at or after the state's `now`): absences first, then, at `now`,
// what a technician who reports trips reported, then the plan.
inline TechnicianStatus technician_status(const DispatchState& st, TechnicianIndex t, TimePoint at) {
    if (const auto a = st.absence_at(t, at)) return {Activity::unavailable, a->start, std::nullopt};
    const TechnicianStatus planned = progress_detail::planned_status(st, t, at);
    return at <= st.now && st.reports_trips(t, st.now) ? progress_detail::reported_status(st, t, planned) : planned;
}

inline PerTechnician<TechnicianStatus> technician_statuses(const DispatchState& st, TimePoint at) {
    PerTechnician<TechnicianStatus> out;
    for (TechnicianIndex t : indices<TechnicianIndex>(st.problem.technicians.size())) out.push_back(technician_status(st, t, at));
    return out;
}

}  // namespace fsd::dispatch
