// Pooled planning durations (ObjectiveWeights::pooled_route_jobs), out of line so that problem.hpp
// need not bring the log-normal (and its name) into every file that plans.
#include <cmath>

#include "fsd/model/duration_distribution.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

Duration pooled_duration(const DurationQuantiles& d, Quantile q, double m) {
    const double f = LogNormalDuration::through(d).pooled_factor(LogNormalDuration::z_of(q), m);
    return Duration(std::llround(static_cast<double>(d.at(q).count()) * f));
}

}  // namespace fsd
