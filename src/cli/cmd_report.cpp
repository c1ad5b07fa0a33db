// fsd report PROBLEM PLAN -o report.html: the plan as one self-contained HTML page (map,
// technician timelines, jobs left out, KPIs), drawn along the roads when the problem is on a
// road network. With --sim EXECUTED (from `fsd simulate`), the actual day is drawn behind the plan
// (planned against actual). With --before PLAN, the cascade diff from that plan (dispatch/cascade_view.hpp).

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <fmt/core.h>

#include "command.hpp"
#include "executed_paths.hpp"
#include "fsd/dispatch/cascade_view.hpp"
#include "fsd/dispatch/plan_times.hpp"
#include "fsd/io/json.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/report/route_geometry.hpp"
#include "fsd/simulate/sim_report.hpp"
#include "input_errors.hpp"
#include "input_format.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

struct ReportArgs {
    std::string problem;
    std::string plan;
    std::string output;
    std::string title;
    std::string before;
    std::string sim;
    std::string sim_problem;
    std::string input_format = "fsd";
    bool straight = false;
};

// Whether two problems name the same technicians and jobs in the same order.
// An executed day's schedule in PROBLEM's indices: the day's problem has the same technicians and
// some of PROBLEM's jobs (all of them, or one day's of a multi-day problem, fsd simulate --day), each
// shift of it one of PROBLEM's. Nullopt when it is the executed day of another problem.
std::optional<Plan> in_problem_terms(const Problem& p, const Problem& day, Plan plan) {
    if (p.technicians.size() != day.technicians.size()) return std::nullopt;
    for (TechnicianIndex t : p.technicians.indices())
        if (p.technicians[t].id != day.technicians[t].id) return std::nullopt;
    std::unordered_map<std::string, std::uint32_t> job_of;
    for (JobIndex j : p.jobs.indices()) job_of.emplace(p.jobs[j].id, j.value());
    std::vector<std::uint32_t> job(day.jobs.size());
    for (JobIndex j : day.jobs.indices()) {
        const auto it = job_of.find(day.jobs[j].id);
        if (it == job_of.end()) return std::nullopt;
        job[j.value()] = it->second;
    }
    for (Route& r : plan.routes) {
        const auto& shifts = p.technicians[r.technician].shifts;
        const TimePoint start = day.technicians[r.technician].shifts[r.shift].span.start;
        const auto same = std::find_if(shifts.begin(), shifts.end(), [&](const Shift& s) { return s.span.start == start; });
        if (same == shifts.end()) return std::nullopt;
        r.shift = static_cast<std::uint32_t>(same - shifts.begin());
        for (Stop& s : r.stops)
            if (s.kind == StopKind::job) s.index = job[s.index];
    }
    for (Unassigned& u : plan.unassigned) u.job = JobIndex(job[u.job.value()]);
    return plan;
}

// The cascade diff from an earlier plan of the same problem to the one drawn: every change counts,
// so "now" is before the horizon (nothing is history yet).
void add_cascade(const Problem& p, const Plan& before_plan, const Evaluation& after, report::ReportExtras& extras) {
    const Evaluation before = evaluate(p, before_plan);
    const dispatch::CascadeReport cascade =
        dispatch::compare(p, dispatch::plan_times(p, before), dispatch::plan_times(p, after), TimePoint::min());
    report::ReportExtras x = dispatch::cascade_extras(p, before, cascade);
    extras.sections.insert(extras.sections.end(), x.sections.begin(), x.sections.end());
    extras.marks.insert(extras.marks.end(), x.marks.begin(), x.marks.end());
    extras.bars.insert(extras.bars.end(), x.bars.begin(), x.bars.end());
}

int run_report(const ReportArgs& a) {
    require_writable(a.output, "-o");
    const VroomProblem in = from_file(a.problem, [&] { return read_problem(a.problem, a.input_format); });
    const Problem& p = in.problem;
    const Evaluation ev = evaluate(p, from_file(a.plan, [&] { return read_plan(a.plan, in, a.input_format); }));
    report::ReportOptions options;
    options.title = a.title;
    std::optional<report::RouteGeometry> geometry;
    if (!a.straight) geometry = report::problem_road_geometry(p, ev.schedule, std::filesystem::path(a.problem).parent_path());
    if (geometry) options.geometry = &*geometry;
    if (!a.sim.empty()) {
        // The executed plan is scored on its as-executed problem: that gives its actual times.
        const std::string sim_problem = a.sim_problem.empty() ? executed_problem_path(a.sim) : a.sim_problem;
        const Problem executed_problem = from_file(sim_problem, [&] { return load_problem(sim_problem); });
        const Evaluation actual = evaluate(executed_problem, from_file(a.sim, [&] { return load_plan(a.sim, executed_problem); }));
        const std::optional<Plan> day = in_problem_terms(p, executed_problem, actual.schedule);
        if (!day) throw input_error("--sim", "the executed day is of another problem (its technicians, jobs or shifts are not PROBLEM's)");
        options.extras = simulate::planned_against_actual(p, ev.schedule, *day, false);
    }
    if (!a.before.empty()) add_cascade(p, from_file(a.before, [&] { return read_plan(a.before, in, a.input_format); }), ev, options.extras);
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
         app.add_option("--before", a->before,
                        "an earlier plan of the same problem: the cascade diff (bumped, moved, newly missed windows and SLAs)");
         app.add_option("--sim", a->sim, "an executed day from fsd simulate: drawn behind the plan, planned against actual");
         app.add_option("--sim-problem", a->sim_problem, "its as-executed problem (default: the --sim file's name .problem.json)");
         return std::function<int()>([a] { return run_report(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
