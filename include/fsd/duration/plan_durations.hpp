// Puts a duration model's estimates into a Problem: every job gets its p50/p75/p90, every
// technician the model knows gets efficiency = 1 / factor, and the objective plans on the
// configured quantile, so that problem.service_time(job, tech) agrees with model.estimate(job,
// tech) at that quantile (to the second: both round to whole seconds).
#pragma once

#include <cassert>
#include <optional>
#include <span>

#include "fsd/duration/model.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

struct PlanDurationOptions {
    Quantile planning_quantile = Quantile::p75;  // p75: late one job in four, not one in two
};

// The day a job is done: horizon start plus the day of its first time window, if known.
inline std::optional<Date> job_date(const Problem& problem, const Job& job) {
    if (!problem.horizon.start_date) return std::nullopt;
    const std::int64_t day =
        job.time_windows.empty() ? 0 : job.time_windows.front().start.count() / seconds_per_day;
    return Date{problem.horizon.start_date->days + day};
}

// `features`, when not empty, gives what is known about each job (same order as problem.jobs);
// otherwise a job's type and date are used and the rest takes training averages.
inline void fill_durations(Problem& problem, const DurationModel& model,
                           const PlanDurationOptions& options = {},
                           std::span<const JobFeatures> features = {}) {
    assert(features.empty() || features.size() == problem.jobs.size());
    for (std::size_t j = 0; j < problem.jobs.size(); ++j) {
        Job& job = problem.jobs[j];
        const JobFeatures f =
            features.empty() ? features_of(job, job_date(problem, job)) : features[j];
        job.duration =
            model.estimate(f, 1.0);  // technician-neutral: the factor goes on the technician
    }
    for (Technician& tech : problem.technicians)
        if (const auto factor = model.technician_factor(tech.id)) tech.efficiency = 1.0 / *factor;
    problem.objective.planning_quantile = options.planning_quantile;
}

}  // namespace fsd
