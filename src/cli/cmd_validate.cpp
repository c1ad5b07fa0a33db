// fsd validate FILE: reads a problem (or, with --plan, a plan against a problem) and lists every
// defect with its JSON path. Exit 2 when there is any. Warnings (lapsed certificates, people or
// jobs nobody can match) are printed but do not fail it.
#include <fmt/core.h>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/model/warnings.hpp"

namespace fsd::cli {
namespace {

const Register validate_command{{"validate", "Check a problem file (or a plan against a problem); exit 2 on any defect", [](CLI::App& app) {
                                     auto file = std::make_shared<std::string>();
                                     auto plan = std::make_shared<std::string>();
                                     app.add_option("FILE", *file, "problem file (.json, or a Solomon .txt)")->required();
                                     app.add_option("--plan", *plan, "also check this plan file against the problem");
                                     return std::function<int()>([file, plan] {
                                         const Problem problem = load_problem(*file);
                                         if (!plan->empty()) {
                                             const Plan p = load_plan(*plan, problem);
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
