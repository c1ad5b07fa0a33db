// The independent plan evaluator: re-derives every arrival and start from the problem alone,
// reports each hard violation and computes the KPIs. Simple on purpose and shares no shortcut
// with any planner, so that it can be the judge of all of them.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/calendar.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

enum class ViolationKind : std::uint8_t {
    bad_reference,  // unknown technician, shift, job or break index
    skill,          // a required skill is missing or below the required level
    certification,  // missing, or expired on the day of the shift
    equipment,
    not_allowed,  // pinned to, required of, or excluded from this technician
    time_window,  // service cannot start inside any hard window
    pinned_start,
    schedule,   // a stated time is earlier than physically possible
    shift_end,  // back after the shift end plus allowed overtime
    break_missing,
    break_window,
    break_duplicate,
    duplicate_route,  // the same technician-shift appears twice
    duplicate_job,    // a job in two places (two stops, or a stop and the unassigned list)
    missing_job,      // a job neither routed nor listed as unassigned
    capacity,
    return_buffer,  // a job at its ObjectiveWeights::return_buffer quantile would keep the technician out past shift_end
};
constexpr std::array<std::string_view, 17> violation_kind_names{
    "bad_reference",   "skill",         "certification", "equipment",     "not_allowed",  "time_window",
    "pinned_start",    "schedule",      "shift_end",     "break_missing", "break_window", "break_duplicate",
    "duplicate_route", "duplicate_job", "missing_job",   "capacity",      "return_buffer"};
constexpr std::string_view to_string(ViolationKind k) {
    return violation_kind_names[static_cast<int>(k)];
}

struct Violation {
    ViolationKind kind;
    std::string where;  // e.g. "routes[2].stops[3]"
    std::string message;
};

// The service-level agreements of one urgency, over its assigned jobs that have a deadline.
struct SlaKpis {
    int with_deadline = 0;
    int met = 0;
    int missed = 0;
    Duration late_total = Duration::zero();  // summed over the missed ones
    Duration late_max = Duration::zero();
};

// One technician's day, all their shifts together. Idle is shift time spent neither working,
// driving nor on a break: waiting for a window, or not used at all.
struct TechnicianHours {
    Duration shift = Duration::zero();
    Duration service = Duration::zero();
    Duration travel = Duration::zero();
    Duration breaks = Duration::zero();
    Duration waiting = Duration::zero();
    [[nodiscard]] Duration idle() const { return max(Duration::zero(), shift - service - travel - breaks); }
};

struct Kpis {
    Duration travel_time = Duration::zero();
    Distance distance = Distance::zero();
    double distance_in_source_units = 0;  // km for field service, instance units for benchmarks
    Duration service_time = Duration::zero();
    Duration waiting = Duration::zero();
    Duration overtime = Duration::zero();
    Duration shift_time = Duration::zero();  // all shifts of all technicians
    double on_time_pct = 100.0;              // assigned jobs meeting their SLA deadline and preferred window
    double utilisation_pct = 0;              // service time over shift time
    int routes_used = 0;
    int jobs_assigned = 0;
    int jobs_cancelled = 0;  // listed unassigned because the customer cancelled (Job::cancelled_at): no cost
    PerTechnician<int> jobs_per_technician;
    std::array<int, 3> unassigned_by_urgency{};  // emergency, same-day, scheduled
    std::array<SlaKpis, 3> sla{};                // by urgency
    // From the report (or the window's opening) to the start of service, over assigned emergencies.
    int emergencies_served = 0;
    Duration emergency_response_mean = Duration::zero();
    Duration emergency_response_max = Duration::zero();
    PerTechnician<TechnicianHours> hours;
    // Load balance: service hours of the busiest and the least busy technician with any job.
    double service_hours_max = 0, service_hours_min = 0;
    // Route spread: width plus height (km) of the bounding box of each route's job sites.
    double spread_km_mean = 0, spread_km_max = 0;
    Cost cost = Cost::zero();
};

// When service would start at a stop if every job before it on the route took its p50 (p90)
// duration and the technician started each job as soon as its windows allow: the ETA window a
// customer can be told. For a break, when it would start.
struct EtaWindow {
    TimePoint p50;
    TimePoint p90;
};

struct Evaluation {
    std::vector<Violation> violations;
    // Rules that what the field reported has already broken (Stop::as_reported): a visit that
    // overran a break's window, a start outside the window, a return the past alone makes late.
    // Facts, not the plan's to mend: they do not make it infeasible.
    std::vector<Violation> already_broken;
    Kpis kpis;
    Plan schedule;                            // the plan with every time re-derived
    std::vector<std::vector<EtaWindow>> eta;  // per route of `schedule`, per stop
    [[nodiscard]] bool feasible() const { return violations.empty(); }
};

namespace evaluation_detail {

// Earliest start in one of the job's hard windows at or after `ready`; nullopt if none is left.
inline std::optional<TimePoint> earliest_start(const Job& job, TimePoint ready) {
    if (job.time_windows.empty()) return ready;
    std::optional<TimePoint> best;
    for (const auto& w : job.time_windows) {
        const TimePoint s = max(ready, w.start);
        if (s <= w.end && (!best || s < *best)) best = s;
    }
    return best;
}

// When a stop happens, by the evaluator's rules. The evaluator (src/model/evaluate.cpp) and the
// rush-hour re-timing (travel/profile_evaluate.hpp) both time stops with these, and differ only in
// how long a leg takes and in what they record.
struct StopTimes {
    TimePoint ready;     // the earliest the stop can start: its window's opening from the arrival on
    TimePoint unpinned;  // ready, or the plan's stated start when later
    TimePoint start;     // unpinned, or a job's pinned start when later
    TimePoint end;
};

// `stated` is the plan's start for the stop, TimePoint::min() when it states none.
inline StopTimes break_times(const Break& b, TimePoint arrival, TimePoint stated) {
    const TimePoint ready = max(arrival, b.window.start);
    const TimePoint start = max(ready, stated);
    return {ready, start, start, start + b.length};
}

// A stop whose times the field reported (Stop::as_reported): taken as they are.
inline StopTimes reported_times(const Stop& s) {
    assert(s.start != TimePoint::min() && s.end >= s.start);
    return {s.start, s.start, s.start, s.end};
}

struct JobTimes : StopTimes {
    std::optional<TimePoint> earliest;  // earliest_start(job, arrival); nullopt: every window had closed
};

// When every window has closed, the job starts on arrival (and the evaluator reports it).
inline JobTimes job_times(const Problem& p, const Job& job, const Technician& tech, TimePoint arrival, TimePoint stated) {
    const std::optional<TimePoint> earliest = earliest_start(job, arrival);
    const TimePoint ready = earliest.value_or(arrival);
    const TimePoint unpinned = max(ready, stated);
    const TimePoint start = job.pinned_start ? max(unpinned, *job.pinned_start) : unpinned;
    return {{ready, unpinned, start, start + p.service_time(job, tech)}, earliest};
}

// The one walk along a route by the evaluator's rules, for the evaluator and the rush-hour
// re-timing alike: when the technician leaves, and arrives at, starts and ends each stop.
// `leg(from, to, departure)` is how long a leg takes; `visit` is told of each stop once it is timed:
//   visit.bad_break(si), visit.bad_job(si): a stop that refers to nothing, skipped;
//   visit.rest(si, brk, arrival, times): a break, ready from `arrival`;
//   visit.job(si, job, from, leg, arrival, times): a job, reached from `from` in `leg`;
//   visit.resume(from, leg, free): the drive to Route::resumes's door from where the technician was
//   free at `free` (once, before the first stop not as reported; its job index must exist);
//   visit.home(from, back, has_job, route): the way back, with every time of `route` written.
// Returns the route with every time re-derived. Its technician and shift must exist.
template <class Leg, class Visitor>
Route walk_route(const Problem& p, const Route& in, Leg&& leg, Visitor&& visit) {
    Route out = in;
    const Technician& tech = p.technicians[in.technician];
    const Shift& shift = tech.shifts[in.shift];
    TimePoint t = max(shift.span.start, in.departure);
    out.departure = t;
    LocationId here = tech.start_of(in.shift);
    bool has_job = false;
    const std::size_t resume_at = in.resumes_before();
    // The technician was at the door from `at` on, whatever the table says the drive took.
    auto resume = [&] {
        assert(in.resumes->door.value() < p.jobs.size());
        const LocationId door = p.jobs[in.resumes->door].location;
        visit.resume(here, leg(here, door, t), t);
        t = max(t, in.resumes->at);
        here = door;
    };
    for (std::size_t si = 0; si < in.stops.size(); ++si) {
        const Stop& s = in.stops[si];
        Stop& o = out.stops[si];
        if (si == resume_at) resume();
        if (s.kind == StopKind::break_time) {
            if (s.index >= shift.breaks.size()) {
                visit.bad_break(si);
                continue;
            }
            const StopTimes at = s.as_reported ? reported_times(s) : break_times(shift.breaks[s.index], t, s.start);
            o.arrival = s.as_reported ? min(t, s.start) : t, o.start = at.start, o.end = at.end;
            visit.rest(si, shift.breaks[s.index], o.arrival, at);
            t = o.end;
            continue;
        }
        if (s.index >= p.jobs.size()) {
            visit.bad_job(si);
            continue;
        }
        has_job = true;
        const Job& job = p.jobs[s.job_index()];
        const Duration travel = leg(here, job.location, t);
        o.arrival = t + travel;
        if (s.as_reported) o.arrival = min(o.arrival, s.start);  // they got there quicker than the table says
        // The trip is under way: it arrives when the field's report says (delays included), and a
        // break listed before it that ends later was taken at the door.
        if (s.set_out && s.arrival != TimePoint::min()) o.arrival = max(s.arrival, t);
        const JobTimes at =
            s.as_reported ? JobTimes{reported_times(s), earliest_start(job, s.start)} : job_times(p, job, tech, o.arrival, s.start);
        o.start = at.start, o.end = at.end;
        visit.job(si, job, here, travel, o.arrival, at);
        t = o.end;
        here = job.location;
    }
    if (resume_at == in.stops.size()) resume();
    const Duration back = leg(here, tech.end_location, t);
    out.return_time = t + back;
    visit.home(here, back, has_job, out);
    return out;
}

inline bool in_some_window(const Job& job, TimePoint t) {
    if (job.time_windows.empty()) return true;
    return std::any_of(job.time_windows.begin(), job.time_windows.end(), [t](const TimeWindow& w) { return w.contains(t); });
}

// When a technician arriving at `arrival` would start the job: in its first window still open,
// not before the preferred or promised window opens (service_opening), at its pinned start.
inline TimePoint opening_start(const Job& job, TimePoint arrival) {
    std::optional<TimePoint> best;
    const std::vector<TimeWindow> any{{TimePoint::min(), TimePoint::max()}};
    for (const TimeWindow& w : job.time_windows.empty() ? any : job.time_windows) {
        const TimePoint s = max(arrival, service_opening(job, w));
        if (s <= w.end && (!best || s < *best)) best = s;
    }
    const TimePoint start = best.value_or(arrival);
    return job.pinned_start ? max(start, *job.pinned_start) : start;
}

// The ETA window of every stop of a route whose times have been re-derived (see EtaWindow).
std::vector<EtaWindow> eta_windows(const Problem& p, const Route& r);

}  // namespace evaluation_detail

// Re-derives every arrival and start of `plan` from `p`, reports each violation, and computes
// the KPIs and each stop's ETA window (src/model/evaluate.cpp).
Evaluation evaluate(const Problem& p, const Plan& plan);

}  // namespace fsd
