// The same-day lane: where a new job fits into today's routes. Every position of every route that
// may take it, priced exactly by the search's own cost (the job's SLA and response included), the
// k cheapest returned with the extra driving, an ETA window the customer can be promised, and the
// cascade: who else is moved, and by how much.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "fsd/dispatch/cascade.hpp"
#include "fsd/lanes/confident_window.hpp"
#include "fsd/lanes/day_timing.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/warm_start.hpp"

namespace fsd::lanes {

struct SlotOptions {
    int k = 3;                     // slots returned
    int per_technician = 2;        // at most this many of them on one technician's day
    ConfidenceOptions confidence;  // of the ETA window
    std::uint64_t seed = 1;        // of the Monte-Carlo behind the window
    TimePoint now = TimePoint(0);  // the cascade leaves out what is past in both plans
    dispatch::CascadeOptions cascade;
};

struct Slot {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    std::size_t position = 0;  // the job becomes stop `position` of that route
    Duration extra_travel;     // the detour, against going straight on
    Cost extra_cost;           // what the plan costs more (objective units)
    TimePoint planned_start;   // at the planning quantile
    ConfidentWindow eta;       // the window to promise
    Plan plan;                 // today's plan with the job in this slot
    // Against today's plan: the customers whose ETA moves (who is bumped, by how much), SLA and
    // window misses, overtime. The new job itself shows as newly assigned.
    dispatch::CascadeReport cascade;
};

namespace same_day_detail {

struct Candidate {
    int route;
    int pos;
    Cost delta;
};

// Every feasible (route, position) for job u in the state, cheapest first.
inline std::vector<Candidate> candidates(const solver::SearchState& s, solver::Node u) {
    std::vector<Candidate> out;
    for (int r = 0; r < s.num_routes(); ++r) {
        if (!s.instance().eligible(u, s.route(r).vehicle)) continue;
        for (int pos = 0; pos <= s.route(r).size(); ++pos) {
            const Cost d = s.insertion_delta(u, r, pos);
            if (d != Cost::infinity()) out.push_back({r, pos, d});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.delta < b.delta; });
    return out;
}

// The located stops around position pos of route R: what the detour is measured against.
inline Duration detour(const solver::Instance& inst, const solver::RouteState& R, int pos, solver::Node u) {
    const std::uint32_t a = R.before[static_cast<std::size_t>(pos)], b = R.after[static_cast<std::size_t>(pos)];
    const std::uint32_t x = inst.location(u);
    return inst.travel_time(a, x) + inst.travel_time(x, b) - inst.travel_time(a, b);
}

}  // namespace same_day_detail

// The k best slots for job `job` of `p` (already added to it, absent from `today`) in today's
// plan, cheapest first; empty when it fits nowhere. `today` is taken as it is: jobs that no longer
// fit it are left out of each slot's plan, as a warm start would (`loaded`, when given, receives
// today's plan so loaded, the job unassigned: what the slots' cascades are measured against).
std::vector<Slot> same_day_slots(const Problem& p, const Plan& today, JobIndex job, const SlotOptions& o = {}, Plan* loaded = nullptr);

// The same on a dispatch day under way: job `job` of the state (open, e.g. just added) in the
// rest of the day's routes, each slot's plan the whole day, its cascade against the current plan
// as of the state's now. Throws std::invalid_argument when the job is not open.
std::vector<Slot> same_day_slots(const dispatch::DispatchState& st, JobIndex job, SlotOptions o = {});

// Why a job of the state has no slot today, in the words of an unassigned reason (no qualified
// technician, no window left that a shift meets, every qualified day taken by other work).
std::string no_slot_reason(const dispatch::DispatchState& st, JobIndex job);

}  // namespace fsd::lanes
