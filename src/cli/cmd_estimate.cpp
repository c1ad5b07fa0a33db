// fsd estimate: fit duration models on history, report their calibration, watch for drift.
//   fsd estimate fit HISTORY -o MODEL        fsd estimate report MODEL HISTORY
//   fsd estimate evaluate [HISTORY]          fsd estimate drift MODEL HISTORY
#include <chrono>

#include <fmt/core.h>

#include "command.hpp"
#include "fsd/duration/calibration.hpp"
#include "fsd/duration/drift.hpp"
#include "fsd/duration/model_file.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/scenario/history.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

constexpr double p90_low = 0.88, p90_high = 0.92;

// The first day of the last `months` months of a history ending on `last`.
Date holdout_start(Date last, int months) {
    const CivilDate c = civil_from_date(last);
    const int index = c.year * 12 + static_cast<int>(c.month) - 1 - months;
    return Date{date_from_civil(index / 12, static_cast<unsigned>(index % 12) + 1, 1).days + c.day};
}

std::string range_text(const HistoryTable& t) {
    const auto r = history_date_range(t);
    return r ? format_date(r->first) + " .. " + format_date(r->second) : "-";
}

// Prints the calibration tables and whether p90 coverage meets the 0.88-0.92 target overall and
// for every job type with at least `min_rows` rows. `in_sample` marks a verdict on rows the model
// was trained on, which says little about held-out coverage.
void print_report(const DurationModel& model, const HistoryTable& rows, std::size_t min_rows, bool in_sample = false) {
    const auto report = calibrate(rows, predict_history(model, rows));
    const auto baseline = calibrate(rows, predict_history(model, rows, DurationPredictor::empirical));
    fmt::print("{}", format_calibration(report, &baseline, min_rows));
    std::size_t judged = 0, in_range = 0;
    std::string misses;
    for (const auto& g : report.job_types) {
        if (g.rows < min_rows) continue;
        ++judged;
        const double c = g.quantiles[2].coverage;
        if (c >= p90_low && c <= p90_high)
            ++in_range;
        else
            misses += fmt::format(" {} ({:.3f})", g.name, c);
    }
    const double overall = report.overall.quantiles[2].coverage;
    fmt::print(
        "\n{}p90 coverage target {:.2f}-{:.2f}: overall {:.3f} ({}); job types with >= {} rows: "
        "{}/{} in range{}\n",
        in_sample ? "IN-SAMPLE (not a held-out verdict): " : "", p90_low, p90_high, overall,
        overall >= p90_low && overall <= p90_high ? "in range" : "OUT of range", min_rows, in_range, judged,
        misses.empty() ? "" : "; out:" + misses);
}

void print_fit(const DurationModel& m, const DurationFitReport& rep, double seconds) {
    fmt::print(
        "fitted on {} rows ({} .. {}) in {:.2f} s: Model B for {} of {} job types ({} rows), "
        "Newton iterations p50/p75/p90 {}/{}/{}; {} technicians, prior {:.0f} jobs\n",
        m.training_rows, format_date(m.first_day), format_date(m.last_day), seconds, rep.regression_types, m.job_types.size(),
        rep.regression_rows, rep.final_fits[0].iterations, rep.final_fits[1].iterations, rep.final_fits[2].iterations, m.technicians.size(),
        m.technician_factors.prior_jobs);
}

DurationModel timed_fit(const HistoryTable& table, const DurationFitOptions& options) {
    DurationFitReport rep;
    const auto start = std::chrono::steady_clock::now();
    DurationModel model = fit_duration_model(table, options, &rep);
    print_fit(model, rep, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return model;
}

// The reference history of docs/durations.md: the same size as the fit-time benchmark.
HistoryOptions reference_history() {
    HistoryOptions o;
    o.rows = 1'000'000;
    return o;
}

struct EstimateArgs {
    std::string history, model, output, until, since;
    DurationFitOptions fit;
    std::size_t min_rows = 200;
    int holdout_months = 3;
    HistoryOptions generate = reference_history();
    DriftOptions drift;
};

void add_fit_options(CLI::App* app, EstimateArgs& a) {
    app->add_option("--min-regression-rows", a.fit.min_regression_rows, "job types with fewer rows use Model A only")
        ->capture_default_str()
        ->check(number_in(0, 1e9));
    app->add_option("--prior-rows", a.fit.empirical.prior_rows, "Model A shrinkage strength (rows)")
        ->capture_default_str()
        ->check(number_in(0, 1e6));
    app->add_option("--prior-jobs", a.fit.technician.prior_jobs, "technician shrinkage strength (jobs); 0 = estimate from the data")
        ->capture_default_str()
        ->check(number_in(0, 1e6));
}

int run_fit(EstimateArgs& a) {
    require_writable(a.output, "-o");
    HistoryTable table = read_history_csv(a.history);
    if (!a.until.empty()) {
        const Date until = date_option(a.until, "--until");
        table = table.filter([&](std::size_t i) { return table.completed_on[i] < until; });
    }
    if (table.size() == 0) throw input_error(a.history, "no rows to fit on");
    save_duration_model(timed_fit(table, a.fit), a.output);
    fmt::print("wrote {}\n", a.output);
    return exit_ok;
}

// Scores the rows after the model's training period unless --since says otherwise; rows inside
// the training period are in-sample and the verdict says so.
int run_report(EstimateArgs& a) {
    const DurationModel model = load_duration_model(a.model);
    HistoryTable table = read_history_csv(a.history);
    const Date since = a.since.empty() ? Date{model.last_day.days + 1} : date_option(a.since, "--since");
    table = table.filter([&](std::size_t i) { return table.completed_on[i] >= since; });
    if (table.size() == 0)
        throw input_error(a.history, a.since.empty() ? "no rows after the model's training period (it ends " + format_date(model.last_day) +
                                                           "); --since DATE scores earlier rows"
                                                     : "no rows to report on");
    std::size_t in_sample = 0;
    for (std::size_t i = 0; i < table.size(); ++i)
        in_sample += table.completed_on[i] >= model.first_day && table.completed_on[i] <= model.last_day;
    if (a.since.empty()) fmt::print("scoring only the {} rows after the training period (--since DATE to choose)\n", table.size());
    if (in_sample > 0)
        fmt::print(
            "WARNING: {} of the {} rows scored fall inside the training period: coverage on "
            "them is in-sample and overstates how well the model does on new jobs\n",
            in_sample, table.size());
    fmt::print("model {} (trained on {} .. {}); history {}: ", a.model, format_date(model.first_day), format_date(model.last_day),
               range_text(table));
    print_report(model, table, a.min_rows, in_sample > 0);
    return exit_ok;
}

int run_evaluate(EstimateArgs& a) {
    HistoryTable table;
    if (a.history.empty()) {
        table = generate_history(a.generate).table;
        fmt::print("generated history: {} rows, {} months, seed {}\n", table.size(), a.generate.months, a.generate.seed);
    } else {
        table = read_history_csv(a.history);
    }
    const auto range = history_date_range(table);
    if (!range) throw input_error(a.history, "no rows");
    const Date split = holdout_start(range->second, a.holdout_months);
    const HistorySplit parts = split_history(table, split);
    if (parts.before.size() == 0 || parts.from.size() == 0)
        throw input_error("--holdout-months", "leaves no rows to fit on or none to hold out");
    const DurationModel model = timed_fit(parts.before, a.fit);
    fmt::print("held out: last {} months, {} (time split at {}): ", a.holdout_months, range_text(parts.from), format_date(split));
    print_report(model, parts.from, a.min_rows);
    return exit_ok;
}

int run_drift(EstimateArgs& a) {
    const DurationModel model = load_duration_model(a.model);
    const HistoryTable table = read_history_csv(a.history);
    const auto range = history_date_range(table);
    if (!range) throw input_error(a.history, "no rows");
    const Date since = a.since.empty() ? Date{range->first.days + 56} : date_option(a.since, "--since");
    const HistorySplit parts = split_history(table, since);
    if (parts.before.size() == 0 || parts.from.size() == 0)
        throw input_error("--since", "needs rows both before (the reference) and from that date");
    const auto alarms = detect_drift(model, parts.before, parts.from, a.drift);
    fmt::print("reference {} ({} rows); monitored {} ({} rows), {}-day windows every {} days\n", range_text(parts.before),
               parts.before.size(), range_text(parts.from), parts.from.size(), a.drift.window_days, a.drift.step_days);
    if (alarms.empty()) {
        fmt::print("no drift alarms\n");
        return exit_ok;
    }
    // The first alarm of each group and metric, then a count: a lasting shift alarms every window.
    std::vector<std::string> seen;
    for (const auto& alarm : alarms) {
        const std::string key = alarm.group + (alarm.metric == DriftMetric::coverage ? "/coverage" : "/pinball");
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        fmt::print("ALARM {}\n", alarm.message());
    }
    fmt::print("{} alarm(s) in {} group/metric pair(s)\n", alarms.size(), seen.size());
    return exit_ok;
}

const Register estimate_command{
    {"estimate", "Duration quantile models: fit on history, report calibration, detect drift", [](CLI::App& app) {
         auto a = std::make_shared<EstimateArgs>();
         app.require_subcommand(1);
         auto* fit = app.add_subcommand("fit", "Fit the duration models on a history CSV and save them (JSON)");
         fit->add_option("history", a->history, "history CSV (docs/durations.md)")->required();
         fit->add_option("-o,--output", a->output, "model file to write (.json)")->required();
         fit->add_option("--until", a->until, "fit only on rows completed before this date (YYYY-MM-DD)");
         add_fit_options(fit, *a);

         auto* report = app.add_subcommand("report", "Print the calibration of a saved model on a history CSV");
         report->add_option("model", a->model, "model file from `fsd estimate fit`")->required();
         report->add_option("history", a->history, "history CSV to score (e.g. held-out months)")->required();
         report->add_option("--since", a->since,
                            "score only rows completed on or after this date (default: the day "
                            "after the model's training period)");
         report->add_option("--min-rows", a->min_rows, "groups with fewer rows are marked and not judged")->capture_default_str();

         auto* evaluate = app.add_subcommand("evaluate",
                                             "Time split: fit on all but the last months, print "
                                             "the calibration on them. Without HISTORY, "
                                             "a history is generated (--rows, --months, --seed)");
         evaluate->add_option("history", a->history, "history CSV (optional)");
         evaluate->add_option("--holdout-months", a->holdout_months, "months held out at the end")->capture_default_str();
         evaluate->add_option("--rows", a->generate.rows, "rows of the generated history")->capture_default_str();
         evaluate->add_option("--months", a->generate.months, "months of the generated history")
             ->capture_default_str()
             ->check(number_in(1, 36));
         evaluate->add_option("--seed", a->generate.seed, "seed of the generated history")->capture_default_str();
         evaluate->add_option("--min-rows", a->min_rows, "groups with fewer rows are marked and not judged")->capture_default_str();
         add_fit_options(evaluate, *a);

         auto* drift = app.add_subcommand("drift", "Scan a history CSV for windows where a saved model's calibration drifts");
         drift->add_option("model", a->model, "model file from `fsd estimate fit`")->required();
         drift->add_option("history", a->history, "history CSV")->required();
         drift->add_option("--since", a->since, "rows before this date are the reference (default: the first 8 weeks)");
         drift->add_option("--window-days", a->drift.window_days, "rolling window width")->capture_default_str()->check(number_in(1, 3650));
         drift->add_option("--step-days", a->drift.step_days, "days between window ends")->capture_default_str()->check(number_in(1, 3650));
         drift->add_option("--z", a->drift.z, "standard errors of sampling noise an alarm must exceed")
             ->capture_default_str()
             ->check(number_in(0.1, 100));

         return std::function<int()>([a, fit, report, evaluate, drift]() -> int {
             if (fit->parsed()) return run_fit(*a);
             if (report->parsed()) return run_report(*a);
             if (evaluate->parsed()) return run_evaluate(*a);
             if (drift->parsed()) return run_drift(*a);
             return exit_input;
         });
     }}};

}  // namespace
}  // namespace fsd::cli
