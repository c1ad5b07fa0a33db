// fsd validate FILE: reads a problem (or, with --plan, a plan against a problem) and lists every
// defect with its JSON path. Exit 2 when there is any. Warnings (lapsed certificates, people or
// jobs nobody can match) are printed but do not fail it. --input-format vroom reads VROOM's JSON.
#include <fmt/core.h>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/model/warnings.hpp"
#include "input_format.hpp"

namespace fsd::cli {
namespace {

const Register validate_command{{"validate", "Check a problem file (or a plan against a problem); exit 2 on any defect", [](CLI::App& app) {
                                     auto file = std::make_shared<std::string>();
                                     auto plan = std::make_shared<std::string>();
                                     auto format = std::make_shared<std::string>("fsd");
                                     app.add_option("FILE", *file, "problem file (.json, or a Solomon .txt)")->required();
                                     app.add_option("--plan", *plan, "also check this plan file against the problem");
                                     add_input_format(app, *format, "the problem and the plan (a VROOM solution)");
                                     return std::function<int()>([file, plan, format] {
                                         const VroomProblem in = read_problem(*file, *format);
                                         const Problem& problem = in.problem;
                                         if (!plan->empty()) {
                                             const Plan p = read_plan(*plan, in, *format);
                                             const auto ev = evaluate(problem, p);
                                             if (!ev.feasible()) {
                                                 fmt::print(stderr, "error: plan has {} violation(s)\n", ev.violations.size());
                                                 for (const auto& v : ev.violations)
                                                     fmt::print(stderr, "  {}: {} ({})\n", v.where, v.message, to_string(v.kind));
                                                 return exit_input;
                                             }
                                         }
                                         fmt::print("{}: valid ({} technicians, {} jobs, {} day(s))\n", *file, problem.technicians.size(),
                                                    problem.jobs.size(), problem.horizon.days);
                                         for (const auto& w : problem_warnings(problem)) fmt::print("warning: {}\n", w.to_string());
                                         return exit_ok;
                                     });
                                 }}};

}  // namespace
}  // namespace fsd::cli
