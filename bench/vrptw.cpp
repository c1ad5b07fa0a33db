// fsd-bench-vrptw: runs the solver on every Solomon-format instance of a folder for a fixed wall
// time each, writes CVRPLIB solutions and results.csv, and prints one summary line. Every
// solution is re-checked by the independent evaluator; score with ../shared/tools/vrptw_score.py.
#include <fmt/core.h>
#include <fmt/os.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "fsd/io/solomon.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/solver/operator_catalog.hpp"
#include "fsd/solver/solve.hpp"

namespace bench_vrptw {
namespace fs = std::filesystem;
using namespace fsd;

namespace {

struct Args {
    std::string instances, out, objective = "distance", bks, only;
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    int threads = 1;
};

std::map<std::string, double> read_bks(const std::string& path, const std::string& column) {
    std::map<std::string, double> out;
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    std::vector<std::string> cols;
    for (std::size_t a = 0, b; a <= header.size(); a = b + 1) {
        b = header.find(',', a);
        if (b == std::string::npos) b = header.size();
        cols.push_back(header.substr(a, b - a));
    }
    const auto col = std::find(cols.begin(), cols.end(), column) - cols.begin();
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> f;
        for (std::size_t a = 0, b; a <= line.size() && f.size() <= static_cast<std::size_t>(col); a = b + 1) {
            b = line.find(',', a);
            if (b == std::string::npos) b = line.size();
            f.push_back(line.substr(a, b - a));
        }
        if (f.size() > static_cast<std::size_t>(col)) out[f[0]] = std::stod(f[col]);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Args a;
    CLI::App app{"Run the fsd solver on a folder of Solomon-format VRPTW instances"};
    app.add_option("--instances", a.instances, "folder of *.txt instances")->required();
    app.add_option("--out", a.out, "folder for NAME.sol and results.csv")->required();
    app.add_option("--time-limit", a.time_limit, "seconds of wall time per instance")->capture_default_str();
    app.add_option("--seed", a.seed)->capture_default_str();
    app.add_option("--threads", a.threads, "only 1 is supported")->check(CLI::Range(1, 1))->capture_default_str();
    app.add_option("--objective", a.objective)->check(CLI::IsMember({"distance", "hierarchical"}))->capture_default_str();
    app.add_option("--bks", a.bks, "optional BKS csv, for a quick gap in the summary (the checker is the reference)");
    app.add_option("--only", a.only, "run only instances whose name starts with this");
    solver::SolverParams tuning;
    app.add_option("--t0", tuning.annealing.start_temperature, "start temperature (x average arc cost)")->capture_default_str();
    app.add_option("--tf", tuning.annealing.end_temperature, "end temperature (x average arc cost)")->capture_default_str();
    app.add_option("--destroy", tuning.destroy_operators, "destroy operators")->capture_default_str();
    app.add_option("--repair", tuning.repair_operators, "repair operators")->capture_default_str();
    app.add_option("--blink", tuning.blink_rate)->capture_default_str();
    app.add_option("--ls-rate", tuning.local_search_rate, "share of iterations followed by local search")->capture_default_str();
    app.add_option("--granularity", tuning.ls.granularity)->capture_default_str();
    app.add_option("--granular-insertion", tuning.granular_insertion)->capture_default_str();
    app.add_option("--intra-span", tuning.ls.limits.max_intra_span)->capture_default_str();
    app.add_option("--or-opt-max", tuning.ls.or_opt_max_chain)->capture_default_str();
    app.add_option("--or-opt-reversed", tuning.ls.or_opt_reversed)->capture_default_str();
    app.add_option("--ls-gate", tuning.local_search_gate, "local search only within this fraction of the pre-destroy cost");
    app.add_option("--removed", tuning.strings.average_removed, "SISR average removed jobs")->capture_default_str();
    app.add_option("--string-length", tuning.strings.max_string_length, "SISR maximum string length")->capture_default_str();
    app.add_option("--swap-chains", tuning.ls.swap_chains_max, "exchange runs of up to N jobs between routes (0: off)")
        ->capture_default_str();
    app.add_option("--run-length", tuning.run_iterations_per_job, "iterations per job of each annealing run (0: one run)")
        ->capture_default_str();
    app.add_option("--last-share", tuning.last_run_share, "share of the time for the last run from the best")->capture_default_str();
    app.add_option("--last-t0", tuning.last_run_start_temperature, "start temperature of the last run")->capture_default_str();
    app.add_option("--two-opt-reversed", tuning.ls.two_opt_reversed, "2-opt between routes with reversal")->capture_default_str();
    app.add_option("--warp", tuning.warp.runs, "annealing runs through time-warp-penalised states: 0 none, 1 every second, 2 all")
        ->capture_default_str();
    app.add_option("--warp-initial", tuning.warp.initial, "starting time-warp price")->capture_default_str();
    app.add_option("--warp-target", tuning.warp.target_feasible, "target share of feasible iterations")->capture_default_str();
    app.add_option("--warp-interval", tuning.warp.interval, "iterations between price changes")->capture_default_str();
    app.add_option("--warp-repair", tuning.warp.repair_factor, "price factor of the repair local search (0: none)")->capture_default_str();
    app.add_option("--iterations", tuning.max_iterations, "stop each run after this many iterations (deterministic)");
    bool weights = false;
    app.add_flag("--weights", weights, "print final operator weights and local-search moves (improvements/tries) per instance");
    CLI11_PARSE(app, argc, argv);

    const bool hier = a.objective == "hierarchical";
    // Operator names are input: a misspelt one is an error, not an operator quietly left out.
    if (const auto errors = solver::check_operator_names(tuning, hier ? ObjectiveKind::hierarchical : ObjectiveKind::distance);
        !errors.empty()) {
        for (const auto& e : errors) fmt::print(stderr, "error: {} (--destroy / --repair)\n", e.to_string());
        return 2;
    }

    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(a.instances))
        if (f.path().extension() == ".txt" && f.path().stem().string().rfind(a.only, 0) == 0) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    fs::create_directories(a.out);
    const auto bks = a.bks.empty() ? std::map<std::string, double>{} : read_bks(a.bks, "bks_distance_dist");

    auto csv = fmt::output_file((fs::path(a.out) / "results.csv").string());
    csv.print("instance,cost,vehicles,seconds,iterations,feasible\n");
    double total_cost = 0, gap_sum = 0, seconds = 0;
    int vehicles = 0, infeasible = 0, gaps = 0;
    for (const auto& file : files) {
        SolomonOptions so;
        so.objective = hier ? ObjectiveKind::hierarchical : ObjectiveKind::distance;
        const Problem p = load_solomon(file, so);
        solver::SolverParams params = tuning;
        params.time_limit_seconds = tuning.max_iterations == solver::SolverParams{}.max_iterations ? a.time_limit : 1e9;
        params.seed = a.seed;
        params.threads = a.threads;
        const auto t0 = std::chrono::steady_clock::now();
        const auto result = solver::solve(p, params);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto ev = evaluate(p, result.plan);
        const bool ok = ev.feasible() && ev.kpis.jobs_assigned == static_cast<int>(p.jobs.size());
        const std::string name = file.stem().string();
        std::ofstream(fs::path(a.out) / (name + ".sol")) << to_cvrplib(p, result.plan, ev.kpis.distance_in_source_units);
        csv.print("{},{:.1f},{},{:.2f},{},{}\n", name, ev.kpis.distance_in_source_units, ev.kpis.routes_used, secs, result.final.iteration,
                  ok ? 1 : 0);
        total_cost += ev.kpis.distance_in_source_units;
        vehicles += ev.kpis.routes_used;
        seconds += secs;
        infeasible += ok ? 0 : 1;
        std::string gap;
        if (auto it = bks.find(name); it != bks.end()) {
            const double g = 100.0 * (ev.kpis.distance_in_source_units - it->second) / it->second;
            gap_sum += g;
            ++gaps;
            gap = fmt::format(" gap {:+.3f}%", g);
        }
        fmt::print(stderr, "{:10s} cost {:9.1f} veh {:3d} it {:8d} {:5.2f}s{}{}\n", name, ev.kpis.distance_in_source_units,
                   ev.kpis.routes_used, result.final.iteration, secs, gap, ok ? "" : " INFEASIBLE");
        if (weights) {
            for (const auto& [op, w] : result.destroy_weights) fmt::print(stderr, "  {}={:.2f}", op, w);
            for (const auto& [op, w] : result.repair_weights) fmt::print(stderr, "  {}={:.2f}", op, w);
            fmt::print(stderr, "\n ");
            for (const auto& m : result.move_stats) fmt::print(stderr, "  {} {}/{}", m.name, m.improvements, m.tries);
            fmt::print(stderr, "\n");
        }
    }
    fmt::print("{} instances, {:.1f}s each: total distance {:.1f}, vehicles {}, infeasible {}, {:.1f}s in all{}\n", files.size(),
               a.time_limit, total_cost, vehicles, infeasible, seconds,
               gaps ? fmt::format(", mean gap {:.3f}% over {}", gap_sum / gaps, gaps) : std::string());
    return infeasible ? 1 : 0;
}

}  // namespace bench_vrptw
