// The duration model's API: estimate(job, technician), quantiles that never cross, filling a
// Problem for planning, fallbacks for unknown types and technicians, and the model file.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "fsd/duration/model_file.hpp"
#include "fsd/duration/plan_durations.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/scenario/history.hpp"
#include "fsd/triage/fitted_duration.hpp"

namespace test_duration_model {

using namespace fsd;

namespace {

// One fitted model shared by the tests (fitting is the slow part).
const GeneratedHistory& history() {
    static const GeneratedHistory h = [] {
        HistoryOptions o;
        o.rows = 60'000;
        o.seed = 41;
        return generate_history(o);
    }();
    return h;
}
const DurationModel& model() {
    static const DurationModel m = fit_duration_model(history().table);
    return m;
}

bool ordered(const DurationQuantiles& q) {
    return Duration::zero() < q.p50 && q.p50 <= q.p75 && q.p75 <= q.p90;
}

}  // namespace

TEST_CASE("estimates never cross, for any feature vector") {
    const DurationModel& m = model();
    Rng rng(5);
    const std::vector<std::string> names = [&] {
        std::vector<std::string> n;
        for (const auto& jt : m.job_types) n.push_back(jt.name);
        n.push_back("chimney-sweep");  // unknown to the model and the taxonomy
        return n;
    }();
    for (int i = 0; i < 20'000; ++i) {
        JobFeatures f;
        f.job_type = names[rng.below(names.size())];
        // Far outside anything seen in training too: the regression lines are unbounded.
        if (rng.chance(0.8)) f.equipment_age_years = rng.chance(0.1) ? rng.uniform(-400, 400) : rng.uniform(0, 40);
        if (rng.chance(0.8)) f.site = rng.chance(0.5) ? SiteType::commercial : SiteType::residential;
        if (rng.chance(0.8)) f.visit = rng.chance(0.5) ? Visit::follow_up : Visit::first;
        if (rng.chance(0.8)) f.month = static_cast<int>(rng.between(1, 12));
        Technician tech;
        tech.id = rng.chance(0.7) ? m.technicians[rng.below(m.technicians.size())] : "stranger";
        tech.efficiency = rng.uniform(0.6, 1.6);
        const DurationQuantiles q = m.estimate(f, tech);
        INFO(f.job_type << " age " << f.equipment_age_years.value_or(-1));
        REQUIRE(ordered(q));
    }
}

TEST_CASE("crossing regression lines are rearranged into order") {
    // A hand-made model whose p50 line rises with "commercial" while p75 and p90 do not: at a
    // commercial site the raw p50 (4.5) lies above the raw p75 (4.2).
    DurationModel m;
    m.trades = {"hvac"};
    m.job_types = {{"boiler-repair", 0, 1000, 0}};
    m.technicians = {"T01"};
    m.technician_factors.factors = {TechnicianFactor{1.0, 1.0, 1000}};
    m.empirical.all = {1000, {4.0, 4.2, 4.4}, {4.0, 4.2, 4.4}};
    m.empirical.trades = {m.empirical.all};
    m.empirical.job_types = {m.empirical.all};
    const auto k = static_cast<Eigen::Index>(m.feature_count());
    for (std::size_t q = 0; q < 3; ++q) {
        m.regression[q].intercepts = Eigen::VectorXd::Constant(1, 4.0 + 0.2 * static_cast<double>(q));
        m.regression[q].slopes = Eigen::VectorXd::Zero(k);
    }
    m.regression[0].slopes[1] = 0.5;  // the "commercial" feature
    m.index();
    JobFeatures f;
    f.job_type = "boiler-repair";
    f.site = SiteType::commercial;
    const LogQuantiles q = m.predict_log(f);
    CHECK(q[0] == Approx(4.2));
    CHECK(q[1] == Approx(4.4));
    CHECK(q[2] == Approx(4.5));
    CHECK(ordered(m.estimate(f, 1.0)));
    f.site = SiteType::residential;
    CHECK(m.predict_log(f) == LogQuantiles{4.0, 4.2, 4.4});
}

TEST_CASE("estimate scales by the technician's factor, or by efficiency when it has no history") {
    const DurationModel& m = model();
    Job job;
    job.job_type = "boiler-repair";
    Technician known;
    known.id = m.technicians[3];
    known.efficiency = 1.0;  // ignored: the model has history for this technician
    const double factor = *m.technician_factor(known.id);
    const DurationQuantiles neutral = m.estimate(features_of(job), 1.0);
    const DurationQuantiles q = m.estimate(job, known);
    CHECK(static_cast<double>(q.p75.count()) == Approx(static_cast<double>(neutral.p75.count()) * factor).margin(1));
    Technician stranger;
    stranger.id = "NEW-HIRE";
    stranger.efficiency = 1.25;
    CHECK_FALSE(m.technician_factor(stranger.id));
    const DurationQuantiles s = m.estimate(job, stranger);
    CHECK(static_cast<double>(s.p90.count()) == Approx(static_cast<double>(neutral.p90.count()) / 1.25).margin(1));
}

TEST_CASE("job features move the estimate the way the generator does") {
    const DurationModel& m = model();
    JobFeatures base;
    base.job_type = "furnace-repair";
    base.equipment_age_years = 10;
    base.site = SiteType::residential;
    base.visit = Visit::first;
    base.month = 4;
    auto p50 = [&](const JobFeatures& f) { return std::exp(m.predict_log(f)[0]); };
    JobFeatures commercial = base, follow_up = base, old = base, winter = base;
    commercial.site = SiteType::commercial;
    follow_up.visit = Visit::follow_up;
    old.equipment_age_years = 20;
    winter.month = 1;
    CHECK(p50(commercial) / p50(base) == Approx(std::exp(0.15)).epsilon(0.05));
    CHECK(p50(follow_up) / p50(base) == Approx(std::exp(-0.30)).epsilon(0.05));
    CHECK(p50(old) / p50(base) == Approx(std::exp(0.15)).epsilon(0.05));
    CHECK(p50(winter) / p50(base) == Approx(std::exp(0.08)).epsilon(0.04));
    // Older equipment: more uncertain, so the p90 / p50 spread widens.
    auto spread = [&](const JobFeatures& f) {
        const auto q = m.predict_log(f);
        return q[2] - q[0];
    };
    CHECK(spread(old) > spread(base));
    // Ages outside the training range are clamped into it rather than extrapolated.
    JobFeatures ancient = base, oldest = base;
    ancient.equipment_age_years = 400;
    oldest.equipment_age_years = m.imputation.equipment_age_max;
    CHECK(m.predict_log(ancient) == m.predict_log(oldest));
    CHECK(m.imputation.equipment_age_max == Approx(25).margin(0.5));
}

TEST_CASE("unknown job types fall back to their trade, then to all jobs") {
    const DurationModel& m = model();
    HistoryTable no_gas =
        history().table.filter([&](std::size_t i) { return history().table.job_types.name(history().table.job_type[i]) != "gas-leak"; });
    // Rebuild so that gas-leak is not even a name in the table.
    HistoryTable t;
    for (std::size_t i = 0; i < no_gas.size(); ++i) t.add_row(no_gas.row(i));
    const DurationModel without = fit_duration_model(t);
    REQUIRE_FALSE(without.find_job_type("gas-leak"));
    JobFeatures gas;
    gas.job_type = "gas-leak";  // in the taxonomy: trade hvac
    CHECK(without.predict_log(gas) == without.empirical.trades[*without.find_trade("hvac")].shrunk);
    JobFeatures odd;
    odd.job_type = "chimney-sweep";
    CHECK(m.predict_log(odd) == m.empirical.all.shrunk);
}

TEST_CASE("fill_durations overwrites efficiencies only when asked, and says whose") {
    const DurationModel& m = model();
    ScenarioOptions so;
    so.technicians = 10;
    so.jobs = 20;
    Problem p = generate_scenario(so);
    p.technicians[0].id = "NOT-IN-HISTORY";
    for (auto& tech : p.technicians) tech.efficiency = 0.9;
    const PlanDurationReport kept = fill_durations(p, m);
    CHECK(kept.efficiency_set.empty());
    REQUIRE_FALSE(kept.no_history.empty());
    CHECK(kept.no_history.front() == "NOT-IN-HISTORY");
    for (const auto& tech : p.technicians) CHECK(tech.efficiency == 0.9);

    PlanDurationOptions overwrite;
    overwrite.set_technician_efficiency = true;
    const PlanDurationReport set = fill_durations(p, m, overwrite);
    CHECK_FALSE(set.efficiency_set.empty());
    CHECK(set.efficiency_set.size() + set.no_history.size() == p.technicians.size());
    CHECK(set.no_history == kept.no_history);
    CHECK(p.technicians[0].efficiency == 0.9);  // no history: the dispatcher's setting stays
    for (const auto& tech : p.technicians)
        if (const auto f = m.technician_factor(tech.id)) CHECK(tech.efficiency == 1.0 / *f);
}

TEST_CASE("fill_durations makes planning use the model at p75") {
    const DurationModel& m = model();
    ScenarioOptions so;
    so.technicians = 10;
    so.jobs = 60;
    Problem p = generate_scenario(so);
    p.objective.planning_quantile = Quantile::p50;
    p.technicians[0].id = "NOT-IN-HISTORY";
    p.technicians[0].efficiency = 0.8;
    PlanDurationOptions with_factors;
    with_factors.set_technician_efficiency = true;
    fill_durations(p, m, with_factors);
    CHECK(p.objective.planning_quantile == Quantile::p75);
    CHECK(p.technicians[0].efficiency == 0.8);  // no history: the dispatcher's setting stays
    for (const auto& tech : p.technicians) {
        if (const auto f = m.technician_factor(tech.id)) CHECK(tech.efficiency == Approx(1.0 / *f));
    }
    for (const auto& job : p.jobs) {
        REQUIRE(ordered(job.duration));
        const JobFeatures f = features_of(job, job_date(p, job));
        CHECK(f.month == 11);  // the default scenario is in November
        for (const auto& tech : p.technicians) {
            const auto expected = m.estimate(f, tech).p75.count();
            CHECK(std::abs(p.service_time(job, tech).count() - expected) <= 1);
        }
    }
    PlanDurationOptions p90 = with_factors;
    p90.planning_quantile = Quantile::p90;
    fill_durations(p, m, p90);
    CHECK(p.objective.planning_quantile == Quantile::p90);
    const auto& job = p.jobs[0];
    const auto& tech = p.technicians[1];
    CHECK(std::abs(p.service_time(job, tech).count() - m.estimate(features_of(job, job_date(p, job)), tech).p90.count()) <= 1);
    CHECK(p.service_time(job, tech) > m.estimate(features_of(job, job_date(p, job)), tech).p75);
}

TEST_CASE("a saved model loads back and predicts exactly the same") {
    const DurationModel& m = model();
    const auto path = std::filesystem::temp_directory_path() / "fsd_test_duration_model.json";
    save_duration_model(m, path);
    const DurationModel back = load_duration_model(path);
    std::filesystem::remove(path);
    const auto& t = history().table;
    CHECK(predict_history(back, t) == predict_history(m, t));
    CHECK(predict_history(back, t, DurationPredictor::empirical) == predict_history(m, t, DurationPredictor::empirical));
    CHECK(back.technician_factors.factors == m.technician_factors.factors);
    CHECK(back.job_types == m.job_types);
    CHECK(back.first_day == m.first_day);
}

TEST_CASE("a damaged model file is refused with the path of each defect") {
    auto doc = duration_model_to_json(model());
    auto errors_of = [](const nlohmann::ordered_json& d) {
        std::vector<std::string> out;
        try {
            duration_model_from_json(d);
        } catch (const InputErrors& e) {
            for (const auto& err : e.errors()) out.push_back(err.to_string());
        }
        return out;
    };
    CHECK(errors_of(doc).empty());
    auto wrong_format = doc;
    wrong_format["format"] = "fsd-problem/1";
    CHECK(errors_of(wrong_format) == std::vector<std::string>{"format: expected \"fsd-duration-model/1\", got \"fsd-problem/1\""});
    auto damaged = doc;
    damaged["regression"]["p75"]["slopes"].erase(0);
    damaged["technicians"]["factors"][2]["factor"] = -1.0;
    damaged["empirical"]["all"]["shrunk"] = {3.0, 2.0, 4.0};
    damaged.erase("imputation");
    const auto errs = errors_of(damaged);
    CHECK(errs == std::vector<std::string>{
                      "imputation: missing required field",
                      "empirical.all.shrunk: quantiles must be non-decreasing",
                      "regression.p75.slopes: expected " + std::to_string(model().feature_count()) + " numbers, got " +
                          std::to_string(model().feature_count() - 1),
                      "technicians.factors[2].factor: must be within 0.5-2, got -1",
                  });
    // The fit clamps factors to 0.5-2.0; a file outside that range was not written by it.
    auto unclamped = doc;
    unclamped["technicians"]["factors"][0]["factor"] = 2.5;
    unclamped["technicians"]["factors"][1]["factor"] = 0.5;
    CHECK(errors_of(unclamped) == std::vector<std::string>{"technicians.factors[0].factor: must be within 0.5-2, got 2.5"});
    CHECK_THROWS_AS(load_duration_model("/nonexistent/model.json"), InputErrors);
}

TEST_CASE("triage's fitted duration uses the month of the context's date") {
    const DurationModel& m = model();
    const triage::FittedDuration fitted{&m};
    const JobTypeSpec& boiler = job_types[*find_job_type("boiler-repair")];
    triage::TriageContext january, july, unknown;
    january.date = date_from_civil(2026, 1, 15);
    july.date = date_from_civil(2026, 7, 15);
    auto expected = [&](std::optional<int> month) {
        JobFeatures f;
        f.job_type = "boiler-repair";
        f.month = month;
        return m.estimate(f, 1.0);
    };
    CHECK(fitted(boiler, january) == expected(1));
    CHECK(fitted(boiler, july) == expected(7));
    CHECK(fitted(boiler, unknown) == expected(std::nullopt));
    // The history's heating jobs are seasonal, so the month matters.
    CHECK(fitted(boiler, january).p50 != fitted(boiler, july).p50);
}

}  // namespace test_duration_model
