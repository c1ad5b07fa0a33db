// Shared by the dispatch tests: a small crafted day read from the problem format (three
// technicians, one of them the only gas engineer; jobs with fixed durations except one repair
// with quantiles), small search budgets, and the checks every step must pass: the residual plan
// feasible by the evaluator, and everything begun still where it was.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/progress.hpp"
#include "fsd/io/json.hpp"

namespace dispatch_test {

using namespace fsd;
using namespace fsd::dispatch;

inline Problem crafted_day() {
    auto job = [](const std::string& id, double lat, const std::string& duration, const std::string& skill = "hvac") {
        return R"({"id": ")" + id + R"(", "customer_id": "C-)" + id + R"(", "location": {"lat": )" + std::to_string(lat) +
               R"(, "lon": -8.61}, "skills": [")" + skill + R"("], "duration_min": )" + duration +
               R"(, "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00"}]})";
    };
    auto tech = [](const std::string& id, const std::string& skills) {
        return R"({"id": ")" + id + R"(", "skills": )" + skills +
               R"(, "start": {"lat": 41.15, "lon": -8.61}, "cost_per_hour": 30, "cost_per_km": 0.4,
                  "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00", "max_overtime_min": 60}]})";
    };
    const std::string doc = R"({"format": "fsd-problem/1", "name": "crafted",
      "horizon": {"start_date": "2026-11-23", "days": 1},
      "catalog": {"skills": ["hvac", "gas"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30, "detour_factor": 1.0},
      "technicians": [)" + tech("T1", R"(["hvac"])") +
                            "," + tech("T2", R"(["hvac", "gas"])") + "," + tech("T3", R"(["hvac"])") +
                            R"(],
      "jobs": [)" + job("J1", 41.16, "60") +
                            "," + job("J2", 41.17, "60") + "," + job("J3", 41.18, "60") + "," +
                            job("J4", 41.14, R"({"p50": 75, "p75": 90, "p90": 110})") + "," + job("J5", 41.13, "60") + "," +
                            job("J6", 41.12, "60") + "," + job("J7", 41.155, "60") + "," + job("G1", 41.165, "45", "gas") + "," +
                            job("G2", 41.145, "45", "gas") + "]}";
    return load_problem(Json::parse(doc), {});
}

inline TimePoint at(int h, int m) {
    return TimePoint(h * 3600 + m * 60);
}

inline DispatchParams small_budget() {
    DispatchParams p;
    p.replan.min_iterations = 300;
    p.replan.max_iterations = 1500;
    p.replan.initial_iterations = 3000;
    return p;
}

inline JobIndex job_index(const Problem& p, const std::string& id) {
    for (JobIndex j : p.jobs.indices())
        if (p.jobs[j].id == id) return j;
    FAIL("no job " << id);
    return 0;
}

inline TechnicianIndex tech_index(const Problem& p, const std::string& id) {
    for (TechnicianIndex t : p.technicians.indices())
        if (p.technicians[t].id == id) return t;
    FAIL("no technician " << id);
    return 0;
}

// The job stops of a technician's route in the current plan.
inline std::vector<Stop> job_stops(const DispatchState& st, TechnicianIndex t) {
    std::vector<Stop> out;
    if (const Route* r = find_route(st.plan, t, 0))
        for (const Stop& s : r->stops)
            if (s.kind == StopKind::job) out.push_back(s);
    return out;
}

// Technician t's job stops in the day's plan, which must hold at least `at_least` of them.
inline std::vector<Stop> jobs_of(const DispatchDay& day, const std::string& t, std::size_t at_least) {
    std::vector<Stop> out = job_stops(day.state, tech_index(day.state.problem, t));
    REQUIRE(out.size() >= at_least);
    return out;
}

inline Event make_event(EventType type, TimePoint when, const std::string& job = "", const std::string& technician = "") {
    Event e;
    e.type = type;
    e.at = when;
    e.job = job;
    e.technician = technician;
    return e;
}

inline void require_feasible(const Evaluation& ev) {
    std::string why;
    for (const Violation& v : ev.violations) why += v.where + ": " + v.message + "\n";
    INFO(why);
    REQUIRE(ev.feasible());
}

// Every job of the state exactly once in `plan`: on a route or left out.
inline void require_every_job_once(const DispatchState& st, const Plan& plan) {
    PerJob<int> seen(st.problem.jobs.size(), 0);
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job) ++seen[s.index];
    for (const Unassigned& u : plan.unassigned) ++seen[u.job];
    for (int n : seen) REQUIRE(n == 1);
}

// Everything begun in `before` (the frozen prefix and the visit under way of every route) is at
// the same place with the same start in `after`.
inline void require_frozen_kept(const DispatchState& before, const DispatchState& after) {
    for (const Route& r : before.plan.routes) {
        const RouteProgress p = route_progress(before, r.technician, r.shift);
        const std::size_t n = p.frozen + (p.under_way ? 1 : 0);
        const Route* now = find_route(after.plan, r.technician, r.shift);
        INFO("technician " << before.problem.technicians[r.technician].id << ", " << n << " stops begun");
        REQUIRE((n == 0 || now != nullptr));
        for (std::size_t i = 0; i < n; ++i) {
            REQUIRE(now->stops.size() > i);
            REQUIRE(now->stops[i].kind == r.stops[i].kind);
            REQUIRE(now->stops[i].index == r.stops[i].index);
            REQUIRE(now->stops[i].start == r.stops[i].start);
        }
    }
}

// The crafted day begun at 07:30 with small budgets: its first plan adopted.
inline DispatchDay start() {
    return begin_day(crafted_day(), std::nullopt, at(7, 30), small_budget());
}

// Applies one event; the re-plan must be feasible, keep everything begun where it was and hold
// every job once.
inline StepResult step(DispatchDay& day, const Event& e) {
    INFO(to_string(e.type) << " " << e.job << " " << e.technician << " at " << e.at.count());
    const DispatchState before = day.state;
    StepResult s = apply_event(day, e);
    require_feasible(s.evaluation);
    // The whole day too, as `fsd evaluate` reads a stored version: what is done or under way as reported.
    require_feasible(evaluate(day.state.problem, day.state.plan));
    require_frozen_kept(before, day.state);
    require_every_job_once(day.state, day.state.plan);
    return s;
}

// The event, read from line 7 of an events file, is refused with one error at `path` whose message
// holds `words`, and the day is unchanged.
inline void require_refused(DispatchDay& day, Event e, const std::string& path, const std::string& words) {
    INFO(to_string(e.type) << " " << e.job << e.technician << ": expecting " << path << " " << words);
    const DispatchDay copy = day;
    e.line = 7;
    try {
        apply_event(day, e);
        FAIL("accepted");
    } catch (const InputErrors& errs) {
        REQUIRE(errs.errors().size() == 1);
        INFO(errs.errors()[0].to_string());
        REQUIRE(errs.errors()[0].path == path);
        REQUIRE(errs.errors()[0].message.find(words) != std::string::npos);
    }
    REQUIRE(day.versions.size() == copy.versions.size());
    REQUIRE(day.state.plan == copy.state.plan);
    REQUIRE(day.state.visits == copy.state.visits);
    REQUIRE(day.state.on_the_way == copy.state.on_the_way);
}

}  // namespace dispatch_test
