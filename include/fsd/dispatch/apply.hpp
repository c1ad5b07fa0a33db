// Applying events to a dispatch day: each event is checked against the state and taken in, the
// rest of the day is planned again (warm-started from the current plan, frozen part kept, an
// iteration budget so that a replay gives the same plan), customers' promises follow what they
// are told, and the new plan becomes a numbered version with its cascade report.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "fsd/dispatch/cascade.hpp"
#include "fsd/dispatch/event.hpp"
#include "fsd/dispatch/residual.hpp"
#include "fsd/dispatch/state.hpp"
#include "fsd/dispatch/version.hpp"
#include "fsd/json/file.hpp"
#include "fsd/model/evaluate.hpp"

namespace fsd::dispatch {

// The search budget of a re-plan. Iterations, not seconds, so that a replay reproduces it: `work`
// over the number of jobs still open, within [min_iterations, max_iterations]. An iteration costs
// more on a bigger day (its repair tries every job left out in every route), so bigger days get
// fewer: the defaults keep a re-plan under 0.2 s of CPU on a 12x47 day and under 1.6 s on a
// 180x1,000 day, against budgets of 1 s and 5 s (docs/benchmarks.md, section 7, which also shows
// what more iterations would buy). The time cap is a safety net; a re-plan it cuts short is marked
// and cannot be reproduced.
struct ReplanParams {
    std::uint64_t seed = 1;  // version k searches with seed + k
    double work = 80'000;
    std::uint64_t min_iterations = 50;
    std::uint64_t max_iterations = 4'000;
    double time_cap_seconds = 10.0;
    // The search starts from the current plan (the new jobs inserted by regret); the manual baseline
    // planner's plan replaces that start only when it costs less, stability terms included. Without
    // it a warm start stuck in a poor basin stayed there (docs/benchmarks.md).
    bool baseline_start = true;
    // The first plan of the day, when none is given: a full search (not replayed: it is logged).
    std::uint64_t initial_iterations = 20'000;
    double initial_time_limit_seconds = 60.0;

    [[nodiscard]] std::uint64_t budget(std::size_t open_jobs) const {
        const auto per = static_cast<std::uint64_t>(work / static_cast<double>(std::max<std::size_t>(open_jobs, 1)));
        return std::clamp(per, min_iterations, std::max(min_iterations, max_iterations));
    }
};

struct DispatchParams {
    // Which edition of live dispatch's rules the day follows (dispatch_rules): a log is read back
    // by the rules it was written with, so an older day still loads and replays to the hash.
    int rules = dispatch_rules;
    // Who is told (CascadeOptions): a customer who holds a window when their technician would come
    // outside it; one who holds none when the technician changes or the ETA moves more than this.
    Duration notify_threshold = minutes(15);
    // The window they are told, and promised, is their p50-p90 ETA window widened by this on each
    // side (told_window in cascade.hpp).
    Duration eta_margin = minutes(15);
    ReplanParams replan;
};

// A plan for the rest of the day and the whole day's plan it makes.
struct Replanned {
    Residual residual;
    Evaluation evaluation;  // of the residual plan on residual.problem: its feasibility and KPIs
    Plan plan;              // the whole day
    PlanTimes times;
    ReplanStats stats;
};

// The day: where it started (a replay starts there), the state now, and every version so far.
struct DispatchDay {
    DispatchParams params;
    Problem initial;  // as the day started, normalised through the JSON format
    DispatchState state;
    std::vector<PlanVersion> versions;
};

// The state at the start of a day: nothing begun, the plan empty.
DispatchState initial_state(const Problem& problem, TimePoint now, int rules = dispatch_rules);

// Checks an event against the state and takes it in, without planning again. Throws InputErrors
// naming the event's line and field (unknown job, an event in the past of a frozen visit, a
// finish before the start, ...); the state is then unchanged.
void absorb(DispatchState& st, const Event& e);
// Whether absorb() takes the event, on a copy of the state.
bool accepted(const DispatchState& st, const Event& e);

// The rest of the day planned again from the state's plan, with `seed` and the budget.
Replanned replan(const DispatchState& st, const ReplanParams& params, std::uint64_t seed, std::uint64_t iterations, double seconds);
// A plan made after event e took state `before` to `after`: a job the plan had under way at e.at
// with nothing reported, open again after e and left out of this plan, says so in its reason (the
// technician may have done it and not said: its customer is not to be told "cannot be served"
// without a question first).
void flag_unconfirmed(Replanned& r, const DispatchState& before, const DispatchState& after, const Event& e);
// A given plan of the whole day (e.g. one read from the log), timed as of the state's now.
Replanned project(const DispatchState& st, const Plan& day);
// The same stops at the same times. The as-reported and set-out flags and where a route resumes
// are left out: logs written before they existed have none, and a plan's hash covers them.
bool same_schedule(Plan a, Plan b);

// Makes a plan the state's plan. Compares it with the previous one, updates the promises of the
// customers it tells (technician, and ETA plus or minus the threshold) and the statuses.
CascadeReport adopt(DispatchState& st, Plan plan, PlanTimes times, const DispatchParams& params);

// adopt() for a plan made after an event, its cascade's cost_before being what keeping the plan
// before would cost as the state now stands: the saving the re-plan is measured against.
CascadeReport adopt_replan(DispatchState& st, Plan plan, PlanTimes times, const DispatchParams& params);
// A problem document written from `previous` (perhaps with a job appended) read back: the travel
// tables are carried over when the locations are the same, and built from the problem's own
// travel source otherwise (a road network's relative path counts from the working directory).
Problem reread_problem(const Json& doc, const Problem& previous);

// Starts a day: the problem normalised, the given plan (checked by the evaluator) or a new one,
// every customer told their ETA. Throws InputErrors when the given plan is infeasible.
DispatchDay begin_day(const Problem& problem, const std::optional<Plan>& plan, TimePoint now, const DispatchParams& params);

struct StepResult {
    CascadeReport cascade;
    Evaluation evaluation;  // of the re-plan on the residual problem
};

// Applies one event: absorb, replan, adopt, record a version. On InputErrors the day is unchanged.
// The day's state is replaced: a reference into day.state taken before the call dangles after it.
StepResult apply_event(DispatchDay& day, const Event& e);
// The same with the plan a lane chose instead of a re-plan (a same-day slot's, an emergency
// option's): a whole-day plan of the state after the event, feasible, keeping what is frozen;
// InputErrors at "plan" otherwise. The version records it as chosen: a replay adopts it again.
StepResult apply_event(DispatchDay& day, const Event& e, const Plan& chosen);

// The day's clock moved on to `t` with nothing reported: the plan is taken to have gone as planned
// until then, and each technician's status is as of `t` (what the lanes need before they are asked
// about a job coming in later). Throws std::invalid_argument for a time before the state's now.
void advance_to(DispatchState& st, TimePoint t);

// The earliest shift start of the first day: when a day's dispatch begins by default.
TimePoint start_of_day(const Problem& problem);

}  // namespace fsd::dispatch
