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

namespace duration_detail {

// Model B's design: the rows of job types with enough history, sorted by type (counting sort).
struct RegressionDesign {
    GroupedDesign design;
    std::vector<std::uint32_t> source_row;  // design row -> table row
};

inline RegressionDesign build_design(const HistoryTable& table, const DurationModel& model, const std::vector<double>& log_minutes) {
    RegressionDesign out;
    std::size_t groups = 0;
    for (const auto& jt : model.job_types) groups += jt.regression_group >= 0 ? 1 : 0;
    out.design.group_begin.assign(groups + 1, 0);
    for (std::size_t i = 0; i < table.size(); ++i)
        if (const auto g = model.job_types[table.job_type[i]].regression_group; g >= 0)
            ++out.design.group_begin[static_cast<std::size_t>(g) + 1];
    for (std::size_t g = 0; g < groups; ++g) out.design.group_begin[g + 1] += out.design.group_begin[g];
    const std::size_t rows = out.design.group_begin.back();
    const FeatureEncoder encoder(model.trades.size(), model.imputation);
    out.design.features.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(encoder.size()));
    out.design.response.resize(static_cast<Eigen::Index>(rows));
    out.source_row.resize(rows);
    std::vector<std::size_t> next(out.design.group_begin.begin(), out.design.group_begin.end() - 1);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& jt = model.job_types[table.job_type[i]];
        if (jt.regression_group < 0) continue;
        const std::size_t at = next[static_cast<std::size_t>(jt.regression_group)]++;
        encoder.encode_row(table, i, jt.trade, out.design.features.row(static_cast<Eigen::Index>(at)).data());
        out.design.response[static_cast<Eigen::Index>(at)] = log_minutes[i];
        out.source_row[at] = static_cast<std::uint32_t>(i);
    }
    return out;
}

inline FeatureImputation training_averages(const HistoryTable& table) {
    double age_sum = 0, commercial = 0, follow_up = 0;
    double age_min = std::numeric_limits<double>::infinity(), age_max = -age_min;
    std::size_t age_rows = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (const double age = table.equipment_age_years[i]; !std::isnan(age)) {
            age_sum += age;
            age_min = std::min(age_min, age);
            age_max = std::max(age_max, age);
            ++age_rows;
        }
        commercial += table.site[i] == SiteType::commercial ? 1 : 0;
        follow_up += table.visit[i] == Visit::follow_up ? 1 : 0;
    }
    const auto n = static_cast<double>(table.size());
    FeatureImputation out;
    out.commercial_share = commercial / n;
    out.follow_up_share = follow_up / n;
    if (age_rows) {
        out.equipment_age_years = age_sum / static_cast<double>(age_rows);
        out.equipment_age_min = age_min;
        out.equipment_age_max = age_max;
    }
    return out;
}

// The working arrays of one fit: log minutes, the same minus each row's technician log factor
// (what the models are fitted on), and Model B's design, which mirrors the adjusted values.
struct FitState {
    const HistoryTable& table;
    const DurationFitOptions& options;
    DurationModel& model;
    std::vector<double> log_minutes, adjusted;
    std::vector<double> technician_log;  // by technician index
    RegressionDesign regression;

    FitState(const HistoryTable& t, const DurationFitOptions& o, DurationModel& m)
        : table(t), options(o), model(m), log_minutes(t.size()), adjusted(t.size()), technician_log(t.technicians.size(), 0.0) {
        for (std::size_t i = 0; i < t.size(); ++i) log_minutes[i] = std::log(static_cast<double>(t.actual_minutes[i]));
        regression = build_design(t, m, log_minutes);
    }

    [[nodiscard]] bool has_regression() const { return regression.design.rows() > 0; }

    // Removes the current technician factors and refits Model A on the result.
    void adjust_and_fit_empirical() {
        for (std::size_t i = 0; i < table.size(); ++i) adjusted[i] = log_minutes[i] - technician_log[table.technician[i]];
        for (std::size_t r = 0; r < regression.design.rows(); ++r)
            regression.design.response[static_cast<Eigen::Index>(r)] = adjusted[regression.source_row[r]];
        model.empirical = fit_empirical(adjusted, table.job_type, table.job_type_trade, table.trades.size(), options.empirical);
    }

    // New technician factors from technician-neutral residuals against the median: Model B's
    // where it applies, Model A's elsewhere.
    void update_technician_factors(const LinearQuantileFit& median) {
        std::vector<double> residual(table.size());
        for (std::size_t i = 0; i < table.size(); ++i) residual[i] = adjusted[i] - model.empirical.job_types[table.job_type[i]].shrunk[0];
        if (has_regression()) {
            const Eigen::VectorXd r = residuals(regression.design, median);
            for (std::size_t k = 0; k < regression.design.rows(); ++k) residual[regression.source_row[k]] = r[static_cast<Eigen::Index>(k)];
        }
        for (std::size_t i = 0; i < table.size(); ++i) residual[i] += technician_log[table.technician[i]];
        model.technician_factors = estimate_technician_factors(residual, table.technician, table.technicians.size(), options.technician);
        for (std::size_t t = 0; t < technician_log.size(); ++t) technician_log[t] = std::log(model.technician_factors.factors[t].factor);
    }
};

// The model's job types: training rows, and Model B intercepts for those with enough of them.
inline std::vector<DurationJobType> describe_job_types(const HistoryTable& table, std::size_t min_regression_rows) {
    std::vector<std::size_t> rows(table.job_types.size(), 0);
    for (auto t : table.job_type) ++rows[t];
    std::vector<DurationJobType> out;
    std::int32_t groups = 0;
    for (std::uint32_t t = 0; t < table.job_types.size(); ++t) {
        const bool regress = rows[t] >= std::max<std::size_t>(1, min_regression_rows);
        out.push_back({table.job_types.name(t), table.job_type_trade[t], rows[t], regress ? groups++ : -1});
    }
    return out;
}

}  // namespace duration_detail

// Learns the model from history. Throws std::invalid_argument on an empty history.
inline DurationModel fit_duration_model(const HistoryTable& table, const DurationFitOptions& options = {},
                                        DurationFitReport* report = nullptr) {
    using namespace duration_detail;
    if (table.size() == 0) throw std::invalid_argument("cannot fit durations on an empty history");
    DurationModel model;
    model.trades = table.trades.names();
    model.technicians = table.technicians.names();
    model.training_rows = table.size();
    std::tie(model.first_day, model.last_day) = *history_date_range(table);
    model.imputation = training_averages(table);
    model.job_types = describe_job_types(table, options.min_regression_rows);

    FitState state(table, options, model);
    GroupedDesign& design = state.regression.design;
    DurationFitReport rep;
    rep.regression_rows = design.rows();
    rep.regression_types = design.groups();

    LinearQuantileFit median;
    if (state.has_regression()) median = fit_least_squares(design);
    for (int round = 0; round < options.technician_rounds; ++round) {
        state.adjust_and_fit_empirical();
        if (state.has_regression()) {
            median = fit_linear_quantile(design, 0.5, std::move(median), options.solver);
            ++rep.median_refits;
        }
        state.update_technician_factors(median);
    }
    if (options.technician_rounds <= 0) {  // no technician effects: every factor stays 1
        model.technician_factors.factors.assign(table.technicians.size(), TechnicianFactor{});
        for (auto t : table.technician) model.technician_factors.factors[t].jobs++;
    }

    state.adjust_and_fit_empirical();
    if (state.has_regression()) {
        auto& fits = model.regression;
        fits[0] = fit_linear_quantile(design, 0.50, std::move(median), options.solver, &rep.final_fits[0]);
        fits[1] = fit_linear_quantile(design, 0.75, shift_to_quantile(design, fits[0], 0.75), options.solver, &rep.final_fits[1]);
        fits[2] = fit_linear_quantile(design, 0.90, shift_to_quantile(design, fits[1], 0.90), options.solver, &rep.final_fits[2]);
    } else {
        for (auto& q : model.regression) q = {Eigen::VectorXd(0), Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.feature_count()))};
    }
    model.index();
    if (report) *report = rep;
    return model;
}

}  // namespace fsd
