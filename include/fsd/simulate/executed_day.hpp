// A simulated day as files the rest of fsd reads: the executed plan (actual times) and the
// "as-executed" problem it is scored on, in which every job done lasts what it really lasted and
// every leg driven takes what it really took, so that `fsd evaluate` re-derives the actual day.
#pragma once

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/simulate/simulator.hpp"

namespace fsd::simulate {

struct ExecutedDay {
    // The day's problem with: travel as a matrix over one place per job and a start and an end
    // per technician (so each leg driven has a cell of its own), holding the actual drive times;
    // every technician at efficiency 1 and every job done fixed at its actual duration.
    Problem problem;
    // The executed routes with the times they happened (each technician who served a job). A
    // visit in vain (nobody at home, cancelled, too late) is not a stop: its driving is part of
    // the next leg, and the time at the door waiting before the next stop; when a break comes
    // before the next leg, that driving counts as waiting before the break (a leg cannot hold it). Every job not done is
    // unassigned (not_planned) with what happened to it.
    Plan plan;
};

ExecutedDay executed_day(const Problem& problem, const SimulationResult& result);

}  // namespace fsd::simulate
