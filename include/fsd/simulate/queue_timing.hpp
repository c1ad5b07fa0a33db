// When a technician's list would happen, walked from where and when they will next be free, with
// job durations at a chosen quantile: the one timing rule a technician follows in the simulator,
// and what policies use to tell ETAs and to check that a list still fits the shift.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "fsd/dispatch/cascade.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/simulate/dispatch_view.hpp"

namespace fsd::simulate {

// When a technician arriving at `arrival` starts the job: at the first moment inside one of its
// hard windows that is neither before the arrival nor before `not_before`, and not before its
// pinned start. Nullopt when every window has closed by then.
inline std::optional<TimePoint> knock_time(const Job& job, TimePoint arrival, TimePoint not_before) {
    auto start = evaluation_detail::earliest_start(job, max(arrival, not_before));
    if (start && job.pinned_start) start = max(*start, *job.pinned_start);
    return start;
}

// A job's duration for a technician at a quantile; nullopt: the objective's planning quantile.
inline Duration planned_duration(const Problem& p, const Job& job, const Technician& tech, std::optional<Quantile> q) {
    return Problem::service_time(job, tech, q.value_or(p.objective.quantile_for(job.urgency)));
}

// Where and when a technician is next free to follow a list.
struct QueueStart {
    LocationId place{};
    TimePoint free_at;
    bool departed = false;  // false: still at home, leaving no earlier than leave_not_before
    TimePoint leave_not_before = TimePoint::min();
    std::int64_t load = 0;  // on the van already: the shift's loaded, the jobs done today and the one in hand
};

// From the technician's status: the job or break in hand ends as the quantile says (never before
// now). Nullopt for a technician not working today or gone home.
inline std::optional<QueueStart> queue_start(const DispatchView& v, TechnicianIndex t, std::optional<Quantile> q = std::nullopt) {
    const TechnicianStatus& s = v.technician(t);
    if (!s.shift || s.activity == Activity::gone_home) return std::nullopt;
    const Problem& p = v.known();
    const Technician& tech = p.technicians[t];
    const Shift& shift = tech.shifts[*s.shift];
    QueueStart out{s.place, v.now(), s.departed(), s.leave_not_before, shift.loaded + s.load};
    if (s.doing && s.doing->kind == StopKind::job) out.load += p.jobs[s.doing->ticket()].demand;
    switch (s.activity) {
        case Activity::at_home:
            out.free_at = max(v.now(), shift.span.start);
            break;
        case Activity::on_break:
            out.free_at = max(v.now(), s.since + shift.breaks[s.doing->index].length);
            break;
        case Activity::driving: {
            const Job& job = p.jobs[s.doing->ticket()];
            const TimePoint arrival = max(v.now(), s.since + p.travel_time(s.from, s.place));
            const TimePoint start = knock_time(job, arrival, s.doing->not_before).value_or(arrival);
            out.free_at = max(v.now(), start + planned_duration(p, job, tech, q));
            break;
        }
        case Activity::working:
            out.free_at = max(v.now(), s.since + planned_duration(p, p.jobs[s.doing->ticket()], tech, q));
            break;
        default:
            break;
    }
    return out;
}

struct WalkOptions {
    std::optional<Quantile> quantile;  // job durations; nullopt: the planning quantile
    bool allow_overtime = true;        // the shift's max_overtime counts as time to work in
    // A job whose windows have closed by the arrival starts on arrival (as Evaluation::eta times
    // it) instead of being skipped: for ETAs, which say when the technician would be there.
    bool start_when_late = false;
};

struct QueueWalk {
    std::vector<TimePoint> starts;      // per order; TimePoint::max() for a job whose windows close first
    TimePoint back = TimePoint::min();  // home again (after the last job; min when it has none)
    bool fits = true;                   // every job and break in its window, home by the shift's end, the van not overloaded
};

// What the van carries once the jobs of `queue` are done, on top of what it has from `from`.
inline std::int64_t queue_load(const Problem& p, const QueueStart& from, std::span<const Order> queue) {
    std::int64_t load = from.load;
    for (const Order& o : queue) load += o.kind == StopKind::job ? p.jobs[o.ticket()].demand : 0;
    return load;
}

// Walks `queue` as the technician would do it from `from`: a job no longer possible is skipped,
// as the technician would skip it, and makes the list not fit.
inline QueueWalk walk_queue(const Problem& p, TechnicianIndex t, std::uint32_t shift_index, const QueueStart& from,
                            std::span<const Order> queue, const WalkOptions& o = {}) {
    const Technician& tech = p.technicians[t];
    const Shift& shift = tech.shifts[shift_index];
    QueueWalk w;
    w.starts.assign(queue.size(), TimePoint::max());
    TimePoint time = from.free_at;
    LocationId here = from.place;
    bool out = from.departed;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const Order& order = queue[i];
        if (order.kind == StopKind::break_time) {
            const Break& b = shift.breaks[order.index];
            const TimePoint start = max(max(time, b.window.start), order.not_before);
            w.fits = w.fits && start <= b.window.end;
            w.starts[i] = start;
            time = start + b.length;
            continue;
        }
        const Job& job = p.jobs[order.ticket()];
        const TimePoint leave = out ? time : max(time, from.leave_not_before);
        const TimePoint arrival = leave + p.travel_time(here, job.location);
        auto start = knock_time(job, arrival, order.not_before);
        if (!start || (job.pinned_start && *start > *job.pinned_start)) {
            w.fits = false;
            if (!o.start_when_late) continue;
            start = start.value_or(max(arrival, order.not_before));
        }
        out = true;
        w.starts[i] = *start;
        time = *start + planned_duration(p, job, tech, o.quantile);
        here = job.location;
    }
    w.fits = w.fits && queue_load(p, from, queue) <= tech.capacity;
    if (out) {
        w.back = time + p.travel_time(here, tech.end_location);
        w.fits = w.fits && w.back <= shift.span.end + (o.allow_overtime ? shift.max_overtime : Duration::zero());
    }
    return w;
}

// The ETA window of every job on a technician's new list: when it would start if every job before
// it took its p50, and its p90 (the definition of Evaluation::eta, from the technician's status),
// widened by `margin` on both sides (dispatch::told_window).
inline std::vector<EtaNotice> queue_etas(const DispatchView& v, const Orders& orders, Duration margin) {
    std::vector<EtaNotice> out;
    auto early = queue_start(v, orders.technician, Quantile::p50);
    auto late = queue_start(v, orders.technician, Quantile::p90);
    if (!early || !late) return out;
    early->leave_not_before = late->leave_not_before = orders.leave_not_before;
    const std::uint32_t shift = *v.technician(orders.technician).shift;
    const QueueWalk a = walk_queue(v.known(), orders.technician, shift, *early, orders.queue, {Quantile::p50, true, true});
    const QueueWalk b = walk_queue(v.known(), orders.technician, shift, *late, orders.queue, {Quantile::p90, true, true});
    for (std::size_t i = 0; i < orders.queue.size(); ++i)
        if (orders.queue[i].kind == StopKind::job)
            out.push_back({orders.queue[i].ticket(), dispatch::told_window(EtaWindow{a.starts[i], b.starts[i]}, margin)});
    return out;
}

}  // namespace fsd::simulate
