// The emergency lane: who takes an emergency that just came in, and what it costs everyone else.
// Ranked options (bump: the nearest qualified technicians take it next; interrupt: one on site at
// an interruptible job leaves it now; bump and reassign: the displaced stops move to adjacent
// technicians), each with its ETA, reasons, cascade and score; a decline with its reason when
// every option's cascade is over the limit.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fsd/dispatch/cascade.hpp"
#include "fsd/dispatch/state.hpp"
#include "fsd/json/file.hpp"

namespace fsd::lanes {

// An option whose cascade goes past any of these is not offered (it is listed, marked over the
// limit); when every option is, the emergency is declined.
struct CascadeLimit {
    int max_bumped = 8;                   // customers whose ETA moves later by more than the notify threshold
    Duration max_delay = hours(2);        // the largest delay of any one customer
    int max_new_misses = 2;               // SLA deadlines or customer windows newly missed, jobs newly left out
    Duration max_overtime = minutes(60);  // overtime added over all technicians
};

// The score of an option, lower is better, in "minutes of emergency waiting": the emergency's
// p50 ETA counts twice its minutes, a customer's minute of delay a quarter of one.
struct EmergencyWeights {
    double eta_per_minute = 2.0;       // from now to the emergency's p50 arrival
    double delay_per_minute = 0.25;    // summed over the customers it delays
    double miss = 60;                  // per SLA or window newly missed, per job newly left out unless left_out is set
    std::optional<double> left_out;    // per job newly left out, when set
    double overtime_per_minute = 0.5;  // overtime added
    double reassigned = 10;            // per customer moved to another technician
    double interrupted = 60;           // per job paused for the emergency (its rest planned as a new visit)
};

struct EmergencyParams {
    int candidates = 6;  // the qualified technicians with the earliest ETA whose day can take it become options
    int neighbours = 5;  // per displaced stop, the technicians nearest to it that may take it
    // Of the candidates, at most this many are "interrupt" options (each is timed on a day of its
    // own, with the job under way paused): technicians on site at an interruptible job, who can
    // leave now rather than after it.
    int interruptions = 2;
    CascadeLimit limit;
    EmergencyWeights weights;
    dispatch::CascadeOptions cascade;
    // The recommended option's routes (its technician and those its stops moved to) searched
    // again, the emergency kept no later than offered; kept only when the day costs less.
    bool reoptimise = true;
    std::uint64_t reoptimise_iterations = 400;
    double reoptimise_seconds = 0.8;
    std::uint64_t seed = 1;
};

enum class EmergencyAction : std::uint8_t { bump, bump_and_reassign, decline, interrupt };
constexpr std::array<std::string_view, 4> emergency_action_names{"bump", "bump and reassign", "decline", "interrupt"};

struct ScorePart {
    std::string name;  // eta, delay, misses, overtime, reassigned, interrupted
    double value = 0;  // its share of the score
};

struct EmergencyOption {
    EmergencyAction action = EmergencyAction::bump;
    std::optional<TechnicianIndex> technician;  // none for a decline
    std::uint32_t shift = 0;
    EtaWindow eta{TimePoint::min(), TimePoint::min()};  // the emergency's arrival, p50-p90
    TimePoint planned_start = TimePoint::min();         // at the planning quantile
    std::vector<std::string> reasons;                   // matching's: rank among the qualified, skills, distance, load
    std::vector<JobIndex> moved;                        // displaced stops given to other technicians
    // An interrupt option's paused job. Adopting the option is a job_interrupted event for it at
    // the state's now, which appends its rest as job `rest`; the option's plan, times and cascade
    // are of that state, whose problem is `problem` (empty for the other options: the state's).
    std::optional<JobIndex> interrupted;
    std::string rest;
    std::shared_ptr<const Problem> problem;
    dispatch::CascadeReport cascade;  // against the current plan, as of now
    double score = 0;
    std::vector<ScorePart> parts;
    std::string over_limit;  // the first limit its cascade goes past; empty when within
    std::string reason;      // a decline's
    Plan plan;               // the whole day with this option
    dispatch::PlanTimes times;
    [[nodiscard]] bool within_limit() const { return over_limit.empty(); }
    // The problem the option's job indices refer to, given the state's.
    [[nodiscard]] const Problem& problem_of(const Problem& state_problem) const { return problem ? *problem : state_problem; }
};

struct EmergencyResult {
    JobIndex job{};
    // Best first: options within the limit by score, then those over it; a decline first when no
    // option is within the limit.
    std::vector<EmergencyOption> options;
    // The first option after a short re-optimisation of its routes; none when declined.
    std::optional<EmergencyOption> recommended;
    bool reoptimised = false;  // the re-optimisation found a cheaper day
    double rank_seconds = 0, reoptimise_seconds = 0;
    [[nodiscard]] bool declined() const { return !options.empty() && options.front().action == EmergencyAction::decline; }
};

// The job's hard windows cut so that service starts by `by` (windows opening later dropped; none:
// one from the horizon's start): how an option's start is kept while its routes are searched again.
void start_by(Job& job, TimePoint by);

// The state with a job added as a job_added event at the state's now would add it (checked and
// read like a problem file's job, travel tables extended); returns the new job's index. Throws
// InputErrors naming the field when the job is bad.
JobIndex add_job(dispatch::DispatchState& st, const Json& job_spec);

// The ranked options for open job `job` of the state (typically just added), ranked by re-timing
// the day; the first one re-optimised when params.reoptimise.
EmergencyResult emergency_options(const dispatch::DispatchState& st, JobIndex job, const EmergencyParams& params = {});

}  // namespace fsd::lanes
