// The seam between the day simulator and a way of dispatching. A policy plans the day in the
// morning from the tickets known then, and is told of everything a dispatcher hears as it
// happens; each time it may give new orders and tell customers new ETAs. It sees the day only
// through a DispatchView, so it cannot know a ticket before it is reported.
#pragma once

#include <string>

#include "fsd/simulate/dispatch_view.hpp"
#include "fsd/simulate/instructions.hpp"
#include "fsd/simulate/observation.hpp"

namespace fsd::simulate {

class Policy {
public:
    Policy() = default;
    Policy(const Policy&) = delete;
    Policy& operator=(const Policy&) = delete;
    virtual ~Policy() = default;

    [[nodiscard]] virtual std::string name() const = 0;
    // At SimParams::plan_at, with the tickets reported by then. Technicians with no orders stay
    // at home until they get some.
    virtual Instructions plan_day(const DispatchView& view) = 0;
    // Right after `what` happened (view.now() == what.at; the view already shows its effect).
    // Empty instructions: everybody carries on.
    virtual Instructions react(const DispatchView& view, const Observation& what) = 0;
};

}  // namespace fsd::simulate
