// How good are quantile estimates on history: pinball loss (minutes) and coverage (the share of
// actuals at or below the quantile) per quantile, overall and per trade, job type and technician.
// A well-calibrated p90 covers 90% of jobs in every group, not just on average.
#pragma once

#include <array>
#include <cassert>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "fsd/duration/empirical.hpp"
#include "fsd/duration/history_table.hpp"

namespace fsd {

// The pinball (quantile) loss of predicting q at level tau when y happened.
inline double pinball_loss(double tau, double y, double q) {
    return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
}

struct QuantileScore {
    double pinball_minutes = 0;  // mean pinball loss
    double coverage = 0;         // share of actual <= quantile
};

struct GroupCalibration {
    std::string name;
    std::size_t rows = 0;
    std::array<QuantileScore, 3> quantiles{};  // p50, p75, p90
};

struct CalibrationReport {
    GroupCalibration overall;
    std::vector<GroupCalibration> trades;       // by the table's trade index
    std::vector<GroupCalibration> job_types;    // by the table's job-type index
    std::vector<GroupCalibration> technicians;  // by the table's technician index
    // The dispatcher's booking estimates, for comparison: share of jobs done within them.
    std::size_t estimated_rows = 0;
    double estimate_coverage = 0;
};

namespace calibration_detail {

// Per-quantile sums over a group's rows: pinball loss (and its square, for the drift monitor's
// spread) and how many actuals the quantile covered.
struct Accumulator {
    std::size_t rows = 0;
    std::array<double, 3> loss{}, loss_sq{}, covered{};
    void add(double actual, const LogQuantiles& log_q) {
        ++rows;
        for (std::size_t k = 0; k < 3; ++k) {
            const double q = std::exp(log_q[k]);
            const double l = pinball_loss(quantile_levels[k], actual, q);
            loss[k] += l;
            loss_sq[k] += l * l;
            covered[k] += actual <= q ? 1.0 : 0.0;
        }
    }
    [[nodiscard]] GroupCalibration finish(std::string name) const {
        GroupCalibration g{std::move(name), rows, {}};
        for (std::size_t k = 0; k < 3 && rows; ++k)
            g.quantiles[k] = {loss[k] / static_cast<double>(rows), covered[k] / static_cast<double>(rows)};
        return g;
    }
};

}  // namespace calibration_detail

// `predictions[i]` are row i's log-minute quantiles (e.g. from predict_history()).
inline CalibrationReport calibrate(const HistoryTable& table, std::span<const LogQuantiles> predictions) {
    assert(predictions.size() == table.size());
    using calibration_detail::Accumulator;
    Accumulator all;
    std::vector<Accumulator> trades(table.trades.size()), types(table.job_types.size()), techs(table.technicians.size());
    CalibrationReport report;
    std::size_t within_estimate = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const double actual = table.actual_minutes[i];
        all.add(actual, predictions[i]);
        trades[table.trade_of_row(i)].add(actual, predictions[i]);
        types[table.job_type[i]].add(actual, predictions[i]);
        techs[table.technician[i]].add(actual, predictions[i]);
        if (!std::isnan(table.estimated_minutes[i])) {
            ++report.estimated_rows;
            within_estimate += actual <= table.estimated_minutes[i] ? 1 : 0;
        }
    }
    report.overall = all.finish("all");
    for (std::uint32_t t = 0; t < trades.size(); ++t) report.trades.push_back(trades[t].finish(table.trades.name(t)));
    for (std::uint32_t t = 0; t < types.size(); ++t) report.job_types.push_back(types[t].finish(table.job_types.name(t)));
    for (std::uint32_t t = 0; t < techs.size(); ++t) report.technicians.push_back(techs[t].finish(table.technicians.name(t)));
    if (report.estimated_rows) report.estimate_coverage = static_cast<double>(within_estimate) / static_cast<double>(report.estimated_rows);
    return report;
}

// The report as aligned text tables (what `fsd estimate report` prints). `baseline`, when given,
// adds Model A's overall scores for comparison. Groups with fewer than `min_rows` rows are listed
// but marked, since their coverage is mostly noise.
std::string format_calibration(const CalibrationReport& report, const CalibrationReport* baseline = nullptr, std::size_t min_rows = 200);

}  // namespace fsd
