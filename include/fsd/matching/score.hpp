// The soft score of an eligible technician for a job, in points where one point is worth about
// one minute of driving: proficiency above the requirement, first-time-fix rate for the job type,
// customer preference or history, today's load and travel from where they are.
#pragma once

#include <algorithm>
#include <string>

#include "fsd/matching/match_inputs.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::matching {

struct MatchWeights {
    double per_level_above = 8.0;  // each skill level above the requirement (at most two count)
    double first_time_fix = 60.0;  // times (shrunk rate - prior): 0.95 vs 0.80 is worth 9 points
    double first_time_fix_prior = 0.80;
    double prior_jobs = 10.0;        // the prior counts as this many jobs when shrinking a rate
    double preferred = 30.0;         // the job lists this technician as preferred
    double returning = 15.0;         // has served this customer before
    double per_job_today = 8.0;      // load: each job already on the day
    double per_travel_minute = 1.0;  // from the current or planned position
};

struct ScoreBreakdown {
    double proficiency = 0;
    double first_time_fix = 0;
    double relationship = 0;  // preferred or returning
    double load = 0;
    double travel = 0;
    [[nodiscard]] double total() const { return proficiency + first_time_fix + relationship + load + travel; }
};

// The first-time-fix rate shrunk toward the prior: (fixed + prior * m) / (jobs + m).
inline double shrunk_first_time_fix(const FirstTimeFix* record, const MatchWeights& w) {
    const double jobs = record ? record->jobs : 0;
    const double fixed = record ? record->fixed_first_time : 0;
    return (fixed + w.first_time_fix_prior * w.prior_jobs) / (jobs + w.prior_jobs);
}

inline int levels_above(const Job& job, const Technician& tech) {
    int above = 0;
    for (const auto& need : job.skills) above += std::clamp(tech.skill_level(need.skill) - need.level, 0, 2);
    return above;
}

inline ScoreBreakdown score_candidate(const Job& job, const Technician& tech, TechnicianIndex t, const TechnicianRecord* record,
                                      const TechnicianState& state, Duration travel, const MatchWeights& w) {
    ScoreBreakdown s;
    s.proficiency = w.per_level_above * levels_above(job, tech);
    const FirstTimeFix* ftf = record ? record->record_for(job.job_type) : nullptr;
    s.first_time_fix = w.first_time_fix * (shrunk_first_time_fix(ftf, w) - w.first_time_fix_prior);
    const bool preferred =
        std::find(job.preferred_technicians.begin(), job.preferred_technicians.end(), t) != job.preferred_technicians.end();
    const bool returning = record && !job.customer_id.empty() && record->visits_to(job.customer_id) > 0;
    s.relationship = (preferred ? w.preferred : 0.0) + (returning ? w.returning : 0.0);
    s.load = -w.per_job_today * state.jobs_today;
    s.travel = -w.per_travel_minute * static_cast<double>(travel.count()) / 60.0;
    return s;
}

}  // namespace fsd::matching
