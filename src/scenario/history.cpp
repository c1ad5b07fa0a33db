#include "fsd/scenario/history.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "fsd/model/job_types.hpp"
#include "fsd/model/random.hpp"

namespace fsd {
namespace {

constexpr double two_pi = 6.283185307179586;

// How much longer a trade's jobs run in mid-winter (log scale; the opposite in mid-summer):
// frozen pipes, cold starts, heating systems under load.
double seasonal_effect(std::string_view trade, unsigned month) {
    const double winter = std::cos(two_pi * (month - 1) / 12.0);
    if (trade == "hvac") return 0.08 * winter;
    if (trade == "plumbing") return 0.05 * winter;
    return 0.0;
}

bool is_sunday(Date d) {
    return (d.days + 4) % 7 == 0;
}  // 1970-01-01 was a Thursday

Date months_before(Date end, int months) {
    const CivilDate c = civil_from_date(end);
    const int index = c.year * 12 + static_cast<int>(c.month) - 1 - months;
    const Date first = date_from_civil(index / 12, static_cast<unsigned>(index % 12) + 1, 1);
    return Date{first.days + c.day};  // the day after the same day-of-month, months earlier
}

void check(const HistoryOptions& o) {
    if (o.rows > 20'000'000) throw std::invalid_argument("rows must be at most 20,000,000");
    if (o.months < 1 || o.months > 36) throw std::invalid_argument("months must be 1..36");
    if (o.roster.empty() && (o.technicians < 1 || o.technicians > 2000)) throw std::invalid_argument("technicians must be 1..2000");
    if (!(o.speed_sigma >= 0 && o.speed_sigma <= 1)) throw std::invalid_argument("speed_sigma must be 0..1");
    if (!(o.late_joiner_share >= 0 && o.late_joiner_share <= 1)) throw std::invalid_argument("late_joiner_share must be 0..1");
    for (const auto& m : o.roster)
        if (std::find(trades.begin(), trades.end(), m.trade) == trades.end())
            throw std::invalid_argument(fmt::format("technician {}: unknown trade '{}'", m.id, m.trade));
    if (o.shift) {
        if (!(o.shift->factor > 0)) throw std::invalid_argument("shift factor must be positive");
        if (!o.shift->job_type.empty() && !find_job_type(o.shift->job_type))
            throw std::invalid_argument(fmt::format("shift: unknown job type '{}'", o.shift->job_type));
    }
}

class HistoryBuilder {
public:
    explicit HistoryBuilder(const HistoryOptions& o) : o_(o), rng_(o.seed) {
        first_ = months_before(o.end_date, o.months);
        for (Date d = first_; d <= o.end_date; d.days++)
            if (!is_sunday(d)) workdays_.push_back(d);
        for (const auto& jt : job_types) type_share_total_ += jt.share;
    }

    GeneratedHistory build() {
        roster();
        std::vector<std::size_t> rows_per_day(workdays_.size(), 0);
        Rng day_rng = rng_.split();
        for (std::size_t i = 0; i < o_.rows; ++i) ++rows_per_day[day_rng.below(workdays_.size())];
        out_.table.reserve(o_.rows);
        for (const auto& jt : job_types) out_.table.intern_job_type(jt.name, jt.trade);
        for (const auto& t : out_.technicians) out_.table.technicians.intern(t.id);
        for (std::size_t d = 0; d < workdays_.size(); ++d) day(workdays_[d], rows_per_day[d]);
        return std::move(out_);
    }

private:
    void roster() {
        Rng r = rng_.split();
        const auto span_days = static_cast<double>(o_.end_date.days - first_.days);
        const auto count = o_.roster.empty() ? static_cast<std::size_t>(o_.technicians) : o_.roster.size();
        for (std::size_t i = 0; i < count; ++i) {
            TechnicianTruth t;
            if (o_.roster.empty()) {
                t.id = fmt::format("T{:02d}", i + 1);
                const double u = r.uniform();
                t.trade = std::string(trades[u < 0.4 ? 0 : u < 0.7 ? 1 : 2]);
            } else {
                t.id = o_.roster[i].id;
                t.trade = o_.roster[i].trade;
            }
            t.speed_factor = std::exp(r.normal(0, o_.speed_sigma));
            // The first technician is always there from the start, so every day has someone.
            const bool late = i > 0 && r.chance(o_.late_joiner_share);
            t.joined = late ? Date{first_.days + std::llround(span_days * r.uniform(0.4, 0.7))} : first_;
            out_.technicians.push_back(std::move(t));
            activity_.push_back(r.uniform(0.6, 1.4));  // part-timers and busy bees
        }
    }

    // Technicians present on `date` who work in `trade` (all present ones when none does).
    void pick_list(Date date, std::string_view trade, std::vector<std::uint32_t>& ids, std::vector<double>& cumulative) {
        ids.clear();
        cumulative.clear();
        for (int pass = 0; pass < 2 && ids.empty(); ++pass) {
            double total = 0;
            for (std::uint32_t t = 0; t < out_.technicians.size(); ++t) {
                const auto& tech = out_.technicians[t];
                if (tech.joined > date || (pass == 0 && tech.trade != trade)) continue;
                total += activity_[t];
                ids.push_back(t);
                cumulative.push_back(total);
            }
        }
    }

    std::uint32_t pick(const std::vector<std::uint32_t>& ids, const std::vector<double>& cumulative) {
        const double x = rng_.uniform(0, cumulative.back());
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
        return ids[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), ids.size() - 1)];
    }

    std::size_t pick_type() {
        double x = rng_.uniform(0, type_share_total_);
        for (std::size_t i = 0; i < job_types.size(); ++i) {
            x -= job_types[i].share;
            if (x <= 0) return i;
        }
        return job_types.size() - 1;
    }

    void day(Date date, std::size_t rows) {
        std::array<std::vector<std::uint32_t>, trades.size()> ids;
        std::array<std::vector<double>, trades.size()> cumulative;
        for (std::size_t t = 0; t < trades.size(); ++t) pick_list(date, trades[t], ids[t], cumulative[t]);
        const unsigned month = civil_from_date(date).month;
        for (std::size_t i = 0; i < rows; ++i) {
            const std::size_t type = pick_type();
            const JobTypeSpec& spec = job_types[type];
            const auto trade = static_cast<std::size_t>(std::find(trades.begin(), trades.end(), spec.trade) - trades.begin());
            const std::uint32_t tech = pick(ids[trade], cumulative[trade]);
            const bool commercial = rng_.chance(0.25);
            const bool follow_up = rng_.chance(0.15);
            const double age = std::round(250.0 * std::pow(rng_.uniform(), 1.5)) / 10.0;  // 0..25 years, mean 10

            double log_min = std::log(spec.median_min) + 0.015 * (age - 10) + (commercial ? 0.15 : 0.0) - (follow_up ? 0.30 : 0.0) +
                             seasonal_effect(spec.trade, month) + std::log(out_.technicians[tech].speed_factor);
            log_min += spec.sigma * (0.85 + 0.015 * age) * rng_.normal();
            if (rng_.chance(0.03)) log_min += std::abs(rng_.normal(0, 0.5));  // complications
            if (o_.shift && date >= o_.shift->from && (o_.shift->job_type.empty() || o_.shift->job_type == spec.name))
                log_min += std::log(o_.shift->factor);
            const double actual = std::max(5.0, std::round(std::exp(log_min)));
            // The dispatcher books the type's typical time in quarter hours, a little more for
            // businesses and less for follow-ups.
            const double nominal = spec.median_min * (commercial ? 1.15 : 1.0) * (follow_up ? 0.75 : 1.0);
            const double estimate = std::max(15.0, 15.0 * std::round(nominal / 15.0));

            out_.table.push_back(fmt::format("H{:07d}", ++job_number_), date, static_cast<std::uint32_t>(type), tech,
                                 commercial ? SiteType::commercial : SiteType::residential, follow_up ? Visit::follow_up : Visit::first,
                                 age, estimate, actual);
        }
    }

    const HistoryOptions& o_;
    Rng rng_;
    Date first_;
    std::vector<Date> workdays_;
    double type_share_total_ = 0;
    std::vector<double> activity_;
    std::size_t job_number_ = 0;
    GeneratedHistory out_;
};

}  // namespace

GeneratedHistory generate_history(const HistoryOptions& options) {
    check(options);
    return HistoryBuilder(options).build();
}

std::vector<RosterMember> roster_of(const Problem& problem) {
    std::vector<RosterMember> roster;
    for (const auto& t : problem.technicians) {
        std::string trade = std::string(trades[0]);
        if (!t.skills.empty() && t.skills.front().skill < problem.catalog.skills.size())
            trade = problem.catalog.skills[t.skills.front().skill];
        if (std::find(trades.begin(), trades.end(), trade) == trades.end()) trade = std::string(trades[0]);
        roster.push_back({t.id, trade});
    }
    return roster;
}

}  // namespace fsd
