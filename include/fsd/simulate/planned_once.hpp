// Policies that plan the day once, in the morning, and fit new tickets in as a dispatcher at a
// whiteboard does: the nearest qualified technician whose day can take it. The whiteboard, the
// optimiser on mean durations and the optimiser on p75 are this policy with different planners.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "fsd/model/plan.hpp"
#include "fsd/simulate/policy.hpp"

namespace fsd::simulate {

// The optimiser's budget in a simulation: iterations, so that a seed gives one day.
struct OptimiserBudget {
    std::uint64_t seed = 1;
    double iterations_per_job = 400;  // per ticket known when it plans
    std::uint64_t min_iterations = 2'000;
    double time_cap_seconds = 120;  // a safety net only; a run it cuts short is not repeatable

    // The iterations of a plan over `tickets` known tickets: at least min_iterations, at most a
    // billion (which the time cap would cut anyway); a per-job budget that is not a positive
    // number (NaN included) gives min_iterations rather than an undefined conversion.
    [[nodiscard]] std::uint64_t iterations(std::size_t tickets) const {
        const double want = iterations_per_job * static_cast<double>(tickets);
        const double bounded = want > 0 ? std::min(want, 1e9) : 0.0;
        return std::max(min_iterations, static_cast<std::uint64_t>(bounded));
    }
};

// The problem a plan is made on, from the day's known tickets, and the planner that makes it.
using PlanningProblem = std::function<Problem(const Problem& known)>;
using Planner = std::function<Plan(const Problem& planning)>;

class PlannedOnce final : public Policy {
public:
    // Without `planning`, plans on the known problem as it is. Customers are told each visit's
    // p50-p90 ETA window widened by `eta_margin` on both sides.
    PlannedOnce(std::string name, Planner planner, PlanningProblem planning = {}, Duration eta_margin = minutes(15));
    [[nodiscard]] std::string name() const override { return name_; }
    Instructions plan_day(const DispatchView& view) override;
    Instructions react(const DispatchView& view, const Observation& what) override;

private:
    std::string name_;
    Planner planner_;
    PlanningProblem planning_;
    Duration eta_margin_;
};

// The optimiser (solver::solve) under an iteration budget.
Plan optimise(const Problem& p, const OptimiserBudget& budget);

// The problem with every job's p75 replaced by the mean of its fitted log-normal (truth.hpp),
// planned at p75: "the optimiser on mean durations".
Problem on_mean_durations(const Problem& known);

// The orders and ETA windows of a plan of the known tickets, made on `planning` (the known problem
// or a variant with other durations): each technician's stops in order, leaving home when the
// plan does; a stop the plan starts later than it could (a kept appointment, a preferred hour)
// gets that start as `not_before`. Each customer is told the stop's p50-p90 ETA window, widened
// by `eta_margin` on both sides.
Instructions orders_from_plan(const DispatchView& view, const Problem& planning, const Plan& plan, Duration eta_margin);

// A stop's start when the plan waits for it deliberately (later than its arrival and its windows
// require): the order's `not_before`; TimePoint::min() when the technician may start at once.
TimePoint planned_wait(const Problem& p, const Shift& shift, const Stop& s);

// The whiteboard's rule for a new ticket: the qualified technicians by how soon they could be
// there, and the first whose list can take it. An emergency goes first on the list of the first
// one who can reach it within its windows and their overtime; other work goes where it adds the
// least driving to a list that still fits, without adding overtime. Nullopt when nobody can.
std::optional<Orders> nearest_qualified(const DispatchView& view, Ticket ticket);

}  // namespace fsd::simulate
