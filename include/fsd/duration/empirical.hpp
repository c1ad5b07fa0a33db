// Model A: empirical p50/p75/p90 of log duration per job type, shrunk toward the trade and the
// trade toward all jobs, so that a type with a handful of jobs borrows strength from its parent
// while a type with thousands speaks for itself.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

#include "fsd/duration/sample_quantile.hpp"

namespace fsd {

inline constexpr std::array<double, 3> quantile_levels{0.50, 0.75, 0.90};
using LogQuantiles = std::array<double, 3>;  // log minutes at p50, p75, p90

struct EmpiricalOptions {
    // Rows' worth of evidence the parent's quantiles count for when shrinking a group:
    // shrunk = (n raw + prior_rows parent) / (n + prior_rows), per quantile, on the log scale.
    // A convex combination of two non-decreasing triples is non-decreasing: no crossing.
    double prior_rows = 40;
};

struct EmpiricalGroup {
    std::size_t rows = 0;
    LogQuantiles raw{};     // the group's own sample quantiles (the parent's when empty)
    LogQuantiles shrunk{};  // what the model uses
    friend bool operator==(const EmpiricalGroup&, const EmpiricalGroup&) = default;
};

struct EmpiricalQuantiles {
    double prior_rows = 40;
    EmpiricalGroup all;
    std::vector<EmpiricalGroup> trades;     // by trade index
    std::vector<EmpiricalGroup> job_types;  // by job type index
};

namespace empirical_detail {

inline LogQuantiles sample_quantiles(std::vector<double>& values) {
    LogQuantiles q{};
    for (std::size_t i = 0; i < q.size(); ++i) q[i] = quantile_in_place(values.data(), values.data() + values.size(), quantile_levels[i]);
    return q;
}

inline LogQuantiles shrink(const LogQuantiles& raw, std::size_t rows, const LogQuantiles& parent, double prior_rows) {
    const double n = static_cast<double>(rows);
    LogQuantiles out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = (n * raw[i] + prior_rows * parent[i]) / (n + prior_rows);
    return out;
}

// Fills `group` from its values, shrinking toward `parent` (which must be finished).
inline void finish_group(EmpiricalGroup& group, std::vector<double>& values, const LogQuantiles& parent, double prior_rows) {
    group.rows = values.size();
    group.raw = values.empty() ? parent : sample_quantiles(values);
    group.shrunk = shrink(group.raw, group.rows, parent, prior_rows);
}

}  // namespace empirical_detail

// `log_minutes[i]` is row i's log duration (technician effects already removed, if wanted),
// `job_type[i]` its type; `type_trade[t]` is type t's trade, < trade_count.
inline EmpiricalQuantiles fit_empirical(std::span<const double> log_minutes, std::span<const std::uint32_t> job_type,
                                        std::span<const std::uint32_t> type_trade, std::size_t trade_count,
                                        const EmpiricalOptions& options = {}) {
    assert(log_minutes.size() == job_type.size() && !log_minutes.empty());
    using namespace empirical_detail;
    EmpiricalQuantiles model;
    model.prior_rows = options.prior_rows;
    std::vector<double> values(log_minutes.begin(), log_minutes.end());
    model.all.rows = values.size();
    model.all.raw = model.all.shrunk = sample_quantiles(values);

    std::vector<std::vector<double>> by_trade(trade_count), by_type(type_trade.size());
    for (std::size_t i = 0; i < log_minutes.size(); ++i) {
        by_type[job_type[i]].push_back(log_minutes[i]);
        by_trade[type_trade[job_type[i]]].push_back(log_minutes[i]);
    }
    model.trades.resize(trade_count);
    for (std::size_t t = 0; t < trade_count; ++t) finish_group(model.trades[t], by_trade[t], model.all.shrunk, options.prior_rows);
    model.job_types.resize(type_trade.size());
    for (std::size_t t = 0; t < type_trade.size(); ++t)
        finish_group(model.job_types[t], by_type[t], model.trades[type_trade[t]].shrunk, options.prior_rows);
    return model;
}

}  // namespace fsd
