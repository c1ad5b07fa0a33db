// fsd evaluate PROBLEM PLAN: re-derives the plan's times, lists every violation and the KPIs.
// Exit 0 when feasible, 2 when the plan violates hard constraints or cannot be read. With
// --input-format vroom, a VROOM problem and a VROOM solution: fsd's evaluator as a checker.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "input_format.hpp"

namespace fsd::cli {
namespace {

const Register evaluate_command{
    {"evaluate", "Check a plan against its problem: violations and KPIs", [](CLI::App& app) {
         auto problem = std::make_shared<std::string>();
         auto plan = std::make_shared<std::string>();
         auto json = std::make_shared<bool>(false);
         auto format = std::make_shared<std::string>("fsd");
         app.add_option("PROBLEM", *problem, "problem file (.json or Solomon .txt)")->required();
         app.add_option("PLAN", *plan, "plan file (.json, or CVRPLIB .sol for benchmark instances)")->required();
         app.add_flag("--json", *json, "print one JSON object: feasible, violations, already_broken, kpis");
         add_input_format(app, *format, "the problem and the plan (a VROOM solution)");
         return std::function<int()>([=] {
             const VroomProblem in = read_problem(*problem, *format);
             const Problem& p = in.problem;
             const Plan pl = read_plan(*plan, in, *format);
             Evaluation ev = evaluate(p, pl);
             if (*format == "vroom") {  // name the solution's steps, not the stops fsd read from them
                 const Json solution = read_json_file(*plan);
                 for (auto* list : {&ev.violations, &ev.already_broken})
                     for (Violation& v : *list) v.where = vroom_solution_path(solution, v.where);
             }
             if (*json) {
                 Json out = {{"feasible", ev.feasible()},
                             {"violations", violations_to_json(ev.violations)},
                             {"already_broken", violations_to_json(ev.already_broken)},
                             {"kpis", kpis_to_json(p, ev.kpis)}};
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
