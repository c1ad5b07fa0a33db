// Linear quantile regression for designs with one intercept per group plus shared slopes,
// y ~ a[group] + z.b, solved by Newton's method on a Gaussian-smoothed pinball loss. Rows are
// stored sorted by group, so the intercept block of every Newton system is diagonal.
#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "fsd/duration/sample_quantile.hpp"

namespace fsd {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The rows of group g are [group_begin[g], group_begin[g + 1]). Structure of arrays: one
// n x k feature matrix and one response vector; nothing is allocated per row.
struct GroupedDesign {
    std::vector<std::size_t> group_begin{0};
    RowMatrix features;        // n x k
    Eigen::VectorXd response;  // n

    [[nodiscard]] std::size_t groups() const { return group_begin.size() - 1; }
    [[nodiscard]] std::size_t rows() const { return static_cast<std::size_t>(response.size()); }
    [[nodiscard]] std::size_t slopes() const { return static_cast<std::size_t>(features.cols()); }
    [[nodiscard]] std::size_t group_rows(std::size_t g) const { return group_begin[g + 1] - group_begin[g]; }
};

struct LinearQuantileFit {
    Eigen::VectorXd intercepts;  // one per group
    Eigen::VectorXd slopes;      // one per feature
};

struct QuantileSolverOptions {
    int max_iterations = 40;
    double tolerance = 1e-6;  // stop when no parameter moves more than this
    // Smoothing bandwidth, the rule of He, Pan, Tan and Zhou (2021) for convolution-smoothed
    // quantile regression: small enough that the smoothing bias is negligible, large enough for
    // a well-posed Newton step. With s the residual scale, p parameters and n rows:
    //   h = s max(bandwidth_floor, sqrt(tau (1 - tau)) ((p + ln n) / n)^(1/4))
    double bandwidth_floor = 0.05;
    double max_step = 1.0;  // largest change of any parameter in one Newton step (log scale)
    std::size_t chunk_rows = 1024;
};

struct QuantileSolveReport {
    int iterations = 0;
    double bandwidth = 0;
    double loss = 0;  // smoothed loss at the solution, summed over rows
    bool converged = false;
};

// Ordinary least squares on the same design; the usual starting point for the quantile fits.
LinearQuantileFit fit_least_squares(const GroupedDesign& design);

// Residuals y - a[g] - z.b of every row.
Eigen::VectorXd residuals(const GroupedDesign& design, const LinearQuantileFit& fit);

// A starting point for quantile tau: `from` with each group's intercept moved so that a share
// tau of the group's rows lies below. Newton then only has to refine.
LinearQuantileFit shift_to_quantile(const GroupedDesign& design, LinearQuantileFit from, double tau);

// Minimises the smoothed pinball loss for quantile level tau from `start` (damped Newton with a
// backtracking line search; the loss is convex, so this finds the global minimum). The bandwidth
// follows the residual scale at the solution, not at the start, so the answer does not depend
// on where the search began: after each solve it is re-measured, and the solve repeated while
// it moves by more than 1%.
LinearQuantileFit fit_linear_quantile(const GroupedDesign& design, double tau, LinearQuantileFit start,
                                      const QuantileSolverOptions& options = {}, QuantileSolveReport* report = nullptr);

}  // namespace fsd
