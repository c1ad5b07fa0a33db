// Acceptance criteria for the ALNS: simulated annealing cooled on the share of the budget used
// (time or iterations, whichever is further along), and late acceptance as an option. Both are
// plain structs; an integrator's own criterion just needs start() and accept().
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "fsd/model/random.hpp"
#include "fsd/model/units.hpp"

namespace fsd::solver {

template <class A>
concept AcceptanceCriterion = requires(A a, Cost c, double progress, Rng& rng) {
    a.start(c, 1.0);
    { a.accept(c, c, c, progress, rng) } -> std::convertible_to<bool>;
};

// Temperatures are given in units of the initial solution's average arc cost, so one setting
// fits instances of any scale. The start of 3 arc costs lets early iterations leave the
// construction's basin (docs/solver.md: 0.5 measured clearly worse on long routes).
struct SimulatedAnnealing {
    double start_temperature = 3.0;
    double end_temperature = 0.01;
    double t0 = 1.0, tf = 1.0;  // absolute, set by start()

    void start(Cost /*initial*/, double arc_cost) {
        t0 = std::max(1e-9, start_temperature * arc_cost);
        tf = std::max(1e-12, std::min(t0, end_temperature * arc_cost));
    }
    [[nodiscard]] double temperature(double progress) const { return t0 * std::pow(tf / t0, std::clamp(progress, 0.0, 1.0)); }
    // Accepts anything better than the current, and worse with probability exp(-delta / T).
    bool accept(Cost candidate, Cost current, Cost /*best*/, double progress, Rng& rng) const {
        if (candidate <= current) return true;
        const double threshold = -temperature(progress) * std::log(std::max(1e-300, rng.uniform()));
        return static_cast<double>((candidate - current).count()) < threshold;
    }
};

// Late acceptance hill climbing (Burke & Bykov): accept when no worse than the current, or than
// the current of `length` iterations ago.
struct LateAcceptance {
    std::size_t length = 1000;
    std::vector<Cost> history;
    std::size_t step = 0;

    void start(Cost initial, double) {
        history.assign(std::max<std::size_t>(1, length), initial);
        step = 0;
    }
    bool accept(Cost candidate, Cost current, Cost, double, Rng&) {
        Cost& slot = history[step++ % history.size()];
        const bool ok = candidate <= current || candidate <= slot;
        slot = ok ? candidate : current;
        return ok;
    }
};

}  // namespace fsd::solver
