// Puts a duration model's estimates into a Problem: every job gets its p50/p75/p90 and the
// objective plans on the configured quantile. Only when asked (set_technician_efficiency) does
// it also overwrite technicians' efficiency with the model's factors, so that
// problem.service_time(job, tech) agrees with model.estimate(job, tech) to the second.
#pragma once

#include <cassert>
#include <span>
#include <string>
#include <vector>

#include "fsd/duration/model.hpp"
#include "fsd/model/job_day.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

struct PlanDurationOptions {
    Quantile planning_quantile = Quantile::p75;  // p75: late one job in four, not one in two
    // OVERWRITES Technician::efficiency with 1 / the model's factor for every technician the
    // model knows by id, replacing whatever the dispatcher set. Off by default: turn it on when
    // the problem's efficiencies are not maintained by hand and the history is trusted.
    bool set_technician_efficiency = false;
};

struct PlanDurationReport {
    std::vector<std::string> efficiency_set;  // ids whose efficiency was overwritten
    // Ids the model has no history for: their efficiency is left as it was, so their durations
    // are the model's for a typical technician scaled by the problem's own setting.
    std::vector<std::string> no_history;
};

// `features`, when not empty, gives what is known about each job (same order as problem.jobs);
// otherwise a job's type and date (job_day.hpp) are used and the rest takes training averages.
inline PlanDurationReport fill_durations(Problem& problem, const DurationModel& model, const PlanDurationOptions& options = {},
                                         std::span<const JobFeatures> features = {}) {
    assert(features.empty() || features.size() == problem.jobs.size());
    for (std::size_t j = 0; j < problem.jobs.size(); ++j) {
        Job& job = problem.jobs[j];
        const JobFeatures f = features.empty() ? features_of(job, job_date(problem, job)) : features[j];
        job.duration = model.estimate(f, 1.0);  // technician-neutral: the factor goes on the technician
    }
    PlanDurationReport report;
    for (Technician& tech : problem.technicians) {
        const auto factor = model.technician_factor(tech.id);
        if (!factor) {
            report.no_history.push_back(tech.id);
        } else if (options.set_technician_efficiency) {
            tech.efficiency = 1.0 / *factor;
            report.efficiency_set.push_back(tech.id);
        }
    }
    problem.objective.planning_quantile = options.planning_quantile;
    return report;
}

}  // namespace fsd
