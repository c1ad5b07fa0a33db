// Technicians' state for matching one job, read off a plan: how many other jobs each has on the
// job's day, and where each is at the job's time. Evaluates the plan to get its times, so a plan
// without stated times works too. A plain function of the model: no I/O.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "fsd/matching/match_inputs.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::matching {

// When the job would start on `day`: its pinned start, else the opening of its earliest window
// that day; nullopt when neither says.
inline std::optional<TimePoint> job_time(const Job& job, int day) {
    if (job.pinned_start) return *job.pinned_start;
    std::optional<TimePoint> earliest;
    for (const auto& w : job.time_windows)
        if (w.start >= day_start(day) && w.start < day_start(day + 1)) earliest = std::min(earliest.value_or(w.start), w.start);
    return earliest;
}

// The technician's shift that would do a job at `when` on `day`: one at work then, else one that
// starts that day, else one still out from the night before; none when no shift works that day.
// With no time, the shift that starts that day: day d's work is the night that begins on d.
inline std::optional<std::uint32_t> shift_for(const Technician& t, int day, std::optional<TimePoint> when) {
    std::optional<std::uint32_t> starts, still_out;
    for (std::uint32_t s = 0; s < t.shifts.size(); ++s) {
        const Shift& sh = t.shifts[s];
        if (!sh.works_on(day)) continue;
        if (when && sh.working_hours().contains(*when)) return s;
        std::optional<std::uint32_t>& other = sh.day() == day ? starts : still_out;
        if (!other) other = s;
    }
    return starts ? starts : still_out;
}

// For matching job j on `day`: each technician's other jobs on the working day of the shift that
// would do it (a split shift's parts together; j itself, if the plan has it, is no load on itself)
// and their position at the job's time, the last job that ends by then (none: still at their
// start location, which matching assumes by default). Two nights in a row both work on the day
// between them; only one does the job.
inline PerTechnician<TechnicianState> states_from_plan(const Problem& p, const Plan& plan, JobIndex j, int day) {
    const Plan timed = evaluate(p, plan).schedule;
    const std::optional<TimePoint> anchor = job_time(p.jobs[j], day);
    PerTechnician<TechnicianState> states(p.technicians.size());
    for (const auto& route : timed.routes) {
        const Technician& tech = p.technicians[route.technician];
        const std::optional<std::uint32_t> doing = shift_for(tech, day, anchor);
        if (!doing || tech.shifts[*doing].day() != tech.shifts[route.shift].day()) continue;
        // A job with no time of its own is placed from where the technician starts that shift.
        const TimePoint when = anchor.value_or(tech.shifts[*doing].span.start);
        auto& s = states[route.technician];
        TimePoint last_end = TimePoint::min();
        for (const auto& stop : route.stops) {
            if (stop.kind != StopKind::job || stop.job_index() == j) continue;
            ++s.jobs_today;
            if (stop.end <= when && stop.end >= last_end) {
                s.position = p.jobs[stop.job_index()].location;
                last_end = stop.end;
            }
        }
    }
    return states;
}

}  // namespace fsd::matching
