#include "fsd/duration/model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

#include <Eigen/Core>

namespace fsd {

namespace {

// Model B's design: the rows of job types with enough history, sorted by type (counting sort).
struct RegressionDesign {
    GroupedDesign design;
    std::vector<std::uint32_t> source_row;  // design row -> table row
};

RegressionDesign build_design(const HistoryTable& table, const DurationModel& model, const std::vector<double>& log_minutes) {
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

FeatureImputation training_averages(const HistoryTable& table) {
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
std::vector<DurationJobType> describe_job_types(const HistoryTable& table, std::size_t min_regression_rows) {
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

}  // namespace

DurationModel fit_duration_model(const HistoryTable& table, const DurationFitOptions& options, DurationFitReport* report) {
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
