// Per-technician duration factors: shrunk toward 1 with little history, clamped, and close to
// the generator's truth with plenty.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "fsd/duration/model.hpp"
#include "fsd/duration/technician_factors.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/history.hpp"

namespace test_duration_technician {

using namespace fsd;

namespace {

struct Residuals {
    std::vector<double> log_residual;
    std::vector<std::uint32_t> technician;
    void add(std::uint32_t tech, std::size_t jobs, double log_factor, Rng& rng, double noise = 0.3) {
        for (std::size_t i = 0; i < jobs; ++i) {
            log_residual.push_back(log_factor + rng.normal(0, noise));
            technician.push_back(tech);
        }
    }
};

}  // namespace

TEST_CASE("technician factors shrink toward 1 with little history") {
    Rng rng(8);
    Residuals r;
    r.add(0, 4000, 0.0, rng);     // the bulk, average
    r.add(1, 3000, 0.2, rng);     // slow, lots of history
    r.add(2, 3, 0.2, rng, 0.0);   // same mean, three jobs
    r.add(3, 30, 0.2, rng, 0.0);  // same mean, thirty jobs
    r.add(4, 3000, -0.2, rng);    // fast
    const TechnicianFactors f = estimate_technician_factors(r.log_residual, r.technician, 6, {.prior_jobs = 10});
    const double centre = std::log(f.factors[0].raw_factor);  // the average job's residual, ~0
    CHECK(f.prior_jobs == 10);
    CHECK(std::log(f.factors[1].factor) == Approx(0.2 - centre).margin(0.02));
    CHECK(std::log(f.factors[4].factor) == Approx(-0.2 - centre).margin(0.02));
    // Same raw evidence, less history: nearer 1, in proportion n / (n + prior).
    const double raw = std::log(f.factors[2].raw_factor);
    CHECK(std::log(f.factors[2].factor) == Approx(raw * 3.0 / 13.0));
    CHECK(std::log(f.factors[3].factor) == Approx(std::log(f.factors[3].raw_factor) * 30.0 / 40.0));
    CHECK(f.factors[2].factor < f.factors[3].factor);
    CHECK(f.factors[3].factor < f.factors[1].factor);
    // A technician with no jobs at all stays at exactly 1.
    CHECK(f.factors[5].jobs == 0);
    CHECK(f.factors[5].factor == 1.0);
}

TEST_CASE("technician factors are clamped to 0.5-2.0") {
    Rng rng(9);
    Residuals r;
    r.add(0, 2000, 0.0, rng);
    r.add(1, 2000, std::log(3.5), rng, 0.1);   // far slower than plausible
    r.add(2, 2000, std::log(0.25), rng, 0.1);  // far faster
    TechnicianFactorOptions o;
    o.prior_jobs = 5;
    o.residual_clip = 5;  // let the raw evidence through, so that only the clamp limits it
    const TechnicianFactors f = estimate_technician_factors(r.log_residual, r.technician, 3, o);
    CHECK(f.factors[1].raw_factor > 2.0);
    CHECK(f.factors[1].factor == Approx(2.0));
    CHECK(f.factors[2].raw_factor < 0.5);
    CHECK(f.factors[2].factor == Approx(0.5));
    o.min_factor = 0.8;
    o.max_factor = 1.25;
    const TechnicianFactors g = estimate_technician_factors(r.log_residual, r.technician, 3, o);
    CHECK(g.factors[1].factor == Approx(1.25));
    CHECK(g.factors[2].factor == Approx(0.8));
}

TEST_CASE("the shrinkage strength is estimated from the spread between technicians") {
    // 60 technicians with true log factors ~ N(0, 0.15^2), job noise 0.45: the right prior is
    // 0.45^2 / 0.15^2 = 9 jobs.
    Rng rng(10);
    Residuals r;
    for (std::uint32_t t = 0; t < 60; ++t) r.add(t, 200 + 20 * t, rng.normal(0, 0.15), rng, 0.45);
    const TechnicianFactors f = estimate_technician_factors(r.log_residual, r.technician, 60);
    CHECK(f.prior_jobs > 5);
    CHECK(f.prior_jobs < 15);
    // No spread at all between technicians: everyone is shrunk (almost) all the way to 1.
    Rng rng2(11);
    Residuals same;
    for (std::uint32_t t = 0; t < 20; ++t) same.add(t, 100, 0.0, rng2, 0.45);
    const TechnicianFactors g = estimate_technician_factors(same.log_residual, same.technician, 20);
    for (const auto& tf : g.factors) CHECK(std::abs(std::log(tf.factor)) < 0.02);
}

TEST_CASE("fitted technician factors recover the generator's true speeds") {
    HistoryOptions o;
    o.rows = 120'000;
    o.seed = 31;
    const GeneratedHistory h = generate_history(o);
    const DurationModel m = fit_duration_model(h.table);
    // Factors are relative to the typical technician of the trade (the job-type intercepts carry
    // each trade's average), so compare after dividing out each trade's job-weighted mean.
    std::map<std::string, std::pair<double, double>> truth_sum,
        est_sum;  // trade -> (sum log, jobs)
    for (std::size_t t = 0; t < h.technicians.size(); ++t) {
        const auto& tr = h.technicians[t];
        const auto jobs = static_cast<double>(m.technician_factors.factors[*m.find_technician(tr.id)].jobs);
        truth_sum[tr.trade].first += jobs * std::log(tr.speed_factor);
        truth_sum[tr.trade].second += jobs;
        est_sum[tr.trade].first += jobs * std::log(*m.technician_factor(tr.id));
        est_sum[tr.trade].second += jobs;
    }
    std::size_t judged = 0;
    for (const auto& tr : h.technicians) {
        const auto& f = m.technician_factors.factors[*m.find_technician(tr.id)];
        if (f.jobs < 1000) continue;
        ++judged;
        const double truth = std::log(tr.speed_factor) - truth_sum[tr.trade].first / truth_sum[tr.trade].second;
        const double est = std::log(f.factor) - est_sum[tr.trade].first / est_sum[tr.trade].second;
        INFO(tr.id << " truth " << truth << " estimate " << est);
        CHECK(est == Approx(truth).margin(0.04));
    }
    CHECK(judged >= 30);
}

}  // namespace test_duration_technician
