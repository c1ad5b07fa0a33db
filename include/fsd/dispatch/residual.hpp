// The rest of the day as a problem of its own, which the unchanged solver plans: open jobs only;
// each technician-shift starting when and where the technician is next free (after a visit under
// way: where it is, when it ends on the planning quantile of its conditional remaining time); a
// job the technician is already driving to pinned to them, first; breaks taken or missed left out.
// Indices map back to the state, so a residual plan becomes the whole day's plan again
// (residual_plan.hpp). A technician working overtime starts after their shift's end, which
// check_problem() refuses in user input: solve it with SolverParams::check_input = false.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "fsd/dispatch/progress.hpp"
#include "fsd/dispatch/remaining.hpp"
#include "fsd/model/calendar.hpp"
#include "fsd/model/objective.hpp"

namespace fsd::dispatch {

// When a visit under way ends: at the p50, the planning quantile and the p90 of its remaining time.
struct VisitEnd {
    TimePoint p50, planned, p90;
};

struct Residual {
    Problem problem;
    PerJob<JobIndex> job;                                           // residual job -> state job
    PerTechnician<std::vector<std::uint32_t>> shift;                // [technician][residual shift] -> state shift
    PerTechnician<std::vector<std::vector<std::uint32_t>>> breaks;  // [technician][residual shift][break] -> state break
    // [technician][residual shift]: when the visit under way ends, if any (computed once: the
    // conditional quantiles take a few thousand erfc calls per visit).
    PerTechnician<std::vector<std::optional<VisitEnd>>> visit_end;
    std::vector<RouteProgress> progress;  // every technician-shift, in (technician, shift) order
    std::vector<Unassigned> closed;       // state jobs that can no longer be planned, and why

    // The residual shift of a state technician-shift; nullopt when it has none.
    [[nodiscard]] std::optional<std::uint32_t> residual_shift(TechnicianIndex t, std::uint32_t state_shift) const {
        const auto& m = shift[t];
        const auto it = std::find(m.begin(), m.end(), state_shift);
        return it == m.end() ? std::nullopt : std::optional<std::uint32_t>(static_cast<std::uint32_t>(it - m.begin()));
    }
};

inline VisitEnd visit_end(const DispatchState& st, const Visit& v) {
    const DurationQuantiles rem = remaining_on_site(st, v);
    const TimePoint from = max(st.now, v.started);
    return {from + rem.p50, from + rem.at(st.problem.objective.quantile_for(st.problem.jobs[v.job].urgency)), from + rem.p90};
}

// The end of the visit under way of p. A reported one ends on its remaining time given how long it
// has run. One only assumed from the plan ends at its planned end, which route_progress compares
// with `now` to count it done: conditioning it on "not finished yet" at every event would push its
// end past every `now`, and unrelated events would keep a visit nobody reported going.
inline VisitEnd visit_end(const DispatchState& st, const RouteProgress& p) {
    VisitEnd e = visit_end(st, *p.under_way);
    if (st.rules < 2 || st.visit_of(p.under_way->job)) return e;
    e.planned = p.next_stop()->end;
    e.p50 = min(e.p50, e.planned);
    e.p90 = max(e.p90, e.planned);
    return e;
}

namespace residual_detail {

// Where and when a technician-shift starts again, and how long any visit under way keeps them.
struct Restart {
    TimePoint begin;
    LocationId where{};
    TimePoint ready;      // free of the visit under way (planning quantile), else == begin
    bool commit = false;  // the next stop (an open job) stays theirs
};

// Free where they are, after the hold-ups reported since they were free or since the report,
// whichever is later: not again from the clock at every event.
inline Restart idle_restart(const DispatchState& st, const RouteProgress& p) {
    const TimePoint held_from = max(p.free_at, st.delay_reported[p.technician]);
    const TimePoint begin = max(st.now, held_from + st.pending_delay[p.technician]);
    return {begin, p.free_location, begin, false};
}

inline Restart visit_restart(const DispatchState& st, const Visit& v, TimePoint end) {
    return {end, st.problem.jobs[v.job].location, end, false};
}

// Already driving to the next job: the shift starts at that job's door when they get there, or
// when a break they took there since is over.
inline Restart committed_restart(const DispatchState& st, const RouteProgress& p, JobIndex next) {
    const Job& job = st.problem.jobs[next];
    const TimePoint there = p.set_out + st.problem.travel_time(p.free_location, job.location) + st.pending_delay[p.technician];
    const TimePoint arrival = max(st.now, max(there, p.free_at));
    return {arrival, job.location, arrival, true};
}

// Whether a committed job can still be done: a window open at the arrival, and back by the end.
inline bool commit_fits(const Problem& p, const Job& job, TechnicianIndex t, const Shift& s, TimePoint arrival) {
    bool window = job.time_windows.empty();
    for (const TimeWindow& w : job.time_windows) window = window || w.end >= arrival;
    const TimePoint back = arrival + p.service_time(job, p.technicians[t]) + p.travel_time(job.location, p.technicians[t].end_location);
    return window && back <= s.span.end + s.max_overtime;
}

// The technician judged a committed job by the return buffer before setting out, and will do it:
// the shift's limit is moved out to what the job needs at that quantile from its arrival, so that
// the buffer does not take it off them again (a slow drive can have made it late).
inline void allow_committed_return(const Problem& p, TechnicianIndex t, const Job& job, TimePoint arrival, Shift& s) {
    if (const auto q = p.objective.return_buffer_in_force())
        s.max_overtime = max(s.max_overtime, p.back_home(job, p.technicians[t], arrival, *q) - s.span.end);
}

// Absences cut the shift: one under way when the technician is free moves the start past it; a
// later one ends the shift when it begins. False when nothing of the shift is left.
inline bool apply_absences(const DispatchState& st, TechnicianIndex t, Restart& r, Shift& s) {
    std::vector<TimeWindow> absences = st.absences[t];
    std::sort(absences.begin(), absences.end(), [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
    for (const TimeWindow& a : absences) {
        if (a.end <= r.ready) continue;
        if (a.start <= r.ready) {
            if (a.end == TimePoint::max()) return false;
            r.begin = r.ready = a.end;
        } else if (a.start < s.span.end + s.max_overtime) {
            s.span.end = min(s.span.end, a.start);
            s.max_overtime = Duration::zero();
        }
    }
    return r.begin <= s.span.end + s.max_overtime;
}

// The soonest the technician can be home: from when they are free, after the job they keep (once
// a window lets it start) and the breaks every route of the shift takes, then the drive home.
inline TimePoint earliest_return(const Problem& p, TechnicianIndex t, const Restart& r, const Stop* committed, const Shift& s) {
    const Technician& tech = p.technicians[t];
    TimePoint free = r.ready;
    if (committed) {
        const Job& job = p.jobs[committed->job_index()];
        TimePoint start = free;
        for (const TimeWindow& w : job.time_windows)
            if (w.end >= free) {
                start = max(free, service_opening(job, w));
                break;
            }
        free = start + p.service_time(job, tech);
    }
    for (const Break& b : s.breaks)
        if (b.window.start < s.span.end) free += b.length;
    return free + p.travel_time(r.where, tech.end_location);
}

// The breaks still to take, in window order: not taken before, and still possible after `ready`.
inline std::vector<std::uint32_t> breaks_left(const Shift& s, const RouteProgress& p, TimePoint ready, TimePoint& after) {
    std::vector<std::uint32_t> kept;
    after = ready;
    for (std::uint32_t b : s.breaks_in_window_order()) {
        bool taken = false;
        for (std::size_t i = 0; p.route && i < p.frozen; ++i)
            taken = taken || (p.route->stops[i].kind == StopKind::break_time && p.route->stops[i].index == b);
        const Break& br = s.breaks[b];
        if (taken || max(after, br.window.start) > br.window.end) continue;
        kept.push_back(b);
        after = max(after, br.window.start) + br.length;
    }
    return kept;
}

}  // namespace residual_detail

// What one technician-shift brings to the residual problem: nullopt when it has no work time left.
// `breaks` receives the state break of each residual break; `commit` whether the next stop stays.
// `end`: when the visit under way ends, if there is one.
inline std::optional<Shift> residual_shift(const DispatchState& st, const RouteProgress& p, const std::optional<VisitEnd>& end,
                                           std::vector<std::uint32_t>& breaks, bool& commit) {
    using namespace residual_detail;
    const Shift& original = st.problem.technicians[p.technician].shifts[p.shift];
    const Stop* next = p.trip_stop();
    Restart r = p.under_way  ? visit_restart(st, *p.under_way, end ? end->planned : visit_end(st, p).planned)
                : p.departed ? committed_restart(st, p, next->job_index())
                             : idle_restart(st, p);
    Shift s = original;
    const TimePoint arrival = r.begin;
    bool alive = apply_absences(st, p.technician, r, s);
    // An absence before the arrival, or a job that no longer fits, breaks the commitment.
    if (r.commit &&
        (!alive || r.begin != arrival || !commit_fits(st.problem, st.problem.jobs[next->job_index()], p.technician, s, r.begin))) {
        r = idle_restart(st, p);
        s = original;
        alive = apply_absences(st, p.technician, r, s);
    }
    if (!alive) return std::nullopt;
    commit = r.commit;
    if (commit) allow_committed_return(st.problem, p.technician, st.problem.jobs[next->job_index()], r.begin, s);
    s.span.start = r.begin;
    s.start_location = r.where;
    s.on_the_clock = original.on_the_clock || p.begun;
    TimePoint after = r.ready;
    breaks = breaks_left(original, p, r.ready, after);
    s.breaks.clear();
    for (std::uint32_t b : breaks) s.breaks.push_back(original.breaks[b]);
    s.earliest_return = earliest_return(st.problem, p.technician, r, commit ? next : nullptr, s);
    return s;
}

namespace residual_detail {

// An open job's windows from `now` on; false when it had windows and all have closed.
inline bool clip_windows(Job& job, TimePoint now) {
    if (job.time_windows.empty()) return true;
    std::erase_if(job.time_windows, [now](const TimeWindow& w) { return w.end < now; });
    return !job.time_windows.empty();
}

// A job someone is driving to is the first thing they do when they get there: its window is cut
// to start no later than it could on their arrival, plus the breaks they have still to take (one
// may fall due first), so that no other job fits before it. Leaving it out stays possible, as for
// any job. A pinned start is left alone, and so is a job none of whose windows is still open then.
inline void first_on_arrival(Job& job, TimePoint arrival, Duration breaks) {
    if (job.pinned_start) return;
    const std::vector<TimeWindow> windows =
        job.time_windows.empty() ? std::vector<TimeWindow>{{arrival, TimePoint::max()}} : job.time_windows;
    std::optional<TimePoint> earliest;
    std::optional<TimeWindow> cut;
    for (const TimeWindow& w : windows) {
        const TimePoint start = max(arrival, service_opening(job, w));
        if (start > w.end || (earliest && start >= *earliest)) continue;
        earliest = start;
        cut = TimeWindow{w.start, min(w.end, start + breaks)};
    }
    if (cut) job.time_windows = {*cut};
}

inline Unassigned closed_job(const DispatchState& st, JobIndex j) {
    const JobRecord& rec = st.jobs[j];
    const std::string when = st.problem.time_text(rec.since);
    if (rec.state == JobState::cancelled) return {j, UnassignedReason::not_planned, "cancelled at " + when};
    if (rec.state == JobState::not_home) return {j, UnassignedReason::not_planned, "customer not home at " + when};
    TimePoint last = TimePoint::min();
    for (const TimeWindow& w : st.problem.jobs[j].time_windows) last = max(last, w.end);
    return {j, UnassignedReason::no_window_fits_shift, "its last window closed at " + st.problem.time_text(last)};
}

}  // namespace residual_detail

Residual residual_problem(const DispatchState& st);

}  // namespace fsd::dispatch
