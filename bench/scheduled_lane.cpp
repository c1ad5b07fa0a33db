// fsd-bench-scheduled_lane: the scheduled lane's targets. Plans weeks of scheduled work
// (default 20 technicians, 3 weeks, 900 jobs) within a time limit, with and without the
// geographic clustering term, and reports feasibility, jobs placed, the spread of each
// technician-day and the travel the clustering costs; then times appointment offers for one
// more customer and checks that booking each keeps the plan feasible. docs/benchmarks.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <vector>

#include "fsd/lanes/appointments.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/solve.hpp"

namespace bench_scheduled_lane {
using namespace fsd;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

struct PlanFigures {
    double seconds = 0;
    bool feasible = false;
    int done = 0;
    double spread_km = 0, travel_h = 0, per_day_jobs = 0;
};

PlanFigures plan_weeks(const Problem& p, double time_limit, Plan& out) {
    solver::SolverParams params;
    params.time_limit_seconds = time_limit;
    const auto t0 = std::chrono::steady_clock::now();
    out = solver::solve(p, params).plan;
    PlanFigures f;
    f.seconds = seconds_since(t0);
    const Evaluation ev = evaluate(p, out);
    f.feasible = ev.feasible();
    f.done = ev.kpis.jobs_assigned;
    f.spread_km = ev.kpis.spread_km_mean;
    f.travel_h = static_cast<double>(ev.kpis.travel_time.count()) / 3600.0;
    f.per_day_jobs = ev.kpis.routes_used > 0 ? static_cast<double>(f.done) / ev.kpis.routes_used : 0;
    return f;
}

void print(const char* name, const PlanFigures& f, int jobs) {
    fmt::print(
        "{:<22} {:>7.1f} s  feasible {:<3}  {:>4}/{} jobs  spread {:>5.2f} km per technician-day  {:>4.1f} jobs per day  travel {:>6.1f} "
        "h\n",
        name, f.seconds, f.feasible ? "yes" : "NO", f.done, jobs, f.spread_km, f.per_day_jobs, f.travel_h);
}

}  // namespace

int main(int argc, char** argv) {
    ScenarioOptions o;
    o.technicians = 20;
    o.jobs = 900;
    o.days = 21;
    double time_limit = 60, spread = 10;
    CLI::App app{"Plan weeks of scheduled work with and without clustering; appointment offers on the result"};
    app.add_option("--technicians", o.technicians)->capture_default_str();
    app.add_option("--jobs", o.jobs)->capture_default_str();
    app.add_option("--days", o.days, "calendar days (weekdays are worked)")->capture_default_str();
    app.add_option("--seed", o.seed)->capture_default_str();
    app.add_option("--time-limit", time_limit, "seconds per plan")->capture_default_str();
    app.add_option("--spread-per-km", spread, "the clustering term's weight in the clustered plan")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    Problem p = generate_scenario(o);
    const auto it = std::find_if(p.jobs.rbegin(), p.jobs.rend(), [](const Job& j) { return j.urgency == Urgency::scheduled; });
    const Job request = *it;  // the customer who calls once the weeks are planned
    p.jobs.erase(std::next(it).base());
    fmt::print("{} technicians, {} jobs, {} calendar days (weekdays worked), seed {}, {} s per plan\n", o.technicians, p.jobs.size(),
               o.days, o.seed, time_limit);

    Plan plain, clustered;
    p.objective.spread_per_km = 0;
    const PlanFigures a = plan_weeks(p, time_limit, plain);
    print("without clustering", a, static_cast<int>(p.jobs.size()));
    p.objective.spread_per_km = spread;
    const PlanFigures b = plan_weeks(p, time_limit, clustered);
    print(fmt::format("clustering {:g}/km", spread).c_str(), b, static_cast<int>(p.jobs.size()));
    fmt::print("clustering: spread {:+.1f}%, travel {:+.1f}%\n", 100 * (b.spread_km / a.spread_km - 1),
               100 * (b.travel_h / a.travel_h - 1));

    const auto t0 = std::chrono::steady_clock::now();
    const auto offers = lanes::appointment_offers(p, clustered, request);
    const double offer_s = seconds_since(t0);
    int feasible = 0;
    for (const auto& offer : offers) {
        const lanes::Booking booked = lanes::book(p, clustered, request, offer);
        feasible += evaluate(booked.problem, booked.plan).feasible() ? 1 : 0;
    }
    fmt::print("appointment offers for one more customer: {} in {:.2f} s; {} of them feasible once booked\n", offers.size(), offer_s,
               feasible);
    for (const auto& offer : offers)
        fmt::print("  day {:>2} {} {}{}  cost {:.2f}  confidence {:.0f}%\n", offer.day, format_clock(offer.window.start),
                   format_clock(offer.window.end), offer.premium ? " (premium)" : "", to_currency(offer.cost), 100 * offer.confidence);
    return a.feasible && b.feasible && feasible == static_cast<int>(offers.size()) ? 0 : 1;
}

}  // namespace bench_scheduled_lane
