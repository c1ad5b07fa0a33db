// Triage's duration estimate from a fitted duration model (fsd/duration): the job type's
// p50/p75/p90 for a typical technician, in the current month when the context knows it.
#pragma once

#include "fsd/duration/model.hpp"
#include "fsd/triage/duration_estimate.hpp"

namespace fsd::triage {

struct FittedDuration {
    const DurationModel* model = nullptr;

    DurationQuantiles operator()(const JobTypeSpec& type, const TriageContext& /*context*/) const {
        JobFeatures f;
        f.job_type = std::string(type.name);
        return model->estimate(f, 1.0);
    }
};
static_assert(DurationEstimator<FittedDuration>);

}  // namespace fsd::triage
