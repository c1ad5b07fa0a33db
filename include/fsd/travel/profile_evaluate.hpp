// Scoring a plan under a rush-hour profile: every route is re-timed with travel that depends on
// when each leg starts, and each place the plan then runs late is reported. The evaluator in
// model/evaluate.hpp stays the judge of feasibility on free-flow tables; this answers "what
// happens to this plan in rush-hour traffic".
#pragma once

#include <string>
#include <vector>

#include "fsd/model/evaluate.hpp"
#include "fsd/travel/rush_hour.hpp"

namespace fsd {

struct LateStop {
    std::size_t route = 0;
    std::size_t stop = 0;
    JobIndex job{};
    TimePoint arrival;
    TimePoint start;
    Duration window_late = Duration::zero();  // arrival after the last hard window closed
    Duration sla_late = Duration::zero();     // service starts after the SLA deadline
    Duration pinned_late = Duration::zero();  // service starts after its pinned start
};

struct LateReturn {
    std::size_t route = 0;
    TimePoint return_time;
    Duration beyond_overtime = Duration::zero();  // past shift end plus allowed overtime
};

struct ProfileEvaluation {
    Plan schedule;  // the plan with every time re-derived under the profile
    std::vector<LateStop> late_stops;
    std::vector<LateReturn> late_returns;
    Duration travel_time = Duration::zero();            // under the profile
    Duration free_flow_travel_time = Duration::zero();  // the same legs at free flow
    Duration window_lateness = Duration::zero();        // sums over late_stops
    Duration sla_lateness = Duration::zero();
    Duration overtime = Duration::zero();  // past shift ends, all routes

    [[nodiscard]] bool on_time() const { return late_stops.empty() && late_returns.empty(); }
};

namespace profile_detail {

// One route as the evaluator times it (same waits, breaks, stated and pinned starts), except
// that each leg takes the time of its departure under the profile.
inline Route retime_route(const Problem& p, const Route& in, std::size_t ri, const TimeBucketedTravel& travel, ProfileEvaluation& ev) {
    using evaluation_detail::break_times;
    using evaluation_detail::job_times;
    using evaluation_detail::JobTimes;
    using evaluation_detail::StopTimes;
    Route out = in;
    const Technician& tech = p.technicians[in.technician];
    const Shift& shift = tech.shifts[in.shift];
    TimePoint t = max(shift.span.start, in.departure);
    out.departure = t;
    LocationId here = tech.start_of(in.shift);
    bool has_job = false;
    for (std::size_t si = 0; si < in.stops.size(); ++si) {
        const Stop& s = in.stops[si];
        Stop& o = out.stops[si];
        if (s.kind == StopKind::break_time) {
            if (s.index >= shift.breaks.size()) continue;  // the plain evaluator reports it
            const StopTimes at = break_times(shift.breaks[s.index], t, s.start);
            o.arrival = t;
            o.start = at.start;
            o.end = at.end;
            t = o.end;
            continue;
        }
        if (s.index >= p.jobs.size()) continue;
        const Job& job = p.jobs[s.job_index()];
        has_job = true;
        const Duration leg = travel.travel_time(here, job.location, t);
        ev.travel_time += leg;
        ev.free_flow_travel_time += travel.free_flow()(here, job.location);
        o.arrival = t + leg;
        const JobTimes at = job_times(p, job, tech, o.arrival, s.start);
        const TimePoint start = at.start;
        o.start = start;
        o.end = at.end;

        LateStop late{ri, si, s.job_index(), o.arrival, o.start};
        if (!at.earliest) late.window_late = o.arrival - job.time_windows.back().end;
        if (job.sla_deadline && start > *job.sla_deadline) late.sla_late = start - *job.sla_deadline;
        if (job.pinned_start && start > *job.pinned_start) late.pinned_late = start - *job.pinned_start;
        if (late.window_late > Duration::zero() || late.sla_late > Duration::zero() || late.pinned_late > Duration::zero()) {
            ev.window_lateness += late.window_late;
            ev.sla_lateness += late.sla_late;
            ev.late_stops.push_back(late);
        }
        t = o.end;
        here = job.location;
    }
    const Duration back = has_job ? travel.travel_time(here, tech.end_location, t) : Duration::zero();
    if (has_job) {
        ev.travel_time += back;
        ev.free_flow_travel_time += travel.free_flow()(here, tech.end_location);
    }
    out.return_time = t + back;
    ev.overtime += max(Duration::zero(), out.return_time - shift.span.end);
    if (out.return_time > shift.span.end + shift.max_overtime)
        ev.late_returns.push_back({ri, out.return_time, out.return_time - (shift.span.end + shift.max_overtime)});
    return out;
}

}  // namespace profile_detail

// Re-times `plan` under the profile of `travel`, whose free-flow matrix must be the problem's
// time matrix (TimeBucketedTravel(problem.travel.time, profile)). The plan should pass the
// plain evaluator first: routes with bad references are copied unchanged.
inline ProfileEvaluation evaluate_under_profile(const Problem& p, const Plan& plan, const TimeBucketedTravel& travel) {
    ProfileEvaluation ev;
    for (std::size_t ri = 0; ri < plan.routes.size(); ++ri) {
        const Route& r = plan.routes[ri];
        const bool valid = p.technicians.contains(r.technician) && r.shift < p.technicians[r.technician].shifts.size();
        ev.schedule.routes.push_back(valid ? profile_detail::retime_route(p, r, ri, travel, ev) : r);
    }
    ev.schedule.unassigned = plan.unassigned;
    return ev;
}

inline ProfileEvaluation evaluate_under_profile(const Problem& p, const Plan& plan, const RushHourProfile& profile) {
    return evaluate_under_profile(p, plan, TimeBucketedTravel(p.travel.time, profile));
}

}  // namespace fsd
