// The dispatch policies the simulator compares, by name: the whiteboard (the manual baseline in the
// morning), the optimiser on mean durations and the optimiser on p75, each planned once and
// fitting new work in by the nearest qualified technician, and live dispatch (live_dispatch.hpp).
#pragma once

#include <array>
#include <memory>
#include <string_view>

#include "fsd/simulate/live_dispatch.hpp"
#include "fsd/simulate/planned_once.hpp"
#include "fsd/simulate/policy.hpp"

namespace fsd::simulate {

// "live-p50" is live dispatch with every plan on p50 (LiveParams::planning_quantile), beside the
// issue's four.
inline constexpr std::array<std::string_view, 5> policy_names{"whiteboard", "optimiser-mean", "optimiser-p75", "live", "live-p50"};

struct PolicyParams {
    OptimiserBudget optimiser;
    // Customers are told the p50-p90 ETA window widened by this much on both sides: nobody is
    // told a window narrower than twice it (the first visit of a day has p50 == p90).
    Duration eta_margin = minutes(15);
    // Live dispatch's re-planning; its morning budget, seed and ETA margin are the ones above.
    LiveParams live;
};

// Throws std::invalid_argument for a name not in policy_names.
std::unique_ptr<Policy> make_policy(std::string_view name, const PolicyParams& params = {});

}  // namespace fsd::simulate
