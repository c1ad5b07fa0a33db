// How triage gets a duration for the job type it chose. Any callable taking the job type and the
// triage context and returning quantiles will do (the fitted models of fsd/duration plug in
// here); the default is the job type's typical log-normal duration from job_types.hpp.
#pragma once

#include <cmath>
#include <concepts>

#include "fsd/model/job.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/triage/context.hpp"

namespace fsd::triage {

template <class E>
concept DurationEstimator = requires(const E& estimate, const JobTypeSpec& type, const TriageContext& context) {
    { estimate(type, context) } -> std::convertible_to<DurationQuantiles>;
};

// p50/p75/p90 of the job type's log-normal: median * exp(z * sigma), z = 0, 0.674, 1.282.
struct TypicalDuration {
    DurationQuantiles operator()(const JobTypeSpec& type, const TriageContext& /*context*/) const {
        auto at = [&](double z) { return minutes(std::llround(type.median_min * std::exp(z * type.sigma))); };
        return {at(0.0), at(0.6745), at(1.2816)};
    }
};
static_assert(DurationEstimator<TypicalDuration>);

}  // namespace fsd::triage
