// One day of a problem, as the simulator runs it: each technician's shift of that day and the jobs
// that day could serve and could hear of. A multi-day problem is simulated one day at a time; the
// day's KPIs, executed plan and report then cover that day and nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"

namespace fsd::simulate {

struct DayProblem {
    Problem problem;
    PerJob<JobIndex> original;                                // day job -> the job of the whole problem
    PerTechnician<std::optional<std::uint32_t>> shift_index;  // the whole problem's index of each technician's shift
};

// The shifts that start on `day`, and the jobs with no window or a window that meets the day (from
// its midnight to the last of its shifts' ends plus overtime), and one of those shifts (with its
// overtime) or else no shift of the night before, not pinned to another time, and
// reported (if at all) by then. Every technician is kept, with no shift when they do not work
// that day. Throws InputErrors for a technician with two shifts that day, which the simulator does
// not work in turn (technicians[i].shifts[k]).
DayProblem day_problem(const Problem& p, int day);

// A plan of the day problem as a plan of the whole one: its indices mapped back, and every job of
// another day listed as not planned, so that `fsd evaluate` reads it with the whole problem.
Plan whole_plan(const DayProblem& day, const Problem& whole, const Plan& plan);

// When the day is over for the simulator: the later of the next midnight and the last shift end
// plus overtime of the day's shifts.
TimePoint day_over(const Problem& p, int day);

}  // namespace fsd::simulate
