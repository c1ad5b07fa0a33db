// The fitted duration model: Model B (linear quantile regression on log minutes) for job types
// with enough history, Model A (shrunk empirical quantiles) for the rest, times a per-technician
// factor. estimate(job, technician) gives p50/p75/p90; fit_duration_model() learns it all.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fsd/duration/empirical.hpp"
#include "fsd/duration/features.hpp"
#include "fsd/duration/history_table.hpp"
#include "fsd/duration/quantile_regression.hpp"
#include "fsd/duration/technician_factors.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/technician.hpp"

namespace fsd {

struct DurationJobType {
    std::string name;
    std::uint32_t trade = 0;
    std::size_t rows = 0;                // training rows
    std::int32_t regression_group = -1;  // its intercept in Model B; -1: Model A only
    friend bool operator==(const DurationJobType&, const DurationJobType&) = default;
};

// Which part of the model predicts; `combined` is the model proper, `empirical` is Model A alone
// (with technician factors), kept for comparison in calibration reports.
enum class DurationPredictor : std::uint8_t { combined, empirical };

class DurationModel {
public:
    std::vector<std::string> trades;
    std::vector<DurationJobType> job_types;
    std::vector<std::string> technicians;
    TechnicianFactors technician_factors;  // by technician index
    FeatureImputation imputation;
    EmpiricalQuantiles empirical;                 // Model A
    std::array<LinearQuantileFit, 3> regression;  // Model B at p50, p75, p90
    std::size_t training_rows = 0;
    Date first_day, last_day;  // of the training history

    // Call after filling the fields by hand (fit and load do): builds the name lookups.
    void index() {
        type_index_.clear();
        technician_index_.clear();
        for (std::uint32_t i = 0; i < job_types.size(); ++i) type_index_.emplace(job_types[i].name, i);
        for (std::uint32_t i = 0; i < technicians.size(); ++i) technician_index_.emplace(technicians[i], i);
    }

    [[nodiscard]] std::optional<std::uint32_t> find_job_type(std::string_view name) const {
        auto it = type_index_.find(std::string(name));
        return it == type_index_.end() ? std::nullopt : std::optional(it->second);
    }
    [[nodiscard]] std::optional<std::uint32_t> find_technician(std::string_view id) const {
        auto it = technician_index_.find(std::string(id));
        return it == technician_index_.end() ? std::nullopt : std::optional(it->second);
    }
    [[nodiscard]] std::optional<std::uint32_t> find_trade(std::string_view name) const {
        for (std::uint32_t i = 0; i < trades.size(); ++i)
            if (trades[i] == name) return i;
        return std::nullopt;
    }
    [[nodiscard]] std::size_t feature_count() const { return FeatureEncoder(trades.size()).size(); }

    // The model's factor for a technician it has history for; nullopt otherwise.
    [[nodiscard]] std::optional<double> technician_factor(std::string_view id) const {
        const auto t = find_technician(id);
        if (!t || technician_factors.factors[*t].jobs == 0) return std::nullopt;
        return technician_factors.factors[*t].factor;
    }
    // The factor planning uses: the model's, or 1 / efficiency for a technician it has no
    // history for (the dispatcher's setting is then the best evidence there is).
    [[nodiscard]] double planning_factor(const Technician& tech) const {
        if (auto f = technician_factor(tech.id)) return *f;
        return tech.efficiency > 0 ? 1.0 / tech.efficiency : 1.0;
    }

    // Technician-neutral log-minute quantiles for a row of Model B's design (job type `type`
    // with regression group `group`, features `z`), rearranged so they never cross.
    [[nodiscard]] LogQuantiles predict_regression(std::size_t group, const double* z) const {
        LogQuantiles q{};
        const auto k = static_cast<Eigen::Index>(regression[0].slopes.size());
        const Eigen::Map<const Eigen::VectorXd> features(z, k);
        for (std::size_t i = 0; i < q.size(); ++i)
            q[i] = regression[i].intercepts[static_cast<Eigen::Index>(group)] + regression[i].slopes.dot(features);
        // Rearrangement (Chernozhukov, Fernandez-Val and Galichon 2010): sorting the fitted
        // quantiles can only bring them closer to the true ones, and costs nothing.
        std::sort(q.begin(), q.end());
        return q;
    }

    // Technician-neutral log-minute quantiles. An unknown job type falls back to its trade's
    // Model A quantiles (trade from the taxonomy), then to all jobs.
    [[nodiscard]] LogQuantiles predict_log(const JobFeatures& f, DurationPredictor predictor = DurationPredictor::combined) const {
        const auto type = find_job_type(f.job_type);
        if (!type) {
            if (const auto spec = fsd::find_job_type(f.job_type))
                if (const auto trade = find_trade(fsd::job_types[*spec].trade)) return empirical.trades[*trade].shrunk;
            return empirical.all.shrunk;
        }
        const DurationJobType& jt = job_types[*type];
        if (jt.regression_group < 0 || predictor == DurationPredictor::empirical) return empirical.job_types[*type].shrunk;
        std::array<double, 64> z{};
        assert(feature_count() <= z.size());
        FeatureEncoder(trades.size(), imputation).encode(f, jt.trade, z.data());
        return predict_regression(static_cast<std::size_t>(jt.regression_group), z.data());
    }

    // p50/p75/p90 for a job done by a technician with duration factor `factor`.
    [[nodiscard]] DurationQuantiles estimate(const JobFeatures& f, double factor) const {
        const LogQuantiles q = predict_log(f);
        auto to_duration = [&](double log_min) { return seconds(std::llround(std::exp(log_min) * factor * 60.0)); };
        return {to_duration(q[0]), to_duration(q[1]), to_duration(q[2])};
    }
    [[nodiscard]] DurationQuantiles estimate(const JobFeatures& f, const Technician& tech) const {
        return estimate(f, planning_factor(tech));
    }
    // The job's type is all a Job states; other features take training averages (and the month
    // is unknown). fill_durations() also uses the job's date, so it can differ by the season.
    [[nodiscard]] DurationQuantiles estimate(const Job& job, const Technician& tech) const { return estimate(features_of(job), tech); }

private:
    std::unordered_map<std::string, std::uint32_t> type_index_;
    std::unordered_map<std::string, std::uint32_t> technician_index_;
};

// Log-minute quantiles, technician factor included, for every row of a history (e.g. held-out
// rows, for calibration and drift). Names are matched to the model's; unknown technicians get 1.
inline std::vector<LogQuantiles> predict_history(const DurationModel& model, const HistoryTable& table,
                                                 DurationPredictor predictor = DurationPredictor::combined) {
    std::vector<std::optional<std::uint32_t>> type_map(table.job_types.size());
    std::vector<std::optional<std::uint32_t>> trade_map(table.trades.size());
    std::vector<double> log_factor(table.technicians.size(), 0.0);
    for (std::uint32_t t = 0; t < table.job_types.size(); ++t) type_map[t] = model.find_job_type(table.job_types.name(t));
    for (std::uint32_t t = 0; t < table.trades.size(); ++t) trade_map[t] = model.find_trade(table.trades.name(t));
    for (std::uint32_t t = 0; t < table.technicians.size(); ++t)
        log_factor[t] = std::log(model.technician_factor(table.technicians.name(t)).value_or(1.0));

    const FeatureEncoder encoder(model.trades.size(), model.imputation);
    std::vector<double> z(encoder.size());
    std::vector<LogQuantiles> out(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        LogQuantiles q{};
        if (const auto type = type_map[table.job_type[i]]) {
            const DurationJobType& jt = model.job_types[*type];
            if (jt.regression_group >= 0 && predictor == DurationPredictor::combined) {
                encoder.encode_row(table, i, jt.trade, z.data());
                q = model.predict_regression(static_cast<std::size_t>(jt.regression_group), z.data());
            } else {
                q = model.empirical.job_types[*type].shrunk;
            }
        } else if (const auto trade = trade_map[table.trade_of_row(i)]) {
            q = model.empirical.trades[*trade].shrunk;
        } else {
            q = model.empirical.all.shrunk;
        }
        for (double& v : q) v += log_factor[table.technician[i]];
        out[i] = q;
    }
    return out;
}

struct DurationFitOptions {
    // Job types with fewer training rows are left to Model A: one intercept per quantile from a
    // few dozen rows would be noise, and the shrunk empirical quantiles are better there.
    std::size_t min_regression_rows = 200;
    // Alternations of (median regression, technician factors) before the final fits; the
    // factors are estimated from residuals of a model that already accounts for the features.
    int technician_rounds = 2;
    EmpiricalOptions empirical;
    TechnicianFactorOptions technician;
    QuantileSolverOptions solver;
};

struct DurationFitReport {
    std::size_t regression_rows = 0;
    std::size_t regression_types = 0;
    std::array<QuantileSolveReport, 3> final_fits;
    int median_refits = 0;
};

// Learns the model from history. Throws std::invalid_argument on an empty history.
DurationModel fit_duration_model(const HistoryTable& table, const DurationFitOptions& options = {}, DurationFitReport* report = nullptr);

}  // namespace fsd
