// The cascade diff in the HTML plan report (`fsd report PROBLEM PLAN --before PLAN`): a
// CascadeReport turned into the report's extras, so the drawing code knows nothing of cascades.
// Bumped, moved, newly unassigned and newly late jobs are marked, the previous plan's visits are
// drawn behind each timeline row, and a section lists every change with its minutes.
#pragma once

#include "fsd/dispatch/cascade.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/report/html_report.hpp"

namespace fsd::dispatch {

// `before` is the previous plan as the evaluator timed it; `cascade` compares it with the plan the
// report draws. Marks: "bumped" (later), "earlier", "moved" (technician changed), "missed-window",
// "missed-sla", "unassigned" and "added"; bars of kind "before" behind the rows.
report::ReportExtras cascade_extras(const Problem& problem, const Evaluation& before, const CascadeReport& cascade);

}  // namespace fsd::dispatch
