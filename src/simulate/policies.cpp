#include "fsd/simulate/policies.hpp"

#include <stdexcept>
#include <string>

#include "fsd/baseline/baseline.hpp"

namespace fsd::simulate {

std::unique_ptr<Policy> make_policy(std::string_view name, const PolicyParams& params) {
    const OptimiserBudget budget = params.optimiser;
    const Planner optimiser = [budget](const Problem& p) { return optimise(p, budget); };
    if (name == "whiteboard")
        return std::make_unique<PlannedOnce>(
            "whiteboard", [](const Problem& p) { return plan_baseline(p); }, PlanningProblem{}, params.eta_margin);
    if (name == "optimiser-mean") return std::make_unique<PlannedOnce>("optimiser-mean", optimiser, on_mean_durations, params.eta_margin);
    if (name == "optimiser-p75") return std::make_unique<PlannedOnce>("optimiser-p75", optimiser, PlanningProblem{}, params.eta_margin);
    if (name == "live" || name == "live-p50") {
        LiveParams live = params.live;
        live.morning = budget;
        live.replan.seed = budget.seed;
        live.eta_margin = params.eta_margin;
        if (name == "live-p50") live.planning_quantile = Quantile::p50;
        return std::make_unique<LiveDispatch>(live, std::string(name));
    }
    std::string known;
    for (auto n : policy_names) known += (known.empty() ? "" : ", ") + std::string(n);
    throw std::invalid_argument("unknown policy \"" + std::string(name) + "\" (known: " + known + ")");
}

}  // namespace fsd::simulate
