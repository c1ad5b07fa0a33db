// The "manual" baseline planner: a dispatcher at a whiteboard. Jobs in order of urgency, priority
// and window; each goes to the nearest qualified technician whose day can still take it, at the
// cheapest place in that day, without overtime. The optimiser is measured against it.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

// The baseline plan of `p`: always feasible; every job it cannot place is listed with its reason
// (src/baseline/baseline.cpp).
Plan plan_baseline(const Problem& p);

}  // namespace fsd
