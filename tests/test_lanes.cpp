// The lanes: same-day slots with an ETA window whose confidence holds against durations drawn
// from the jobs' own distributions, appointment offers that stay feasible once booked, and
// several weeks of scheduled work planned within days off and customer availability.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "fsd/lanes/appointments.hpp"
#include "fsd/lanes/same_day.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/solve.hpp"

namespace test_lanes {

using namespace fsd;

namespace {

solver::SolverParams quick(std::uint64_t iterations) {
    solver::SolverParams params;
    params.max_iterations = iterations;
    params.time_limit_seconds = 1e9;
    return params;
}

// An actual arrival at stop `at`, simulated apart from the library: <random>'s log-normal through
// the job's p50 and p90, the legs as planned, each stop as soon as its hard windows open (and not
// before its preferred window, which the planner honours too).
TimePoint actual_arrival(const Problem& p, const Route& r, std::size_t at, std::mt19937_64& gen) {
    const Technician& tech = p.technicians[r.technician];
    const Shift& shift = tech.shifts[r.shift];
    TimePoint t = max(shift.span.start, r.departure);
    LocationId here = tech.start_of(r.shift);
    for (std::size_t i = 0; i <= at; ++i) {
        const Stop& s = r.stops[i];
        if (s.kind == StopKind::break_time) {
            const TimePoint start = max(t, shift.breaks[s.index].window.start);
            if (i == at) return start;
            t = start + shift.breaks[s.index].length;
            continue;
        }
        const Job& job = p.jobs[s.job_index()];
        TimePoint start = t + p.travel_time(here, job.location);
        if (i == at) return start;
        for (const TimeWindow& w : job.time_windows)
            if (start <= w.end) {
                start = max(start, w.start);
                if (job.preferred_window && w.contains(job.preferred_window->start)) start = max(start, job.preferred_window->start);
                break;
            }
        const double p50 = static_cast<double>(job.duration.p50.count()), p90 = static_cast<double>(job.duration.p90.count());
        std::lognormal_distribution<double> d(std::log(p50), std::log(p90 / p50) / 1.2815515655446004);
        t = start + Duration(std::llround(d(gen) / tech.efficiency));
        here = job.location;
    }
    return t;
}

}  // namespace

TEST_CASE("same-day slots: cheapest first, feasible, and an 80% window that holds 75-85% of actual arrivals") {
    int windows = 0, inside = 0, trials = 0;
    std::mt19937_64 gen(2026);
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        ScenarioOptions o;
        o.seed = seed;
        o.jobs = 36;  // a day with room left, so there are slots to check
        Problem p = generate_scenario(o);
        // The day's last same-day ticket comes in once the rest is planned.
        const auto it = std::find_if(p.jobs.rbegin(), p.jobs.rend(), [](const Job& j) { return j.urgency == Urgency::same_day; });
        REQUIRE(it != p.jobs.rend());
        const Job late = *it;
        p.jobs.erase(std::next(it).base());
        const Plan today = solver::solve(p, quick(2000)).plan;
        p.jobs.push_back(late);
        const auto job = static_cast<JobIndex>(p.jobs.size() - 1);
        const std::vector<lanes::Slot> slots = lanes::same_day_slots(p, today, job);
        for (std::size_t k = 0; k < slots.size(); ++k) {
            const lanes::Slot& slot = slots[k];
            if (k > 0) CHECK(slots[k - 1].extra_cost <= slot.extra_cost);
            const Evaluation ev = evaluate(p, slot.plan);
            REQUIRE(ev.feasible());
            CHECK(ev.kpis.jobs_assigned == evaluate(p, today).kpis.jobs_assigned + 1);
            CHECK(slot.eta.window.contains(slot.eta.median));
            // Its cascade: the job booked, and nobody moved to another technician by a mere insertion.
            CHECK(slot.cascade.totals.newly_assigned == 1);
            CHECK(slot.cascade.totals.technician_changed == 0);
            const auto at = std::find_if(slot.plan.routes.begin(), slot.plan.routes.end(),
                                         [&](const Route& r) { return r.technician == slot.technician && r.shift == slot.shift; });
            REQUIRE(at != slot.plan.routes.end());
            if (slot.eta.confidence > 0.9) continue;  // a certain arrival (first stop of the day): nothing to calibrate
            ++windows;
            for (int draw = 0; draw < 200; ++draw, ++trials)
                inside += slot.eta.window.contains(actual_arrival(p, *at, slot.position, gen)) ? 1 : 0;
        }
    }
    REQUIRE(windows >= 6);
    const double coverage = static_cast<double>(inside) / trials;
    CAPTURE(windows, coverage);
    CHECK(coverage >= 0.75);
    CHECK(coverage <= 0.85);
}

// A generated stretch of days (seed 4) without its last scheduled job, and that job: a request.
std::pair<Problem, Job> days_and_request(int days, int jobs) {
    ScenarioOptions o;
    o.days = days;
    o.jobs = jobs;
    o.seed = 4;
    Problem p = generate_scenario(o);
    const auto it = std::find_if(p.jobs.rbegin(), p.jobs.rend(), [](const Job& j) { return j.urgency == Urgency::scheduled; });
    const Job request = *it;
    p.jobs.erase(std::next(it).base());
    return {std::move(p), request};
}

TEST_CASE("appointment offers fit the plan, include a premium hour, and stay feasible once booked") {
    const auto [p, request] = days_and_request(5, 150);
    const Plan plan = solver::solve(p, quick(3000)).plan;
    const auto offers = lanes::appointment_offers(p, plan, request);
    REQUIRE(offers.size() == 5);
    CHECK(std::any_of(offers.begin(), offers.end(), [](const auto& f) { return f.premium; }));
    for (const auto& offer : offers) {
        CAPTURE(offer.day, offer.premium);
        CHECK(offer.window.length() == (offer.premium ? hours(1) : hours(2)));
        CHECK(offer.confidence > 0.5);
        const lanes::Booking booked = lanes::book(p, plan, request, offer);
        const Evaluation ev = evaluate(booked.problem, booked.plan);
        REQUIRE(ev.feasible());
        const auto at = lanes::appointment_detail::find_stop(booked.plan, booked.job);
        REQUIRE(at);
        CHECK(offer.window.contains(at->first->stops[at->second].start));
        CHECK(at->first->technician == offer.technician);
    }
}

// The candidate copies of the request (one per day and window) are not work: they must not raise
// the load-balance targets, or wider booking hours would make every offer cheaper.
TEST_CASE("an offer costs the same whatever the booking hours, and hours over a day are refused") {
    const auto [p, request] = days_and_request(3, 40);
    REQUIRE(p.objective.balance_per_hour_squared > 0);
    const Plan plan = solver::solve(p, quick(1000)).plan;
    lanes::OfferOptions office;
    office.k = office.per_day = 1000;
    office.samples = 10;
    lanes::OfferOptions all_day = office;
    all_day.first_hour = 0;
    all_day.last_hour = 24;
    const auto few = lanes::appointment_offers(p, plan, request, office);
    const auto many = lanes::appointment_offers(p, plan, request, all_day);
    REQUIRE(few.size() >= 3);
    REQUIRE(many.size() > few.size());
    for (const auto& f : few) {
        const auto same =
            std::find_if(many.begin(), many.end(), [&](const auto& m) { return m.window == f.window && m.premium == f.premium; });
        REQUIRE(same != many.end());
        CHECK(same->cost == f.cost);
    }
    for (std::size_t a = 0; a < many.size(); ++a)
        for (std::size_t b = a + 1; b < many.size(); ++b)
            CHECK_FALSE((many[a].window == many[b].window && many[a].premium == many[b].premium));
    lanes::OfferOptions two_days = office;
    two_days.first_hour = 0;
    two_days.last_hour = 48;
    CHECK_THROWS_AS(lanes::appointment_offers(p, plan, request, two_days), std::invalid_argument);
}

TEST_CASE("weeks of scheduled work keep to days off and to the days customers offered") {
    ScenarioOptions o;
    o.technicians = 6;
    o.jobs = 120;
    o.days = 14;
    o.seed = 2;
    const Problem p = generate_scenario(o);
    const Evaluation ev = evaluate(p, solver::solve(p, quick(3000)).plan);
    REQUIRE(ev.feasible());
    CHECK(ev.kpis.jobs_assigned >= 110);
    for (const Route& r : ev.schedule.routes) {
        const Shift& shift = p.technicians[r.technician].shifts[r.shift];
        for (const Stop& s : r.stops) {
            if (s.kind != StopKind::job) continue;
            CHECK(s.start.count() / seconds_per_day == shift.day());  // on a day the technician works
            const auto& ws = p.jobs[s.job_index()].time_windows;
            CHECK(std::any_of(ws.begin(), ws.end(), [&](const TimeWindow& w) { return w.contains(s.start); }));
        }
    }
}

}  // namespace test_lanes
