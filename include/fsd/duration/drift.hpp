// A drift monitor for duration estimates: over a rolling window of recent jobs it compares each
// group's (all, trade, job type, technician) coverage with the nominal level and pinball loss with
// a reference period, and raises an alarm naming the group when either moves beyond tolerance.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "fsd/duration/calibration.hpp"
#include "fsd/duration/model.hpp"

namespace fsd {

struct DriftOptions {
    int window_days = 28;        // width of the rolling window
    int step_days = 7;           // a window ends every step_days days
    std::size_t min_rows = 100;  // groups with fewer rows in a window are not judged there
    // An alarm needs a deviation beyond the practical tolerance AND beyond z standard errors of
    // sampling noise, so that small groups do not cry wolf and large groups do not nitpick.
    double coverage_tolerance = 0.05;  // absolute, e.g. p90 coverage outside 0.85..0.95
    double pinball_tolerance = 0.20;   // relative increase over the reference period's loss
    double z = 4.5;
    bool by_trade = true;
    bool by_job_type = true;
    bool by_technician = true;
};

enum class DriftMetric : std::uint8_t { coverage, pinball };

struct DriftAlarm {
    std::string group;  // "all", "trade=hvac", "job_type=boiler-repair", "technician=T07"
    DriftMetric metric = DriftMetric::coverage;
    Quantile quantile = Quantile::p90;
    Date window_first, window_last;
    std::size_t rows = 0;
    double observed = 0;   // coverage, or mean pinball loss in minutes
    double expected = 0;   // nominal level, or the reference period's mean pinball loss
    double threshold = 0;  // the deviation that was exceeded
    [[nodiscard]] std::string message() const;
};

namespace drift_detail {

using GroupStats = calibration_detail::Accumulator;

// Group keys of a table's rows: all, then trades, job types and technicians (as enabled).
struct GroupKeys {
    std::vector<std::string> names;
    std::size_t trade_base = 0, type_base = 0, tech_base = 0;
    const DriftOptions* options = nullptr;

    GroupKeys(const HistoryTable& t, const DriftOptions& o) : options(&o) {
        names.push_back("all");
        trade_base = names.size();
        for (const auto& n : t.trades.names()) names.push_back("trade=" + n);
        type_base = names.size();
        for (const auto& n : t.job_types.names()) names.push_back("job_type=" + n);
        tech_base = names.size();
        for (const auto& n : t.technicians.names()) names.push_back("technician=" + n);
    }
    template <class F>
    void for_row(const HistoryTable& t, std::size_t row, F&& f) const {
        f(0);
        if (options->by_trade) f(trade_base + t.trade_of_row(row));
        if (options->by_job_type) f(type_base + t.job_type[row]);
        if (options->by_technician) f(tech_base + t.technician[row]);
    }
};

inline std::vector<GroupStats> accumulate(const HistoryTable& t, std::span<const LogQuantiles> pred, const GroupKeys& keys,
                                          std::span<const std::size_t> rows) {
    std::vector<GroupStats> stats(keys.names.size());
    for (std::size_t row : rows) keys.for_row(t, row, [&](std::size_t g) { stats[g].add(t.actual_minutes[row], pred[row]); });
    return stats;
}

}  // namespace drift_detail

// Judges `monitored` window by window. `reference` (e.g. the training history, or a recent period
// known to be fine) supplies each group's baseline pinball loss; predictions are the model's
// (predict_history). Alarms come in window order.
inline std::vector<DriftAlarm> detect_drift(const HistoryTable& reference, std::span<const LogQuantiles> reference_pred,
                                            const HistoryTable& monitored, std::span<const LogQuantiles> monitored_pred,
                                            const DriftOptions& options = {}) {
    using namespace drift_detail;
    std::vector<DriftAlarm> alarms;
    if (monitored.size() == 0 || options.window_days < 1 || options.step_days < 1) return alarms;

    // Baseline loss per group name, from the reference period.
    std::unordered_map<std::string, std::array<double, 3>> baseline;
    {
        const GroupKeys keys(reference, options);
        std::vector<std::size_t> all_rows(reference.size());
        std::iota(all_rows.begin(), all_rows.end(), std::size_t{0});
        const auto stats = accumulate(reference, reference_pred, keys, all_rows);
        for (std::size_t g = 0; g < stats.size(); ++g)
            if (stats[g].rows >= options.min_rows) {
                std::array<double, 3> mean{};
                for (std::size_t k = 0; k < 3; ++k) mean[k] = stats[g].loss[k] / static_cast<double>(stats[g].rows);
                baseline.emplace(keys.names[g], mean);
            }
    }

    const GroupKeys keys(monitored, options);
    std::vector<std::size_t> order(monitored.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return monitored.completed_on[a] < monitored.completed_on[b]; });
    const Date first = monitored.completed_on[order.front()], last = monitored.completed_on[order.back()];
    auto begin = order.begin();
    for (Date end{first.days + options.window_days - 1};; end.days += options.step_days) {
        const Date start{end.days - options.window_days + 1};
        while (begin != order.end() && monitored.completed_on[*begin] < start) ++begin;
        auto stop = begin;
        while (stop != order.end() && monitored.completed_on[*stop] <= end) ++stop;
        const std::span<const std::size_t> window(order.data() + (begin - order.begin()), static_cast<std::size_t>(stop - begin));
        const auto stats = accumulate(monitored, monitored_pred, keys, window);
        for (std::size_t g = 0; g < stats.size(); ++g) {
            const GroupStats& s = stats[g];
            if (s.rows < options.min_rows) continue;
            const double n = static_cast<double>(s.rows);
            const auto base = baseline.find(keys.names[g]);
            for (std::size_t k = 0; k < 3; ++k) {
                const double tau = quantile_levels[k];
                const double coverage = s.covered[k] / n;
                const double cov_threshold = std::max(options.coverage_tolerance, options.z * std::sqrt(tau * (1 - tau) / n));
                if (std::abs(coverage - tau) > cov_threshold)
                    alarms.push_back(
                        {keys.names[g], DriftMetric::coverage, static_cast<Quantile>(k), start, end, s.rows, coverage, tau, cov_threshold});
                if (base == baseline.end()) continue;
                const double mean = s.loss[k] / n;
                const double sd = std::sqrt(std::max(0.0, s.loss_sq[k] / n - mean * mean));
                const double loss_threshold = std::max(options.pinball_tolerance * base->second[k], options.z * sd / std::sqrt(n));
                if (mean - base->second[k] > loss_threshold)
                    alarms.push_back({keys.names[g], DriftMetric::pinball, static_cast<Quantile>(k), start, end, s.rows, mean,
                                      base->second[k], loss_threshold});
            }
        }
        if (end >= last) break;
    }
    return alarms;
}

inline std::vector<DriftAlarm> detect_drift(const DurationModel& model, const HistoryTable& reference, const HistoryTable& monitored,
                                            const DriftOptions& options = {}) {
    const auto ref_pred = predict_history(model, reference);
    const auto mon_pred = predict_history(model, monitored);
    return detect_drift(reference, ref_pred, monitored, mon_pred, options);
}

}  // namespace fsd
