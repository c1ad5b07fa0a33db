// fsd plan PROBLEM -o PLAN: plans the problem and writes the plan with its KPIs, in fsd's format
// or VROOM's (--input-format / --output-format vroom, see fsd/io/vroom.hpp).
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "fsd/baseline/baseline.hpp"
#include "fsd/io/json.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/io/vroom.hpp"
#include "fsd/solver/solve.hpp"
#include "input_format.hpp"
#include "progress.hpp"

namespace fsd::cli {
namespace {

struct PlanArgs {
    std::string problem;
    std::string output;
    std::string warm_start;
    std::string planner = "alns";
    std::string input_format = "fsd";
    std::string output_format = "fsd";
    double time_limit = 10.0;
    std::uint64_t iterations = 0;
    std::uint64_t seed = 1;
    int threads = 1;
    bool quiet = false;
    bool no_progress = false;
};

Plan run_planner(const Problem& p, const PlanArgs& a) {
    if (a.planner == "baseline") return plan_baseline(p);
    solver::SolverParams params;
    params.time_limit_seconds = a.time_limit;
    params.seed = a.seed;
    params.threads = a.threads;
    if (a.iterations > 0) params.max_iterations = a.iterations;
    if (!a.warm_start.empty()) params.warm_start = load_plan(a.warm_start, p);
    ProgressLine progress(p);
    if (!a.no_progress) params.on_progress = [&progress](const solver::Progress& pr) { return progress(pr); };
    Plan plan = solver::solve(p, params).plan;
    if (!a.no_progress) progress.finish();
    return plan;
}

bool writes_cvrplib(const PlanArgs& a) {
    return a.output_format != "vroom" && std::filesystem::path(a.output).extension() == ".sol";
}

// A CVRPLIB solution names customers by number and has no breaks: one of another problem could
// not be read back (fsd evaluate), so it is refused before the work, at -o.
void require_cvrplib_fits(const Problem& p) {
    for (const Job& j : p.jobs)
        if (j.id.empty() || j.id.find_first_not_of("0123456789") != std::string::npos)
            throw input_error("-o", "a CVRPLIB .sol names customers by number, and job \"" + j.id + "\" has another id: write .json");
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts)
            if (!s.breaks.empty())
                throw input_error("-o", "a CVRPLIB .sol has no breaks, and technician " + t.id + " has some: write .json");
}

void write_plan(const VroomProblem& in, const Evaluation& ev, const PlanArgs& a) {
    const Problem& p = in.problem;
    const std::string& path = a.output;
    if (a.output_format == "vroom")
        write_json_file(path, plan_to_vroom(p, ev, a.input_format == "vroom" ? &in.context : nullptr));
    else if (writes_cvrplib(a))
        std::ofstream(path) << to_cvrplib(p, ev.schedule, ev.kpis.distance_in_source_units);
    else
        write_json_file(path, plan_to_json(p, ev.schedule, &ev));
}

const Register plan_command{
    {"plan", "Plan a problem: routes for every technician-shift, and why any job is left out", [](CLI::App& app) {
         auto a = std::make_shared<PlanArgs>();
         app.add_option("PROBLEM", a->problem, "problem file (.json or Solomon .txt)")->required();
         app.add_option("-o,--output", a->output, "plan file to write (.json, or .sol for CVRPLIB)")->required();
         add_input_format(app, a->input_format, "the problem");
         app.add_option("--output-format", a->output_format, "fsd: fsd's plan format (or CVRPLIB .sol); vroom: VROOM's solution JSON")
             ->check(CLI::IsMember({"fsd", "vroom"}))
             ->capture_default_str();
         app.add_option("--planner", a->planner, "alns: the optimiser; baseline: greedy nearest-qualified insertion, the manual reference")
             ->check(CLI::IsMember({"alns", "baseline"}))
             ->capture_default_str();
         app.add_option("--time-limit", a->time_limit, "seconds the optimiser may run")
             ->capture_default_str()
             ->check(number_in(0.001, 1e6));
         app.add_option("--iterations", a->iterations, "stop after this many iterations (reproducible across machines)")
             ->check(number_in(1, 1e12));
         app.add_option("--seed", a->seed, "random seed")->capture_default_str();
         app.add_option("--threads", a->threads, "independent searches in parallel; the best plan wins")
             ->check(number_in(1, 256))
             ->capture_default_str();
         app.add_option("--warm-start", a->warm_start, "start from this plan");
         app.add_flag("--no-progress", a->no_progress, "no progress line on stderr");
         app.add_flag("-q,--quiet", a->quiet, "print only the KPIs");
         return std::function<int()>([a] {
             const VroomProblem in = read_problem(a->problem, a->input_format);
             const Problem& p = in.problem;
             if (writes_cvrplib(*a)) require_cvrplib_fits(p);
             const Evaluation ev = evaluate(p, run_planner(p, *a));
             write_plan(in, ev, *a);
             fmt::print("{}", a->quiet ? format_kpis_text(p, ev.kpis) : format_plan_text(p, ev));
             fmt::print("wrote {}\n", a->output);
             if (!ev.feasible()) fmt::print(stderr, "internal error: the planner produced an infeasible plan\n");
             return ev.feasible() ? exit_ok : exit_internal;
         });
     }}};

}  // namespace
}  // namespace fsd::cli
