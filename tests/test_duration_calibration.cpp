// Calibration: pinball loss and coverage, and the target on held-out history (time split, last
// three months): p90 coverage 0.88-0.92 overall and for every job type with >= 200 held-out jobs.
#include <catch2/catch.hpp>

#include <cmath>

#include "fsd/duration/calibration.hpp"
#include "fsd/duration/model.hpp"
#include "fsd/scenario/history.hpp"

namespace test_duration_calibration {

using namespace fsd;

TEST_CASE("pinball loss and coverage by hand") {
    CHECK(pinball_loss(0.9, 100, 80) == Approx(18));  // under-predicted: tau x 20
    CHECK(pinball_loss(0.9, 60, 80) == Approx(2));    // over-predicted: (1 - tau) x 20
    CHECK(pinball_loss(0.5, 80, 80) == 0);

    HistoryTable t;
    for (int i = 0; i < 4; ++i)
        t.add_row({"J", date_from_civil(2026, 1, 5), i < 2 ? "leak-repair" : "outlet-repair", i < 2 ? "plumbing" : "electrical",
                   i % 2 ? "T2" : "T1", SiteType::residential, Visit::first, 5, i == 3 ? NAN : 60.0, 50.0 + 20 * i});
    // Actuals 50, 70, 90, 110 against p50/p75/p90 of 60/80/100 minutes for every row.
    const LogQuantiles q{std::log(60.0), std::log(80.0), std::log(100.0)};
    const std::vector<LogQuantiles> pred(4, q);
    const CalibrationReport r = calibrate(t, pred);
    CHECK(r.overall.rows == 4);
    CHECK(r.overall.quantiles[0].coverage == Approx(0.25));
    CHECK(r.overall.quantiles[1].coverage == Approx(0.5));
    CHECK(r.overall.quantiles[2].coverage == Approx(0.75));
    // p90: losses 0.1*50, 0.1*30, 0.1*10, 0.9*10 -> mean 4.5
    CHECK(r.overall.quantiles[2].pinball_minutes == Approx(4.5));
    REQUIRE(r.job_types.size() == 2);
    CHECK(r.job_types[0].name == "leak-repair");
    CHECK(r.job_types[0].quantiles[2].coverage == Approx(1.0));
    CHECK(r.job_types[1].quantiles[2].coverage == Approx(0.5));
    CHECK(r.technicians[1].name == "T2");
    CHECK(r.technicians[1].rows == 2);
    CHECK(r.trades[1].name == "electrical");
    CHECK(r.estimated_rows == 3);                     // one row has no estimate
    CHECK(r.estimate_coverage == Approx(1.0 / 3.0));  // only the 50-minute job beat its 60
    const std::string text = format_calibration(r);
    CHECK(text.find("p90") != std::string::npos);
    CHECK(text.find("outlet-repair") != std::string::npos);
}

TEST_CASE("p90 coverage is on target on held-out months, overall and per job type") {
    // Large enough that sampling noise is well inside the +-0.02 band for every type: a type
    // with n held-out jobs has coverage noise sd sqrt(0.09 / n), 0.006 for the rarest here.
    HistoryOptions o;
    o.rows = 500'000;
    o.seed = 2;
    const HistoryTable history = generate_history(o).table;
    const Date split = date_from_civil(2026, 8, 21);  // the last three months are held out
    const HistorySplit parts = split_history(history, split);
    REQUIRE(parts.from.size() > 100'000);
    const DurationModel model = fit_duration_model(parts.before);
    const CalibrationReport held_out = calibrate(parts.from, predict_history(model, parts.from));

    CHECK(held_out.overall.quantiles[2].coverage >= 0.88);
    CHECK(held_out.overall.quantiles[2].coverage <= 0.92);
    CHECK(held_out.overall.quantiles[0].coverage == Approx(0.50).margin(0.02));
    CHECK(held_out.overall.quantiles[1].coverage == Approx(0.75).margin(0.02));
    std::size_t judged = 0;
    for (const auto& g : held_out.job_types) {
        if (g.rows < 200) continue;
        ++judged;
        INFO(g.name << ": " << g.rows << " held-out jobs");
        CHECK(g.quantiles[2].coverage >= 0.88);
        CHECK(g.quantiles[2].coverage <= 0.92);
    }
    CHECK(judged == 20);

    // Model B (features) beats Model A (type only) on every quantile's pinball loss, and both
    // beat the dispatcher's booking estimate as a p50 (which covers far fewer than p75 would).
    const CalibrationReport empirical = calibrate(parts.from, predict_history(model, parts.from, DurationPredictor::empirical));
    for (std::size_t k = 0; k < 3; ++k)
        CHECK(held_out.overall.quantiles[k].pinball_minutes < 0.95 * empirical.overall.quantiles[k].pinball_minutes);
    CHECK(held_out.estimate_coverage < 0.6);
}

}  // namespace test_duration_calibration
