// Text forms of calibration reports and drift alarms, for the CLI and logs.
#include <fmt/format.h>

#include "fsd/duration/calibration.hpp"
#include "fsd/duration/drift.hpp"

namespace fsd {
namespace {

void quantile_table(std::string& out, const CalibrationReport& r, const CalibrationReport* baseline) {
    out += fmt::format("{} rows\n\n", r.overall.rows);
    out += fmt::format("{:<9}{:>10}{:>14}{:>10}", "quantile", "nominal", "pinball (min)", "coverage");
    if (baseline) out += fmt::format("{:>22}{:>14}", "Model A pinball (min)", "Model A cov.");
    out += '\n';
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& q = r.overall.quantiles[k];
        out += fmt::format("{:<9}{:>10.2f}{:>14.2f}{:>10.3f}", quantile_names[k], quantile_levels[k], q.pinball_minutes, q.coverage);
        if (baseline)
            out +=
                fmt::format("{:>22.2f}{:>14.3f}", baseline->overall.quantiles[k].pinball_minutes, baseline->overall.quantiles[k].coverage);
        out += '\n';
    }
    if (r.estimated_rows)
        out +=
            fmt::format("dispatcher estimates (estimated_minutes): coverage {:.3f} over {} rows\n", r.estimate_coverage, r.estimated_rows);
}

void group_table(std::string& out, std::string_view title, const std::vector<GroupCalibration>& groups, std::size_t min_rows) {
    out += fmt::format("\n{:<22}{:>8}{:>9}{:>9}{:>9}{:>14}\n", title, "rows", "cov p50", "cov p75", "cov p90", "pinball p90");
    bool marked = false;
    for (const auto& g : groups) {
        if (g.rows == 0) continue;
        const bool small = g.rows < min_rows;
        marked = marked || small;
        out += fmt::format("{:<22}{:>8}{:>9.3f}{:>9.3f}{:>9.3f}{:>14.2f}{}\n", g.name, g.rows, g.quantiles[0].coverage,
                           g.quantiles[1].coverage, g.quantiles[2].coverage, g.quantiles[2].pinball_minutes, small ? "  *" : "");
    }
    if (marked) out += fmt::format("* fewer than {} rows: coverage is mostly sampling noise\n", min_rows);
}

}  // namespace

std::string format_calibration(const CalibrationReport& report, const CalibrationReport* baseline, std::size_t min_rows) {
    std::string out;
    quantile_table(out, report, baseline);
    group_table(out, "trade", report.trades, min_rows);
    group_table(out, "job type", report.job_types, min_rows);
    group_table(out, "technician", report.technicians, min_rows);
    return out;
}

std::string DriftAlarm::message() const {
    const std::string window = format_date(window_first) + ".." + format_date(window_last);
    if (metric == DriftMetric::coverage)
        return fmt::format("{}: {} coverage {:.3f} (nominal {:.2f}, tolerance {:.3f}) over {} jobs in {}", group,
                           quantile_names[static_cast<int>(quantile)], observed, expected, threshold, rows, window);
    return fmt::format("{}: {} pinball loss {:.2f} min (reference {:.2f}, allowed rise {:.2f}) over {} jobs in {}", group,
                       quantile_names[static_cast<int>(quantile)], observed, expected, threshold, rows, window);
}

}  // namespace fsd
