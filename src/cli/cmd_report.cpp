// fsd report PROBLEM PLAN -o report.html: the plan as one self-contained HTML page (map,
// technician timelines, jobs left out, KPIs), drawn along the roads when the problem is on a
// road network. The cascade diff (--before) and planned-against-actual (--sim) views will plug
// in through report::ReportExtras.
#include <fstream>

#include <fmt/core.h>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/report/route_geometry.hpp"
#include "input_format.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

struct ReportArgs {
    std::string problem;
    std::string plan;
    std::string output;
    std::string title;
    std::string input_format = "fsd";
    bool straight = false;
};

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("error while writing " + path);
}

int run_report(const ReportArgs& a) {
    require_writable(a.output, "-o");
    const VroomProblem in = read_problem(a.problem, a.input_format);
    const Problem& p = in.problem;
    const Evaluation ev = evaluate(p, read_plan(a.plan, in, a.input_format));
    report::ReportOptions options;
    options.title = a.title;
    std::optional<report::RouteGeometry> geometry;
    if (!a.straight) geometry = report::problem_road_geometry(p, ev.schedule, std::filesystem::path(a.problem).parent_path());
    if (geometry) options.geometry = &*geometry;
    write_text(a.output, report::html_report(p, ev, options));
    fmt::print("wrote {} ({} routes, {} jobs left out{})\n", a.output, ev.kpis.routes_used, ev.schedule.unassigned.size(),
               geometry ? ", drawn along the roads" : "");
    return exit_ok;
}

const Register report_command{
    {"report", "Write a plan as one self-contained HTML page: map, technician timelines, jobs left out, KPIs", [](CLI::App& app) {
         auto a = std::make_shared<ReportArgs>();
         app.add_option("PROBLEM", a->problem, "problem file (.json or Solomon .txt)")->required();
         app.add_option("PLAN", a->plan, "plan file (.json, or CVRPLIB .sol)")->required();
         app.add_option("-o,--output", a->output, "HTML file to write")->required();
         app.add_option("--title", a->title, "page title (default: the problem's name)");
         add_input_format(app, a->input_format, "the problem and the plan (a VROOM solution)");
         app.add_flag("--straight", a->straight, "draw straight lines even when the problem is on a road network");
         return std::function<int()>([a] { return run_report(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
