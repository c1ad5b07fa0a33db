// Under 500 random event streams on small generated days: every re-plan is feasible by the
// evaluator, nothing begun ever moves, every job is in the plan exactly once, and every visit
// begun is on its technician's route at its start.
#include "dispatch_fixture.hpp"

#include "fsd/dispatch/random_events.hpp"
#include "fsd/scenario/generator.hpp"

namespace test_dispatch_property {

using namespace dispatch_test;

namespace {

DispatchParams tiny_budget() {
    DispatchParams p;
    p.replan.min_iterations = 60;
    p.replan.max_iterations = 200;
    p.replan.initial_iterations = 400;
    return p;
}

void require_visits_on_routes(const DispatchState& st) {
    for (const Visit& v : st.visits) {
        if (v.not_home) continue;
        const Route* r = find_route(st.plan, v.technician, v.shift);
        REQUIRE(r != nullptr);
        bool found = false;
        for (const Stop& s : r->stops) found = found || (s.kind == StopKind::job && s.job_index() == v.job && s.start == v.started);
        REQUIRE(found);
    }
}

}  // namespace

TEST_CASE("the frozen part never moves and every re-plan is feasible, over 500 random streams", "[dispatch][property]") {
    int events = 0, with_visits = 0;
    for (std::uint64_t stream = 1; stream <= 500; ++stream) {
        ScenarioOptions o;
        o.technicians = 3;
        o.jobs = 8;
        o.seed = stream;
        DispatchDay day = begin_day(generate_scenario(o), std::nullopt, TimePoint(7 * 3600), tiny_budget());
        Rng rng(stream * 7919);
        for (int k = 0; k < 4; ++k) {
            const std::optional<Event> e = random_event(day.state, rng);
            if (!e) break;
            INFO("stream " << stream << ", event " << k << ": " << to_string(e->type) << " " << e->job << e->technician);
            const DispatchState before = day.state;
            const StepResult s = apply_event(day, *e);
            require_feasible(s.evaluation);
            require_feasible(evaluate(day.state.problem, day.state.plan));  // the whole day, as stored
            require_frozen_kept(before, day.state);
            require_visits_on_routes(day.state);
            require_every_job_once(day.state, day.state.plan);
            ++events;
        }
        with_visits += day.state.visits.empty() ? 0 : 1;
    }
    // the streams did exercise the frozen part
    REQUIRE(events > 1500);
    REQUIRE(with_visits > 250);
}

}  // namespace test_dispatch_property
