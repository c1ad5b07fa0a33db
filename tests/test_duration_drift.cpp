// The drift monitor: it fires, naming the group, after the generator's distribution shifts
// mid-history, and stays quiet on the same history without the shift.
#include <catch2/catch.hpp>

#include <set>

#include "fsd/duration/drift.hpp"
#include "fsd/scenario/history.hpp"

namespace test_duration_drift {

using namespace fsd;

namespace {

const Date fit_until = date_from_civil(2026, 5, 21);  // a year of training history
const Date shift_date = date_from_civil(2026, 8, 1);

struct Monitored {
    GeneratedHistory history;
    std::vector<DriftAlarm> alarms;
};

// 18 months of history; the model learns the first 12, the monitor watches the last 6.
// Everyone is on the roster from the start, so the only change is the shift (if any).
Monitored monitor(bool shifted) {
    HistoryOptions o;
    o.rows = 150'000;
    o.months = 18;
    o.seed = 12;
    o.late_joiner_share = 0;
    if (shifted) o.shift = HistoryShift{shift_date, 1.4, "boiler-repair"};
    Monitored m{generate_history(o), {}};
    const HistorySplit parts = split_history(m.history.table, fit_until);
    const DurationModel model = fit_duration_model(parts.before);
    m.alarms = detect_drift(model, parts.before, parts.from);
    return m;
}

}  // namespace

TEST_CASE("no drift alarm without a shift") {
    const Monitored m = monitor(false);
    std::string messages;
    for (const auto& a : m.alarms) messages += a.message() + "\n";
    INFO(messages);
    CHECK(m.alarms.empty());
    CHECK(m.history.table.size() == 150'000);
}

TEST_CASE("a shift in one job type raises alarms naming it, soon after and not before") {
    const Monitored m = monitor(true);
    REQUIRE_FALSE(m.alarms.empty());
    std::set<std::string> hvac_groups{"all", "trade=hvac", "job_type=boiler-repair"};
    for (const auto& t : m.history.technicians)
        if (t.trade == "hvac") hvac_groups.insert("technician=" + t.id);

    std::optional<Date> first_boiler_alarm;
    bool coverage = false, pinball = false;
    for (const auto& a : m.alarms) {
        INFO(a.message());
        CHECK(a.window_last >= shift_date);      // nothing before the shift
        CHECK(hvac_groups.count(a.group) == 1);  // only groups that do boiler repairs
        if (a.group != "job_type=boiler-repair") continue;
        if (!first_boiler_alarm) first_boiler_alarm = a.window_last;
        coverage = coverage || a.metric == DriftMetric::coverage;
        pinball = pinball || a.metric == DriftMetric::pinball;
    }
    REQUIRE(first_boiler_alarm);
    CHECK(first_boiler_alarm->days - shift_date.days <= 28);  // within one window of the shift
    CHECK(coverage);
    CHECK(pinball);
    // Every full window after the shift sees it: jobs now run 1.4x, so p90 covers far fewer.
    std::size_t p90_windows = 0;
    for (const auto& a : m.alarms)
        if (a.group == "job_type=boiler-repair" && a.metric == DriftMetric::coverage && a.quantile == Quantile::p90) {
            ++p90_windows;
            if (a.window_first >= shift_date) CHECK(a.observed < 0.8);
        }
    CHECK(p90_windows >= 10);
}

TEST_CASE("drift thresholds: tolerance and sampling noise") {
    // 200 jobs per window all finishing far above p90: every quantile's coverage alarms in the
    // one group; with fewer jobs than min_rows nothing is judged.
    HistoryTable t;
    for (int d = 0; d < 28; ++d)
        for (int i = 0; i < 8; ++i)
            t.add_row({"J", Date{date_from_civil(2026, 3, 1).days + d}, "leak-repair", "plumbing", "T1", SiteType::residential,
                       Visit::first, 5, 60, 200});
    const LogQuantiles q{std::log(60.0), std::log(80.0), std::log(100.0)};
    const std::vector<LogQuantiles> pred(t.size(), q);
    DriftOptions o;
    o.by_trade = o.by_technician = false;
    const auto alarms = detect_drift(t, pred, t, pred, o);  // no baseline gap: coverage only
    std::set<std::string> groups;
    for (const auto& a : alarms) {
        groups.insert(a.group);
        CHECK(a.metric == DriftMetric::coverage);
        CHECK(a.observed == 0.0);
    }
    CHECK(groups == std::set<std::string>{"all", "job_type=leak-repair"});
    CHECK(alarms.size() == 6);  // one window, two groups, three quantiles
    o.min_rows = 500;
    CHECK(detect_drift(t, pred, t, pred, o).empty());
}

}  // namespace test_duration_drift
