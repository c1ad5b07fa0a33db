// Holding a visit to a later start than a re-plan gave it (a customer kept to the window they were
// told): the rest of its route timed behind it as the planner times a route, and the day projected
// again, so that its ETAs and its evaluation (windows and shift kept or broken) follow the hold.
#pragma once

#include <optional>

#include "fsd/dispatch/apply.hpp"

namespace fsd::dispatch {

// `plan` with job j's visit begun no earlier than `from`, and the stops behind it on its route
// each at its earliest start its windows and promise allow (breaks when the technician is free
// and their window open), none earlier than planned. Nullopt when j is not routed, already
// starts by then, or no hard window of j holds `from`.
std::optional<Plan> held_to(const Problem& p, Plan plan, JobIndex j, TimePoint from);

// held_to on the state's problem, projected as of the state's now (project()): the caller
// compares its evaluation with the plan's to decide whether the hold breaks anything.
std::optional<Replanned> hold_visit(const DispatchState& st, const Plan& plan, JobIndex j, TimePoint from);

}  // namespace fsd::dispatch
