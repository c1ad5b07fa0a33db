// The emergency lane on a crafted day: two technicians start together, one with three customers
// ahead and one with a single customer; the emergency sits as far from both. Bumping either gives
// the same ETA, so the cascade decides; and the lane declines once every option is over the limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/log.hpp"
#include "fsd/io/json.hpp"
#include "fsd/lanes/emergency.hpp"
#include "fsd/lanes/same_day.hpp"

namespace test_lanes_emergency {

using namespace fsd;

namespace {

Problem two_technicians() {
    auto job = [](const std::string& id, double lat) {
        return R"({"id": ")" + id + R"(", "customer_id": "C-)" + id + R"(", "location": {"lat": )" + std::to_string(lat) +
               R"(, "lon": -8.61}, "skills": ["hvac"], "duration_min": 60,
                  "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00"}]})";
    };
    auto tech = [](const std::string& id) {
        return R"({"id": ")" + id + R"(", "skills": ["hvac"], "start": {"lat": 41.15, "lon": -8.61}, "cost_per_hour": 30,
                  "cost_per_km": 0.4, "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T17:00", "max_overtime_min": 60}]})";
    };
    const std::string doc = R"({"format": "fsd-problem/1", "name": "emergency",
      "horizon": {"start_date": "2026-11-23", "days": 1}, "catalog": {"skills": ["hvac"]},
      "travel": {"kind": "straight_line", "speed_kmh": 30, "detour_factor": 1.0},
      "technicians": [)" + tech("BUSY") +
                            "," + tech("LIGHT") + R"(], "jobs": [)" + job("N1", 41.16) + "," + job("N2", 41.17) + "," + job("N3", 41.18) +
                            "," + job("S1", 41.14) + "]}";
    return load_problem(Json::parse(doc), {});
}

// BUSY has N1, N2, N3; LIGHT has S1.
dispatch::DispatchDay dispatch_day_at_eight(const Problem& p = two_technicians()) {
    Plan plan;
    auto stop = [](JobIndex j) { return Stop{StopKind::job, j.value(), TimePoint::min(), TimePoint::min(), TimePoint::min()}; };
    plan.routes.push_back(Route{0, 0, TimePoint::min(), TimePoint::min(), {stop(0), stop(1), stop(2)}});
    plan.routes.push_back(Route{1, 0, TimePoint::min(), TimePoint::min(), {stop(3)}});
    return dispatch::begin_day(p, plan, TimePoint(8 * 3600), {});
}

dispatch::DispatchState day_at_eight(const Problem& p = two_technicians()) {
    return dispatch_day_at_eight(p).state;
}

const Json emergency_spec = Json::parse(R"({"id": "E1", "customer_id": "C-E1", "location": {"lat": 41.15, "lon": -8.60},
    "skills": ["hvac"], "duration_min": 45, "urgency": "emergency", "sla_deadline": "2026-11-23T10:00"})");

// The emergency's place and work as a same-day job, SD1.
Json same_day_spec() {
    Json spec = emergency_spec;
    spec["id"] = "SD1";
    spec["urgency"] = "same-day";
    spec.erase("sla_deadline");
    return spec;
}

}  // namespace

TEST_CASE("emergency: among equal ETAs, the technician with the least cascade takes it") {
    dispatch::DispatchState st = day_at_eight();
    const JobIndex e = lanes::add_job(st, emergency_spec);
    lanes::EmergencyParams params;
    params.limit.max_delay = hours(8);
    const lanes::EmergencyResult res = lanes::emergency_options(st, e, params);
    REQUIRE_FALSE(res.declined());
    REQUIRE(res.options.size() >= 2);
    const auto bump_of = [&](TechnicianIndex t) {
        return std::find_if(res.options.begin(), res.options.end(),
                            [&](const lanes::EmergencyOption& o) { return o.action == lanes::EmergencyAction::bump && o.technician == t; });
    };
    const auto busy = bump_of(0), light = bump_of(1);
    REQUIRE(busy != res.options.end());
    REQUIRE(light != res.options.end());
    // The same ETA either way: both start from the same place at the same time.
    CHECK(busy->eta.p50 == light->eta.p50);
    CHECK(busy->cascade.totals.delayed == 3);
    CHECK(light->cascade.totals.delayed == 1);
    CHECK(res.options.front().technician == TechnicianIndex{1});
    CHECK(res.options.front().within_limit());
    for (std::size_t k = 1; k < res.options.size(); ++k)
        if (res.options[k].within_limit()) CHECK(res.options[k - 1].score <= res.options[k].score);
    // Each option explains itself: matching's reasons, a score that is the sum of its parts.
    for (const lanes::EmergencyOption& o : res.options) {
        CHECK_FALSE(o.reasons.empty());
        double sum = 0;
        for (const lanes::ScorePart& part : o.parts) sum += part.value;
        CHECK(sum == Approx(o.score));
        CHECK(evaluate(st.problem, o.plan).violations.empty());
    }
    REQUIRE(res.recommended);
    CHECK(res.recommended->technician == TechnicianIndex{1});
    CHECK(res.recommended->planned_start <= res.options.front().planned_start);
}

TEST_CASE("emergency: declined, with its reason, once every option's cascade is over the limit") {
    dispatch::DispatchState st = day_at_eight();
    const JobIndex e = lanes::add_job(st, emergency_spec);
    lanes::EmergencyParams params;
    params.reoptimise = false;
    params.limit.max_delay = hours(8);
    const lanes::EmergencyResult loose = lanes::emergency_options(st, e, params);
    REQUIRE_FALSE(loose.declined());
    Duration least = hours(24);
    for (const lanes::EmergencyOption& o : loose.options) least = min(least, o.cascade.totals.delay_max);
    REQUIRE(least > Duration::zero());

    params.limit.max_delay = least;  // the best option is exactly at the limit: still offered
    CHECK_FALSE(lanes::emergency_options(st, e, params).declined());

    params.limit.max_delay = least - Duration(1);
    const lanes::EmergencyResult tight = lanes::emergency_options(st, e, params);
    REQUIRE(tight.declined());
    CHECK(tight.options.front().reason.find("over the limit") != std::string::npos);
    CHECK_FALSE(tight.recommended);
    CHECK(tight.options.size() == loose.options.size() + 1);
    for (std::size_t k = 1; k < tight.options.size(); ++k) CHECK_FALSE(tight.options[k].within_limit());
}

TEST_CASE("emergency: a bad job is refused before any option is looked for") {
    dispatch::DispatchState st = day_at_eight();
    Json spec = emergency_spec;
    spec["skills"] = Json::array({"gas"});
    REQUIRE_THROWS_AS(lanes::add_job(st, spec), InputErrors);  // gas is not in the catalog
    CHECK(st.problem.jobs.size() == 4);
}

TEST_CASE("a lane's slot is adopted as chosen: the day takes its plan, and its log replays it as chosen") {
    dispatch::DispatchDay day = dispatch_day_at_eight();
    const Json spec = same_day_spec();
    dispatch::DispatchState probe = day.state;
    const JobIndex job = lanes::add_job(probe, spec);
    const std::vector<lanes::Slot> slots = lanes::same_day_slots(probe, job);
    REQUIRE(slots.size() >= 2);
    const lanes::Slot& second = slots[1];  // not the cheapest: a re-plan would not choose it
    dispatch::Event added;
    added.type = dispatch::EventType::job_added;
    added.at = probe.now;
    added.job = "SD1";
    added.job_spec = spec;
    const dispatch::StepResult s = dispatch::apply_event(day, added, second.plan);
    CHECK(s.evaluation.feasible());
    CHECK(day.versions.back().replan.chosen);
    CHECK(dispatch::same_schedule(day.versions.back().plan, second.plan));
    const Route* route = dispatch::find_route(day.state.plan, second.technician, second.shift);
    REQUIRE(route);
    CHECK(route->stops.at(second.position).index == job);
    CHECK(day.state.problem.jobs[job].promised_technician == second.technician);  // the customer is told who comes

    const dispatch::LogRead back = dispatch::read_log(dispatch::log_text(day), dispatch::LogMode::replay);
    REQUIRE(back.errors.empty());
    REQUIRE(back.checks.size() == 1);
    CHECK(back.checks[0].chosen);
    CHECK(back.checks[0].violations.empty());

    // A plan made for another state (it lacks the new job) is refused, and the day is unchanged.
    added.job = "SD2";
    added.job_spec["id"] = "SD2";
    const std::size_t versions = day.versions.size();
    try {
        dispatch::apply_event(day, added, second.plan);
        FAIL("a plan without the new job was adopted");
    } catch (const InputErrors& e) {
        CHECK(e.errors().front().path.rfind("plan", 0) == 0);
    }
    CHECK(day.versions.size() == versions);
}

TEST_CASE("an emergency option that bumps is adopted as chosen, with the cascade it promised") {
    dispatch::DispatchDay day = dispatch_day_at_eight();
    dispatch::DispatchState probe = day.state;
    const JobIndex e = lanes::add_job(probe, emergency_spec);
    lanes::EmergencyParams params;
    params.limit.max_delay = hours(8);
    const lanes::EmergencyResult res = lanes::emergency_options(probe, e, params);
    const auto bump = std::find_if(res.options.begin(), res.options.end(),
                                   [](const lanes::EmergencyOption& o) { return o.action == lanes::EmergencyAction::bump; });
    REQUIRE(bump != res.options.end());
    dispatch::Event added;
    added.type = dispatch::EventType::job_added;
    added.at = probe.now;
    added.job_spec = emergency_spec;
    const dispatch::StepResult s = dispatch::apply_event(day, added, bump->plan);
    CHECK(dispatch::same_schedule(day.versions.back().plan, bump->plan));
    CHECK(s.cascade.totals.delayed == bump->cascade.totals.delayed);
    CHECK(day.state.problem.jobs[e].promised_technician == bump->technician);
}

TEST_CASE("same-day slots on a dispatch day carry their cascade: who is bumped, by how much") {
    dispatch::DispatchState st = day_at_eight();
    const Json spec = same_day_spec();
    const JobIndex job = lanes::add_job(st, spec);
    const dispatch::PlanTimes now_times = dispatch::project(st, st.plan).times;
    const std::vector<lanes::Slot> slots = lanes::same_day_slots(st, job);
    REQUIRE(slots.size() >= 2);
    for (const lanes::Slot& slot : slots) {
        CHECK(evaluate(st.problem, slot.plan).violations.empty());
        const Route* route = dispatch::find_route(slot.plan, slot.technician, slot.shift);
        REQUIRE(route);
        REQUIRE(route->stops[slot.position].index == job);
        // Exactly the customers after the slot on that route are bumped, each by what the plans say.
        std::vector<JobIndex> moved;
        for (std::size_t i = slot.position + 1; i < route->stops.size(); ++i) {
            const Stop& s = route->stops[i];
            if (s.start - now_times.jobs[s.job_index()].eta >= minutes(1)) moved.push_back(s.index);
        }
        std::vector<JobIndex> reported;
        for (const dispatch::JobChange& c : slot.cascade.jobs) {
            if (c.job == job) {
                CHECK(c.newly_assigned);
                continue;
            }
            reported.push_back(c.job);
            CHECK(c.old_eta == now_times.jobs[c.job].eta);
            CHECK(c.delta == c.new_eta - c.old_eta);
            CHECK(c.delta > Duration::zero());
        }
        CHECK(reported == moved);
        CHECK(slot.cascade.totals.delayed == static_cast<int>(moved.size()));
    }
}

TEST_CASE("emergency: a job an option leaves out costs a miss, or left_out when that is set") {
    Problem p = two_technicians();
    Shift& busy = p.technicians[0].shifts.front();  // BUSY's last customer, N3, has no room behind a bump
    busy.span.end = TimePoint(11 * 3600 + 30 * 60);
    busy.max_overtime = Duration::zero();
    dispatch::DispatchState st = day_at_eight(p);
    const JobIndex e = lanes::add_job(st, emergency_spec);
    lanes::EmergencyParams params;
    params.reoptimise = false;
    params.limit.max_delay = hours(8);
    params.limit.max_new_misses = 10;
    std::map<std::pair<int, std::size_t>, double> score;  // by (action, technician), left_out unset
    for (const std::optional<double> left_out : {std::optional<double>{}, std::optional<double>{1000.0}}) {
        CAPTURE(left_out.value_or(-1));
        params.weights.left_out = left_out;
        const lanes::EmergencyResult res = lanes::emergency_options(st, e, params);
        REQUIRE_FALSE(res.declined());
        int leaving_out = 0;
        for (const lanes::EmergencyOption& o : res.options) {
            const dispatch::CascadeTotals& t = o.cascade.totals;
            leaving_out += t.newly_unassigned > 0 ? 1 : 0;
            const auto misses =
                std::find_if(o.parts.begin(), o.parts.end(), [](const lanes::ScorePart& part) { return part.name == "misses"; });
            REQUIRE(misses != o.parts.end());
            CHECK(misses->value == Approx(params.weights.miss * (t.sla_missed + t.windows_missed) +
                                          left_out.value_or(params.weights.miss) * t.newly_unassigned));
            const std::pair<int, std::size_t> key{static_cast<int>(o.action), o.technician->value()};
            if (!left_out) {
                score[key] = o.score;
            } else {
                REQUIRE(score.count(key) == 1);
                CHECK(o.score - score[key] == Approx((*left_out - params.weights.miss) * t.newly_unassigned));
            }
        }
        REQUIRE(leaving_out > 0);
    }
}

}  // namespace test_lanes_emergency
