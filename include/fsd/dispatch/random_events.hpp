// Plausible events for a dispatch state, seeded: technicians setting out, jobs started when the
// plan says, finished after a duration drawn from their quantiles, running late, cancelled, nobody
// home, new tickets of any urgency, technicians going and coming back, traffic. For property tests, benchmarks and demos;
// every event it returns is one absorb() accepts.
#pragma once

#include <array>
#include <optional>

#include "fsd/dispatch/event.hpp"
#include "fsd/dispatch/state.hpp"
#include "fsd/model/random.hpp"

namespace fsd::dispatch {

struct RandomEventOptions {
    Duration min_gap = minutes(5);  // between the state's now and the event, for events not tied to the plan
    Duration max_gap = minutes(40);
    // How often each event type is drawn, in EventType order (job_added .. on_the_way); the
    // emergency lane's job_interrupted is not drawn.
    std::array<double, 11> weights{1.0, 0.5, 0.5, 4.0, 4.0, 1.0, 0.3, 0.3, 0.8, 0.0, 2.0};
};

// A next event at or after the state's now; nullopt when nothing more can happen (the day is over).
std::optional<Event> random_event(const DispatchState& st, Rng& rng, const RandomEventOptions& o = {});

}  // namespace fsd::dispatch
