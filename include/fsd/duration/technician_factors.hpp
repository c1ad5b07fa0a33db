// Per-technician multiplicative duration factors (> 1: slower than the model's typical
// technician), estimated from log residuals, shrunk toward 1 in proportion to how little history
// a technician has (empirical Bayes) and clamped to a plausible range.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace fsd {

struct TechnicianFactorOptions {
    // How many jobs' worth of evidence the prior "factor 1" counts for: a technician with this
    // many jobs is pulled halfway to 1. 0 means estimate it from the data, as the ratio of the
    // within-technician residual variance to the between-technician variance of true factors.
    double prior_jobs = 0;
    double min_factor = 0.5;
    double max_factor = 2.0;
    // Log residuals are clipped to +-this before averaging, so that a few disasters (a job that
    // ran all day) do not define a technician.
    double residual_clip = 1.5;
};

struct TechnicianFactor {
    double factor = 1.0;      // shrunk and clamped: what the models apply
    double raw_factor = 1.0;  // exp(mean log residual), before shrinkage
    std::size_t jobs = 0;
    friend bool operator==(const TechnicianFactor&, const TechnicianFactor&) = default;
};

inline constexpr double no_spread_prior_jobs = 1e9;

struct TechnicianFactors {
    std::vector<TechnicianFactor> factors;  // by technician index
    double prior_jobs = 0;                  // the value used (given or estimated)
};

// `log_residuals[i]` is log(actual) minus the technician-neutral log prediction of row i, done
// by technician `technician[i]` (< technician_count).
inline TechnicianFactors estimate_technician_factors(std::span<const double> log_residuals, std::span<const std::uint32_t> technician,
                                                     std::size_t technician_count, const TechnicianFactorOptions& options = {}) {
    assert(log_residuals.size() == technician.size());
    assert(options.min_factor > 0 && options.min_factor <= 1 && options.max_factor >= 1);
    const std::size_t n = log_residuals.size();
    std::vector<double> sum(technician_count, 0.0), sum_sq(technician_count, 0.0);
    std::vector<std::size_t> jobs(technician_count, 0);
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = std::clamp(log_residuals[i], -options.residual_clip, options.residual_clip);
        sum[technician[i]] += r;
        sum_sq[technician[i]] += r * r;
        ++jobs[technician[i]];
        total += r;
    }
    // Factors are relative to the average job, so that "1" is the typical technician even when
    // the residual distribution is skewed (the model's median is not its mean).
    const double centre = n ? total / static_cast<double>(n) : 0.0;

    TechnicianFactors out;
    out.factors.resize(technician_count);
    double within_ss = 0, between_ss = 0, sum_n_sq = 0;
    std::size_t active = 0;
    for (std::size_t t = 0; t < technician_count; ++t) {
        if (!jobs[t]) continue;
        const double nt = static_cast<double>(jobs[t]);
        const double mean = sum[t] / nt;
        within_ss += sum_sq[t] - nt * mean * mean;
        between_ss += nt * (mean - centre) * (mean - centre);
        sum_n_sq += nt * nt;
        ++active;
        out.factors[t].jobs = jobs[t];
        out.factors[t].raw_factor = std::exp(mean - centre);
    }
    out.prior_jobs = options.prior_jobs;
    if (!(out.prior_jobs > 0)) {
        // One-way random-effects ANOVA, method of moments (unbalanced groups).
        const double nn = static_cast<double>(n);
        const double within_var = active < n ? within_ss / (nn - static_cast<double>(active)) : 0.0;
        const double between_var = active > 1 ? (between_ss - static_cast<double>(active - 1) * within_var) / (nn - sum_n_sq / nn) : 0.0;
        // No detectable spread between technicians: the prior wins outright.
        out.prior_jobs = between_var > 0 ? within_var / between_var : no_spread_prior_jobs;
    }
    const double lo = std::log(options.min_factor), hi = std::log(options.max_factor);
    for (auto& f : out.factors) {
        if (!f.jobs) continue;
        const double nt = static_cast<double>(f.jobs);
        const double weight = nt / (nt + out.prior_jobs);
        f.factor = std::exp(std::clamp(weight * std::log(f.raw_factor), lo, hi));
    }
    return out;
}

}  // namespace fsd
