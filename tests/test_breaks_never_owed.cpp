// A break outside the hours its shift can work (a company-wide lunch on a half-day shift, a break
// that closed before a late shift began) is never owed: the planner, the evaluator, live dispatch
// and the simulated crew all leave it out, and the breaks the shift does owe keep their indices.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fsd/model/evaluate.hpp"
#include "fsd/model/warnings.hpp"
#include "fsd/simulate/executed_day.hpp"
#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/simulator.hpp"
#include "fsd/solver/solve.hpp"
#include "generated_day.hpp"
#include "quick_policies.hpp"

namespace test_breaks_never_owed {

using namespace fsd;

namespace {

// A generated day whose every shift lists a break that closed before it began (index 0), its
// lunch (index 1) and a break after its end and overtime (index 2); technician 0 works a morning
// that ends as the lunch window opens, so it owes none of them.
Problem day_with_breaks_never_owed(std::uint64_t seed) {
    Problem p = test_support::generated_day(seed, 5, 20);
    for (Technician& t : p.technicians)
        for (Shift& s : t.shifts) {
            const TimePoint midnight = s.span.start - Duration(s.span.start.count() % seconds_per_day);
            s.breaks.insert(s.breaks.begin(), Break{minutes(20), {midnight + hours(4), midnight + hours(5)}});
            s.breaks.push_back(Break{minutes(15), {s.span.end + s.max_overtime, s.span.end + s.max_overtime + hours(1)}});
        }
    Shift& morning = p.technicians[0].shifts[0];
    morning.span.end = morning.breaks[1].window.start;
    morning.max_overtime = Duration::zero();
    return p;
}

std::vector<std::uint32_t> breaks_taken(const Route& r) {
    std::vector<std::uint32_t> out;
    for (const Stop& s : r.stops)
        if (s.kind == StopKind::break_time) out.push_back(s.index);
    return out;
}

std::string violations_text(const Evaluation& ev) {
    std::string out;
    for (const Violation& v : ev.violations) out += v.where + ": " + v.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("breaks a shift never owes are accepted with a warning, never planned, and the owed break keeps its index") {
    for (std::uint64_t seed : {1, 2}) {
        CAPTURE(seed);
        const Problem p = day_with_breaks_never_owed(seed);
        REQUIRE(check_problem(p).empty());
        const auto warnings = problem_warnings(p);
        CHECK(std::count_if(warnings.begin(), warnings.end(),
                            [](const InputError& w) { return w.message.find("never owed") != std::string::npos; }) == 2 * 5 + 1);

        solver::SolverParams sp;
        sp.seed = seed;
        sp.max_iterations = 3000;
        const Plan plan = solver::solve(p, sp).plan;
        const Evaluation ev = evaluate(p, plan);
        INFO(violations_text(ev));
        CHECK(ev.feasible());
        CHECK(ev.kpis.jobs_assigned > 10);
        bool morning_worked = false;
        for (const Route& r : plan.routes) {
            CAPTURE(r.technician.value());
            if (r.technician == TechnicianIndex(0)) {
                morning_worked = true;
                CHECK(breaks_taken(r).empty());
            } else {
                CHECK(breaks_taken(r) == std::vector<std::uint32_t>{1});
            }
        }
        CHECK(morning_worked);
    }
}

TEST_CASE("the evaluator owes a break only inside the hours its shift can work") {
    Problem p = day_with_breaks_never_owed(3);
    const Plan plan = solver::solve(p, solver::SolverParams{}).plan;
    REQUIRE(evaluate(p, plan).feasible());
    // The same routes without their lunch owe it again: the rule is not "breaks are optional".
    Plan without = plan;
    bool dropped = false;
    for (Route& r : without.routes)
        if (r.technician != TechnicianIndex(0))
            dropped |= std::erase_if(r.stops, [](const Stop& s) { return s.kind == StopKind::break_time; }) > 0;
    REQUIRE(dropped);
    const Evaluation ev = evaluate(p, without);
    CHECK(std::any_of(ev.violations.begin(), ev.violations.end(), [](const Violation& v) {
        return v.kind == ViolationKind::break_missing && v.message.find("without break 1") != std::string::npos;
    }));
    CHECK(std::none_of(ev.violations.begin(), ev.violations.end(), [](const Violation& v) {
        return v.kind == ViolationKind::break_missing && v.message.find("without break 1") == std::string::npos;
    }));
}

TEST_CASE("simulated days leave the breaks never owed out, whatever the policy") {
    using namespace fsd::simulate;
    const Problem p = day_with_breaks_never_owed(4);
    const PolicyParams params = test_support::quick_policies();
    SimParams sp;
    sp.seed = 4;
    sp.truth.not_home_rate = 0.1;
    for (const char* name : {"whiteboard", "optimiser-p75", "live"}) {
        CAPTURE(name);
        auto policy = make_policy(name, params);
        const SimulationResult r = simulate_day(p, *policy, sp);
        for (const ExecutedRoute& route : r.routes)
            for (const ExecutedStop& s : route.stops)
                if (s.kind == StopKind::break_time) {
                    CHECK(s.index == 1);
                    CHECK(route.technician != TechnicianIndex(0));
                }
        const ExecutedDay day = executed_day(p, r);
        const Evaluation ev = evaluate(day.problem, day.plan);
        for (const Violation& v : ev.violations) {  // only what really went wrong: a late lunch, a late return
            CAPTURE(v.where, v.message);
            CHECK((v.kind == ViolationKind::break_window || v.kind == ViolationKind::shift_end || v.kind == ViolationKind::pinned_start));
        }
    }
}

}  // namespace test_breaks_never_owed
