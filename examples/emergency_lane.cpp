// The emergency lane: a burst pipe comes in at 10:30 on a generated day of 12 technicians. The lane
// ranks who takes it (bump: next after the current job; interrupt: leave an interruptible job now;
// bump and reassign: the stops it pushes move to nearby colleagues), each option with its ETA,
// reasons, cascade and score, and re-plans the routes of the recommended one.
#include <fmt/core.h>
#include <fmt/format.h>

#include <fsd/dispatch/apply.hpp>
#include <fsd/dispatch/cascade_io.hpp>
#include <fsd/io/json.hpp>
#include <fsd/lanes/emergency.hpp>
#include <fsd/scenario/generator.hpp>

using namespace fsd;

int main() {
    // A day planned at its first shift's start, 07:30 (a short search keeps the example quick), then
    // run three hours, to 10:30, as planned.
    ScenarioOptions scenario;
    scenario.technicians = 12;
    scenario.jobs = 47;
    const Problem problem = generate_scenario(scenario);
    dispatch::DispatchParams params;
    params.replan.initial_iterations = 2000;
    dispatch::DispatchState state = dispatch::begin_day(problem, std::nullopt, dispatch::start_of_day(problem), params).state;
    dispatch::advance_to(state, dispatch::start_of_day(problem) + hours(3));

    // The emergency, in the problem file's job format.
    const Json burst_pipe = Json::parse(R"({"id": "EMERGENCY-1", "customer_id": "C-9001",
        "location": {"lat": 41.1579, "lon": -8.6291}, "skills": ["plumbing"], "urgency": "emergency", "priority": 5,
        "duration_min": {"p50": 50, "p75": 65, "p90": 90}, "sla_deadline": "2026-11-23T13:00"})");
    const JobIndex job = lanes::add_job(state, burst_pipe);

    lanes::EmergencyParams lane;
    lane.candidates = 3;
    const lanes::EmergencyResult result = lanes::emergency_options(state, job, lane);
    fmt::print("emergency {} at {}: {} options in {:.1f} ms\n", burst_pipe["id"].get<std::string>(), time_to_text(state.problem, state.now),
               result.options.size(), 1e3 * result.rank_seconds);
    for (std::size_t k = 0; k < result.options.size(); ++k) {
        const lanes::EmergencyOption& o = result.options[k];
        fmt::print("option {}: {}", k + 1, lanes::emergency_action_names[static_cast<int>(o.action)]);
        if (o.action == lanes::EmergencyAction::decline) {
            fmt::print(" - {}\n", o.reason);
            continue;
        }
        fmt::print(" by {}, ETA {} (p90 {}), score {:.1f}{}\n", state.problem.technicians[*o.technician].id, format_clock(o.eta.p50),
                   format_clock(o.eta.p90), o.score, o.within_limit() ? "" : ", over the limit: " + o.over_limit);
        if (o.interrupted)
            fmt::print("  leaves {} now; the rest of it is {}\n", o.problem_of(state.problem).jobs[*o.interrupted].id, o.rest);
        fmt::print("  score parts:");
        for (const lanes::ScorePart& part : o.parts) fmt::print(" {} {:.1f}", part.name, part.value);
        fmt::print("\n  reasons: {}\n", fmt::join(o.reasons, "; "));
        const dispatch::CascadeTotals& c = o.cascade.totals;
        fmt::print("  cascade: {} delayed (total {} min, max {} min), {} moved to another technician, {} newly missed, overtime {:+} min\n",
                   c.delayed, c.delay_total.count() / 60, c.delay_max.count() / 60, c.technician_changed,
                   c.sla_missed + c.windows_missed + c.newly_unassigned, c.overtime_change.count() / 60);
    }
    if (result.recommended) {
        fmt::print("recommended: {} by {}, ETA {}{} ({:.0f} ms); its cascade:\n",
                   lanes::emergency_action_names[static_cast<int>(result.recommended->action)],
                   state.problem.technicians[*result.recommended->technician].id, format_clock(result.recommended->eta.p50),
                   result.reoptimised ? ", routes re-optimised" : "", 1e3 * result.reoptimise_seconds);
        fmt::print("{}", dispatch::cascade_to_text(result.recommended->problem_of(state.problem), result.recommended->cascade));
    }
    return 0;
}
