// Why each new assignment of a plan was made, in the matching layer's words: the technician's rank
// among those qualified, then matching's reasons ("hvac L2 + refrigerant-handling cert; preferred
// by customer; 12 min away; 3 jobs today"), with positions and loads read off the plan itself.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "fsd/dispatch/plan_times.hpp"
#include "fsd/dispatch/version.hpp"
#include "fsd/matching/match.hpp"

namespace fsd::dispatch {

namespace reasons_detail {

struct StopAt {
    TimePoint end;
    JobIndex job;
    int day;
};

// Per technician, the job stops of a plan in time order.
inline PerTechnician<std::vector<StopAt>> stops_by_technician(const Problem& p, const Plan& day) {
    PerTechnician<std::vector<StopAt>> out(p.technicians.size());
    for (const Route& r : day.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job)
                out[r.technician].push_back({s.end, s.job_index(), p.technicians[r.technician].shifts[r.shift].day()});
    for (auto& v : out) std::sort(v.begin(), v.end(), [](const StopAt& a, const StopAt& b) { return a.end < b.end; });
    return out;
}

// Each technician's position when job j would start (the last other job they finish by then)
// and their other jobs of that working day (a night shift's after midnight too): what matching
// scores travel and load on.
inline PerTechnician<matching::TechnicianState> states_at(const Problem& p, const PerTechnician<std::vector<StopAt>>& stops, JobIndex j,
                                                          TimePoint when, int day) {
    PerTechnician<matching::TechnicianState> out(p.technicians.size());
    for (TechnicianIndex t : indices<TechnicianIndex>(out.size()))
        for (const StopAt& s : stops[t]) {
            if (s.job == j || s.day != day) continue;
            ++out[t].jobs_today;
            if (s.end <= when) out[t].position = p.jobs[s.job].location;
        }
    return out;
}

inline std::vector<std::string> reasons_for(const Problem& p, JobIndex j, TechnicianIndex t, const matching::MatchInputs& inputs) {
    matching::MatchOptions o;
    o.k = p.technicians.size();
    const matching::MatchResult m = matching::match_technicians(p, j, inputs, o);
    for (std::size_t i = 0; i < m.ranked.size(); ++i)
        if (m.ranked[i].technician == t) {
            std::vector<std::string> out{fmt::format("ranked {} of {} qualified", i + 1, m.eligible)};
            out.insert(out.end(), m.ranked[i].reasons.begin(), m.ranked[i].reasons.end());
            return out;
        }
    std::vector<std::string> out{"not a matching candidate"};
    for (const auto& rej : m.ineligible)
        if (rej.technician == t)
            for (const auto& g : rej.gaps) out.push_back(g.detail);
    return out;
}

}  // namespace reasons_detail

// The reasons of every assignment in `after` that `before` did not have (a new job, or another
// technician), in job order.
inline std::vector<AssignmentReason> assignment_reasons(const Problem& p, const Plan& day, const PlanTimes& before,
                                                        const PlanTimes& after) {
    using namespace reasons_detail;
    std::vector<AssignmentReason> out;
    PerTechnician<std::vector<StopAt>> stops;
    for (JobIndex j : indices<JobIndex>(std::min(after.jobs.size(), p.jobs.size()))) {
        const JobTiming& a = after.jobs[j];
        if (!a.assigned() || (before.jobs.contains(j) && before.jobs[j].technician == a.technician)) continue;
        if (stops.empty()) stops = stops_by_technician(p, day);
        matching::MatchInputs inputs;
        // The working day of the shift that does it, as the planner judges certificates.
        const int working = p.technicians[*a.technician].shifts[a.shift].day();
        inputs.day = working;
        inputs.states = states_at(p, stops, j, a.eta, working);
        out.push_back({j, *a.technician, reasons_for(p, j, *a.technician, inputs)});
    }
    return out;
}

// The reasons of every assignment of a plan, as the evaluator timed it: a plan made outside a
// dispatch day (fsd plan, solver::solve) explained the same way.
inline std::vector<AssignmentReason> assignment_reasons(const Problem& p, const Evaluation& ev) {
    return assignment_reasons(p, ev.schedule, PlanTimes{}, plan_times(p, ev));
}

}  // namespace fsd::dispatch
