// Cutting a problem to one simulated day (day_problem.hpp).
#include "fsd/simulate/day_problem.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "fsd/model/problem.hpp"

namespace fsd::simulate {

namespace {

bool meets_any(const TimeWindow& w, const std::vector<TimeWindow>& hours) {
    return std::any_of(hours.begin(), hours.end(), [&w](const TimeWindow& h) { return w.meets(h); });
}

// A job of the day: heard of by its end, and with a window (or none) in the day that one of its
// shifts can meet, or else that no shift of the day before can (a ticket nobody can serve is still
// the day's, counted carried over): a window in the small hours is the night shift's.
bool served_that_day(const Job& job, const TimeWindow& day, const std::vector<TimeWindow>& shift_hours,
                     const std::vector<TimeWindow>& night_before) {
    if (job.pinned_start && !day.contains(*job.pinned_start)) return false;
    if (job.reported_at && *job.reported_at > day.end) return false;
    if (job.time_windows.empty()) return true;
    for (const TimeWindow& w : job.time_windows)
        if (w.meets(day) && meets_any(w, shift_hours)) return true;
    for (const TimeWindow& w : job.time_windows)
        if (w.meets(day) && !meets_any(w, night_before)) return true;
    return false;
}

// The hours (start to end plus overtime) of the shifts of `day` in `p`.
std::vector<TimeWindow> shift_hours(const Problem& p, int day) {
    std::vector<TimeWindow> out;
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() == day) out.push_back(s.working_hours());
    return out;
}

}  // namespace

TimePoint day_over(const Problem& p, int day) {
    TimePoint over = day_start(day + 1);
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (s.day() == day) over = max(over, s.working_hours().end);
    return over;
}

DayProblem day_problem(const Problem& p, int day) {
    DayProblem out{p, {}, {}};
    Problem& d = out.problem;
    out.shift_index.resize(d.technicians.size());
    std::vector<InputError> errors;
    for (TechnicianIndex t : d.technicians.indices()) {
        std::vector<Shift>& shifts = d.technicians[t].shifts;
        std::vector<Shift> kept;
        for (std::uint32_t s = 0; s < shifts.size(); ++s) {
            if (shifts[s].day() != day) continue;
            if (!kept.empty())
                errors.push_back({"technicians[" + std::to_string(t.value()) + "].shifts[" + std::to_string(s) + "]",
                                  "a second shift on the day simulated: the simulator works one shift per technician a day"});
            kept.push_back(shifts[s]);
            out.shift_index[t] = s;
        }
        shifts = std::move(kept);
    }
    if (!errors.empty()) throw InputErrors(std::move(errors));
    const TimeWindow hours{day_start(day), day_over(p, day)};
    const std::vector<TimeWindow> today = shift_hours(p, day), night_before = shift_hours(p, day - 1);
    d.jobs.clear();
    for (JobIndex j : p.jobs.indices())
        if (served_that_day(p.jobs[j], hours, today, night_before)) {
            d.jobs.push_back(p.jobs[j]);
            out.original.push_back(j);
        }
    return out;
}

Plan whole_plan(const DayProblem& day, const Problem& whole, const Plan& plan) {
    Plan out = plan;
    std::vector<char> listed(whole.jobs.size(), 0);
    for (Route& r : out.routes) {
        assert(r.shift == 0 && day.shift_index[r.technician]);
        r.shift = *day.shift_index[r.technician];
        for (Stop& s : r.stops) {
            if (s.kind != StopKind::job) continue;
            s.index = day.original[s.index].value();
            listed[s.index] = 1;
        }
    }
    for (Unassigned& u : out.unassigned) {
        u.job = day.original[u.job];
        listed[u.job.value()] = 1;
    }
    for (JobIndex j : whole.jobs.indices())
        if (!listed[j.value()]) out.unassigned.push_back({j, UnassignedReason::not_planned, "not on the day simulated"});
    return out;
}

}  // namespace fsd::simulate
