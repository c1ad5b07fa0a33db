// The HTML plan report, read as a document: one route path per technician used, one bar per
// visit, the jobs left out, input escaped, nothing fetched from a network; the seams (marks,
// bars, sections) draw what they are given; road geometry follows the road.
#include <catch2/catch.hpp>

#include <regex>

#include "fsd/baseline/baseline.hpp"
#include "fsd/io/plan_text.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/report/route_geometry.hpp"
#include "fsd/scenario/generator.hpp"

namespace test_report {

using namespace fsd;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

struct Fixture {
    Problem problem;
    Evaluation ev;
    Fixture() {
        ScenarioOptions o;
        o.technicians = 4;
        o.jobs = 30;
        o.seed = 5;
        problem = generate_scenario(o);
        ev = evaluate(problem, plan_baseline(problem));
    }
    [[nodiscard]] std::size_t visits() const {
        std::size_t n = 0;
        for (const auto& r : ev.schedule.routes)
            for (const auto& s : r.stops) n += s.kind == StopKind::job;
        return n;
    }
    [[nodiscard]] JobIndex first_visited() const {
        for (const auto& r : ev.schedule.routes)
            for (const auto& s : r.stops)
                if (s.kind == StopKind::job) return s.index;
        return 0;
    }
};

}  // namespace

TEST_CASE("the report draws one route per technician used and one bar per visit", "[report]") {
    const Fixture f;
    REQUIRE(f.ev.feasible());
    REQUIRE(!f.ev.schedule.unassigned.empty());  // 30 jobs are more than 4 technicians can do
    const std::string html = report::html_report(f.problem, f.ev);
    CHECK(count(html, R"(<path class="route")") == static_cast<std::size_t>(f.ev.kpis.routes_used));
    CHECK(count(html, R"(<rect class="visit")") == f.visits());
    CHECK(count(html, R"(<g class="row")") == f.problem.technicians.size());
    CHECK(count(html, R"(<tr class="left-out-row")") == f.ev.schedule.unassigned.size());
    CHECK(count(html, R"(<path class="left-out")") == f.ev.schedule.unassigned.size());
    CHECK(count(html, R"(class="band")") > 0);  // the generator's jobs have quantiles
    CHECK(html.find(R"(id="kpis")") != std::string::npos);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("visits as reported and the job set out for are marked, and what the field broke is listed apart", "[report]") {
    const Fixture f;
    Plan plan = f.ev.schedule;
    Route& r = plan.routes.front();
    REQUIRE(r.stops.size() >= 2);
    // The first stop reported an hour long, from when the plan had it; the next job driven to, the
    // route's departure pushed 20 minutes earlier than the shift: a fact the report lists apart.
    r.stops[0].as_reported = true;
    r.stops[0].end = r.stops[0].start + hours(1);
    r.departure = f.problem.technicians[r.technician].shifts[r.shift].span.start - minutes(20);
    std::size_t next = 1;
    while (next < r.stops.size() && r.stops[next].kind != StopKind::job) ++next;
    REQUIRE(next < r.stops.size());
    r.stops[next].set_out = true;
    r.stops[next].arrival = r.stops[0].end + f.problem.travel_time(f.problem.jobs[r.stops[0].job_index()].location,
                                                                   f.problem.jobs[r.stops[next].job_index()].location);
    r.stops[next].start = TimePoint::min();
    const Evaluation ev = evaluate(f.problem, plan);
    REQUIRE(!ev.already_broken.empty());
    const std::string html = report::html_report(f.problem, ev);
    CHECK(count(html, " · as reported") >= 1);
    CHECK(count(html, " · set out for") == 1);
    CHECK(html.find(R"(id="already-broken")") != std::string::npos);
}

TEST_CASE("the report is self-contained: no address outside the file", "[report]") {
    const Fixture f;
    const std::string html = report::html_report(f.problem, f.ev);
    const std::regex external(R"((src|href)\s*=|url\(|@import|https?://)");
    CHECK(!std::regex_search(html, external));
}

TEST_CASE("names and ids from the input are escaped", "[report]") {
    Fixture f;
    f.problem.technicians[0].name = "<script>alert(1)</script>";
    f.problem.jobs[f.first_visited()].id = "J\"<b>";
    const std::string html = report::html_report(f.problem, f.ev);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find(R"(data-job="J&quot;&lt;b&gt;")") != std::string::npos);
}

TEST_CASE("extras: marks, timeline bars and sections are drawn where they belong", "[report]") {
    const Fixture f;
    const JobIndex j = f.first_visited();
    report::ReportOptions o;
    o.extras.marks.push_back({j, "bumped", "+12 min"});
    o.extras.bars.push_back({0, TimePoint(9 * 3600), TimePoint(10 * 3600), "actual", "actual 09:00-10:00"});
    o.extras.sections.push_back({"cascade", "What changed", "<p>diff</p>"});
    const std::string html = report::html_report(f.problem, f.ev, o);
    const std::string id = report::escape_html(f.problem.jobs[j].id);
    CHECK(html.find(R"(<rect class="visit mark-bumped" data-job=")" + id + "\"") != std::string::npos);
    CHECK(count(html, "mark-bumped") == 2);  // the bar and the map stop
    CHECK(html.find(">+12 min</text>") != std::string::npos);
    CHECK(count(html, R"(class="bar-actual")") == 1);
    const auto section = html.find(R"(<section id="cascade" class="extra"><h2>What changed</h2><p>diff</p>)");
    REQUIRE(section != std::string::npos);
    CHECK(section > html.find(R"(id="kpis")"));
    CHECK(section < html.find(R"(<section id="map")"));
}

TEST_CASE("a missed SLA is marked as missed", "[report]") {
    Fixture f;
    const JobIndex j = f.first_visited();
    Stop stop;
    for (const auto& r : f.ev.schedule.routes)
        for (const auto& s : r.stops)
            if (s.kind == StopKind::job && s.job_index() == j) stop = s;
    const std::size_t before = count(report::html_report(f.problem, f.ev), R"(class="sla missed")");
    f.problem.jobs[j].sla_deadline = stop.start - minutes(30);
    const std::string html = report::html_report(f.problem, evaluate(f.problem, f.ev.schedule));
    CHECK(count(html, R"(class="sla missed")") == before + 1);
    CHECK(html.find(report::escape_html(f.problem.jobs[j].id) + " SLA") != std::string::npos);
}

TEST_CASE("legs with geometry are drawn along it, others straight", "[report]") {
    const Fixture f;
    report::RouteGeometry g;
    for (const auto& r : f.ev.schedule.routes) g.legs.emplace_back(report::route_places(f.problem, r).size() - 1);
    // A detour far to the north on the first leg of the first route that has jobs.
    const LatLon home =
        std::get<LatLon>(f.problem.locations[f.problem.technicians[f.ev.schedule.routes[0].technician].start_location].coordinates);
    g.legs[0][0] = {home, LatLon{home.lat + 0.5, home.lon}, LatLon{home.lat + 0.5, home.lon + 0.01}};
    report::ReportOptions o;
    o.geometry = &g;
    const std::string straight = report::html_report(f.problem, f.ev);
    const std::string along = report::html_report(f.problem, f.ev, o);
    const auto d_of_first_route = [](const std::string& html) {
        const auto at = html.find(R"( d=")", html.find(R"(<path class="route")"));
        return html.substr(at + 4, html.find('"', at + 4) - at - 4);
    };
    CHECK(count(d_of_first_route(along), "L") == count(d_of_first_route(straight), "L") + 2);
}

TEST_CASE("road geometry follows the fastest path between the snapped stops", "[report]") {
    // A ladder of 2 x 5 nodes: the bottom rail is fast, the top one slow, rungs at every node.
    std::vector<LatLon> pos;
    for (int i = 0; i < 5; ++i) pos.push_back({41.0, -8.6 + 0.001 * i});
    for (int i = 0; i < 5; ++i) pos.push_back({41.001, -8.6 + 0.001 * i});
    std::vector<RoadArcSpec> arcs;
    auto both = [&](RoadNodeId a, RoadNodeId b, std::uint32_t t) {
        arcs.push_back({a, b, {t, 100}});
        arcs.push_back({b, a, {t, 100}});
    };
    for (RoadNodeId i = 0; i + 1 < 5; ++i) both(i, i + 1, 1000), both(i + 5, i + 6, 9000);
    for (RoadNodeId i = 0; i < 5; ++i) both(i, i + 5, 2000);
    const RoadNetwork network = build_road_network(pos, arcs);

    Problem p;
    p.locations = {Location{pos[5]}, Location{pos[9]}};  // home on the top rail's west end, a job at its east end
    p.technicians.emplace_back().id = "T";               // home at location 0
    p.jobs.emplace_back().location = 1;
    Plan plan;
    plan.routes.push_back(Route{.technician = 0, .stops = {Stop::job(0)}});
    const report::RouteGeometry g = report::road_geometry(p, plan, network, 500);
    REQUIRE(g.legs.size() == 1);
    REQUIRE(g.legs[0].size() == 2);
    // Down a rung, along the fast rail, up a rung: 7 nodes, not the 5 of the slow rail.
    const std::vector<LatLon> expected{pos[5], pos[0], pos[1], pos[2], pos[3], pos[4], pos[9]};
    CHECK(g.legs[0][0] == expected);
}

TEST_CASE("a problem without coordinates has a note instead of a map", "[report]") {
    Fixture f;
    for (auto& l : f.problem.locations) l.coordinates = std::monostate{};
    const std::string html = report::html_report(f.problem, f.ev);
    CHECK(html.find("no coordinates") != std::string::npos);
    CHECK(count(html, R"(<path class="route")") == 0);
    CHECK(count(html, R"(<rect class="visit")") == f.visits());
}

TEST_CASE("a plan with nothing assigned is not on time: the KPI says there is nothing to judge", "[report]") {
    Fixture f;
    Plan nothing;
    for (JobIndex j : f.problem.jobs.indices()) nothing.unassigned.push_back({j, UnassignedReason::not_planned, ""});
    const Evaluation ev = evaluate(f.problem, nothing);
    REQUIRE(ev.kpis.jobs_assigned == 0);
    const std::string html = report::html_report(f.problem, ev);
    CHECK(html.find("no job is assigned") != std::string::npos);
    CHECK(html.find("100.0%") == std::string::npos);
    CHECK(format_plan_text(f.problem, ev).find("no job assigned") != std::string::npos);
}

}  // namespace test_report
