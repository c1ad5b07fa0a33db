// Fit time of the duration models (Model A, Model B at p50/p75/p90, technician factors) on a
// generated history, one thread: the median of several runs, as wall-clock time and as CPU
// time (which a busy shared machine inflates less). Target: <= 5 s for 1,000,000 rows.
//   fsd-bench-duration_fit [--rows N] [--runs R] [--seed S]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "fsd/duration/calibration.hpp"
#include "fsd/duration/model.hpp"
#include "fsd/scenario/history.hpp"

namespace bench_duration_fit {
namespace {

struct Args {
    std::size_t rows = 1'000'000;
    int runs = 5;
    std::uint64_t seed = 1;
};

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const char* value = argv[i + 1];
        if (key == "--rows")
            a.rows = std::strtoull(value, nullptr, 10);
        else if (key == "--runs")
            a.runs = std::max(1, std::atoi(value));
        else if (key == "--seed")
            a.seed = std::strtoull(value, nullptr, 10);
        else {
            fmt::print(stderr,
                       "unknown option {}\nusage: fsd-bench-duration_fit [--rows N] [--runs R] "
                       "[--seed S]\n",
                       key);
            std::exit(2);
        }
    }
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    fsd::HistoryOptions ho;
    ho.rows = args.rows;
    ho.seed = args.seed;
    const auto t0 = std::chrono::steady_clock::now();
    const fsd::GeneratedHistory history = fsd::generate_history(ho);
    const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("history: {} rows, {} months, {} technicians, seed {} (generated in {:.2f} s)\n", history.table.size(), ho.months,
               history.technicians.size(), ho.seed, gen_s);

    std::vector<double> seconds, cpu_seconds;
    fsd::DurationFitReport report;
    fsd::DurationModel model;
    for (int run = 0; run < args.runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpu_start = std::clock();
        model = fsd::fit_duration_model(history.table, {}, &report);
        cpu_seconds.push_back(static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        fmt::print("run {}: {:.3f} s wall, {:.3f} s CPU\n", run + 1, seconds.back(), cpu_seconds.back());
    }
    std::sort(seconds.begin(), seconds.end());
    std::sort(cpu_seconds.begin(), cpu_seconds.end());
    const double median = seconds[seconds.size() / 2];
    fmt::print("Newton iterations p50/p75/p90: {}/{}/{} (plus {} median refits for technician factors)\n", report.final_fits[0].iterations,
               report.final_fits[1].iterations, report.final_fits[2].iterations, report.median_refits);
    fmt::print(
        "fit time: median {:.3f} s wall (min {:.3f}, max {:.3f}), median {:.3f} s CPU, over {} "
        "runs ({:.2f} us/row)\n",
        median, seconds.front(), seconds.back(), cpu_seconds[cpu_seconds.size() / 2], seconds.size(),
        median * 1e6 / static_cast<double>(history.table.size()));
    const auto cal = fsd::calibrate(history.table, fsd::predict_history(model, history.table));
    fmt::print("in-sample coverage p50/p75/p90: {:.3f}/{:.3f}/{:.3f}\n", cal.overall.quantiles[0].coverage,
               cal.overall.quantiles[1].coverage, cal.overall.quantiles[2].coverage);
    fmt::print("target <= 5 s: {}\n", median <= 5.0 ? "met" : "NOT met");
    return 0;
}

}  // namespace bench_duration_fit
