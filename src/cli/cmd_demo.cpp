// fsd demo: the embedded example. Generates the default metro scenario (12 technicians, ~47
// jobs), plans it with the optimiser, and prints the plan and its KPIs next to the manual
// baseline's.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/scenario/road_sites.hpp"
#include "fsd/solver/baseline.hpp"
#include "fsd/solver/solve.hpp"
#include "progress.hpp"

namespace fsd::cli {
namespace {

void compare(const Problem& p, const Kpis& base, const Kpis& opt) {
    fmt::print("\nOptimiser vs manual baseline (same problem, same evaluator)\n");
    fmt::print("  {:<22} {:>12} {:>12}\n", "", "baseline", "optimiser");
    fmt::print("  {:<22} {:>12} {:>12}\n", "jobs assigned", base.jobs_assigned, opt.jobs_assigned);
    fmt::print("  {:<22} {:>12} {:>12}\n", "travel time", format_duration(base.travel_time), format_duration(opt.travel_time));
    fmt::print("  {:<22} {:>12.1f} {:>12.1f}\n", "distance (km)", base.distance_in_source_units, opt.distance_in_source_units);
    fmt::print("  {:<22} {:>12} {:>12}\n", "overtime", format_duration(base.overtime), format_duration(opt.overtime));
    fmt::print("  {:<22} {:>12.1f} {:>12.1f}\n", "on time %", base.on_time_pct, opt.on_time_pct);
    fmt::print("  {:<22} {:>12} {:>12}\n", "cost", cost_text(p, base.cost), cost_text(p, opt.cost));
}

const Register demo_command{{"demo", "Plan the embedded example scenario and print the plan and its KPIs", [](CLI::App& app) {
                                 auto seed = std::make_shared<std::uint64_t>(1);
                                 auto seconds = std::make_shared<double>(3.0);
                                 auto out = std::make_shared<std::string>();
                                 auto roads = std::make_shared<std::string>();
                                 app.add_option("--seed", *seed, "scenario and solver seed")->capture_default_str();
                                 app.add_option("--roads", *roads, "place the scenario on this road network (real travel times)");
                                 app.add_option("--time-limit", *seconds, "seconds for the optimiser")->capture_default_str();
                                 app.add_option("--write-problem", *out, "also write the scenario as a problem file");
                                 return std::function<int()>([=] {
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
                                     return ev.feasible() ? exit_ok : exit_internal;
                                 });
                             }}};

}  // namespace
}  // namespace fsd::cli
