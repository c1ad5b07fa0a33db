// fsd demo: the embedded example. Generates the default metro scenario (12 technicians, ~47
// jobs), plans it with the optimiser, and prints the plan and its KPIs next to the manual
// baseline's; with --report, also the plan as an HTML page (fsd report).
#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/baseline/baseline.hpp"
#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/report/route_geometry.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/scenario/road_sites.hpp"
#include "fsd/solver/solve.hpp"
#include "output_path.hpp"
#include "progress.hpp"

namespace fsd::cli {
namespace {

std::string sla_text(const Kpis& k, Urgency u) {
    const SlaKpis& s = k.sla[static_cast<int>(u)];
    return fmt::format("{}/{}", s.met, s.with_deadline);
}

int idle_technicians(const Kpis& k) {
    return static_cast<int>(std::count(k.jobs_per_technician.begin(), k.jobs_per_technician.end(), 0));
}

// Along the roads when the scenario is on a network (its path is relative to `here`).
void write_report(const Problem& p, const Evaluation& ev, const std::filesystem::path& here, const std::string& path) {
    const auto geometry = report::problem_road_geometry(p, ev.schedule, here);
    report::ReportOptions options;
    options.title = "fsd demo: " + p.name;
    options.geometry = geometry ? &*geometry : nullptr;
    std::ofstream(path, std::ios::binary) << report::html_report(p, ev, options);
    fmt::print("\nreport: {}\n", std::filesystem::absolute(path).string());
}

void compare(const Problem& p, const Kpis& base, const Kpis& opt) {
    fmt::print("\nOptimiser vs manual baseline (same problem, same evaluator)\n");
    auto row = [](const char* name, const std::string& a, const std::string& b) { fmt::print("  {:<26} {:>12} {:>12}\n", name, a, b); };
    row("", "baseline", "optimiser");
    row("jobs done", fmt::format("{}/{}", base.jobs_assigned, p.jobs.size()), fmt::format("{}/{}", opt.jobs_assigned, p.jobs.size()));
    row("utilisation", fmt::format("{:.1f}%", base.utilisation_pct), fmt::format("{:.1f}%", opt.utilisation_pct));
    row("on time", fmt::format("{:.1f}%", base.on_time_pct), fmt::format("{:.1f}%", opt.on_time_pct));
    row("emergencies within SLA", sla_text(base, Urgency::emergency), sla_text(opt, Urgency::emergency));
    row("emergency response (mean)", format_duration(base.emergency_response_mean), format_duration(opt.emergency_response_mean));
    row("same-day within SLA", sla_text(base, Urgency::same_day), sla_text(opt, Urgency::same_day));
    row("technicians idle all day", std::to_string(idle_technicians(base)), std::to_string(idle_technicians(opt)));
    row("travel time", format_duration(base.travel_time), format_duration(opt.travel_time));
    row("distance (km)", fmt::format("{:.1f}", base.distance_in_source_units), fmt::format("{:.1f}", opt.distance_in_source_units));
    row("overtime", format_duration(base.overtime), format_duration(opt.overtime));
    row("cost", cost_text(p, base.cost), cost_text(p, opt.cost));
}

// The emergency reported last: the one that lands on a day already under way.
std::optional<JobIndex> last_emergency(const Problem& p) {
    std::optional<JobIndex> last;
    for (JobIndex j : p.jobs.indices()) {
        const Job& job = p.jobs[j];
        if (job.urgency != Urgency::emergency || !job.reported_at) continue;
        if (!last || *job.reported_at > *p.jobs[*last].reported_at) last = j;
    }
    return last;
}

// The live story: the day planned without its last emergency, then the emergency called in at
// its time (a dispatch event), and what the re-plan does to everybody else's day.
void emergency_cascade(const Problem& p, solver::SolverParams params) {
    const auto e = last_emergency(p);
    if (!e) return;
    Json doc = problem_to_json(p);
    const Json spec = doc["jobs"][e->value()];
    doc["jobs"].erase(e->value());
    const Problem without = dispatch::reread_problem(doc, p);
    params.on_progress = nullptr;
    const Plan morning = solver::solve(without, params).plan;
    const TimePoint at = *p.jobs[*e].reported_at;
    dispatch::DispatchDay day = dispatch::begin_day(without, morning, dispatch::start_of_day(without), dispatch::DispatchParams{});
    dispatch::Event call;
    call.type = dispatch::EventType::job_added;
    call.at = at;
    call.job = p.jobs[*e].id;
    call.job_spec = spec;
    const dispatch::StepResult step = dispatch::apply_event(day, call);
    const Job& job = p.jobs[*e];
    fmt::print("\nLive: the day planned without {} ({}), then it is called in at {} with an SLA of {}. The re-plan:\n{}", job.id,
               job.job_type, format_clock(at), job.sla_deadline ? format_clock(*job.sla_deadline) : std::string("none"),
               dispatch::cascade_to_text(day.state.problem, step.cascade));
}

const Register demo_command{{"demo", "Plan the embedded example scenario and print the plan and its KPIs", [](CLI::App& app) {
                                 auto seed = std::make_shared<std::uint64_t>(1);
                                 auto seconds = std::make_shared<double>(3.0);
                                 auto out = std::make_shared<std::string>();
                                 auto roads = std::make_shared<std::string>();
                                 auto report_path = std::make_shared<std::string>();
                                 app.add_option("--seed", *seed, "scenario and solver seed")->capture_default_str();
                                 app.add_option("--roads", *roads, "place the scenario on this road network (real travel times)");
                                 app.add_option("--time-limit", *seconds, "seconds for the optimiser")->capture_default_str();
                                 app.add_option("--write-problem", *out, "also write the scenario as a problem file");
                                 app.add_option("--report", *report_path, "also write the plan as an HTML report (see fsd report)");
                                 return std::function<int()>([=] {
                                     if (!report_path->empty()) require_writable(*report_path, "--report");
                                     ScenarioOptions o;
                                     o.seed = *seed;
                                     const auto here = std::filesystem::current_path();
                                     const Problem p = roads->empty() ? generate_scenario(o) : generate_on_roads(o, *roads, here);
                                     fmt::print("Scenario: {} technicians, {} jobs, travel {}\n", p.technicians.size(), p.jobs.size(),
                                                roads->empty() ? "straight-line at city speed" : "by road on " + *roads);
                                     if (!out->empty()) write_json_file(*out, problem_to_json(p));
                                     const Evaluation base = evaluate(p, plan_baseline(p));
                                     solver::SolverParams params;
                                     params.time_limit_seconds = *seconds;
                                     params.seed = *seed;
                                     ProgressLine progress(p);
                                     params.on_progress = [&progress](const solver::Progress& pr) { return progress(pr); };
                                     const Evaluation ev = evaluate(p, solver::solve(p, params).plan);
                                     progress.finish();
                                     fmt::print("{}", format_plan_text(p, ev));
                                     compare(p, base.kpis, ev.kpis);
                                     emergency_cascade(p, params);
                                     if (!report_path->empty()) write_report(p, ev, here, *report_path);
                                     return ev.feasible() ? exit_ok : exit_internal;
                                 });
                             }}};

}  // namespace
}  // namespace fsd::cli
