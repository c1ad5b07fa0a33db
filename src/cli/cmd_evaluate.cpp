// fsd evaluate PROBLEM PLAN: re-derives the plan's times, lists every violation and the KPIs.
// Exit 0 when feasible, 2 when the plan violates hard constraints or cannot be read.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"

namespace fsd::cli {
namespace {

const Register evaluate_command{
    {"evaluate", "Check a plan against its problem: violations and KPIs", [](CLI::App& app) {
         auto problem = std::make_shared<std::string>();
         auto plan = std::make_shared<std::string>();
         auto json = std::make_shared<bool>(false);
         app.add_option("PROBLEM", *problem, "problem file (.json or Solomon .txt)")->required();
         app.add_option("PLAN", *plan, "plan file (.json, or CVRPLIB .sol for benchmark instances)")->required();
         app.add_flag("--json", *json, "print one JSON object: feasible, violations, kpis");
         return std::function<int()>([=] {
             const Problem p = load_problem(*problem);
             const Plan pl = load_plan(*plan, p);
             const Evaluation ev = evaluate(p, pl);
             if (*json) {
                 Json out = {
                     {"feasible", ev.feasible()}, {"violations", violations_to_json(ev.violations)}, {"kpis", kpis_to_json(p, ev.kpis)}};
                 fmt::print("{}\n", out.dump());
             } else {
                 fmt::print("{}", format_plan_text(p, ev));
                 fmt::print("{}\n", ev.feasible() ? "feasible" : "INFEASIBLE");
             }
             return ev.feasible() ? exit_ok : exit_input;
         });
     }}};

}  // namespace
}  // namespace fsd::cli
