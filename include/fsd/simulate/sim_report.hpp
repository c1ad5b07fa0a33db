// Planned against actual in the HTML report (`fsd simulate --report`, `fsd report --sim`): the other
// plan's visits as bars behind each technician's timeline row, marks on visits that moved, and a
// section comparing each technician's day, through the report's ReportExtras seam.
#pragma once

#include <string>
#include <string_view>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/simulate/day_kpis.hpp"

namespace fsd::simulate {

// Extras for a report that draws one of two timed plans (`drawn`) and shows the other (`other`)
// behind it: bars of kind `other_kind` ("planned" or "actual", and "<kind>-break"), marks
// "later" / "earlier" on visits that started 15 minutes or more off the planned start, "not-done"
// on planned visits not done and "added" on visits done but not planned, and a section with a row
// per technician. Both plans index the same problem's jobs and technicians.
report::ReportExtras planned_against_actual(const Problem& problem, const Plan& planned, const Plan& actual, bool drawn_is_actual);

// A section with a simulated day's KPIs (day_kpis.hpp), for the report of that day.
report::ReportSection day_kpis_section(const DayKpis& k, std::string_view policy);

}  // namespace fsd::simulate
