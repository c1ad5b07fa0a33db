// How much longer a job that is under way will take, given how long it has been on site: the
// job's duration quantiles fitted with a log-normal, then conditioned on "not finished yet".
// A repair 60 minutes into a p50 = 75 / p90 = 110 job gets a later p50 and p90, not "15 left".
#pragma once

#include <algorithm>
#include <cmath>

#include "fsd/model/job.hpp"
#include "fsd/model/units.hpp"

namespace fsd::dispatch {

// A log-normal duration through a job's p50 and p90 (its p75 is not used: two quantiles fix the
// two parameters). ln D ~ Normal(mu, sigma), mu = ln p50, sigma = (ln p90 - ln p50) / z90.
// sigma = 0 is a fixed duration.
struct LogNormalDuration {
    static constexpr double z90 = 1.2815515655446004;  // standard normal 0.9 quantile
    static constexpr double z75 = 0.6744897501960817;
    // Beyond this many sigmas the upper tail underflows a double; elapsed times further out (tens of
    // thousands of medians) keep the remaining time they had there.
    static constexpr double max_z = 30.0;

    double mu = 0;
    double sigma = 0;
    double median_s = 0;  // exp(mu), in seconds; 0 means the job takes no time

    static LogNormalDuration fit(Duration p50, Duration p90) {
        LogNormalDuration d;
        d.median_s = static_cast<double>(std::max<std::int64_t>(p50.count(), 0));
        if (d.median_s <= 0) return d;
        d.mu = std::log(d.median_s);
        const double high = static_cast<double>(std::max(p90.count(), p50.count()));
        d.sigma = (std::log(high) - d.mu) / z90;
        return d;
    }

    // P(D > t) for the standardised log-time z.
    static double upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

    // The z >= lo with upper_tail(z) = s, for s in (0, upper_tail(lo)]: bisection on a monotone
    // function over [lo, 40], exact to the last bits after 90 halvings.
    static double upper_tail_inverse(double s, double lo) {
        double hi = 40.0;
        for (int i = 0; i < 90; ++i) {
            const double mid = 0.5 * (lo + hi);
            (upper_tail(mid) > s ? lo : hi) = mid;
        }
        return 0.5 * (lo + hi);
    }

    // The q-quantile (0 < q < 1) of the total duration given that it exceeds `elapsed_s` seconds:
    // the t with P(D > t | D > e) = 1 - q. Never below e; non-decreasing in e.
    [[nodiscard]] double conditional_total(double elapsed_s, double q) const {
        const double e = std::max(0.0, elapsed_s);
        if (median_s <= 0) return e;
        if (sigma <= 0) return std::max(e, median_s);
        const double z_e = e > 0 ? (std::log(e) - mu) / sigma : -max_z;
        if (z_e < max_z) return std::max(e, total_from(std::max(z_e, -max_z), q));
        // Far out in the tail: the remaining time at max_z, carried on unchanged.
        return e + std::max(0.0, total_from(max_z, q) - std::exp(mu + sigma * max_z));
    }

private:
    [[nodiscard]] double total_from(double z_e, double q) const {
        const double survive = (1.0 - q) * upper_tail(z_e);
        return std::exp(mu + sigma * upper_tail_inverse(survive, z_e));
    }
};

// Remaining time on site at the p50, p75 and p90 of the conditional distribution, in the
// technician's own seconds. The job's quantiles are nominal (efficiency 1); the technician works
// at `efficiency`, so elapsed time is converted to nominal, conditioned, and converted back.
// Every quantile is >= 0, and elapsed + remaining never decreases as elapsed grows.
inline DurationQuantiles conditional_remaining(const DurationQuantiles& nominal, Duration elapsed, double efficiency = 1.0) {
    const LogNormalDuration fit = LogNormalDuration::fit(nominal.p50, nominal.p90);
    const double eff = efficiency > 0 ? efficiency : 1.0;
    const double e = static_cast<double>(std::max<std::int64_t>(elapsed.count(), 0)) * eff;
    auto remaining = [&](double q) {
        const double total_actual = fit.conditional_total(e, q) / eff;
        // Rounding the finish, not the remainder, keeps elapsed + remaining monotone in whole seconds.
        const auto finish = std::llround(total_actual);
        return Duration(std::max<std::int64_t>(0, finish - std::max<std::int64_t>(elapsed.count(), 0)));
    };
    DurationQuantiles out{remaining(0.5), remaining(0.75), remaining(0.9)};
    out.p75 = max(out.p75, out.p50);
    out.p90 = max(out.p90, out.p75);
    return out;
}

}  // namespace fsd::dispatch
