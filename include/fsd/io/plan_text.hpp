// A plan as text a dispatcher can read: each technician's day stop by stop, the jobs left out and
// why, and the KPIs. Used by the CLI; handy in logs.
#pragma once

#include <string>

#include "fsd/model/evaluate.hpp"

namespace fsd {

// `ev` must come from evaluate(problem, plan); its re-derived schedule is what gets printed.
std::string format_plan_text(const Problem& problem, const Evaluation& ev);
std::string format_kpis_text(const Problem& problem, const Kpis& kpis);

}  // namespace fsd
