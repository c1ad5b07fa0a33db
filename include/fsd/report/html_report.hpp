// The plan report a dispatcher reads: one self-contained HTML file (inline SVG, CSS, script) with a
// route map, a timeline per technician, the jobs left out and the KPIs. Other views (a cascade
// diff, planned against actual) add themselves through ReportExtras, not the drawing code.
#pragma once

#include <string>
#include <vector>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/location.hpp"

namespace fsd::report {

// Where each leg of a route runs on the map: per route of the evaluated schedule, per leg (start
// to the first job, job to job, last job to the end), the polyline. A missing or empty leg is
// drawn as a straight line. See route_geometry.hpp for legs along a road network.
struct RouteGeometry {
    std::vector<std::vector<std::vector<LatLon>>> legs;
    std::string credit;  // where the roads come from, shown under the map (their licences ask for it)
};

// ---- the seams for views that build on the plan report
//
// `fsd report --before PLAN` (a cascade diff fed by the live-dispatch CascadeReport) turns into:
// a ReportSection listing bumped jobs with their minutes of delay, moved jobs with from/to
// technician and newly missed windows and SLAs, plus VisitMarks "bumped", "moved", "missed-window"
// and "missed-sla" on those jobs. `--sim EXECUTED` (planned against actual) turns into
// TimelineBars of kind "actual" on each technician's row and a section comparing the two. The
// renderers below draw whatever they are given; they know nothing of cascades or simulations.

// Highlights a job wherever it is drawn: its timeline bar and map stop get the CSS class
// "mark-<kind>" and `note` is shown on the bar and in its tooltip.
struct VisitMark {
    JobIndex job{};
    std::string kind;  // letters, digits and '-' only: it becomes part of a CSS class
    std::string note;  // plain text, escaped when drawn
};

// An extra bar on a technician's timeline row, drawn under the plan's bars.
struct TimelineBar {
    TechnicianIndex technician{};
    TimePoint start;
    TimePoint end;
    std::string kind;   // CSS class "bar-<kind>"; letters, digits and '-' only
    std::string label;  // plain text for the tooltip
};

// A section after the KPI panel. `html` is markup built by the section's own renderer, which must
// escape what it takes from input (escape_html below).
struct ReportSection {
    std::string id;  // the element id, letters, digits and '-' only
    std::string title;
    std::string html;
};

struct ReportExtras {
    std::vector<ReportSection> sections;
    std::vector<VisitMark> marks;
    std::vector<TimelineBar> bars;
};

struct ReportOptions {
    std::string title;                        // defaults to the problem's name
    const RouteGeometry* geometry = nullptr;  // straight lines when null
    ReportExtras extras;
};

// `ev` must come from evaluate(problem, plan): the report draws its re-derived schedule.
std::string html_report(const Problem& problem, const Evaluation& ev, const ReportOptions& options = {});

// Text made safe for HTML element content and attribute values.
std::string escape_html(std::string_view text);

}  // namespace fsd::report
