// A job's duration as a distribution: the log-normal through its p50 and p90 quantiles. What
// the confidence of an ETA window, a simulated day or a remaining-time estimate is computed from.
#pragma once

#include <algorithm>
#include <cmath>

#include "fsd/model/job.hpp"
#include "fsd/model/random.hpp"

namespace fsd {

// ln(duration) ~ Normal(mu, sigma). Through p50 and p90 because those are the quantiles estimators
// report most reliably; p75 is then implied (and equals the job's p75 when the job's quantiles
// came from a log-normal, as the generator's and the duration models' do).
struct LogNormalDuration {
    double mu = 0;     // ln of the median, in seconds
    double sigma = 0;  // 0: a fixed duration

    static constexpr double z75 = 0.6744897501960817;  // the standard normal's 0.75 quantile
    static constexpr double z90 = 1.2815515655446004;  // the standard normal's 0.9 quantile
    static constexpr double z_of(Quantile q) { return q == Quantile::p50 ? 0.0 : q == Quantile::p75 ? z75 : z90; }

    static LogNormalDuration through(const DurationQuantiles& q) {
        const double p50 = std::max(1.0, static_cast<double>(q.p50.count()));
        const double p90 = std::max(p50, static_cast<double>(q.p90.count()));
        return {std::log(p50), std::log(p90 / p50) / z90};
    }
    [[nodiscard]] Duration median() const { return Duration(std::llround(std::exp(mu))); }
    [[nodiscard]] Duration mean() const { return Duration(std::llround(std::exp(mu + sigma * sigma / 2))); }
    // Risk pooling: one job's share of the z-quantile of the sum of m independent jobs like it,
    // over the job's own z-quantile. The sum is taken as the log-normal of the same mean and
    // variance (Fenton-Wilkinson), exact for m = 1: sigma_m^2 = ln(1 + (e^(sigma^2) - 1) / m), and
    // the share is mean * exp(z sigma_m - sigma_m^2 / 2). Above the median it falls from 1 (m = 1)
    // towards mean / quantile as m grows: a route's buffer grows as sqrt(m), not as m.
    [[nodiscard]] double pooled_factor(double z, double m) const {
        if (sigma <= 0 || m <= 1) return 1.0;
        const double s2 = std::log1p(std::expm1(sigma * sigma) / m);
        return std::exp((z * std::sqrt(s2) - s2 / 2) - (z * sigma - sigma * sigma / 2));
    }
    // A draw, divided by a technician's efficiency as planned service times are.
    [[nodiscard]] Duration sample(Rng& rng, double efficiency = 1.0) const {
        const double x = sigma > 0 ? std::exp(rng.normal(mu, sigma)) : std::exp(mu);
        return Duration(std::llround(x / efficiency));
    }
};

}  // namespace fsd
