// Model A: empirical quantiles per job type with hierarchical shrinkage (type -> trade -> all).
#include <catch2/catch.hpp>

#include <cmath>

#include "fsd/duration/empirical.hpp"
#include "fsd/duration/model.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/history.hpp"

namespace test_duration_empirical {

using namespace fsd;

namespace {

// Types 0 (big) and 1 (`small_rows` rows, much longer jobs) in trade 0; type 2 in trade 1;
// type 3 in trade 0 with no rows at all.
struct Synthetic {
    std::vector<double> log_minutes;
    std::vector<std::uint32_t> job_type;
    std::vector<std::uint32_t> type_trade{0, 0, 1, 0};
};

Synthetic synthetic(std::size_t small_rows, std::uint64_t seed = 3) {
    Synthetic s;
    Rng rng(seed);
    auto add = [&](std::uint32_t type, std::size_t rows, double mean, double sd) {
        for (std::size_t i = 0; i < rows; ++i) {
            s.log_minutes.push_back(rng.normal(mean, sd));
            s.job_type.push_back(type);
        }
    };
    add(0, 5000, 4.0, 0.3);
    add(1, small_rows, 5.5, 0.3);
    add(2, 3000, 3.0, 0.4);
    return s;
}

double distance(const LogQuantiles& a, const LogQuantiles& b) {
    double d = 0;
    for (std::size_t k = 0; k < 3; ++k) d = std::max(d, std::abs(a[k] - b[k]));
    return d;
}

}  // namespace

TEST_CASE("shrinkage moves a small job type toward its trade") {
    const Synthetic s = synthetic(5);
    const EmpiricalQuantiles m = fit_empirical(s.log_minutes, s.job_type, s.type_trade, 2, {.prior_rows = 40});
    const EmpiricalGroup& small = m.job_types[1];
    const LogQuantiles& parent = m.trades[0].shrunk;
    REQUIRE(small.rows == 5);
    for (std::size_t k = 0; k < 3; ++k) {
        // Between its own sample quantile and the parent's, much nearer the parent (5 rows vs 40).
        CHECK(small.shrunk[k] < small.raw[k]);
        CHECK(small.shrunk[k] > parent[k]);
        CHECK(std::abs(small.shrunk[k] - parent[k]) < 0.25 * std::abs(small.raw[k] - parent[k]));
        CHECK(small.shrunk[k] == Approx((5 * small.raw[k] + 40 * parent[k]) / 45));
    }
    // A type with thousands of rows barely moves.
    CHECK(distance(m.job_types[0].shrunk, m.job_types[0].raw) < 0.01 * distance(m.job_types[0].raw, parent) + 1e-3);
    // A type with no rows is its parent.
    CHECK(m.job_types[3].rows == 0);
    CHECK(m.job_types[3].shrunk == parent);
    // The trade in turn is shrunk toward all jobs, by its own weight.
    for (std::size_t k = 0; k < 3; ++k) {
        const double n = static_cast<double>(m.trades[1].rows);
        CHECK(m.trades[1].shrunk[k] == Approx((n * m.trades[1].raw[k] + 40 * m.all.shrunk[k]) / (n + 40)));
    }
}

TEST_CASE("the more history a type has, the less it is shrunk") {
    double previous = 1e9;
    for (std::size_t rows : {3, 30, 300, 3000}) {
        const Synthetic s = synthetic(rows);
        const EmpiricalQuantiles m = fit_empirical(s.log_minutes, s.job_type, s.type_trade, 2);
        const double pulled = distance(m.job_types[1].shrunk, m.job_types[1].raw);
        CHECK(pulled < previous);
        previous = pulled;
    }
    CHECK(previous < 0.02);
}

TEST_CASE("sample quantiles are the usual ones and never cross") {
    std::vector<double> values;
    for (int i = 1; i <= 101; ++i) values.push_back(i);
    Rng rng(1);
    rng.shuffle(values.begin(), values.end());
    const std::vector<std::uint32_t> type(values.size(), 0);
    const std::vector<std::uint32_t> trade{0};
    const EmpiricalQuantiles m = fit_empirical(values, type, trade, 1);
    CHECK(m.all.raw[0] == Approx(51));
    CHECK(m.all.raw[1] == Approx(76));
    CHECK(m.all.raw[2] == Approx(91));
    const Synthetic s = synthetic(7);
    const EmpiricalQuantiles mm = fit_empirical(s.log_minutes, s.job_type, s.type_trade, 2);
    for (const auto& g : mm.job_types) CHECK((g.shrunk[0] <= g.shrunk[1] && g.shrunk[1] <= g.shrunk[2]));
}

TEST_CASE("a job type with little history is left to Model A, shrunk toward its trade") {
    HistoryOptions o;
    o.rows = 40'000;
    o.seed = 21;
    const HistoryTable full = generate_history(o).table;
    // Keep only 12 gas-leak jobs.
    const auto gas = *full.job_types.find("gas-leak");
    std::size_t kept = 0;
    const HistoryTable t = full.filter([&](std::size_t i) { return full.job_type[i] != gas || kept++ < 12; });
    const DurationModel m = fit_duration_model(t);
    const auto type = *m.find_job_type("gas-leak");
    CHECK(m.job_types[type].rows == 12);
    CHECK(m.job_types[type].regression_group == -1);
    CHECK(m.job_types[*m.find_job_type("boiler-repair")].regression_group >= 0);
    const auto& g = m.empirical.job_types[type];
    const auto& hvac = m.empirical.trades[*m.find_trade("hvac")].shrunk;
    for (std::size_t k = 0; k < 3; ++k) CHECK(std::abs(g.shrunk[k] - hvac[k]) < std::abs(g.raw[k] - hvac[k]));
    JobFeatures f;
    f.job_type = "gas-leak";
    CHECK(m.predict_log(f) == g.shrunk);
}

}  // namespace test_duration_empirical
