// Mapping plans between the residual problem and the full day, once per re-plan.
#include "fsd/dispatch/residual_plan.hpp"

#include <algorithm>

namespace fsd::dispatch {

Plan to_residual(const Residual& r, const Plan& day) {
    PerJob<std::optional<JobIndex>> residual_of(r.job.empty() ? 0 : std::max_element(r.job.begin(), r.job.end())->value() + 1);
    for (JobIndex i : indices<JobIndex>(r.job.size())) residual_of[r.job[i]] = i;
    auto job_of = [&](JobIndex j) { return residual_of.contains(j) ? residual_of[j] : std::nullopt; };
    PerJob<char> placed(r.job.size(), 0);
    Plan out;
    for (const Route& route : day.routes) {
        const auto rs = r.residual_shift(route.technician, route.shift);
        if (!rs) continue;
        const Shift& shift = r.problem.technicians[route.technician].shifts[*rs];
        const auto& breaks = r.breaks[route.technician][*rs];
        Route res{route.technician, *rs, max(route.departure, shift.span.start), route.return_time, {}};
        for (const Stop& s : route.stops) {
            Stop copy = s;
            if (s.kind == StopKind::job) {
                const auto j = job_of(s.job_index());
                if (!j || placed[*j]) continue;
                copy.index = j->value();
                placed[*j] = 1;
            } else {
                const auto it = std::find(breaks.begin(), breaks.end(), s.index);
                if (it == breaks.end()) continue;
                copy.index = static_cast<std::uint32_t>(it - breaks.begin());
            }
            res.stops.push_back(copy);
        }
        if (!res.stops.empty()) out.routes.push_back(std::move(res));
    }
    for (const Unassigned& u : day.unassigned)
        if (const auto j = job_of(u.job); j && !placed[*j]) {
            out.unassigned.push_back({*j, u.reason, u.detail});
            placed[*j] = 1;
        }
    for (JobIndex j : indices<JobIndex>(r.job.size()))
        if (!placed[j]) out.unassigned.push_back({j, UnassignedReason::not_planned, "not in the plan yet"});
    return out;
}

namespace {

// A technician whose residual route is empty goes home after what they have begun: the breaks
// still left to them that the day then owes (as evaluate() owes them) are taken first, each as
// soon as it may start. The solver gives no route to a vehicle with nothing but breaks.
void take_breaks_owed(const DispatchState& st, const Residual& r, const RouteProgress& p, LocationId last, TimePoint reported_end,
                      Route& route) {
    const auto rs = r.residual_shift(p.technician, p.shift);
    if (!rs) return;
    const Shift& shift = st.problem.technicians[p.technician].shifts[p.shift];
    const Duration home = st.problem.travel_time(last, st.problem.technicians[p.technician].end_location);
    // Free again when the residual shift starts: after the visit under way, and any absence.
    TimePoint free = max(reported_end, r.problem.technicians[p.technician].shifts[*rs].span.start);
    for (const std::uint32_t b : r.breaks[p.technician][*rs]) {  // in window order (breaks_left)
        const Break& br = shift.breaks[b];
        const TimePoint start = max(free, br.window.start);
        if (!shift.owes(br, free, free + home) || start > br.window.end) continue;
        route.stops.push_back(Stop{StopKind::break_time, b, free, start, start + br.length});
        free = start + br.length;
    }
}

// A route that resumes at a door before anything reported left no later than that: in time to
// drive there, or at the shift start.
void leave_for_door(const DispatchState& st, const RouteProgress& p, Route& route) {
    const bool reported = std::any_of(route.stops.begin(), route.stops.end(), [](const Stop& s) { return s.as_reported; });
    if (reported || route.departure == TimePoint::min() || route.departure <= route.resumes->at) return;
    const Technician& tech = st.problem.technicians[p.technician];
    const Shift& shift = tech.shifts[p.shift];
    const Duration drive = st.problem.travel_time(tech.start_of(p.shift), st.problem.jobs[route.resumes->door].location);
    route.departure = max(shift.span.start, route.resumes->at - drive);
}

// When the residual day starts, if it starts at job j's door.
std::optional<TimePoint> residual_start_at(const DispatchState& st, const Residual& r, const RouteProgress& p, JobIndex j) {
    const auto rs = r.residual_shift(p.technician, p.shift);
    if (!rs) return std::nullopt;
    const Shift& resumed = r.problem.technicians[p.technician].shifts[*rs];
    if (resumed.start_location != std::optional<LocationId>(st.problem.jobs[j].location)) return std::nullopt;
    return resumed.span.start;
}

// The door of the job the technician is driving to, when the residual day starts there: unless
// the re-plan keeps that job first, set out for, the plan goes on from that door.
std::optional<Resumption> trip_door(const DispatchState& st, const Residual& r, const RouteProgress& p) {
    const Stop* next = p.trip_stop();
    if (!p.departed || p.under_way || !next || next->kind != StopKind::job) return std::nullopt;
    const auto start = residual_start_at(st, r, p, next->job_index());
    return start ? std::optional<Resumption>(Resumption{next->job_index(), *start}) : std::nullopt;
}

}  // namespace

Plan to_full(const DispatchState& st, const Residual& r, const Plan& schedule) {
    using namespace residual_plan_detail;
    Plan out;
    for (const RouteProgress& p : r.progress) {
        Route route{p.technician, p.shift, TimePoint::min(), TimePoint::min(), {}};
        if (p.route) {
            const Shift& shift = st.problem.technicians[p.technician].shifts[p.shift];
            TimePoint free_at = shift.span.start;
            for (std::size_t i = 0; i < p.frozen; ++i) {
                route.stops.push_back(as_went(p.route->stops[i], free_at, shift));
                route.stops.back().as_reported = true;
                route.stops.back().set_out = false;
                free_at = max(free_at, route.stops.back().end);
            }
            route.departure = p.route->departure;
        }
        if (p.under_way) {
            Stop visit = *p.next_stop();
            visit.start = p.under_way->started;
            const auto rs = r.residual_shift(p.technician, p.shift);
            const std::optional<VisitEnd>& known = rs ? r.visit_end[p.technician][*rs] : std::nullopt;
            visit.end = known ? known->planned : visit_end(st, p).planned;
            visit.as_reported = true;
            visit.set_out = false;
            route.stops.push_back(visit);
        }
        route.resumes = p.door;
        // A door the plan resumed at before (a trip taken off them), where the residual day starts:
        // from then on, after the hold-ups reported since, which adopting the plan spends.
        if (route.resumes && st.jobs[route.resumes->door].state != JobState::not_home)
            if (const auto start = residual_start_at(st, r, p, route.resumes->door)) route.resumes->at = max(route.resumes->at, *start);
        std::optional<Resumption> door = trip_door(st, r, p);
        const Route* rr = residual_route(r, schedule, p.technician, p.shift);
        if (rr) {
            const auto& breaks = r.breaks[p.technician][rr->shift];
            // The job they are driving to, if the trip still holds (the residual shift starts at its
            // door, on arrival) and the re-plan kept it first (a break may come first, at the door).
            const Shift& resumed = r.problem.technicians[p.technician].shifts[rr->shift];
            bool driving = p.departed && !p.under_way &&
                           resumed.start_location == std::optional<LocationId>(st.problem.jobs[p.trip_stop()->job_index()].location);
            for (Stop s : rr->stops) {
                s.index = s.kind == StopKind::job ? r.job[s.job_index()].value() : breaks[s.index];
                if (s.kind == StopKind::job) {
                    s.set_out = driving && s.index == p.trip_stop()->index;
                    if (s.set_out) s.arrival = resumed.span.start, door.reset();
                    driving = false;
                }
                route.stops.push_back(s);
            }
            route.return_time = rr->return_time;
            if (!p.begun) route.departure = rr->departure;
        }
        if (door) route.resumes = door;
        if (route.resumes) leave_for_door(st, p, route);
        if (!rr && (!route.stops.empty() || route.resumes)) {
            const Technician& tech = st.problem.technicians[p.technician];
            const LocationId last =
                route.resumes ? st.problem.jobs[route.resumes->door].location : last_location(st.problem, route, tech.start_of(p.shift));
            const TimePoint reported_end =
                max(route.stops.empty() ? TimePoint::min() : route.stops.back().end, route.resumes ? route.resumes->at : TimePoint::min());
            take_breaks_owed(st, r, p, last, reported_end, route);
            const TimePoint free = max(reported_end, route.stops.empty() ? TimePoint::min() : route.stops.back().end);
            route.return_time = free + st.problem.travel_time(last, tech.end_location);
        }
        if (!route.stops.empty() || route.resumes) out.routes.push_back(std::move(route));
    }
    for (const Unassigned& u : schedule.unassigned) out.unassigned.push_back({r.job[u.job], u.reason, u.detail});
    out.unassigned.insert(out.unassigned.end(), r.closed.begin(), r.closed.end());
    std::sort(out.unassigned.begin(), out.unassigned.end(), [](const Unassigned& a, const Unassigned& b) { return a.job < b.job; });
    PerJob<int> seen(st.problem.jobs.size(), 0);
    for (const Route& route : out.routes)
        for (const Stop& s : route.stops)
            if (s.kind == StopKind::job) ++seen[s.job_index()];
    for (const Unassigned& u : out.unassigned) ++seen[u.job];
    for (JobIndex j : indices<JobIndex>(seen.size()))
        if (seen[j] != 1)
            throw std::logic_error("job " + st.problem.jobs[j].id + " is " + std::to_string(seen[j]) + " times in the day's plan");
    return out;
}

PlanTimes full_times(const DispatchState& st, const Residual& r, const Evaluation& ev, const Plan& day) {
    PlanTimes out;
    out.jobs.resize(st.problem.jobs.size());
    out.technicians.resize(st.problem.technicians.size());
    out.cost = ev.kpis.cost;
    for (const Route& route : day.routes)
        for (const Stop& s : route.stops)
            if (s.kind == StopKind::job)
                out.jobs[s.job_index()] = JobTiming::routed(route.technician, route.shift, s.start, {s.start, s.start});
    for (const Route& rr : ev.schedule.routes) {
        const std::vector<EtaWindow> eta = residual_eta(r.problem, rr, r.visit_end[rr.technician][rr.shift]);
        const std::uint32_t shift = r.shift[rr.technician][rr.shift];
        for (std::size_t si = 0; si < rr.stops.size(); ++si)
            if (rr.stops[si].kind == StopKind::job)
                out.jobs[r.job[rr.stops[si].job_index()]] = JobTiming::routed(rr.technician, shift, rr.stops[si].start, eta[si]);
    }
    for (const Unassigned& u : day.unassigned)
        out.jobs[u.job] = JobTiming::left_out(u.reason, u.detail, st.jobs[u.job].state == JobState::cancelled);
    for (const Route& route : day.routes) {
        TechnicianDay& d = out.technicians[route.technician];
        d.working = true;
        d.end = max(d.end, route.return_time);
        d.overtime += max(Duration::zero(), route.return_time - st.problem.technicians[route.technician].shifts[route.shift].span.end);
    }
    return out;
}

}  // namespace fsd::dispatch
