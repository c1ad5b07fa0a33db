// The discrete-event day simulator: technicians drive and work by the truth (truth.hpp) and follow
// the orders of a dispatch policy (policy.hpp), which hears of every ticket, start, finish and
// mishap as it happens. What happened comes back as executed routes and a record per job; the
// KPIs (day_kpis.hpp) and an evaluable plan (executed_day.hpp) are made from them.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/simulate/policy.hpp"
#include "fsd/simulate/truth.hpp"

namespace fsd::simulate {

struct SimParams {
    TruthParams truth;
    std::uint64_t seed = 1;       // of the truth: the same seed, the same day for every policy
    int day = 0;                  // the horizon day simulated; the problem is that day's (day_problem.hpp)
    Duration plan_at = hours(6);  // after that day's midnight: the morning plan (or the first shift's start, if earlier)
    // A technician whose next job cannot start yet (its window opens later) waits where they are
    // and sets out to be there this long before it can start; a shorter wait is spent at the door.
    Duration leave_margin = minutes(15);
    // The duration quantile technicians judge by, before setting out, whether a job still fits
    // their shift plus overtime (else "cannot make it"), and whether lunch comes first. None: the
    // day's planning quantile (the problem's, p75 on generated days), whatever the policy plans on.
    std::optional<Quantile> judge_at;
};

enum class VisitOutcome : std::uint8_t {
    served,
    not_home,       // knocked, waited SimParams::truth.not_home_wait, left
    cancelled,      // the customer had cancelled by the time the technician got there
    window_closed,  // the last window closed before the technician got there
};

// A stop as it happened. Jobs: the drive that brought the technician there (left the previous
// place, drive time and distance), arrival, start (the knock) and end (leaving the door for a
// visit that failed). Breaks: arrival is when the technician was free for it.
struct ExecutedStop {
    StopKind kind = StopKind::job;
    std::uint32_t index = 0;  // job of the problem, or break of the shift
    [[nodiscard]] JobIndex job_index() const {
        assert(kind == StopKind::job);
        return JobIndex(index);
    }
    VisitOutcome outcome = VisitOutcome::served;
    TimePoint left, arrival, start, end;
    Duration drive = Duration::zero();
    Distance distance = Distance::zero();
    // When the technician, free and with this visit next on their list, began waiting where they
    // were to set out for it (its window opened later); `left` when they set out at once.
    TimePoint waiting_since{};
    friend bool operator==(const ExecutedStop&, const ExecutedStop&) = default;
};

// One technician's day as it happened (technicians who never left home have none).
struct ExecutedRoute {
    TechnicianIndex technician{};
    std::uint32_t shift = 0;
    TimePoint departure;    // left home
    TimePoint home_leave;   // left the last place for home
    TimePoint return_time;  // home
    Duration drive_home = Duration::zero();
    Distance distance_home = Distance::zero();
    std::vector<ExecutedStop> stops;
    friend bool operator==(const ExecutedRoute&, const ExecutedRoute&) = default;
};

enum class JobFate : std::uint8_t { done, cancelled, not_home, carried_over };

struct JobRecord {
    JobFate fate = JobFate::carried_over;
    TimePoint revealed;                         // when the dispatcher learnt of it
    bool ordered = false;                       // on some technician's list at some point
    std::optional<TechnicianIndex> technician;  // who went there last
    std::optional<TimePoint> knock;             // when they started, or knocked in vain
    std::optional<TimePoint> end;
    std::optional<VisitOutcome> outcome;      // of the last visit
    std::optional<TimeWindow> told_at_visit;  // the ETA window the customer had when the technician came
    std::optional<TimeWindow> told;           // the last ETA window told
    std::optional<TimePoint> told_not_today;  // when the customer was told it will not be today
    std::optional<TimePoint> cancelled;       // when the customer cancelled
    int notices = 0;                          // ETA windows told
    int eta_changes = 0;                      // ... that differed from the one told before
    int eta_earlier = 0;                      // ... of them earlier than the one before (by the middle)
    int eta_reversals = 0;                    // ... of them going the other way from the change before
    int eta_moved_technician = 0;             // ... of them with the ticket on another technician's list
    std::optional<TechnicianIndex> told_for;  // who held the ticket when its last window was told
    int missed = 0;                           // times a technician reported they could not do it
    int last_direction = 0;                   // of the last ETA change that moved the window's middle: -1 earlier, +1 later
    friend bool operator==(const JobRecord&, const JobRecord&) = default;
};

struct SimulationResult {
    std::string policy;
    TimePoint plan_at;                  // the morning plan
    std::vector<ExecutedRoute> routes;  // in technician order
    PerJob<JobRecord> jobs;             // per job of the problem
    Plan planned;                       // the morning plan in the problem's indices (Instructions::plan)
    int policy_calls = 0;
    // ETA changes by the report the policy was answering when it told them, in ObservationKind's
    // order (the morning plan tells first windows only): what churns the customers' windows.
    std::array<int, observation_kind_names.size()> eta_changes_after{};
    friend bool operator==(const SimulationResult&, const SimulationResult&) = default;
};

// Runs one day of `problem` (which must pass check_problem) under `policy`. The problem is one
// day's: every shift on params.day, at most one per technician (cut a longer one with
// day_problem); std::invalid_argument otherwise. Throws std::logic_error when the policy gives
// impossible orders (a ticket it cannot know, one that is done, one on two lists).
SimulationResult simulate_day(const Problem& problem, Policy& policy, const SimParams& params);

}  // namespace fsd::simulate
