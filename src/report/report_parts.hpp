// Private to src/report: the pieces the HTML report is assembled from (the map, the timelines,
// the page's CSS and script) and the small helpers they share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fsd/report/html_report.hpp"

namespace fsd::report::detail {

// A distinct colour per technician: hues a golden angle apart, so neighbours in the list differ.
std::string technician_colour(std::size_t technician);

// A coordinate for SVG: one decimal, no trailing ".0".
std::string num(double v);

// "08:30" on a one-day horizon, "d2 08:30" from the second day on.
std::string clock_text(const Problem& p, TimePoint t);

// Per job, the marks the extras put on it.
PerJob<std::vector<const VisitMark*>> marks_by_job(const ReportExtras& extras, std::size_t jobs);

// " mark-bumped mark-moved" for the job's marks; empty when it has none.
std::string mark_classes(const std::vector<const VisitMark*>& marks);

// The map of the routes with its legend; a note instead when the problem has no coordinates.
std::string map_html(const Problem& p, const Evaluation& ev, const ReportOptions& options);

// One timeline row per technician, with the time axis on top.
std::string timeline_html(const Problem& p, const Evaluation& ev, const ReportOptions& options);

std::string_view page_css();
std::string_view page_script();

}  // namespace fsd::report::detail
