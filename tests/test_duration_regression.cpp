// Model B's solver: linear quantile regression with per-group intercepts and shared slopes.
#include <catch2/catch.hpp>

#include <cmath>

#include "fsd/duration/quantile_regression.hpp"
#include "fsd/model/random.hpp"

namespace test_duration_regression {

using namespace fsd;

namespace {

constexpr double z75 = 0.6744897501960817, z90 = 1.2815515655446004;

// y = a[g] + 0.5 x1 - 0.3 x2 + (0.3 + 0.2 x1) e, e ~ N(0, 1): the tau-quantile line is
// a[g] + 0.3 z + (0.5 + 0.2 z) x1 - 0.3 x2, with z the standard normal quantile.
GroupedDesign heteroscedastic(std::size_t rows_per_group, std::uint64_t seed) {
    const double a[] = {1.0, 2.5, -0.5};
    GroupedDesign d;
    const std::size_t n = 3 * rows_per_group;
    d.features.resize(static_cast<Eigen::Index>(n), 2);
    d.response.resize(static_cast<Eigen::Index>(n));
    Rng rng(seed);
    for (std::size_t g = 0; g < 3; ++g) {
        for (std::size_t i = 0; i < rows_per_group; ++i) {
            const auto r = static_cast<Eigen::Index>(g * rows_per_group + i);
            const double x1 = rng.uniform(0, 2), x2 = rng.chance(0.4) ? 1.0 : 0.0;
            d.features(r, 0) = x1;
            d.features(r, 1) = x2;
            d.response[r] = a[g] + 0.5 * x1 - 0.3 * x2 + (0.3 + 0.2 * x1) * rng.normal();
        }
        d.group_begin.push_back((g + 1) * rows_per_group);
    }
    return d;
}

}  // namespace

TEST_CASE("least squares is exact on noise-free data") {
    GroupedDesign d;
    d.features.resize(6, 2);
    d.features << 1, 0, 2, 1, 3, 0, 1, 1, 0, 2, 5, 1;
    d.group_begin = {0, 2, 6};
    const double a[] = {0.5, -1.0};
    d.response.resize(6);
    for (Eigen::Index r = 0; r < 6; ++r) d.response[r] = a[r < 2 ? 0 : 1] + 2.0 * d.features(r, 0) - 3.0 * d.features(r, 1);
    const LinearQuantileFit fit = fit_least_squares(d);
    CHECK(fit.intercepts[0] == Approx(0.5).margin(1e-9));
    CHECK(fit.intercepts[1] == Approx(-1.0).margin(1e-9));
    CHECK(fit.slopes[0] == Approx(2.0).margin(1e-9));
    CHECK(fit.slopes[1] == Approx(-3.0).margin(1e-9));
}

TEST_CASE("quantile regression recovers known conditional quantile lines") {
    const GroupedDesign d = heteroscedastic(20'000, 17);
    const double a[] = {1.0, 2.5, -0.5};
    LinearQuantileFit start = fit_least_squares(d);
    for (const auto& [tau, z] : {std::pair{0.5, 0.0}, std::pair{0.75, z75}, std::pair{0.9, z90}}) {
        QuantileSolveReport report;
        const LinearQuantileFit fit = fit_linear_quantile(d, tau, shift_to_quantile(d, start, tau), {}, &report);
        INFO("tau " << tau);
        CHECK(report.converged);
        CHECK(report.iterations < 20);
        for (int g = 0; g < 3; ++g) CHECK(fit.intercepts[g] == Approx(a[g] + 0.3 * z).margin(0.03));
        CHECK(fit.slopes[0] == Approx(0.5 + 0.2 * z).margin(0.03));
        CHECK(fit.slopes[1] == Approx(-0.3).margin(0.02));
        // At the optimum a share tau of each group's rows lies at or below its line (the
        // first-order condition for a group intercept), up to the smoothing.
        const Eigen::VectorXd r = residuals(d, fit);
        for (std::size_t g = 0; g < 3; ++g) {
            const auto seg = r.segment(static_cast<Eigen::Index>(d.group_begin[g]), static_cast<Eigen::Index>(d.group_rows(g)));
            const double below = static_cast<double>((seg.array() <= 0).count()) / static_cast<double>(seg.size());
            CHECK(below == Approx(tau).margin(0.005));
        }
    }
}

TEST_CASE("the solver reaches the same optimum from a poor start") {
    const GroupedDesign d = heteroscedastic(5'000, 4);
    const LinearQuantileFit good = fit_linear_quantile(d, 0.9, shift_to_quantile(d, fit_least_squares(d), 0.9));
    LinearQuantileFit poor{Eigen::VectorXd::Constant(3, 10.0), Eigen::VectorXd::Constant(2, -4.0)};
    QuantileSolveReport report;
    const LinearQuantileFit from_poor = fit_linear_quantile(d, 0.9, poor, {.max_iterations = 200}, &report);
    CHECK(report.converged);
    CHECK((from_poor.intercepts - good.intercepts).cwiseAbs().maxCoeff() < 1e-4);
    CHECK((from_poor.slopes - good.slopes).cwiseAbs().maxCoeff() < 1e-4);
}

TEST_CASE("quantile_in_place interpolates between order statistics") {
    std::vector<double> v{5, 1, 4, 2, 3};
    CHECK(quantile_in_place(v.data(), v.data() + v.size(), 0.5) == 3);
    CHECK(quantile_in_place(v.data(), v.data() + v.size(), 0.9) == Approx(4.6));
    CHECK(quantile_in_place(v.data(), v.data() + v.size(), 1.0) == 5);
    std::vector<double> one{7};
    CHECK(quantile_in_place(one.data(), one.data() + 1, 0.75) == 7);
}

}  // namespace test_duration_regression
