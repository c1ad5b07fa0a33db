// fsd generate-history: writes a seeded history of completed jobs (CSV) for the duration models.
#include <fmt/core.h>

#include "command.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/scenario/history.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

struct GenerateHistoryArgs {
    HistoryOptions options;
    std::string end_date;
    std::string shift_from;
    double shift_factor = 1.4;
    std::string shift_job_type;
    std::string output;
};

int run(GenerateHistoryArgs& a) {
    require_writable(a.output, "-o");
    if (!a.end_date.empty()) a.options.end_date = date_option(a.end_date, "--end");
    if (!a.shift_from.empty()) a.options.shift = HistoryShift{date_option(a.shift_from, "--shift-from"), a.shift_factor, a.shift_job_type};
    GeneratedHistory history;
    try {
        history = generate_history(a.options);
    } catch (const std::invalid_argument& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        return exit_input;
    }
    write_history_csv(history.table, a.output);
    const auto range = history_date_range(history.table);
    fmt::print("wrote {}: {} jobs by {} technicians, {} .. {}\n", a.output, history.table.size(), history.technicians.size(),
               range ? format_date(range->first) : "-", range ? format_date(range->second) : "-");
    return exit_ok;
}

const Register generate_history_command{
    {"generate-history", "Write a seeded history of completed jobs (CSV) to fit duration models on", [](CLI::App& app) {
         auto a = std::make_shared<GenerateHistoryArgs>();
         app.add_option("--rows", a->options.rows, "number of completed jobs")->capture_default_str();
         app.add_option("--months", a->options.months, "months of history (1-36), ending on --end")->capture_default_str();
         app.add_option("--end", a->end_date, "last day of the history, YYYY-MM-DD (default 2026-11-20)");
         app.add_option("--technicians", a->options.technicians, "technicians on the roster (1-2000)")->capture_default_str();
         app.add_option("--seed", a->options.seed, "random seed")->capture_default_str();
         app.add_option("--late-joiners", a->options.late_joiner_share, "share of technicians who join 40-70% of the way through")
             ->capture_default_str();
         app.add_option("--shift-from", a->shift_from, "from this date (YYYY-MM-DD) jobs take --shift-factor times as long");
         app.add_option("--shift-factor", a->shift_factor, "duration multiplier after --shift-from")
             ->capture_default_str()
             ->check(number_in(0.1, 10));
         app.add_option("--shift-job-type", a->shift_job_type, "limit the shift to this job type (default: all)");
         app.add_option("-o,--output", a->output, "history file to write (.csv)")->required();
         return std::function<int()>([a] { return run(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
