// The job-history generator (determinism, months, shift) and the history CSV boundary
// (round trip, and every defect reported with its line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "fsd/duration/history_table.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/scenario/history.hpp"

namespace test_duration_history {

using namespace fsd;

namespace {

HistoryOptions small_history(std::uint64_t seed = 5) {
    HistoryOptions o;
    o.rows = 20'000;
    o.seed = seed;
    return o;
}

std::string csv_text(const HistoryTable& t) {
    std::ostringstream out;
    write_history_csv(t, out);
    return out.str();
}

// The errors of parsing `text`, as "path: message" lines; empty when it parses.
std::vector<std::string> csv_errors(const std::string& text) {
    try {
        parse_history_csv(text, "h.csv");
    } catch (const InputErrors& e) {
        std::vector<std::string> out;
        for (const auto& err : e.errors()) out.push_back(err.to_string());
        return out;
    }
    return {};
}

bool same_number(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

// Row by row, by name (a table read back interns names in order of appearance).
bool same_rows(const HistoryTable& a, const HistoryTable& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const HistoryRow x = a.row(i), y = b.row(i);
        if (x.job_id != y.job_id || x.completed_on != y.completed_on || x.job_type != y.job_type || x.trade != y.trade ||
            x.technician != y.technician || x.site != y.site || x.visit != y.visit ||
            !same_number(x.equipment_age_years, y.equipment_age_years) || !same_number(x.estimated_minutes, y.estimated_minutes) ||
            !same_number(x.actual_minutes, y.actual_minutes))
            return false;
    }
    return true;
}

const std::string header =
    "job_id,completed_on,job_type,trade,technician_id,site_type,equipment_age_years,visit,"
    "estimated_minutes,actual_minutes\n";

}  // namespace

TEST_CASE("history generation is deterministic per seed and covers the requested months") {
    const auto a = generate_history(small_history(5));
    const auto b = generate_history(small_history(5));
    const auto c = generate_history(small_history(6));
    CHECK(a.table == b.table);
    CHECK_FALSE(a.table == c.table);
    REQUIRE(a.table.size() == 20'000);

    const auto range = history_date_range(a.table);
    REQUIRE(range);
    CHECK(range->second == HistoryOptions{}.end_date);
    const auto days = range->second.days - range->first.days;
    CHECK(days >= 360);  // 12 months, first day may be a Sunday and skipped
    CHECK(days <= 366);
    CHECK(std::is_sorted(a.table.completed_on.begin(), a.table.completed_on.end()));

    // Every type of the taxonomy appears, with its trade; every row has a real duration.
    CHECK(a.table.job_types.size() == job_types.size());
    for (std::uint32_t t = 0; t < a.table.job_types.size(); ++t) {
        const auto spec = find_job_type(a.table.job_types.name(t));
        REQUIRE(spec);
        CHECK(a.table.trades.name(a.table.job_type_trade[t]) == job_types[*spec].trade);
    }
    CHECK(*std::min_element(a.table.actual_minutes.begin(), a.table.actual_minutes.end()) >= 5.0f);
}

TEST_CASE("typical durations follow the taxonomy's medians") {
    const auto h = generate_history(small_history(7));
    // Median of first-visit residential jobs of a common type, against the taxonomy's median.
    for (std::string_view name : {"boiler-service", "leak-repair", "outlet-repair"}) {
        const auto type = h.table.job_types.find(name);
        REQUIRE(type);
        std::vector<float> minutes;
        for (std::size_t i = 0; i < h.table.size(); ++i)
            if (h.table.job_type[i] == *type && h.table.visit[i] == Visit::first && h.table.site[i] == SiteType::residential)
                minutes.push_back(h.table.actual_minutes[i]);
        std::nth_element(minutes.begin(), minutes.begin() + minutes.size() / 2, minutes.end());
        const double median = minutes[minutes.size() / 2];
        const double nominal = job_types[*find_job_type(name)].median_min;
        CHECK(median == Approx(nominal).epsilon(0.15));
    }
}

TEST_CASE("a distribution shift multiplies only the named type, only from its date") {
    HistoryOptions plain = small_history(9);
    HistoryOptions shifted = plain;
    const Date from = date_from_civil(2026, 6, 1);
    shifted.shift = HistoryShift{from, 1.5, "boiler-repair"};
    const auto a = generate_history(plain);
    const auto b = generate_history(shifted);
    REQUIRE(a.table.size() == b.table.size());
    const auto boiler = *a.table.job_types.find("boiler-repair");
    std::size_t changed = 0, shifted_rows = 0;
    for (std::size_t i = 0; i < a.table.size(); ++i) {
        const bool affected = a.table.job_type[i] == boiler && a.table.completed_on[i] >= from;
        if (!affected) {
            changed += a.table.actual_minutes[i] != b.table.actual_minutes[i] ? 1 : 0;
            continue;
        }
        ++shifted_rows;
        if (a.table.actual_minutes[i] > 5)  // rounding to whole minutes: within one minute of 1.5x
            CHECK(std::abs(b.table.actual_minutes[i] - 1.5 * a.table.actual_minutes[i]) <= 1.0);
    }
    CHECK(changed == 0);
    CHECK(shifted_rows > 500);
}

TEST_CASE("a roster from a scenario gives history for the same technicians") {
    ScenarioOptions so;
    so.technicians = 8;
    const Problem day = generate_scenario(so);
    HistoryOptions o = small_history();
    o.roster = roster_of(day);
    const auto h = generate_history(o);
    REQUIRE(h.technicians.size() == 8);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < h.table.size(); ++i) ids.insert(h.table.technicians.name(h.table.technician[i]));
    for (const auto& t : day.technicians) CHECK(ids.count(t.id) == 1);
}

TEST_CASE("bad generator options are refused") {
    HistoryOptions o = small_history();
    o.months = 0;
    CHECK_THROWS_AS(generate_history(o), std::invalid_argument);
    o = small_history();
    o.shift = HistoryShift{date_from_civil(2026, 1, 1), 1.2, "no-such-type"};
    CHECK_THROWS_AS(generate_history(o), std::invalid_argument);
    o = small_history();
    o.roster = {{"X1", "carpentry"}};
    CHECK_THROWS_AS(generate_history(o), std::invalid_argument);
}

TEST_CASE("history CSV round-trips exactly") {
    HistoryTable t = generate_history(small_history(11)).table.filter([](std::size_t i) { return i < 3000; });
    // Names that need quoting, and unknown numbers, survive too.
    t.add_row({"H-x", date_from_civil(2026, 3, 4), "roof-repair", "roofing", "Smith, \"JJ\"", SiteType::commercial, Visit::follow_up, NAN,
               NAN, 42.5});
    const std::string text = csv_text(t);
    const HistoryTable back = parse_history_csv(text, "mem");
    CHECK(same_rows(back, t));
    CHECK(csv_text(back) == text);
    CHECK(parse_history_csv(csv_text(back), "again") == back);
    const auto last = back.row(back.size() - 1);
    CHECK(last.technician == "Smith, \"JJ\"");
    CHECK(std::isnan(last.equipment_age_years));
    CHECK(last.actual_minutes == 42.5);
}

TEST_CASE("history CSV columns may come in any order, extra columns are ignored") {
    const std::string text =
        "actual_minutes,job_id,note,completed_on,job_type,trade,technician_id,site_type,equipment_"
        "age_years,visit,"
        "estimated_minutes\n"
        "61,H1,hello,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60\r\n"
        "\n"
        "\"75\",H2,,2026-01-06,leak-repair,plumbing,T02,commercial,,follow-up,\n";
    const HistoryTable t = parse_history_csv(text, "mem");
    REQUIRE(t.size() == 2);
    CHECK(t.actual_minutes[1] == 75.0f);
    CHECK(t.site[1] == SiteType::commercial);
    CHECK(t.visit[1] == Visit::follow_up);
    CHECK(std::isnan(t.equipment_age_years[1]));
    CHECK(t.technicians.size() == 2);
}

TEST_CASE("bad history CSV is reported with file and line for every defect") {
    CHECK(csv_errors("") == std::vector<std::string>{"h.csv: empty file: expected a CSV header"});
    {
        const auto errs = csv_errors("job_id,completed_on\nH1,2026-01-01\n");
        REQUIRE(errs.size() == 8);  // one per missing column
        CHECK(errs[0] == "h.csv:1: missing column 'job_type'");
    }
    const std::string rows = header +
                             "H1,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60,61\n"      // line 2: fine
                             "H2,2026-02-30,leak-repair,plumbing,T01,residential,4,first,60,61\n"      // 3: no such date
                             "H3,2026-01-05,leak-repair,plumbing,T01,house,4,first,60,61\n"            // 4: site type
                             "H4,2026-01-05,leak-repair,plumbing,T01,residential,4,second,60,61\n"     // 5: visit
                             "H5,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60,abc\n"     // 6: not a number
                             "H6,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60,0\n"       // 7: not positive
                             "H7,2026-01-05,leak-repair,plumbing,T01,residential,-2,first,60,61\n"     // 8: negative age
                             "H8,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60\n"         // 9: a field short
                             "H9,2026-01-05,leak-repair,hvac,T01,residential,4,first,60,61\n"          // 10: other trade
                             ",2026-01-05,leak-repair,plumbing,T01,residential,4,first,60,61\n"        // 11: no id
                             "H11,2026-01-05,\"leak-repair,plumbing,T01,residential,4,first,60,61\n";  // 12: open quote
    const auto errs = csv_errors(rows);
    const std::vector<std::string> expected{
        "h.csv:3: completed_on: expected a date YYYY-MM-DD, got '2026-02-30'",
        "h.csv:4: site_type: expected residential or commercial, got 'house'",
        "h.csv:5: visit: expected first or follow-up, got 'second'",
        "h.csv:6: actual_minutes: expected a positive number, got 'abc'",
        "h.csv:7: actual_minutes: expected a positive number, got '0'",
        "h.csv:8: equipment_age_years: expected a non-negative number, got '-2'",
        "h.csv:9: expected 10 fields, found 9",
        "h.csv:10: job type 'leak-repair' is of trade 'plumbing', not 'hvac'",
        "h.csv:11: job_id: must not be empty",
        "h.csv:12: unterminated quoted field",
    };
    CHECK(errs == expected);
}

TEST_CASE("reading a missing history file is an input error naming the file") {
    try {
        read_history_csv("/nonexistent/history.csv");
        FAIL("expected InputErrors");
    } catch (const InputErrors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].path == "/nonexistent/history.csv");
    }
}

TEST_CASE("a time split keeps names and indices") {
    const auto h = generate_history(small_history(12));
    const Date at = date_from_civil(2026, 8, 1);
    const auto parts = split_history(h.table, at);
    CHECK(parts.before.size() + parts.from.size() == h.table.size());
    CHECK(parts.before.technicians == h.table.technicians);
    CHECK(parts.from.job_types == h.table.job_types);
    CHECK(history_date_range(parts.before)->second < at);
    CHECK(history_date_range(parts.from)->first >= at);
}

}  // namespace test_duration_history
