// Shared by the tests: policy budgets small enough for a test day, large enough to plan it well.
#pragma once

#include "fsd/simulate/policies.hpp"

namespace test_support {

inline fsd::simulate::PolicyParams quick_policies() {
    fsd::simulate::PolicyParams params;
    params.optimiser.iterations_per_job = 40;
    params.optimiser.min_iterations = 800;
    params.live.replan.work = 6'000;
    params.live.replan.max_iterations = 300;
    return params;
}

}  // namespace test_support
