// Triage's duration estimate from a fitted duration model (fsd/duration): the job type's
// p50/p75/p90 for a typical technician (factor 1), in the month of the context's date when it
// has one, else the year-round average. Other features (equipment age, site, visit) take the
// model's training averages: a ticket does not state them.
#pragma once

#include <cassert>

#include "fsd/duration/features.hpp"
#include "fsd/duration/model.hpp"
#include "fsd/triage/duration_estimate.hpp"

namespace fsd::triage {

struct FittedDuration {
    const DurationModel* model = nullptr;  // not owned; must outlive the estimator

    DurationQuantiles operator()(const JobTypeSpec& type, const TriageContext& context) const {
        assert(model);
        Job job;
        job.job_type = std::string(type.name);
        return model->estimate(features_of(job, context.date), 1.0);
    }
};
static_assert(DurationEstimator<FittedDuration>);

}  // namespace fsd::triage
