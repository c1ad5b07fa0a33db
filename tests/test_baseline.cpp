// The manual baseline: always a feasible plan, and honest reasons for what it leaves out.
#include <catch2/catch.hpp>

#include "fsd/baseline/baseline.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/scenario/generator.hpp"

namespace test_baseline {

using namespace fsd;

TEST_CASE("baseline plans of generated scenarios pass the evaluator") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        ScenarioOptions o;
        o.seed = seed;
        o.days = seed % 3 == 0 ? 2 : 1;
        o.technicians = 5 + static_cast<int>(seed);
        o.jobs = 20 + 5 * static_cast<int>(seed);
        const Problem p = generate_scenario(o);
        const auto ev = evaluate(p, plan_baseline(p));
        CAPTURE(seed);
        INFO((ev.violations.empty() ? std::string() : ev.violations.front().where + ": " + ev.violations.front().message));
        CHECK(ev.feasible());
        CHECK(ev.kpis.jobs_assigned > 0);
    }
}

TEST_CASE("a job nobody is qualified for is unassigned with that reason") {
    ScenarioOptions o;
    Problem p = generate_scenario(o);
    p.catalog.skills.push_back("welding");
    const auto welding = static_cast<SkillId>(p.catalog.skills.size() - 1);
    p.jobs[3].skills.push_back({welding, 1});
    const Plan plan = plan_baseline(p);
    const auto it = std::find_if(plan.unassigned.begin(), plan.unassigned.end(), [](const Unassigned& u) { return u.job == 3; });
    REQUIRE(it != plan.unassigned.end());
    CHECK(it->reason == UnassignedReason::no_qualified_technician);
}

TEST_CASE("a window outside every shift is reported as such") {
    ScenarioOptions o;
    Problem p = generate_scenario(o);
    p.jobs[0].time_windows = {{TimePoint(20 * 3600), TimePoint(21 * 3600)}};  // 20:00-21:00
    p.jobs[0].urgency = Urgency::scheduled;
    const Plan plan = plan_baseline(p);
    const auto it = std::find_if(plan.unassigned.begin(), plan.unassigned.end(), [](const Unassigned& u) { return u.job == 0; });
    REQUIRE(it != plan.unassigned.end());
    CHECK(it->reason == UnassignedReason::no_window_fits_shift);
}

}  // namespace test_baseline
