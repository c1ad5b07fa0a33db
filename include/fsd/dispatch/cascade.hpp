// The cascade impact of a change of plan: per job whose plan changed (who, when, by how much, what
// it now misses), per technician (jobs added and removed, end of day, overtime), totals, and the
// customers to tell with their new ETA window. A plain struct for reports and messaging systems:
// fsd sends nothing itself. Text and JSON renderings are in cascade_io.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/dispatch/plan_times.hpp"
#include "fsd/model/calendar.hpp"
#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

struct CascadeOptions {
    // A customer is told when their ETA moves by more than this, or their technician changes.
    Duration notify_threshold = minutes(15);
    // ETA moves below this are noise, not a change of plan.
    Duration min_change = minutes(1);
    // The window a customer is told is their p50-p90 ETA window widened by this on each side
    // (told_window): the first visit of a day, or one a technician is driving to, has a p50 equal
    // to its p90, and nobody can be told "08:02 to 08:02".
    Duration eta_margin = minutes(15);
};

// The window to tell a customer: the p50-p90 ETA window widened by `margin` on each side, out to
// whole minutes.
inline TimeWindow told_window(const EtaWindow& w, Duration margin) {
    const auto floor_minute = [](std::int64_t s) { return s >= 0 ? s / 60 * 60 : -((-s + 59) / 60 * 60); };
    const std::int64_t from = (w.p50 - margin).count(), to = (max(w.p50, w.p90) + margin).count();
    return {TimePoint(floor_minute(from)), TimePoint(-floor_minute(-to))};
}

// The customer's window: their preferred window when they gave one, else the one they were promised.
enum class WindowChange : std::uint8_t { unchanged, now_missed, now_met };
constexpr std::array<std::string_view, 3> window_change_names{"unchanged", "now missed", "newly met"};

struct JobChange {
    JobIndex job{};
    std::optional<TechnicianIndex> old_technician, new_technician;     // none: unassigned / not planned
    TimePoint old_eta = TimePoint::min(), new_eta = TimePoint::min();  // planned start of service
    EtaWindow new_window{TimePoint::min(), TimePoint::min()};          // p50-p90
    // The window the customer holds: told now (told_window) when notified, else the one told before.
    TimeWindow told{TimePoint::min(), TimePoint::min()};
    Duration delta = Duration::zero();  // new_eta - old_eta, when assigned in both plans
    WindowChange window = WindowChange::unchanged;
    bool sla_now_missed = false;  // starts after its SLA deadline now, did not before
    bool sla_now_met = false;
    bool other_day = false;         // moved to another day
    bool newly_unassigned = false;  // left out now (reason and detail say why)
    bool newly_assigned = false;    // planned now: a new job, or one left out before
    bool cancelled = false;         // left out because the customer cancelled
    std::optional<UnassignedReason> reason;
    std::string detail;
    bool notify = false;
    [[nodiscard]] bool technician_changed() const { return old_technician && new_technician && *old_technician != *new_technician; }
};

struct TechnicianChange {
    TechnicianIndex technician{};
    std::vector<JobIndex> added, removed;
    TimePoint old_end = TimePoint::min(), new_end = TimePoint::min();  // back at the end location; min: no route
    Duration old_overtime = Duration::zero(), new_overtime = Duration::zero();
};

struct CascadeTotals {
    int jobs_changed = 0;
    int technician_changed = 0;
    int delayed = 0;  // ETA later by at least min_change
    int earlier = 0;
    int newly_unassigned = 0;  // left out by the plan (a job cancelled is counted apart)
    int cancelled = 0;         // cancelled by the customer since the plan before
    int newly_assigned = 0;
    int windows_missed = 0, windows_met = 0;
    int sla_missed = 0, sla_met = 0;
    int other_day = 0;
    int notify = 0;
    Duration delay_total = Duration::zero();  // over the delayed jobs
    Duration delay_max = Duration::zero();
    Duration overtime_change = Duration::zero();
    // The plans' costs as their timings priced them. After a dispatch event: the previous plan
    // timed as of the event (what keeping it would cost), and the new plan.
    Cost cost_before = Cost::zero(), cost_after = Cost::zero();
};

// Ready for an SMS or e-mail system: who to tell, who comes now and when.
struct Notification {
    JobIndex job{};
    std::string customer_id;
    std::optional<TechnicianIndex> technician;  // none: the job cannot be served in this plan
    TimePoint eta = TimePoint::min();
    EtaWindow window{TimePoint::min(), TimePoint::min()};  // the new p50-p90 window
    TimeWindow told{TimePoint::min(), TimePoint::min()};   // the window to tell them (told_window)
    std::string reason;                                    // e.g. "ETA +42 min", "technician changed"
    std::uint32_t retold_before = 0;                       // new promises told since the first (Job::times_retold)
    bool retell = false;                                   // the plan before knew the job, so the customer was told about it before
};

struct CascadeReport {
    TimePoint now;
    Duration notify_threshold = minutes(15);
    std::vector<JobChange> jobs;                // by job index
    std::vector<TechnicianChange> technicians;  // by technician index
    CascadeTotals totals;
    std::vector<Notification> notify;  // by job index
};

namespace cascade_detail {

inline std::optional<TimeWindow> customer_window(const Job& job) {
    return job.preferred_window ? job.preferred_window : job.promised_window;
}

inline int day_of(TimePoint t) {
    return static_cast<int>(t.count() / seconds_per_day);
}

// The working day of an assigned visit: its shift's, so that a night shift's visits after
// midnight are of the day it began; the calendar day for a time outside the shift's hours.
inline int working_day(const Problem& p, const JobTiming& t) {
    const std::vector<Shift>& shifts = p.technicians[*t.technician].shifts;
    if (t.shift < shifts.size() && shifts[t.shift].day_hours().contains(t.eta)) return shifts[t.shift].day();
    return day_of(t.eta);
}

// "HH:MM" (later days "d2 HH:MM"), or `none` for a time that is not set.
inline std::string clock_or(TimePoint t, const char* none) {
    return t == TimePoint::min() ? none : format_clock(t);
}

inline std::string technician_or(const Problem& p, const std::optional<TechnicianIndex>& t, const char* none) {
    return t ? p.technicians[*t].id : none;
}

inline std::string signed_minutes(Duration d) {
    const std::int64_t m = (std::llabs(d.count()) + 30) / 60;
    return (d < Duration::zero() ? "-" : "+") + std::to_string(m) + " min";
}

// "re-told 2 times before", for a dispatcher about to call a customer once more; empty for none.
inline std::string retold_note(std::uint32_t times) {
    if (times == 0) return {};
    return "re-told " + std::to_string(times) + (times == 1 ? " time" : " times") + " before";
}

// The change of one job, or nullopt when its plan did not change (or it is past and unchanged).
inline std::optional<JobChange> job_change(const Problem& p, JobIndex j, const JobTiming& b, const JobTiming& a, TimePoint now,
                                           const CascadeOptions& o) {
    JobChange c;
    c.job = j;
    c.old_technician = b.technician;
    c.new_technician = a.technician;
    c.old_eta = b.eta;
    c.new_eta = a.eta;
    c.new_window = a.window;
    c.newly_assigned = a.assigned() && !b.assigned();
    c.newly_unassigned = !a.assigned() && (b.assigned() || (!b.listed && a.listed));
    if (!a.assigned()) c.reason = a.reason, c.detail = a.detail, c.cancelled = a.cancelled;
    const bool both = a.assigned() && b.assigned();
    if (both) c.delta = a.eta - b.eta;
    const bool moved = both && (c.technician_changed() || a.shift != b.shift || c.delta >= o.min_change || -c.delta >= o.min_change);
    if (!moved && !c.newly_assigned && !c.newly_unassigned) return std::nullopt;
    if (both && a.eta < now && b.eta < now && !c.technician_changed()) return std::nullopt;
    const Job& job = p.jobs[j];
    if (both) {
        c.other_day = working_day(p, a) != working_day(p, b);
        if (const auto w = customer_window(job)) {
            const bool was = w->contains(b.eta), is = w->contains(a.eta);
            c.window = was == is ? WindowChange::unchanged : is ? WindowChange::now_met : WindowChange::now_missed;
        }
    }
    if (job.sla_deadline && a.assigned()) {
        const bool late_now = a.eta > *job.sla_deadline;
        const bool late_before = b.assigned() && b.eta > *job.sla_deadline;
        c.sla_now_missed = late_now && !late_before;
        c.sla_now_met = !late_now && late_before;
    }
    // A customer told a window is told again when their technician would come outside it (or
    // another technician would), whichever plan was before; one told nothing yet, when the
    // technician changes or the ETA moves by more than the threshold. Nobody is told once the
    // visit has begun, or begins now: the technician is at the door.
    const Duration moved_by = c.delta < Duration::zero() ? -c.delta : c.delta;
    const bool changed = job.promised_window ? job.promised_technician != a.technician || !job.promised_window->contains(a.eta)
                                             : c.technician_changed() || moved_by > o.notify_threshold;
    const bool begun = a.assigned() && a.eta <= now;
    c.notify = !c.cancelled && !begun && (c.newly_unassigned || c.newly_assigned || (both && changed));
    // What the customer holds after this plan: the window told now, else the one told before.
    if (c.notify && a.assigned())
        c.told = told_window(a.window, o.eta_margin);
    else if (!c.notify && job.promised_window)
        c.told = *job.promised_window;
    return c;
}

inline std::string notification_reason(const JobChange& c) {
    if (c.newly_unassigned) return "cannot be served in this plan" + (c.detail.empty() ? std::string() : ": " + c.detail);
    if (c.newly_assigned) return "booked";
    if (c.technician_changed()) return "technician changed, ETA " + signed_minutes(c.delta);
    return "ETA " + signed_minutes(c.delta);
}

inline void add_to_totals(CascadeTotals& t, const JobChange& c) {
    ++t.jobs_changed;
    t.technician_changed += c.technician_changed() ? 1 : 0;
    t.newly_unassigned += c.newly_unassigned && !c.cancelled ? 1 : 0;
    t.cancelled += c.newly_unassigned && c.cancelled ? 1 : 0;
    t.newly_assigned += c.newly_assigned ? 1 : 0;
    t.windows_missed += c.window == WindowChange::now_missed ? 1 : 0;
    t.windows_met += c.window == WindowChange::now_met ? 1 : 0;
    t.sla_missed += c.sla_now_missed ? 1 : 0;
    t.sla_met += c.sla_now_met ? 1 : 0;
    t.other_day += c.other_day ? 1 : 0;
    t.notify += c.notify ? 1 : 0;
    if (c.old_technician && c.new_technician && c.delta > Duration::zero()) {
        ++t.delayed;
        t.delay_total += c.delta;
        t.delay_max = max(t.delay_max, c.delta);
    }
    if (c.old_technician && c.new_technician && c.delta < Duration::zero()) ++t.earlier;
}

inline std::vector<TechnicianChange> technician_changes(const PlanTimes& before, const PlanTimes& after, const std::vector<JobChange>& jobs,
                                                        std::size_t techs, const CascadeOptions& o) {
    std::vector<TechnicianChange> out;
    for (TechnicianIndex t : indices<TechnicianIndex>(techs)) {
        TechnicianChange c;
        c.technician = t;
        for (const JobChange& j : jobs) {
            if (j.new_technician == t && j.old_technician != t) c.added.push_back(j.job);
            if (j.old_technician == t && j.new_technician != t) c.removed.push_back(j.job);
        }
        const TechnicianDay none;
        const TechnicianDay& b = before.technicians.contains(t) ? before.technicians[t] : none;
        const TechnicianDay& a = after.technicians.contains(t) ? after.technicians[t] : none;
        c.old_end = b.end, c.new_end = a.end;
        c.old_overtime = b.overtime, c.new_overtime = a.overtime;
        const Duration end_moved = a.working && b.working ? (a.end < b.end ? b.end - a.end : a.end - b.end) : Duration::zero();
        if (c.added.empty() && c.removed.empty() && a.working == b.working && end_moved < o.min_change && a.overtime == b.overtime)
            continue;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace cascade_detail

// Compares two plans' timings (plan_times.hpp) at `now`. Jobs are matched by index; a job `before`
// does not know (added since) counts as new. Jobs past in both plans and unchanged are history.
CascadeReport compare(const Problem& p, const PlanTimes& before, const PlanTimes& after, TimePoint now, const CascadeOptions& o = {});

// Two plans of one problem as the evaluator times them (the ETA windows from evaluate()).
CascadeReport compare(const Problem& p, const Plan& before, const Plan& after, TimePoint now, const CascadeOptions& o = {});

}  // namespace fsd::dispatch
