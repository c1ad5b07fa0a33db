// fsd simulate PROBLEM --policy NAME --seed S: runs the day under a dispatch policy against a
// seeded truth (docs/simulate.md) and writes the executed day as a plan with the actual times,
// with the as-executed problem that `fsd evaluate` scores it on; optionally the morning plan and
// an HTML report of planned against actual. Prints the day's KPIs (--json: one JSON object).
#include <algorithm>

#include <fmt/core.h>

#include "command.hpp"
#include "executed_paths.hpp"
#include "fsd/io/json.hpp"
#include "fsd/simulate/day_kpis.hpp"
#include "fsd/simulate/day_problem.hpp"
#include "fsd/simulate/executed_day.hpp"
#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/recorded.hpp"
#include "fsd/simulate/sim_report.hpp"
#include "fsd/simulate/simulator.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

struct SimulateArgs {
    std::string problem;
    std::string policy;
    std::string output;
    std::string executed_problem;
    std::string planned;
    std::string report;
    std::string rush_hour;
    std::string recorded;
    simulate::SimParams sim;
    simulate::PolicyParams policy_params;
    double eta_margin_min = 15;
    std::optional<double> bring_forward_within_min, not_today_notice_min;
    bool exact = false;
    bool no_arrivals = false;
    bool json = false;
};

std::string default_output(const SimulateArgs& a) {
    return std::filesystem::path(a.problem).stem().string() + "." + a.policy + ".executed.json";
}

simulate::TruthParams truth_of(const SimulateArgs& a) {
    simulate::TruthParams t = a.exact ? simulate::TruthParams::exact() : a.sim.truth;
    if (a.no_arrivals) t.arrivals = false;
    if (!a.rush_hour.empty()) t.rush_hour = load_rush_hour_profile(a.rush_hour);
    return t;
}

void check_rates(const simulate::TruthParams& t) {
    std::vector<InputError> errors;
    auto share = [&](const char* option, double v) {
        if (!(v >= 0 && v <= 1)) errors.push_back({option, fmt::format("must be in [0, 1], got {}", v)});
    };
    share("--cancel-rate", t.cancellation_rate);
    share("--not-home-rate", t.not_home_rate);
    if (!(t.travel_sigma >= 0 && t.travel_sigma <= 2)) errors.push_back({"--travel-sigma", "must be in [0, 2]"});
    if (!(t.duration_spread >= 0 && t.duration_spread <= 5)) errors.push_back({"--duration-spread", "must be in [0, 5]"});
    if (!errors.empty()) throw InputErrors(std::move(errors));
}

// The policy options, each a finite number in its range (NaN compares false, so it fails too).
void check_policy_options(SimulateArgs& a) {
    std::vector<InputError> errors;
    const double per_job = a.policy_params.optimiser.iterations_per_job;
    if (!(per_job > 0 && per_job <= 1e6)) errors.push_back({"--iterations-per-job", "must be more than 0 and at most 1000000"});
    if (!(a.eta_margin_min >= 0 && a.eta_margin_min <= 240)) errors.push_back({"--eta-margin", "must be 0 to 240 minutes"});
    const auto minutes_option = [&errors](const char* option, std::optional<double> m, std::optional<Duration>& out) {
        if (!m) return;
        if (!(*m >= 0 && *m <= 24 * 60))
            errors.push_back({option, "must be 0 to 1440 minutes"});
        else
            out = Duration(std::llround(*m * 60));
    };
    minutes_option("--bring-forward-within", a.bring_forward_within_min, a.policy_params.live.bring_forward_within);
    minutes_option("--not-today-notice", a.not_today_notice_min, a.policy_params.live.not_today_notice);
    if (!errors.empty()) throw InputErrors(std::move(errors));
    a.policy_params.eta_margin = Duration(std::llround(a.eta_margin_min * 60));
}

// The morning plan as the policy made it. One made on other durations than the problem's planning
// quantile (optimiser-mean, live-p50, --pooled) states times that do not hold at that quantile:
// it is written with its times re-derived there, in the same order, so that fsd evaluate scores it.
Plan morning_plan_file(const Problem& p, const Plan& planned) {
    const Evaluation stated = evaluate(p, planned);
    if (std::none_of(stated.violations.begin(), stated.violations.end(),
                     [](const Violation& v) { return v.kind == ViolationKind::schedule; }))
        return planned;
    Plan order = planned;
    for (Route& r : order.routes) {
        r.departure = r.return_time = TimePoint::min();
        for (Stop& s : r.stops) s.arrival = s.start = s.end = TimePoint::min();
    }
    return evaluate(p, order).schedule;
}

// The recording of the whole problem's jobs, for the day's: entries for other days' jobs go unused.
simulate::RecordedDay recorded_for_day(const simulate::RecordedDay& whole, const simulate::DayProblem& cut) {
    simulate::RecordedDay day;
    day.jobs.resize(cut.problem.jobs.size());
    for (JobIndex j : cut.problem.jobs.indices()) day.jobs[j] = whole.jobs[cut.original[j]];
    return day;
}

int run_simulate(SimulateArgs a) {
    if (a.output.empty()) a.output = default_output(a);
    if (a.executed_problem.empty()) a.executed_problem = executed_problem_path(a.output);
    require_distinct({{"PROBLEM", a.problem}, {"--recorded", a.recorded}, {"--rush-hour", a.rush_hour}},
                     {{"-o", a.output}, {"--executed-problem", a.executed_problem}, {"--planned", a.planned}, {"--report", a.report}});
    require_writable(a.output, "-o");
    require_writable(a.executed_problem, "--executed-problem");
    if (!a.planned.empty()) require_writable(a.planned, "--planned");
    if (!a.report.empty()) require_writable(a.report, "--report");
    a.sim.truth = truth_of(a);
    check_rates(a.sim.truth);
    check_policy_options(a);
    const Problem whole = load_problem(a.problem);
    if (a.sim.day < 0 || a.sim.day >= whole.horizon.days)
        throw input_error("--day", fmt::format("the horizon has days 0 to {}", whole.horizon.days - 1));
    // The day's shifts and jobs only: the KPIs, the executed day and the report are that day's.
    const simulate::DayProblem cut = from_file(a.problem, [&] { return simulate::day_problem(whole, a.sim.day); });
    const Problem& p = cut.problem;
    if (!a.recorded.empty()) {
        simulate::RecordedScope scope{simulate::day_over(whole, a.sim.day), std::vector<char>(whole.jobs.size(), 0)};
        for (const JobIndex j : cut.original) scope.on_day[j.value()] = 1;
        a.sim.truth.recorded = recorded_for_day(simulate::load_recorded_day(whole, a.recorded, scope), cut);
    }
    a.policy_params.optimiser.seed = a.sim.seed;
    std::unique_ptr<simulate::Policy> policy;
    try {
        policy = simulate::make_policy(a.policy, a.policy_params);
    } catch (const std::invalid_argument& e) {
        throw input_error("--policy", e.what());
    }

    const simulate::SimulationResult result = simulate::simulate_day(p, *policy, a.sim);
    const simulate::ExecutedDay day = simulate::executed_day(p, result);
    const Evaluation executed = evaluate(day.problem, day.plan);
    const simulate::DayKpis kpis = simulate::day_kpis(p, result);
    Evaluation scored = executed;
    scored.eta.clear();  // ETA windows are a planning notion; the file states what happened
    write_json_file(a.output, plan_to_json(day.problem, day.plan, &scored));
    write_json_file(a.executed_problem, problem_to_json(day.problem));
    if (!a.planned.empty())  // read with PROBLEM, as the docs have it: the whole problem's indices
        write_json_file(a.planned, plan_to_json(whole, simulate::whole_plan(cut, whole, morning_plan_file(p, result.planned))));
    if (!a.report.empty()) {
        report::ReportOptions options;
        options.title = fmt::format("{}: simulated with {} (seed {})", p.name, result.policy, a.sim.seed);
        options.extras = simulate::planned_against_actual(p, result.planned, executed.schedule, true);
        options.extras.sections.insert(options.extras.sections.begin(), simulate::day_kpis_section(kpis, result.policy));
        write_text(a.report, report::html_report(day.problem, executed, options));
    }

    if (a.json) {
        Json out = {{"policy", result.policy},
                    {"seed", a.sim.seed},
                    {"kpis", simulate::day_kpis_to_json(kpis)},
                    {"executed_plan", a.output},
                    {"executed_problem", a.executed_problem}};
        fmt::print("{}\n", out.dump());
        return exit_ok;
    }
    fmt::print("{} under {} (truth seed {}):\n", p.name, result.policy, a.sim.seed);
    for (const auto& [what, value] : simulate::describe(kpis)) fmt::print("  {:<34} {}\n", what, value);
    fmt::print("wrote {} (the executed day) and {}; score it with: fsd evaluate {} {}\n", a.output, a.executed_problem, a.executed_problem,
               a.output);
    if (!a.report.empty()) fmt::print("wrote {} (planned against actual)\n", a.report);
    return exit_ok;
}

std::string policy_list() {
    std::string out;
    for (auto n : simulate::policy_names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

std::vector<std::string> policy_choices() {
    return {simulate::policy_names.begin(), simulate::policy_names.end()};
}

const Register simulate_command{
    {"simulate", "Run a day under a dispatch policy against a seeded reality and write what happened", [](CLI::App& app) {
         auto a = std::make_shared<SimulateArgs>();
         app.add_option("PROBLEM", a->problem, "problem file (.json)")->required();
         app.add_option("--policy", a->policy, "dispatch policy: " + policy_list())->required()->check(CLI::IsMember(policy_choices()));
         app.add_option("--seed", a->sim.seed, "seed of the truth (and of the optimiser)")->capture_default_str();
         app.add_option("-o,--output", a->output, "executed plan to write (default: PROBLEM-STEM.POLICY.executed.json)");
         app.add_option("--executed-problem", a->executed_problem, "as-executed problem to write (default: the plan's name .problem.json)");
         app.add_option("--planned", a->planned, "also write the morning plan (what the policy planned)");
         app.add_option("--report", a->report, "also write an HTML report: the executed day, with the plan behind it");
         app.add_option("--day", a->sim.day, "the horizon day to simulate")->capture_default_str();
         app.add_flag("--exact", a->exact, "a truth without noise, arrivals, cancellations or absent customers: the plan happens");
         app.add_option("--cancel-rate", a->sim.truth.cancellation_rate, "share of tickets cancelled during the day")
             ->capture_default_str();
         app.add_option("--not-home-rate", a->sim.truth.not_home_rate, "share of customers not at home")->capture_default_str();
         app.add_option("--travel-sigma", a->sim.truth.travel_sigma, "log-normal sigma of each leg's time")->capture_default_str();
         app.add_option("--duration-spread", a->sim.truth.duration_spread, "multiplies each job's log-normal sigma")->capture_default_str();
         app.add_flag("--no-arrivals", a->no_arrivals, "every ticket known in the morning");
         app.add_option("--rush-hour", a->rush_hour, "rush-hour profile (JSON, docs/travel.md) slowing the truth's travel");
         app.add_option("--recorded", a->recorded,
                        "a recorded day (JSON, docs/format.md): the jobs' real durations, absences and cancellations replace their "
                        "draws, to replay a real day");
         app.add_option("--iterations-per-job", a->policy_params.optimiser.iterations_per_job, "optimiser budget per known ticket")
             ->capture_default_str();
         app.add_option("--eta-margin", a->eta_margin_min, "minutes each side of the p50-p90 ETA window customers are told")
             ->capture_default_str();
         app.add_flag("--pooled", a->policy_params.live.pooled_durations,
                      "live: plan each job at its share of the p75 of a route, not at its own p75 (docs/simulate.md)");
         app.add_option_function<double>(
             "--bring-forward-within", [a](double m) { a->bring_forward_within_min = m; },
             "live: bring forward only customers whose window told opens within this many minutes (docs/simulate.md)");
         app.add_flag_callback(
             "--no-emergency-lane", [a] { a->policy_params.live.emergency_lane = false; },
             "live: place a new emergency in the same-day lane's cheapest slot, as other new work, not where the emergency "
             "lane recommends");
         app.add_flag_callback(
             "--never-tell-not-today", [a] { a->policy_params.live.tell_not_today = false; },
             "live: never tell a customer the day can no longer serve that it will not be today");
         app.add_option_function<double>(
             "--not-today-notice", [a](double m) { a->not_today_notice_min = m; },
             "live: also tell a customer the plan leaves out that it will not be today once the "
             "window they were told opens within this many minutes (docs/simulate.md)");
         app.add_flag_callback(
             "--free-bring-forward", [a] { a->policy_params.live.bring_forward_priced = false; },
             "live: bring customers forward at no cost in the re-plans, not at a broken promise's price (docs/simulate.md)");
         app.add_option_function<std::string>(
                "--technicians-judge-at", [a](const std::string& q) { a->sim.judge_at = quantile_named(q); },
                "the quantile technicians judge by whether a job still fits their shift plus overtime (default: the problem's "
                "planning quantile; docs/simulate.md)")
             ->check(CLI::IsMember({"p50", "p75", "p90"}));
         app.add_flag("--json", a->json, "print one JSON object: policy, seed, KPIs and the files written");
         return std::function<int()>([a] { return run_simulate(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
