#include "fsd/duration/quantile_regression.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <Eigen/Dense>

namespace fsd {

namespace {

// Sums over rows of the smoothed loss and its first and second derivatives, split into the
// intercept part (per group) and the slope part.
struct NewtonSums {
    double loss = 0;
    Eigen::VectorXd hess_aa;  // G: sum of w per group (diagonal block)
    RowMatrix hess_ab;        // G x k: sum of w z per group
    Eigen::MatrixXd hess_bb;  // k x k: sum of w z z'
    Eigen::VectorXd grad_a;   // G: sum of psi per group (minus the loss gradient)
    Eigen::VectorXd grad_b;   // k: sum of psi z

    void reset(std::size_t groups, std::size_t k) {
        loss = 0;
        hess_aa.setZero(static_cast<Eigen::Index>(groups));
        hess_ab.setZero(static_cast<Eigen::Index>(groups), static_cast<Eigen::Index>(k));
        hess_bb.setZero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
        grad_a.setZero(static_cast<Eigen::Index>(groups));
        grad_b.setZero(static_cast<Eigen::Index>(k));
    }
};

// Solves [D C; C' B] [a; b] = [ra; rb] with D diagonal (G), by the Schur complement of D.
void solve_grouped(const Eigen::VectorXd& d, const RowMatrix& c, const Eigen::MatrixXd& b, const Eigen::VectorXd& ra,
                   const Eigen::VectorXd& rb, Eigen::VectorXd& out_a, Eigen::VectorXd& out_b) {
    const Eigen::VectorXd d_inv = d.cwiseInverse();
    Eigen::MatrixXd schur = b - c.transpose() * d_inv.asDiagonal() * c;
    const Eigen::VectorXd rhs = rb - c.transpose() * d_inv.cwiseProduct(ra);
    // A relative ridge keeps a (near-)singular slope block solvable, e.g. an all-zero feature.
    const double ridge = 1e-10 * std::max(1.0, schur.diagonal().cwiseAbs().maxCoeff());
    schur.diagonal().array() += ridge;
    out_b = schur.ldlt().solve(rhs);
    out_a = d_inv.cwiseProduct(ra - c * out_b);
}

// Loss, gradient and Hessian of the smoothed pinball loss at `fit`. With Gaussian kernel of
// bandwidth h, for a residual r and u = r / h:  loss = r (tau - Phi(-u)) + h phi(u),
// d loss / d r = Phi(u) - (1 - tau) =: psi,  d2 loss / d r2 = phi(u) / h =: w.
void accumulate(const GroupedDesign& design, const LinearQuantileFit& fit, double tau, double h, std::size_t chunk_rows, NewtonSums& sums,
                Eigen::VectorXd& r, Eigen::VectorXd& w, Eigen::VectorXd& psi, RowMatrix& wz) {
    constexpr double inv_sqrt2 = 0.7071067811865476;
    constexpr double inv_sqrt_2pi = 0.3989422804014327;
    sums.reset(design.groups(), design.slopes());
    for (std::size_t g = 0; g < design.groups(); ++g) {
        for (std::size_t begin = design.group_begin[g]; begin < design.group_begin[g + 1]; begin += chunk_rows) {
            const auto m = static_cast<Eigen::Index>(std::min(chunk_rows, design.group_begin[g + 1] - begin));
            const auto z = design.features.middleRows(static_cast<Eigen::Index>(begin), m);
            auto rr = r.head(m);
            auto ww = w.head(m);
            auto pp = psi.head(m);
            rr.noalias() = design.response.segment(static_cast<Eigen::Index>(begin), m) - z * fit.slopes;
            rr.array() -= fit.intercepts[static_cast<Eigen::Index>(g)];
            double loss = 0;
            for (Eigen::Index i = 0; i < m; ++i) {
                const double u = rr[i] / h;
                const double upper = 0.5 * std::erfc(-u * inv_sqrt2);  // Phi(u)
                const double density = inv_sqrt_2pi * std::exp(-0.5 * u * u);
                loss += rr[i] * (tau - 1.0 + upper) + h * density;
                pp[i] = upper - (1.0 - tau);
                ww[i] = density / h;
            }
            sums.loss += loss;
            auto wzm = wz.topRows(m);
            wzm.noalias() = ww.asDiagonal() * z;
            sums.hess_aa[static_cast<Eigen::Index>(g)] += ww.sum();
            sums.hess_ab.row(static_cast<Eigen::Index>(g)) += wzm.colwise().sum();
            sums.hess_bb.noalias() += z.transpose() * wzm;
            sums.grad_a[static_cast<Eigen::Index>(g)] += pp.sum();
            sums.grad_b.noalias() += z.transpose() * pp;
        }
    }
}

}  // namespace

LinearQuantileFit fit_least_squares(const GroupedDesign& design) {
    const auto groups = static_cast<Eigen::Index>(design.groups());
    const auto k = static_cast<Eigen::Index>(design.slopes());
    Eigen::VectorXd d(groups), ra(groups);
    RowMatrix c(groups, k);
    for (Eigen::Index g = 0; g < groups; ++g) {
        const auto begin = static_cast<Eigen::Index>(design.group_begin[static_cast<std::size_t>(g)]);
        const auto m = static_cast<Eigen::Index>(design.group_rows(static_cast<std::size_t>(g)));
        // An empty group gets a unit weight and zero intercept rather than a division by zero.
        d[g] = std::max<double>(1.0, static_cast<double>(m));
        ra[g] = design.response.segment(begin, m).sum();
        c.row(g) = design.features.middleRows(begin, m).colwise().sum();
    }
    const Eigen::MatrixXd b = design.features.transpose() * design.features;
    const Eigen::VectorXd rb = design.features.transpose() * design.response;
    LinearQuantileFit fit;
    solve_grouped(d, c, b, ra, rb, fit.intercepts, fit.slopes);
    return fit;
}

Eigen::VectorXd residuals(const GroupedDesign& design, const LinearQuantileFit& fit) {
    Eigen::VectorXd r = design.response - design.features * fit.slopes;
    for (std::size_t g = 0; g < design.groups(); ++g)
        r.segment(static_cast<Eigen::Index>(design.group_begin[g]), static_cast<Eigen::Index>(design.group_rows(g))).array() -=
            fit.intercepts[static_cast<Eigen::Index>(g)];
    return r;
}

LinearQuantileFit shift_to_quantile(const GroupedDesign& design, LinearQuantileFit from, double tau) {
    Eigen::VectorXd r = residuals(design, from);
    for (std::size_t g = 0; g < design.groups(); ++g) {
        if (design.group_rows(g) == 0) continue;
        double* first = r.data() + design.group_begin[g];
        from.intercepts[static_cast<Eigen::Index>(g)] += quantile_in_place(first, first + design.group_rows(g), tau);
    }
    return from;
}

namespace {

// The smoothing bandwidth for residuals `r` (a copy: it is reordered).
double bandwidth(Eigen::VectorXd r, double tau, std::size_t parameters, double floor) {
    const double centre = quantile_in_place(r.data(), r.data() + r.size(), 0.5);
    r = (r.array() - centre).abs();
    const double scale = std::max(1e-6, 1.4826 * quantile_in_place(r.data(), r.data() + r.size(), 0.5));
    const double n = static_cast<double>(r.size());
    return scale * std::max(floor, std::sqrt(tau * (1 - tau)) * std::pow((static_cast<double>(parameters) + std::log(n)) / n, 0.25));
}

// Damped Newton on the smoothed loss at a fixed bandwidth; returns the iterations used.
int newton(const GroupedDesign& design, double tau, double h, const QuantileSolverOptions& options, LinearQuantileFit& fit, double& loss,
           bool& converged) {
    const std::size_t chunk = std::max<std::size_t>(1, std::min(options.chunk_rows, design.rows()));
    Eigen::VectorXd r(static_cast<Eigen::Index>(chunk)), w(static_cast<Eigen::Index>(chunk)), psi(static_cast<Eigen::Index>(chunk));
    RowMatrix wz(static_cast<Eigen::Index>(chunk), static_cast<Eigen::Index>(design.slopes()));
    NewtonSums sums, trial_sums;
    LinearQuantileFit trial;
    Eigen::VectorXd step_a, step_b;
    accumulate(design, fit, tau, h, chunk, sums, r, w, psi, wz);
    converged = false;
    int iterations = 0;
    for (; iterations < options.max_iterations && !converged; ++iterations) {
        // A tiny relative ridge on the intercepts covers groups whose rows all lie far away.
        Eigen::VectorXd d = sums.hess_aa;
        for (std::size_t g = 0; g < design.groups(); ++g)
            d[static_cast<Eigen::Index>(g)] += 1e-9 * static_cast<double>(design.group_rows(g) + 1) / h;
        solve_grouped(d, sums.hess_ab, sums.hess_bb, sums.grad_a, sums.grad_b, step_a, step_b);
        const double decrement = sums.grad_a.dot(step_a) + sums.grad_b.dot(step_b);  // -(gradient . step)
        const double largest = std::max(step_a.cwiseAbs().maxCoeff(), step_b.size() ? step_b.cwiseAbs().maxCoeff() : 0.0);
        double scale = largest > options.max_step ? options.max_step / largest : 1.0;
        if (largest * scale < options.tolerance || !(decrement > 0)) {
            converged = true;
            break;
        }
        bool accepted = false;
        for (int halvings = 0; halvings < 40 && !accepted; ++halvings) {
            trial.intercepts = fit.intercepts + scale * step_a;
            trial.slopes = fit.slopes + scale * step_b;
            accumulate(design, trial, tau, h, chunk, trial_sums, r, w, psi, wz);
            accepted = trial_sums.loss <= sums.loss - 1e-4 * scale * decrement;  // Armijo
            if (!accepted) scale *= 0.5;
        }
        if (!accepted) {  // no descent left at machine precision: this is the minimum
            converged = true;
            break;
        }
        std::swap(fit, trial);
        std::swap(sums, trial_sums);
        converged = largest * scale < options.tolerance;
    }
    loss = sums.loss;
    return iterations;
}

}  // namespace

LinearQuantileFit fit_linear_quantile(const GroupedDesign& design, double tau, LinearQuantileFit start,
                                      const QuantileSolverOptions& options, QuantileSolveReport* report) {
    assert(tau > 0 && tau < 1);
    assert(static_cast<std::size_t>(start.intercepts.size()) == design.groups());
    assert(static_cast<std::size_t>(start.slopes.size()) == design.slopes());
    QuantileSolveReport rep;
    LinearQuantileFit fit = std::move(start);
    if (design.rows() > 0) {
        const std::size_t parameters = design.groups() + design.slopes();
        rep.bandwidth = bandwidth(residuals(design, fit), tau, parameters, options.bandwidth_floor);
        for (int round = 0; round < 8; ++round) {
            rep.iterations += newton(design, tau, rep.bandwidth, options, fit, rep.loss, rep.converged);
            const double settled = bandwidth(residuals(design, fit), tau, parameters, options.bandwidth_floor);
            const bool stable = std::abs(settled / rep.bandwidth - 1) <= 0.01;
            rep.bandwidth = settled;
            if (stable || !rep.converged) break;
        }
    }
    if (report) *report = rep;
    return fit;
}

}  // namespace fsd
