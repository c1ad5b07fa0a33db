// The exact route cost of the weighted objective: SLA lateness, response time, preferred windows,
// paid time, load balance and spread all depend on when each stop starts, which no O(1) segment
// summary captures. A walk replays the stops a move shifts, from a cached prefix, and stops as soon
// as the schedule rejoins the cached one. docs/objective.md gives the bound.
#pragma once

#include <array>
#include <cassert>

#include "fsd/solver/instance.hpp"

namespace fsd::solver {

// Every stop starts as early as it may; the technician leaves home as late as that allows (the
// wait before the first job is not paid). A fixed appointment starts no earlier than the job
// before it would let the technician arrive had it run to its buffered quantile
// (ObjectiveWeights::appointment_buffer). With a return buffer, no job may be one that would keep
// the technician out past their shift plus overtime had it run to that quantile
// (ObjectiveWeights::return_buffer). WalkState is that schedule after a prefix of a route.
struct WalkState {
    TimePoint free;                    // when the technician may drive on
    TimePoint buffered_free;           // the same had the last job run to its buffered quantile
    bool feasible = true;              // an appointment could not be met with its buffer
    std::uint32_t here = no_location;  // where they are
    TimePoint departure;               // leaves the start location (set by the first stop)
    bool departed = false;             // a stop has been placed
    bool has_job = false;
    Cost soft = Cost::zero();                // start-time costs so far (JobTimeCost)
    Duration work = Duration::zero();        // service time so far
    SiteBox box;                             // job sites so far
    TimePoint return_by = TimePoint::min();  // latest return home had one job run to the return buffer

    static WalkState at_start(const Vehicle& veh) {
        WalkState w;
        w.free = w.buffered_free = veh.span.start;
        w.here = veh.start_location;
        w.departure = veh.span.start;
        return w;
    }
};

// What the stops from a position to the end of a route add: start-time costs, work and sites.
struct TailSums {
    Cost soft = Cost::zero();
    Duration work = Duration::zero();
    SiteBox box;
    bool has_job = false;
    TimePoint return_by = TimePoint::min();
};

// When node u would start if vehicle v served it next after w.
[[gnu::always_inline]] inline TimePoint next_start(const Instance& inst, const WalkState& w, Node u, int v) {
    const TimePoint open = inst.stop(u, v).earliest();
    if (inst.is_break(u)) return max(w.free, open);
    // A buffer below the planning quantile must not start an appointment before the technician is free.
    const TimePoint ready = inst.timed() && inst.appointment(u) ? max(w.free, w.buffered_free) : w.free;
    return max(ready + inst.travel_time(w.here, inst.location(u)), open);
}

// Serves node u next with vehicle v; returns its start.
[[gnu::always_inline]] inline TimePoint walk_step(const Instance& inst, WalkState& w, Node u, int v) {
    const Segment stop = inst.stop(u, v);
    const TimePoint start = next_start(inst, w, u, v);
    if (inst.is_break(u)) {
        w.departed = true;
        w.free = start + stop.duration();
        // An appointment held back by its buffer can push a break past its window, which the
        // segment summary (no buffers) cannot see.
        if (inst.timed()) w.feasible = w.feasible && start <= stop.latest();
        w.buffered_free = max(w.buffered_free, stop.earliest()) + stop.duration();
        return start;
    }
    const std::uint32_t at = inst.location(u);
    const Duration drive = inst.travel_time(w.here, at);
    if (!w.departed) w.departure = start - drive;
    w.departed = w.has_job = true;
    w.work += stop.duration();
    w.here = at;
    w.free = start + stop.duration();
    w.buffered_free = w.free;
    if (inst.timed()) {
        w.soft += inst.time_cost(u).at(start);
        if (const auto& site = inst.site(u)) w.box.add(*site);
        w.buffered_free = start + inst.buffered_service(u, v);
        w.feasible = w.feasible && start <= stop.latest();
        if (inst.return_buffered()) w.return_by = max(w.return_by, inst.back_home(u, v, start));
    }
    return start;
}

// The cost of a route whose stops have all been walked into w and whose segment summary is seg.
inline Cost walked_cost(const Instance& inst, int v, const Segment& seg, const WalkState& w, TimePoint back) {
    const Vehicle& veh = inst.vehicle(v);
    const Cost shape = inst.shape().balance(inst.balance_target(v), w.work);
    if (!w.has_job) return shape;
    // Appointment buffers can only delay the schedule the segment summary assumed.
    assert(back >= seg.earliest_end());
    if (!w.feasible || back > veh.span.end || w.return_by > veh.span.end) return Cost::infinity();
    const Duration overtime = max(Duration::zero(), back - veh.shift_end);
    return veh.rates.route_cost(seg.distance, back - veh.paid_from(w.departure), overtime) + seg.penalty + w.soft + shape +
           inst.shape().spread(w.box);
}

// A route as a move would leave it, told as pieces of the current routes: runs of a route's
// nodes (forward or reversed) and single nodes. The walk reads the current state, so a move
// describes its result before applying it. At most six pieces, on the stack.
class RouteDraft {
public:
    struct Piece {
        int route = -1;  // -1: the single node `node`
        int from = 0, to = 0;
        bool reversed = false;
        Node node = -1;
    };
    // nodes [from, to) of route r, reversed if asked; empty runs are dropped.
    RouteDraft& run(int r, int from, int to, bool reversed = false) {
        if (from < to) push({r, from, to, reversed, -1});
        return *this;
    }
    RouteDraft& node(Node u) { return push({-1, 0, 0, false, u}); }
    [[nodiscard]] int size() const { return n_; }
    [[nodiscard]] const Piece& operator[](int i) const { return pieces_[static_cast<std::size_t>(i)]; }

private:
    RouteDraft& push(const Piece& p) {
        assert(n_ < static_cast<int>(pieces_.size()));
        pieces_[static_cast<std::size_t>(n_++)] = p;
        return *this;
    }
    std::array<Piece, 6> pieces_{};
    int n_ = 0;
};

}  // namespace fsd::solver
