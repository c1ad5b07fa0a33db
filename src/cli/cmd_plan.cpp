// fsd plan PROBLEM -o PLAN: plans the problem and writes the plan with its KPIs.
#include <fmt/core.h>

#include "command.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/solver/baseline.hpp"

namespace fsd::cli {
namespace {

struct PlanArgs {
    std::string problem;
    std::string output;
    std::string planner = "baseline";
    bool quiet = false;
};

const Register plan_command{{"plan", "Plan a problem: routes for every technician-shift, and why any job is left out",
    [](CLI::App& app) {
        auto a = std::make_shared<PlanArgs>();
        app.add_option("PROBLEM", a->problem, "problem file (.json or Solomon .txt)")->required();
        app.add_option("-o,--output", a->output, "plan file to write (.json, or .sol for CVRPLIB)")->required();
        app.add_option("--planner", a->planner, "baseline: greedy nearest-qualified insertion, the manual reference")
            ->check(CLI::IsMember({"baseline"}))
            ->capture_default_str();
        app.add_flag("-q,--quiet", a->quiet, "print only the KPIs");
        return std::function<int()>([a] {
            const Problem p = load_problem(a->problem);
            const Plan plan = plan_baseline(p);
            const Evaluation ev = evaluate(p, plan);
            write_json_file(a->output, plan_to_json(p, ev.schedule, &ev));
            fmt::print("{}", a->quiet ? format_kpis_text(p, ev.kpis) : format_plan_text(p, ev));
            fmt::print("wrote {}\n", a->output);
            return ev.feasible() ? exit_ok : exit_internal;
        });
    }}};

}  // namespace
}  // namespace fsd::cli
