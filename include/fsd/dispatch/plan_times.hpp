// Where every job stands in one plan, and every technician's end of day: what a cascade report
// compares. Built from an evaluation (a plan on its own) or by the dispatch layer (a plan of a
// day under way, where ETAs depend on what is already done and on jobs running now).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::dispatch {

// One job in one plan. The ETA is the planned start of service on the planning quantile (the
// time the plan itself works with); `window` is the p50-p90 start window a customer is told.
struct JobTiming {
    std::optional<TechnicianIndex> technician;  // none: unassigned or not in the plan
    std::uint32_t shift = 0;
    TimePoint eta = TimePoint::min();
    EtaWindow window{TimePoint::min(), TimePoint::min()};
    bool listed = false;                     // routed or listed as unassigned (false: the plan does not know the job)
    std::optional<UnassignedReason> reason;  // when listed as unassigned
    std::string detail;
    bool cancelled = false;  // the customer cancelled: nobody needs telling
    [[nodiscard]] bool assigned() const { return technician.has_value(); }

    static JobTiming routed(TechnicianIndex t, std::uint32_t shift, TimePoint eta, EtaWindow window) {
        JobTiming j;
        j.technician = t, j.shift = shift, j.eta = eta, j.window = window, j.listed = true;
        return j;
    }
    static JobTiming left_out(UnassignedReason reason, std::string detail, bool cancelled = false) {
        JobTiming j;
        j.listed = true, j.reason = reason, j.detail = std::move(detail), j.cancelled = cancelled;
        return j;
    }
};

// A technician's day in one plan: when they are back at the end location and the overtime that
// costs, over all their routes.
struct TechnicianDay {
    bool working = false;  // has at least one route
    TimePoint end = TimePoint::min();
    Duration overtime = Duration::zero();
};

struct PlanTimes {
    PerJob<JobTiming> jobs;                    // by job index
    PerTechnician<TechnicianDay> technicians;  // by technician index
    Cost cost = Cost::zero();                  // what the plan costs as its builder priced it
};

// The times of a plan as the evaluator derives them (every job starts as early as it may, at a
// stated start when that is later) and its p50-p90 ETA windows.
inline PlanTimes plan_times(const Problem& p, const Evaluation& ev) {
    PlanTimes out;
    out.jobs.resize(p.jobs.size());
    out.technicians.resize(p.technicians.size());
    out.cost = ev.kpis.cost;
    for (std::size_t ri = 0; ri < ev.schedule.routes.size(); ++ri) {
        const Route& r = ev.schedule.routes[ri];
        if (!p.technicians.contains(r.technician) || r.shift >= p.technicians[r.technician].shifts.size()) continue;
        for (std::size_t si = 0; si < r.stops.size(); ++si) {
            const Stop& s = r.stops[si];
            if (s.kind != StopKind::job || s.index >= p.jobs.size()) continue;
            out.jobs[s.job_index()] = JobTiming::routed(r.technician, r.shift, s.start, ev.eta[ri][si]);
        }
        TechnicianDay& day = out.technicians[r.technician];
        const Shift& shift = p.technicians[r.technician].shifts[r.shift];
        day.working = true;
        day.end = max(day.end, r.return_time);
        day.overtime += max(Duration::zero(), r.return_time - shift.span.end);
    }
    for (const Unassigned& u : ev.schedule.unassigned)
        if (p.jobs.contains(u.job)) out.jobs[u.job] = JobTiming::left_out(u.reason, u.detail, p.jobs[u.job].cancelled_at.has_value());
    return out;
}

}  // namespace fsd::dispatch
