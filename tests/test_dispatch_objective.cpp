// The dispatch-grade objective: every term the search prices (SLA lateness, response, preferred
// window and technician, promises made to customers, paid time, overtime, load balance, spread)
// recomputed by brute force from
// its definition on random routes and against the evaluator; an emergency displacing scheduled
// work; a hard SLA's unassigned reason; the balance term spreading work.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "fsd/baseline/baseline.hpp"
#include "fsd/model/duration_distribution.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/job_types.hpp"
#include "fsd/model/random.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/plan_output.hpp"
#include "fsd/solver/solve.hpp"

namespace test_dispatch_objective {

using namespace fsd;
using namespace fsd::solver;

namespace {

TimePoint hm(int h, int m) {
    return TimePoint(h * 3600 + m * 60);
}

double hours(Duration d) {
    return static_cast<double>(d.count()) / 3600.0;
}

// The cost of a plan in currency, from the definitions in ObjectiveWeights alone, on the times the
// evaluator re-derived. Shares nothing with the search's or the evaluator's pricing code.
double brute_force_cost(const Problem& p, const Plan& timed) {
    const ObjectiveWeights& o = p.objective;
    const std::vector<Duration> target = balance_targets(p);
    PerTechnician<std::vector<double>> work(p.technicians.size());
    for (std::size_t t = 0; t < p.technicians.size(); ++t) work[t].assign(p.technicians[t].shifts.size(), 0.0);
    double cost = 0;
    for (const Route& r : timed.routes) {
        const Technician& tech = p.technicians[r.technician];
        const Shift& shift = tech.shifts[r.shift];
        double km = 0, min_x = 1e18, max_x = -1e18, min_y = 1e18, max_y = -1e18;
        LocationId here = tech.start_location;
        for (const Stop& s : r.stops) {
            if (s.kind != StopKind::job) continue;
            const Job& job = p.jobs[s.job_index()];
            const int u = static_cast<int>(job.urgency);
            km += static_cast<double>(p.travel_distance(here, job.location).count()) / 1000.0;
            here = job.location;
            work[r.technician][r.shift] += hours(s.end - s.start);
            if (job.sla_deadline && s.start > *job.sla_deadline)
                cost += o.sla_miss + o.sla_late_per_minute * o.urgency_factor[u] * minutes_of(s.start - *job.sla_deadline);
            if (const auto origin = response_origin(job); origin && s.start > *origin)
                cost += o.response_per_minute[u] * minutes_of(s.start - *origin);
            if (job.preferred_window && !job.preferred_window->contains(s.start)) {
                cost += o.preferred_window_miss;
                if (s.start > job.preferred_window->end)
                    cost += o.preferred_window_late_per_minute * minutes_of(s.start - job.preferred_window->end);
            }
            if (job.promised_window && !job.promised_window->contains(s.start)) {
                cost += o.promise_miss + o.promise_miss_per_retell * job.times_retold;
                if (s.start > job.promised_window->end) cost += o.promise_late_per_minute * minutes_of(s.start - job.promised_window->end);
            }
            if (job.promised_technician && *job.promised_technician != r.technician) cost += o.moved_technician;
            if (!job.preferred_technicians.empty() && std::find(job.preferred_technicians.begin(), job.preferred_technicians.end(),
                                                                r.technician) == job.preferred_technicians.end())
                cost += o.preferred_technician_miss;
            const auto& ll = std::get<LatLon>(p.locations[job.location].coordinates);
            const double x = ll.lon * M_PI / 180 * earth_radius_m * std::cos(ll.lat * M_PI / 180), y = ll.lat * M_PI / 180 * earth_radius_m;
            min_x = std::min(min_x, x), max_x = std::max(max_x, x), min_y = std::min(min_y, y), max_y = std::max(max_y, y);
        }
        km += static_cast<double>(p.travel_distance(here, tech.end_location).count()) / 1000.0;
        // Paid from the departure, or from the shift start for a technician already at work.
        const TimePoint paid_from = shift.on_the_clock ? shift.span.start : r.departure;
        cost += tech.cost_per_km * km + tech.cost_per_hour * hours(r.return_time - paid_from);
        cost += o.overtime_per_hour * hours(max(Duration::zero(), r.return_time - shift.span.end));
        cost += o.spread_per_km * ((max_x - min_x) + (max_y - min_y)) / 1000.0;
    }
    for (std::size_t t = 0; t < p.technicians.size(); ++t)
        for (std::size_t s = 0; s < work[t].size(); ++s) {
            const double off = work[t][s] - hours(target[static_cast<std::size_t>(p.technicians[t].shifts[s].day())]);
            cost += o.balance_per_hour_squared * off * off;
        }
    for (const Unassigned& u : timed.unassigned) {
        const Job& job = p.jobs[u.job];
        cost += o.unassigned_per_priority * job.priority * o.urgency_factor[static_cast<int>(job.urgency)];
    }
    return cost;
}

// A generated day of this size.
Problem generated(int technicians, int jobs, std::uint64_t seed) {
    ScenarioOptions o;
    o.technicians = technicians;
    o.jobs = jobs;
    o.seed = seed;
    return generate_scenario(o);
}

// A random state of feasible insertions, so jobs end up late, early and anywhere in between.
void fill_at_random(SearchState& s, Rng& rng, int tries) {
    const Instance& inst = s.instance();
    for (int k = 0; k < tries; ++k) {
        const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(inst.num_jobs())));
        const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.num_routes())));
        if (s.route_of(u) >= 0 || !inst.eligible(u, s.route(r).vehicle)) continue;
        const int pos = static_cast<int>(rng.between(0, s.route(r).size()));
        if (s.insertion_delta(u, r, pos) == Cost::infinity()) continue;
        s.insert(u, r, pos);
        s.update(r);
    }
}

// Two technicians and a handful of sites on a line, 1 km and 2 minutes apart.
Problem line_day(int sites) {
    Problem p;
    p.horizon.start_date = date_from_civil(2026, 11, 23);
    p.catalog.skills = {"electrical"};
    p.catalog.certifications = {"high-voltage"};
    p.travel_source = MatrixTravel{};
    p.locations.resize(static_cast<std::size_t>(sites));
    p.travel.time = Matrix<Duration>(static_cast<std::size_t>(sites));
    p.travel.distance = Matrix<Distance>(static_cast<std::size_t>(sites));
    for (int a = 0; a < sites; ++a)
        for (int b = 0; b < sites; ++b) {
            p.travel.time(a, b) = minutes(2 * std::abs(a - b));
            p.travel.distance(a, b) = metres(1000 * std::abs(a - b));
        }
    for (int t = 0; t < 2; ++t) {
        Technician tech;
        tech.id = "T" + std::to_string(t + 1);
        tech.skills = {{0, 2}};
        tech.shifts = {Shift{{hm(8, 0), hm(16, 0)}, fsd::hours(1), {}, std::nullopt}};
        tech.cost_per_hour = 40;
        tech.cost_per_km = 0.5;
        p.technicians.push_back(tech);
    }
    return p;
}

Job job_at(const std::string& id, LocationId where, Duration length, TimeWindow window) {
    Job j;
    j.id = id;
    j.location = where;
    j.skills = {{0, 1}};
    j.duration = DurationQuantiles::fixed(length);
    j.time_windows = {window};
    return j;
}

SolverParams quick(std::uint64_t iterations) {
    SolverParams params;
    params.max_iterations = iterations;
    params.time_limit_seconds = 1e9;
    return params;
}

const Stop* stop_of(const Plan& plan, JobIndex j, TechnicianIndex* tech = nullptr) {
    for (const Route& r : plan.routes)
        for (const Stop& s : r.stops)
            if (s.kind == StopKind::job && s.job_index() == j) {
                if (tech) *tech = r.technician;
                return &s;
            }
    return nullptr;
}

}  // namespace

TEST_CASE("every term of the search's cost equals its brute-force definition and the evaluator's price") {
    for (std::uint64_t seed : {5, 6, 7}) {
        Problem p = generated(6, 40, seed);
        p.objective.spread_per_km = 3.0;             // off by default; priced here too
        p.objective.promise_miss_per_retell = 20.0;  // and so is this
        for (std::size_t j = 0; j < p.jobs.size(); ++j) {
            Job& job = p.jobs[j];
            if (job.sla_deadline) job.sla_deadline = job.time_windows[0].start + minutes(20);  // tight, so often missed
            if (j % 4 == 0 && !job.preferred_window)
                job.preferred_window = TimeWindow{job.time_windows[0].start, job.time_windows[0].start + minutes(45)};
            if (j % 3 == 0) {  // told a technician and an ETA window, as live dispatch does
                job.promised_technician = static_cast<TechnicianIndex>(j % p.technicians.size());
                job.promised_window = TimeWindow{job.time_windows[0].start + minutes(30), job.time_windows[0].start + minutes(90)};
                // and, for half of them, that they may be brought forward, at a promise's price
                if (j % 2 == 0) job.promised_earliest = job.time_windows[0].start;
                job.times_retold = static_cast<std::uint32_t>(j % 4);  // re-told 0 to 3 times before
            }
        }
        // Half the technicians are already at work (a residual day): paid from the shift start.
        for (std::size_t t = 1; t < p.technicians.size(); t += 2)
            for (Shift& sh : p.technicians[t].shifts) sh.on_the_clock = true;
        const Instance inst(p);
        Rng rng(seed);
        int late = 0, brought_forward = 0, retold_missed = 0, paid_waits = 0;
        for (int trial = 0; trial < 40; ++trial) {
            SearchState s(inst);
            fill_at_random(s, rng, 60);
            const Plan plan = to_plan(s);
            const Evaluation ev = evaluate(p, plan);
            REQUIRE(ev.feasible());
            CHECK(ev.kpis.cost == s.cost());
            CHECK(to_currency(s.cost()) == Approx(brute_force_cost(p, ev.schedule)).margin(0.05));
            for (const auto& sla : ev.kpis.sla) late += sla.missed;
            for (const Route& r : ev.schedule.routes)
                paid_waits += p.technicians[r.technician].shifts[r.shift].on_the_clock &&
                              r.departure > p.technicians[r.technician].shifts[r.shift].span.start;
            for (const Route& r : ev.schedule.routes)
                for (const Stop& st : r.stops)
                    if (st.kind == StopKind::job && p.jobs[st.job_index()].promised_earliest)
                        brought_forward += st.start < p.jobs[st.job_index()].promised_window->start ? 1 : 0;
            for (const Route& r : ev.schedule.routes)
                for (const Stop& st : r.stops) {
                    if (st.kind != StopKind::job) continue;
                    const Job& job = p.jobs[st.job_index()];
                    if (job.times_retold > 0 && !job.promised_window->contains(st.start)) ++retold_missed;
                }
        }
        CHECK(late > 0);             // the random states did exercise SLA lateness
        CHECK(brought_forward > 0);  // and customers brought forward before their promise
        CHECK(retold_missed > 0);    // and promises broken to customers re-told before
        CHECK(paid_waits > 0);       // and technicians at work waiting, paid, for their first job
    }
}

TEST_CASE("an emergency displaces scheduled work: later on the same day, or to another technician") {
    SECTION("one technician: the scheduled job moves later") {
        Problem p = line_day(4);
        p.technicians.resize(1);
        p.jobs = {job_at("S", 1, minutes(90), {hm(8, 0), hm(12, 0)}), job_at("E", 3, minutes(60), {hm(8, 30), hm(18, 0)})};
        p.jobs[1].urgency = Urgency::emergency;
        p.jobs[1].reported_at = hm(8, 30);
        p.jobs[1].sla_deadline = hm(9, 30);
        p.jobs[1].priority = 10;
        REQUIRE(check_problem(p).empty());
        const Plan plan = solve(p, quick(300)).plan;
        REQUIRE(evaluate(p, plan).feasible());
        const Stop* s = stop_of(plan, 0);
        const Stop* e = stop_of(plan, 1);
        REQUIRE((s && e));
        CHECK(e->start < s->start);                 // served first, although the scheduled job was due first
        CHECK(e->start <= hm(8, 30) + minutes(6));  // as soon as the technician can drive there
    }
    SECTION("two technicians: the scheduled job goes to the other one") {
        Problem p = line_day(4);
        p.technicians[1].skills = {{0, 1}};  // only T1 may take the emergency
        p.jobs = {job_at("S", 1, minutes(240), {hm(8, 0), hm(9, 0)}), job_at("E", 2, minutes(60), {hm(8, 20), hm(18, 0)})};
        p.jobs[1].skills = {{0, 2}};
        p.jobs[1].urgency = Urgency::emergency;
        p.jobs[1].reported_at = hm(8, 20);
        p.jobs[1].sla_deadline = hm(9, 0);
        p.jobs[1].priority = 10;
        p.jobs[0].preferred_technicians = {0};  // the customer would rather have T1
        REQUIRE(check_problem(p).empty());
        const Plan plan = solve(p, quick(300)).plan;
        REQUIRE(evaluate(p, plan).feasible());
        TechnicianIndex s_tech = 9, e_tech = 9;
        const Stop* e = stop_of(plan, 1, &e_tech);
        REQUIRE((stop_of(plan, 0, &s_tech) && e));
        CHECK(e_tech == 0);
        CHECK(s_tech == 1);
        CHECK(e->start <= hm(8, 20) + minutes(6));
    }
}

TEST_CASE("of two customers one of whom must be re-told, the one re-told less often before is") {
    // One technician, two one-hour jobs next door to each other, both promised 09:00-09:30: one
    // of the two promises breaks, and the same way whichever it is, but for the re-tells.
    for (const JobIndex retold_before : {0U, 1U}) {
        Problem p = line_day(2);
        p.technicians.resize(1);
        p.jobs = {job_at("A", 1, minutes(60), {hm(8, 0), hm(16, 0)}), job_at("B", 1, minutes(60), {hm(8, 0), hm(16, 0)})};
        for (Job& job : p.jobs) {
            job.promised_technician = 0;
            job.promised_window = TimeWindow{hm(9, 0), hm(9, 30)};
        }
        p.jobs[retold_before].times_retold = 2;
        p.objective.promise_miss_per_retell = 30;  // off by default
        REQUIRE(check_problem(p).empty());
        const Plan plan = solve(p, quick(200)).plan;
        const Evaluation ev = evaluate(p, plan);
        REQUIRE(ev.feasible());
        const Stop* kept = stop_of(plan, retold_before);
        const Stop* moved = stop_of(plan, 1 - retold_before.value());
        REQUIRE((kept && moved));
        CHECK(kept->start == hm(9, 0));
        CHECK(moved->start == hm(10, 0));
        // And without the escalation the search has no reason to prefer either: both orders cost
        // the same, and the evaluator says so.
        p.objective.promise_miss_per_retell = 0;
        Plan swapped = plan;
        std::swap(swapped.routes[0].stops[0].index, swapped.routes[0].stops[1].index);  // same site, same length
        CHECK(evaluate(p, swapped).kpis.cost == evaluate(p, plan).kpis.cost);
    }
}

TEST_CASE("a hard emergency SLA leaves the job unassigned with its reason instead of serving it late") {
    Problem p = line_day(30);
    for (auto& t : p.technicians) t.shifts[0].span.start = hm(9, 0);  // nobody is out before the call
    p.jobs = {job_at("E", 29, minutes(60), {hm(9, 0), hm(18, 0)})};   // 58 minutes away
    p.jobs[0].urgency = Urgency::emergency;
    p.jobs[0].reported_at = hm(9, 0);
    p.jobs[0].sla_deadline = hm(9, 30);
    p.jobs[0].priority = 10;
    REQUIRE(check_problem(p).empty());
    const Plan soft = solve(p, quick(100)).plan;
    CHECK(soft.unassigned.empty());
    CHECK(evaluate(p, soft).kpis.sla[0].missed == 1);

    p.objective.hard_emergency_sla = true;
    const Plan hard = solve(p, quick(100)).plan;
    REQUIRE(hard.unassigned.size() == 1);
    CHECK(hard.unassigned[0].reason == UnassignedReason::sla_unreachable);
    CHECK(std::string(to_string(hard.unassigned[0].reason)) == "no technician can reach it by its SLA");
    CHECK(evaluate(p, hard).feasible());
}

TEST_CASE("a technician already at work is paid from their shift start, the wait for the first job included") {
    Problem p = line_day(4);
    p.objective.balance_per_hour_squared = 0;  // only the paid time differs between the two days
    p.technicians.pop_back();
    p.jobs.push_back(job_at("J1", LocationId(3), minutes(60), {hm(10, 0), hm(12, 0)}));
    const Plan planned = solve(p, quick(200)).plan;
    const Evaluation at_home = evaluate(p, planned);
    REQUIRE(at_home.feasible());
    REQUIRE(planned.routes.size() == 1);
    CHECK(planned.routes[0].departure == hm(10, 0) - minutes(6));  // leaves home as late as it may
    p.technicians[0].shifts[0].on_the_clock = true;
    const Evaluation at_work = evaluate(p, planned);
    REQUIRE(at_work.feasible());
    // The 114 minutes from 08:00 to leaving at 09:54 are paid at 40 an hour.
    CHECK(to_currency(at_work.kpis.cost - at_home.kpis.cost) == Approx(40.0 * 114 / 60).margin(0.01));
    // and the search prices it as the evaluator does
    const SolveResult again = solve(p, quick(200));
    CHECK(again.final.best == evaluate(p, again.plan).kpis.cost);
    CHECK(again.final.best == at_work.kpis.cost);
}

TEST_CASE("the load-balance term spreads the work over the technicians on shift") {
    Problem p = line_day(4);
    for (int k = 0; k < 6; ++k) p.jobs.push_back(job_at("J" + std::to_string(k), 1 + k % 3, minutes(60), {hm(8, 0), hm(15, 0)}));
    p.objective.balance_per_hour_squared = 0;
    REQUIRE(check_problem(p).empty());
    const Evaluation alone = evaluate(p, solve(p, quick(500)).plan);
    p.objective.balance_per_hour_squared = 5;
    const Evaluation balanced = evaluate(p, solve(p, quick(500)).plan);
    REQUIRE((alone.feasible() && balanced.feasible()));
    auto spread = [](const Evaluation& ev) { return hours(ev.kpis.hours[0].service) - hours(ev.kpis.hours[1].service); };
    CHECK(std::abs(spread(alone)) == Approx(6.0));  // without it, one technician does it all: cheaper in travel
    CHECK(std::abs(spread(balanced)) <= 1.0 + 1e-9);
}

TEST_CASE("the evaluator reports SLAs, emergency response and ETA windows") {
    Problem p = line_day(4);
    p.technicians.resize(1);
    Job a = job_at("A", 1, minutes(60), {hm(8, 0), hm(18, 0)});
    a.duration = {minutes(40), minutes(60), minutes(90)};
    Job b = job_at("B", 2, minutes(30), {hm(8, 0), hm(18, 0)});
    b.urgency = Urgency::emergency;
    b.reported_at = hm(8, 0);
    b.sla_deadline = hm(9, 0);
    p.jobs = {a, b};
    REQUIRE(check_problem(p).empty());
    Plan plan;
    plan.routes.push_back(Route{0, 0, TimePoint::min(), TimePoint::min(), {Stop::job(0), Stop::job(1)}});
    const Evaluation ev = evaluate(p, plan);
    REQUIRE(ev.feasible());
    // A at 08:02 for 60 min (p75), then B at 09:04: 4 minutes past its SLA, 64 minutes after the call.
    CHECK(ev.kpis.sla[0].missed == 1);
    CHECK(ev.kpis.sla[0].late_max == minutes(4));
    CHECK(ev.kpis.emergency_response_max == minutes(64));
    REQUIRE(ev.eta.size() == 1);
    CHECK(ev.eta[0][1].p50 == hm(8, 44));  // A at p50 (40 min)
    CHECK(ev.eta[0][1].p90 == hm(9, 34));  // A at p90 (90 min)
    CHECK(ev.kpis.hours[0].service == minutes(90));
}

TEST_CASE("generated days: staff matches the work, and several days give customers several days") {
    ScenarioOptions o;
    o.days = 10;
    o.jobs = 150;
    const Problem p = generate_scenario(o);
    REQUIRE(check_problem(p).empty());
    int multi_day = 0, scheduled = 0;
    for (const Job& j : p.jobs) {
        for (const TimeWindow& w : j.time_windows) {
            const int weekday = static_cast<int>(((o.start_date.days + w.start.count() / seconds_per_day) + 3) % 7);
            CHECK(weekday < 5);  // no customer is booked on a weekend
        }
        if (j.urgency != Urgency::scheduled) {
            CHECK(j.reported_at.has_value());
            continue;
        }
        ++scheduled;
        multi_day += j.time_windows.size() >= 2 ? 1 : 0;
    }
    CHECK(multi_day == scheduled);
    for (const Technician& t : p.technicians)
        for (const Shift& s : t.shifts) CHECK(((o.start_date.days + s.day()) + 3) % 7 < 5);
    // Everyone has work they may do on the default day.
    o = ScenarioOptions{};
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        o.seed = seed;
        const Problem day = generate_scenario(o);
        const Evaluation ev = evaluate(day, solve(day, quick(1500)).plan);
        REQUIRE(ev.feasible());
        for (std::size_t t = 0; t < day.technicians.size(); ++t) {
            CAPTURE(seed, day.technicians[t].id);
            CHECK(ev.kpis.jobs_per_technician[t] > 0);
        }
    }
}

// Each job's quantiles are its type's log-normal with sigma times the spread, plus the minutes on
// site: (p90 - overhead) / (p50 - overhead) = exp(1.2816 sigma spread), to the rounding to minutes.
TEST_CASE("generated days: the duration spread and the minutes on site shape each job's quantiles") {
    for (const double spread : {0.0, 0.5, 1.0, 2.0}) {
        ScenarioOptions o;
        o.duration_spread = spread;
        o.visit_overhead_min = 25;
        const Problem p = generate_scenario(o);
        REQUIRE(check_problem(p).empty());
        for (const Job& j : p.jobs) {
            CAPTURE(spread, j.id, j.job_type);
            const auto type = find_job_type(j.job_type);
            REQUIRE(type);
            const double p50 = minutes_of(j.duration.p50) - 25, p90 = minutes_of(j.duration.p90) - 25;
            REQUIRE(p50 > 0);
            // Each quantile is rounded to the minute: at most half a minute off either way.
            const double rounding = (0.5 / p50 + 0.5 / p90) / 1.2816;
            CHECK(std::log(p90 / p50) / 1.2816 == Approx(job_types[*type].sigma * spread).margin(rounding + 1e-9));
            CHECK(j.duration.is_fixed() == (spread == 0));
        }
    }
    ScenarioOptions bad;
    bad.duration_spread = 2.5;
    CHECK_THROWS_AS(generate_scenario(bad), std::invalid_argument);
    bad.duration_spread = -0.1;
    CHECK_THROWS_AS(generate_scenario(bad), std::invalid_argument);
}

TEST_CASE("the job before a fixed appointment is planned at p90, so a long-running job does not make it miss") {
    Problem p = line_day(4);
    p.objective.balance_per_hour_squared = 0;  // one route would be cheaper: only the buffer splits them
    Job a = job_at("A", 1, minutes(90), {hm(9, 0), hm(9, 30)});
    a.duration = {minutes(75), minutes(90), minutes(150)};
    const Job b = job_at("B", 3, minutes(30), {hm(10, 35), hm(11, 5)});  // a 30-minute appointment slot
    p.jobs = {a, b};
    REQUIRE(check_problem(p).empty());
    REQUIRE(p.objective.is_appointment(p.jobs[1]));
    auto technicians = [&](const Plan& plan) {
        TechnicianIndex ta = 9, tb = 9;
        REQUIRE((stop_of(plan, 0, &ta) && stop_of(plan, 1, &tb)));
        return std::pair{ta, tb};
    };
    p.objective.appointment_buffer.reset();
    const Plan unbuffered = solve(p, quick(300)).plan;
    REQUIRE(evaluate(p, unbuffered).feasible());
    const auto [a1, b1] = technicians(unbuffered);
    CHECK(a1 == b1);  // A 09:00-10:30, B at 10:35: fine at p75, and one route is cheaper

    p.objective.appointment_buffer = Quantile::p90;  // the default
    const Plan buffered = solve(p, quick(300)).plan;
    REQUIRE(evaluate(p, buffered).feasible());
    const auto [a2, b2] = technicians(buffered);
    CHECK(a2 != b2);  // at p90 A would end 11:30, past B's slot: B goes to the other technician
}

// C runs 08:02-10:02 at p75 and to 10:32 at p90; the appointment A (10:00-11:00) after it starts at
// 10:04 unbuffered but 10:34 with the buffer, so a lunch after A (to be started by 11:30) would
// begin at 11:34. The segment summaries know no buffer: the walk must see the break it pushes out.
TEST_CASE("an appointment held back by its buffer does not push a break past its window") {
    Problem p = line_day(3);
    p.technicians.pop_back();
    p.technicians[0].shifts[0].breaks = {Break{minutes(30), {hm(11, 0), hm(11, 30)}}};
    Job c = job_at("C", 1, minutes(120), {hm(8, 0), hm(9, 0)});
    c.duration = {minutes(60), minutes(120), minutes(150)};
    p.jobs = {c, job_at("A", 2, minutes(60), {hm(10, 0), hm(11, 0)})};
    REQUIRE(check_problem(p).empty());
    REQUIRE(p.objective.is_appointment(p.jobs[1]));
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        SolverParams params = quick(300);
        params.seed = seed;
        const Plan plan = solve(p, params).plan;
        const Evaluation ev = evaluate(p, plan);
        INFO((ev.violations.empty() ? std::string() : ev.violations[0].message));
        CHECK(ev.feasible());
        CHECK(plan.unassigned.size() == 1);  // C, A and the lunch fit one day only without the buffer
    }
}

// A buffer below the planning quantile allows the job before an appointment less than it is
// planned on; the appointment still starts only once the technician is free of it.
TEST_CASE("an appointment buffer below the planning quantile never starts the appointment early") {
    Problem p = line_day(3);
    p.technicians.pop_back();
    Job c = job_at("C", 1, minutes(120), {hm(8, 0), hm(9, 0)});
    c.duration = {minutes(60), minutes(120), minutes(150)};
    p.jobs = {c, job_at("A", 2, minutes(60), {hm(9, 30), hm(10, 30)})};
    p.objective.appointment_buffer = Quantile::p50;
    REQUIRE(check_problem(p).empty());
    REQUIRE(p.objective.is_appointment(p.jobs[1]));
    const Plan plan = solve(p, quick(300)).plan;
    const Evaluation ev = evaluate(p, plan);
    INFO((ev.violations.empty() ? std::string() : ev.violations[0].message));
    CHECK(ev.feasible());
    const Stop* a = stop_of(plan, 1);
    REQUIRE(a);
    CHECK(a->start == hm(10, 4));  // C 08:02-10:02 at p75, two minutes' drive; at p50 it would be 09:30
}

// A technician whose day is one job of six hours and then a job of an hour and a half at p50
// (three hours at p75): at p50 they are home at 15:38, inside their shift (16:00) plus an hour of
// overtime; had the second job run to its p75 they would be home at 17:08, and a technician
// judging by p75 would turn it down.
TEST_CASE("a return buffer leaves out a job that keeps the technician past shift end plus overtime at its quantile") {
    Problem p = line_day(3);
    p.technicians.pop_back();
    p.objective.planning_quantile = Quantile::p50;
    p.jobs = {job_at("A", 1, fsd::hours(6), {hm(8, 0), hm(9, 0)}), job_at("B", 2, minutes(1), {hm(13, 0), hm(16, 0)})};
    p.jobs[0].priority = 3;  // of the two, A is the one to keep
    p.jobs[1].duration = {minutes(90), fsd::hours(3), fsd::hours(4)};
    REQUIRE(check_problem(p).empty());

    const Plan plain = solve(p, quick(200)).plan;
    REQUIRE(evaluate(p, plain).feasible());
    REQUIRE(stop_of(plain, 0));
    const Stop* b = stop_of(plain, 1);
    REQUIRE(b);
    CHECK(b->start == hm(14, 4));

    p.objective.return_buffer = Quantile::p75;
    const Evaluation broken = evaluate(p, plain);  // the evaluator knows the rule the search keeps
    REQUIRE(broken.violations.size() == 1);
    CHECK(broken.violations[0].kind == ViolationKind::return_buffer);
    CHECK(broken.violations[0].where == "routes[0].stops[1]");
    CHECK(broken.violations[0].message ==
          "job B: had it taken its p75 (3h00m), technician T1 would be back at 2026-11-23T17:08, after the shift end "
          "2026-11-23T16:00 plus 1h00m overtime");
    const Plan buffered = solve(p, quick(200)).plan;
    REQUIRE(evaluate(p, buffered).feasible());
    CHECK(stop_of(buffered, 0));
    CHECK_FALSE(stop_of(buffered, 1));

    const Plan baseline = plan_baseline(p);  // the manual planner keeps it too
    CHECK(evaluate(p, baseline).feasible());
    CHECK(stop_of(baseline, 0));
    CHECK_FALSE(stop_of(baseline, 1));

    p.objective.return_buffer = Quantile::p50;  // at the planning quantile it binds no more than the plan
    CHECK(stop_of(solve(p, quick(200)).plan, 1));
}

namespace {

// True when some job of route r of the timed plan, had it run to quantile q, would bring its
// technician home after the end of their shift plus overtime (the evaluator's times, the model's
// durations).
bool home_late_at(const Problem& p, const Plan& timed, TechnicianIndex t, Quantile q) {
    for (const Route& r : timed.routes) {
        if (r.technician != t) continue;
        const Technician& tech = p.technicians[r.technician];
        const Shift& shift = tech.shifts[r.shift];
        for (const Stop& s : r.stops) {
            if (s.kind != StopKind::job) continue;
            const Job& job = p.jobs[s.job_index()];
            const TimePoint home = s.start + Problem::service_time(job, tech, q) + p.travel_time(job.location, tech.end_location);
            if (home > shift.span.end + shift.max_overtime) return true;
        }
    }
    return false;
}

}  // namespace

// The search's walk reuses the cached schedule once a move's stops rejoin it; the return buffer
// must survive that shortcut. Each random insertion is priced on a state without the buffer and
// on its twin with it: the twin refuses it exactly when the brute-force rule says the technician
// would come home late, and prices it the same otherwise. Both states then take it, so that the
// twin also holds routes that break the rule already, as a warm start from an older plan can.
TEST_CASE("the return buffer refuses exactly the insertions that break it by brute force, on random routes") {
    for (std::uint64_t seed : {11, 12, 13}) {
        Problem p = generated(4, 40, seed);
        p.objective.planning_quantile = Quantile::p50;
        p.objective.planning_quantile_by_urgency = {};
        Problem buffered = p;
        buffered.objective.return_buffer = Quantile::p90;
        const Instance plain(p), strict(buffered);
        Rng rng(seed);
        int refused = 0, allowed = 0;
        for (int trial = 0; trial < 20; ++trial) {
            SearchState a(plain), b(strict);
            for (int k = 0; k < 80; ++k) {
                const auto u = static_cast<Node>(rng.below(static_cast<std::uint64_t>(plain.num_jobs())));
                const int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(a.num_routes())));
                if (a.route_of(u) >= 0 || !plain.eligible(u, a.route(r).vehicle)) continue;
                const int pos = static_cast<int>(rng.between(0, a.route(r).size()));
                const Cost da = a.insertion_delta(u, r, pos), db = b.insertion_delta(u, r, pos);
                if (da == Cost::infinity()) {
                    CHECK(db == Cost::infinity());
                    continue;
                }
                SearchState tried = a;
                tried.insert(u, r, pos);
                tried.update(r);
                const TechnicianIndex t = strict.vehicle(a.route(r).vehicle).technician;  // one shift each: one route
                const bool late = home_late_at(p, evaluate(p, to_plan(tried)).schedule, t, Quantile::p90);
                CHECK((db == Cost::infinity()) == late);
                if (late)
                    ++refused;
                else {
                    CHECK(db == da);
                    ++allowed;
                }
                for (SearchState* s : {&a, &b}) {
                    s->insert(u, r, pos);
                    s->update(r);
                }
            }
            // The evaluator reports the rule on exactly the routes that break it.
            const Plan plan = to_plan(b);
            const Evaluation ev = evaluate(buffered, plan);
            for (const Route& route : plan.routes) {
                const std::string path = "routes[" + std::to_string(&route - plan.routes.data()) + "]";
                const bool reported = std::any_of(ev.violations.begin(), ev.violations.end(), [&](const Violation& v) {
                    return v.kind == ViolationKind::return_buffer && v.where.rfind(path + ".", 0) == 0;
                });
                CHECK(reported == home_late_at(p, evaluate(p, plan).schedule, route.technician, Quantile::p90));
            }
        }
        CHECK(refused > 0);
        CHECK(allowed > 0);
    }
}

// Five jobs of median 70 min, log-normal sigma 0.5 (p75 98 min), for one technician with 8 hours and
// no overtime: at each job's own p75 they need 490 min of work plus 20 min of driving, one too many.
// The p75 of the five together is about 455 min; planned at their pooled share they fit, and each
// is planned at exactly its share of that quantile (Fenton-Wilkinson, computed here from the mean
// and variance of the log-normal, sharing nothing with the model's code).
TEST_CASE("pooled planning durations: a route of five jobs ends at about its own p75, not the sum of five p75s") {
    Problem p = line_day(6);
    p.technicians.pop_back();
    p.technicians[0].shifts[0].max_overtime = Duration::zero();
    const double mu = std::log(70.0 * 60), sigma = 0.5;
    auto at_z = [&](double z) { return Duration(std::llround(std::exp(mu + z * sigma))); };
    for (LocationId site = 1; site <= 5; ++site) {
        Job j = job_at("J" + std::to_string(site.value()), site, minutes(1), {hm(8, 0), hm(16, 0)});
        j.duration = {at_z(0), at_z(LogNormalDuration::z75), at_z(LogNormalDuration::z90)};
        p.jobs.push_back(j);
    }
    REQUIRE(check_problem(p).empty());
    const double m = 5;
    const double mean = std::exp(mu + sigma * sigma / 2), var = mean * mean * std::expm1(sigma * sigma);
    const double s2 = std::log(1 + m * var / (m * mean * m * mean)), route_mu = std::log(m * mean) - s2 / 2;
    const double pooled_share = std::exp(route_mu + LogNormalDuration::z75 * std::sqrt(s2)) / m;

    // The statistics: the sum of five draws has its p75 near five pooled shares, well below five p75s.
    Rng rng(7);
    std::vector<double> sums(20000);
    for (double& sum : sums) {
        sum = 0;
        for (int k = 0; k < 5; ++k) sum += std::exp(rng.normal(mu, sigma));
    }
    std::nth_element(sums.begin(), sums.begin() + 15000, sums.end());
    const double route_p75 = sums[15000];
    CHECK(std::abs(m * pooled_share - route_p75) < 0.03 * route_p75);
    CHECK(m * static_cast<double>(p.jobs[0].duration.p75.count()) > 1.05 * route_p75);

    // Per-job p75 (the default): four of the five fit.
    CHECK(p.objective.planned_duration(p.jobs[0]) == p.jobs[0].duration.p75);
    const Plan own = solve(p, quick(500)).plan;
    const Evaluation own_ev = evaluate(p, own);
    REQUIRE(own_ev.feasible());
    CHECK(own_ev.kpis.jobs_assigned == 4);

    // Pooled over a route of five: all five fit, each at its pooled share (to the second's rounding).
    p.objective.pooled_route_jobs = m;
    REQUIRE(check_problem(p).empty());
    const Plan pooled = solve(p, quick(500)).plan;
    const Evaluation ev = evaluate(p, pooled);
    REQUIRE(ev.feasible());
    CHECK(ev.kpis.jobs_assigned == 5);
    for (JobIndex j : indices<JobIndex>(5)) {
        const Stop* s = stop_of(ev.schedule, j);
        REQUIRE(s);
        CHECK(std::abs(static_cast<double>((s->end - s->start).count()) - pooled_share) <= 2.0);
    }
    // Back at the quantile for a route of one, and the planning quantile's own median rises with pooling.
    p.objective.pooled_route_jobs = 1;
    CHECK(p.objective.planned_duration(p.jobs[0]) == p.jobs[0].duration.p75);
    p.objective.pooled_route_jobs = m;
    p.objective.planning_quantile = Quantile::p50;
    CHECK(p.objective.planned_duration(p.jobs[0]) > p.jobs[0].duration.p50);
    p.objective.pooled_route_jobs = 0.5;
    CHECK_FALSE(check_problem(p).empty());
}

}  // namespace test_dispatch_objective
