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

// What the re-timing records along one route as walk_route times it: the travel, and each
// place the route runs late.
class LatenessRecord {
public:
    LatenessRecord(const Problem& p, const Route& in, std::size_t ri, const TimeBucketedTravel& travel, ProfileEvaluation& ev)
        : p_(p), in_(in), ri_(ri), travel_(travel), ev_(ev) {}

    void bad_break(std::size_t) {}  // the plain evaluator reports these
    void bad_job(std::size_t) {}
    void rest(std::size_t, const Break&, TimePoint, const evaluation_detail::StopTimes&) {}
    void resume(LocationId from, Duration leg, TimePoint) {
        ev_.travel_time += leg;
        ev_.free_flow_travel_time += travel_.free_flow()(from, p_.jobs[in_.resumes->door].location);
    }

    void job(std::size_t si, const Job& job, LocationId from, Duration leg, TimePoint arrival, const evaluation_detail::JobTimes& at) {
        ev_.travel_time += leg;
        ev_.free_flow_travel_time += travel_.free_flow()(from, job.location);
        LateStop late{ri_, si, in_.stops[si].job_index(), arrival, at.start};
        if (!at.earliest) late.window_late = arrival - job.time_windows.back().end;
        if (job.sla_deadline && at.start > *job.sla_deadline) late.sla_late = at.start - *job.sla_deadline;
        if (job.pinned_start && at.start > *job.pinned_start) late.pinned_late = at.start - *job.pinned_start;
        if (late.window_late > Duration::zero() || late.sla_late > Duration::zero() || late.pinned_late > Duration::zero()) {
            ev_.window_lateness += late.window_late;
            ev_.sla_lateness += late.sla_late;
            ev_.late_stops.push_back(late);
        }
    }

    void home(LocationId from, Duration back, bool has_job, const Route& out) {
        const Technician& tech = p_.technicians[in_.technician];
        const Shift& shift = tech.shifts[in_.shift];
        if (has_job) {
            ev_.travel_time += back;
            ev_.free_flow_travel_time += travel_.free_flow()(from, tech.end_location);
        }
        ev_.overtime += max(Duration::zero(), out.return_time - shift.span.end);
        if (out.return_time > shift.span.end + shift.max_overtime)
            ev_.late_returns.push_back({ri_, out.return_time, out.return_time - (shift.span.end + shift.max_overtime)});
    }

private:
    const Problem& p_;
    const Route& in_;
    std::size_t ri_;
    const TimeBucketedTravel& travel_;
    ProfileEvaluation& ev_;
};

// One route as the evaluator times it (evaluation_detail::walk_route: the same waits, breaks,
// stated and pinned starts), except that each leg takes the time of its departure under the profile.
inline Route retime_route(const Problem& p, const Route& in, std::size_t ri, const TimeBucketedTravel& travel, ProfileEvaluation& ev) {
    const auto by_departure = [&travel](LocationId from, LocationId to, TimePoint at) { return travel.travel_time(from, to, at); };
    return evaluation_detail::walk_route(p, in, by_departure, LatenessRecord(p, in, ri, travel, ev));
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
