// What the duration models know about a job besides its type, and how those facts become the
// numeric features of the regression (log scale): equipment age, site type, visit kind and a
// per-trade seasonal wave. Unknown facts are imputed with training averages.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/duration/history_table.hpp"
#include "fsd/model/job.hpp"

namespace fsd {

struct JobFeatures {
    std::string job_type;
    std::optional<double> equipment_age_years;
    std::optional<SiteType> site;
    std::optional<Visit> visit;
    std::optional<int> month;  // 1..12, of the day the job is done
};

// A Job carries only its type; `date` (the day it is planned for) gives the month.
inline JobFeatures features_of(const Job& job, std::optional<Date> date = std::nullopt) {
    JobFeatures f;
    f.job_type = job.job_type;
    if (date) f.month = static_cast<int>(civil_from_date(*date).month);
    return f;
}

// Training averages, used for facts a job does not state (in a model linear in the features
// this predicts for the "average" job of the type rather than for a residential first visit),
// and the training range of equipment age: ages outside it are clamped into it, because a
// linear model extrapolated far beyond its data says nothing sensible (or overflows).
struct FeatureImputation {
    double equipment_age_years = 10.0;
    double commercial_share = 0.0;
    double follow_up_share = 0.0;
    double equipment_age_min = 0.0;
    double equipment_age_max = 30.0;
};

// Feature layout: [age, commercial, follow-up, cos(month) x trade, sin(month) x trade].
// Age is centred and scaled ((age - 10) / 10) so all features are of order one, which keeps the
// Newton systems well conditioned. An unknown month contributes 0: the year-round average.
class FeatureEncoder {
public:
    static constexpr std::size_t fixed_features = 3;

    explicit FeatureEncoder(std::size_t trade_count, FeatureImputation imputation = {})
        : trade_count_(trade_count), imputation_(imputation) {
        for (int m = 1; m <= 12; ++m) {
            month_cos_[m] = std::cos(6.283185307179586 * (m - 1) / 12.0);
            month_sin_[m] = std::sin(6.283185307179586 * (m - 1) / 12.0);
        }
    }

    [[nodiscard]] std::size_t size() const { return fixed_features + 2 * trade_count_; }
    [[nodiscard]] const FeatureImputation& imputation() const { return imputation_; }

    [[nodiscard]] static std::vector<std::string> names(const std::vector<std::string>& trade_names) {
        std::vector<std::string> out{"equipment_age", "commercial", "follow_up"};
        for (const auto& t : trade_names) out.push_back("season_cos:" + t);
        for (const auto& t : trade_names) out.push_back("season_sin:" + t);
        return out;
    }

    // Writes size() values to `out`. age NaN = unknown; month 0 = unknown.
    void encode(double age_years, double commercial, double follow_up, int month, std::uint32_t trade, double* out) const {
        const double age = std::isnan(age_years) ? imputation_.equipment_age_years
                                                 : std::clamp(age_years, imputation_.equipment_age_min,
                                                              std::max(imputation_.equipment_age_min, imputation_.equipment_age_max));
        out[0] = (age - 10.0) / 10.0;
        out[1] = commercial;
        out[2] = follow_up;
        for (std::size_t i = fixed_features; i < size(); ++i) out[i] = 0.0;
        if (month >= 1 && month <= 12 && trade < trade_count_) {
            out[fixed_features + trade] = month_cos_[month];
            out[fixed_features + trade_count_ + trade] = month_sin_[month];
        }
    }

    void encode(const JobFeatures& f, std::uint32_t trade, double* out) const {
        const double commercial = f.site ? (*f.site == SiteType::commercial ? 1.0 : 0.0) : imputation_.commercial_share;
        const double follow_up = f.visit ? (*f.visit == Visit::follow_up ? 1.0 : 0.0) : imputation_.follow_up_share;
        encode(f.equipment_age_years.value_or(NAN), commercial, follow_up, f.month.value_or(0), trade, out);
    }

    void encode_row(const HistoryTable& t, std::size_t row, std::uint32_t trade, double* out) const {
        encode(t.equipment_age_years[row], t.site[row] == SiteType::commercial ? 1.0 : 0.0, t.visit[row] == Visit::follow_up ? 1.0 : 0.0,
               static_cast<int>(civil_from_date(t.completed_on[row]).month), trade, out);
    }

private:
    std::size_t trade_count_;
    FeatureImputation imputation_;
    std::array<double, 13> month_cos_{};
    std::array<double, 13> month_sin_{};
};

}  // namespace fsd
