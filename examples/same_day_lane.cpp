// The same-day lane: a customer calls at 10:30 for a repair today. The lane finds the cheapest
// places for it in the technicians' remaining routes, each with the detour, an arrival window the
// office can promise (80% of simulated days arrive inside it), and the customers it would bump.
#include <fmt/core.h>

#include <fsd/dispatch/apply.hpp>
#include <fsd/io/json.hpp>
#include <fsd/lanes/emergency.hpp>
#include <fsd/lanes/same_day.hpp>
#include <fsd/scenario/generator.hpp>

using namespace fsd;

int main() {
    // A day planned at its first shift's start, 07:30 (a short search keeps the example quick), then
    // run three hours, to 10:30, as planned.
    ScenarioOptions scenario;
    scenario.technicians = 12;
    scenario.jobs = 36;
    const Problem problem = generate_scenario(scenario);
    dispatch::DispatchParams params;
    params.replan.initial_iterations = 2000;
    dispatch::DispatchState state = dispatch::begin_day(problem, std::nullopt, dispatch::start_of_day(problem), params).state;
    dispatch::advance_to(state, dispatch::start_of_day(problem) + hours(3));

    // The new job, in the problem file's job format, added to the day as a job_added event would.
    const Json repair = Json::parse(R"({"id": "SAME-DAY-1", "customer_id": "C-9002", "location": {"lat": 41.16, "lon": -8.62},
        "skills": ["plumbing"], "urgency": "same-day", "duration_min": {"p50": 45, "p75": 60, "p90": 80},
        "time_windows": [{"start": "2026-11-23T11:00", "end": "2026-11-23T17:00"}]})");
    const JobIndex job = lanes::add_job(state, repair);

    lanes::SlotOptions options;
    options.k = 3;
    const std::vector<lanes::Slot> slots = lanes::same_day_slots(state, job, options);
    fmt::print("same-day job {} at {}: {} slots\n", repair["id"].get<std::string>(), time_to_text(state.problem, state.now), slots.size());
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const lanes::Slot& s = slots[k];
        fmt::print("slot {}: {}, stop {}, +{} min driving, arrives {}-{} ({:.0f}% confidence), costs the plan {:.2f} more\n", k + 1,
                   state.problem.technicians[s.technician].id, s.position + 1, s.extra_travel.count() / 60,
                   format_clock(s.eta.window.start), format_clock(s.eta.window.end), 100 * s.eta.confidence, to_currency(s.extra_cost));
        fmt::print("  cascade: {} delayed (total {} min, max {} min), {} newly missed, overtime {:+} min\n", s.cascade.totals.delayed,
                   s.cascade.totals.delay_total.count() / 60, s.cascade.totals.delay_max.count() / 60,
                   s.cascade.totals.sla_missed + s.cascade.totals.windows_missed + s.cascade.totals.newly_unassigned,
                   s.cascade.totals.overtime_change.count() / 60);
        for (const dispatch::JobChange& c : s.cascade.jobs)
            if (c.job != job && c.delta > Duration::zero())
                fmt::print("    {} ({}) now at {}, {:+} min\n", state.problem.jobs[c.job].id, state.problem.jobs[c.job].customer_id,
                           format_clock(c.new_eta), c.delta.count() / 60);
    }
    return 0;
}
