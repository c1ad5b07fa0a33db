// fsd-bench-plan_day: plans generated field-service days with the optimiser and with the manual
// baseline, and reports what a dispatcher and the customers feel: jobs done, utilisation, on-time,
// emergencies served late although someone could have made it, emergency response, same-day SLA
// misses. Every plan is checked by the evaluator. Targets from issue 11; docs/benchmarks.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <vector>

#include "fsd/baseline/baseline.hpp"
#include "fsd/model/eligibility.hpp"
#include "fsd/model/evaluate.hpp"
#include "fsd/model/route_timing.hpp"
#include "fsd/scenario/generator.hpp"
#include "fsd/solver/solve.hpp"

namespace bench_plan_day {
using namespace fsd;

namespace {

struct DayFigures {
    int jobs = 0, done = 0;
    double utilisation = 0, on_time = 0;
    int emergencies = 0, emergencies_unassigned = 0, emergencies_late = 0, emergencies_late_reachable = 0;
    double response_min = 0;  // mean over served emergencies
    int same_day_with_sla = 0, same_day_missed = 0;
    bool feasible = true;
    double travel_h = 0, spread_km = 0, busiest_h = 0, least_h = 0;
};

// Could some qualified technician have started job j by its SLA deadline, from an empty day?
bool reachable_by_sla(const Problem& p, JobIndex j) {
    for (TechnicianIndex t : p.technicians.indices())
        for (std::uint32_t s = 0; s < p.technicians[t].shifts.size(); ++s) {
            if (!may_do(p, j, t, s)) continue;
            const JobIndex one[] = {j};
            const auto r = time_route(p, t, s, one);
            if (!r) continue;
            for (const Stop& stop : r->stops)
                if (stop.kind == StopKind::job && stop.start <= *p.jobs[j].sla_deadline) return true;
        }
    return false;
}

DayFigures figures(const Problem& p, const Plan& plan) {
    const Evaluation ev = evaluate(p, plan);
    DayFigures f;
    f.jobs = static_cast<int>(p.jobs.size());
    f.done = ev.kpis.jobs_assigned;
    f.utilisation = ev.kpis.utilisation_pct;
    f.on_time = ev.kpis.on_time_pct;
    f.feasible = ev.feasible();
    f.response_min = static_cast<double>(ev.kpis.emergency_response_mean.count()) / 60.0;
    f.same_day_with_sla = ev.kpis.sla[1].with_deadline;
    f.same_day_missed = ev.kpis.sla[1].missed;
    f.travel_h = static_cast<double>(ev.kpis.travel_time.count()) / 3600.0;
    f.spread_km = ev.kpis.spread_km_mean;
    f.busiest_h = ev.kpis.service_hours_max;
    f.least_h = ev.kpis.service_hours_min;
    for (const Route& r : ev.schedule.routes)
        for (const Stop& s : r.stops) {
            if (s.kind != StopKind::job) continue;
            const Job& job = p.jobs[s.job_index()];
            if (job.urgency != Urgency::emergency || !job.sla_deadline || s.start <= *job.sla_deadline) continue;
            ++f.emergencies_late;
            f.emergencies_late_reachable += reachable_by_sla(p, s.job_index()) ? 1 : 0;
        }
    for (const Job& job : p.jobs) f.emergencies += job.urgency == Urgency::emergency ? 1 : 0;
    f.emergencies_unassigned = ev.kpis.unassigned_by_urgency[0];
    return f;
}

struct Totals {
    std::vector<DayFigures> days;
    void print(const char* name) const {
        double done = 0, util = 0, on_time = 0, resp = 0;
        int emerg = 0, un = 0, late = 0, late_reach = 0, sd = 0, sd_missed = 0, infeasible = 0, with_emergency = 0;
        for (const auto& d : days) {
            done += d.done;
            util += d.utilisation;
            on_time += d.on_time;
            emerg += d.emergencies;
            un += d.emergencies_unassigned;
            late += d.emergencies_late;
            late_reach += d.emergencies_late_reachable;
            sd += d.same_day_with_sla;
            sd_missed += d.same_day_missed;
            infeasible += d.feasible ? 0 : 1;
            if (d.emergencies > d.emergencies_unassigned) {
                resp += d.response_min;
                ++with_emergency;
            }
        }
        double travel = 0, spread = 0, busiest = 0, least = 0;
        for (const auto& d : days) travel += d.travel_h, spread += d.spread_km, busiest += d.busiest_h, least += d.least_h;
        const auto n = static_cast<double>(days.size());
        fmt::print("{:<10} {:>8.1f}/{:<3} {:>7.1f}% {:>7.1f}% {:>5} {:>6} {:>5} {:>9} {:>8.1f} {:>7.1f}% {:>6}\n", name, done / n,
                   days.empty() ? 0 : days[0].jobs, util / n, on_time / n, emerg, un, late, late_reach,
                   with_emergency ? resp / with_emergency : 0.0, sd ? 100.0 * sd_missed / sd : 0.0, infeasible);
        fmt::print("{:<10} travel {:.1f} h, route spread {:.1f} km, service hours busiest {:.1f} h, least busy {:.1f} h (means)\n", "",
                   travel / n, spread / n, busiest / n, least / n);
    }
};

}  // namespace

int main(int argc, char** argv) {
    ScenarioOptions o;
    int first_seed = 1, seeds = 20;
    double time_limit = 5;
    bool per_seed = false;
    double spread_per_km = -1, balance = -1;
    CLI::App app{"Plan generated field-service days with the optimiser and the manual baseline; print dispatch KPIs"};
    app.add_option("--technicians", o.technicians)->capture_default_str();
    app.add_option("--jobs", o.jobs)->capture_default_str();
    app.add_option("--days", o.days)->capture_default_str();
    app.add_option("--visit-overhead", o.visit_overhead_min, "minutes on site around each job's work")->capture_default_str();
    app.add_option("--shift-hours", o.shift_hours)->capture_default_str();
    app.add_option("--overtime-hours", o.overtime_hours)->capture_default_str();
    app.add_option("--radius-km", o.radius_km)->capture_default_str();
    app.add_option("--first-seed", first_seed)->capture_default_str();
    app.add_option("--seeds", seeds, "how many consecutive seeds")->capture_default_str();
    app.add_option("--time-limit", time_limit, "optimiser seconds per day (as fsd plan --time-limit)")->capture_default_str();
    app.add_flag("--per-seed", per_seed, "also print each day");
    app.add_option("--spread-per-km", spread_per_km, "objective: route spread weight (default: the objective's)");
    app.add_option("--balance", balance, "objective: load balance per hour squared (default: the objective's)");
    CLI11_PARSE(app, argc, argv);

    Totals optimiser, baseline;
    for (int s = first_seed; s < first_seed + seeds; ++s) {
        o.seed = static_cast<std::uint64_t>(s);
        Problem p = generate_scenario(o);
        if (spread_per_km >= 0) p.objective.spread_per_km = spread_per_km;
        if (balance >= 0) p.objective.balance_per_hour_squared = balance;
        solver::SolverParams params;
        params.time_limit_seconds = time_limit;
        optimiser.days.push_back(figures(p, solver::solve(p, params).plan));
        baseline.days.push_back(figures(p, plan_baseline(p)));
        if (per_seed) {
            const auto& d = optimiser.days.back();
            fmt::print(
                "seed {:>3}: done {}/{}, utilisation {:.1f}%, emergencies late {} (reachable {}), unassigned {}, response {:.0f} min\n", s,
                d.done, d.jobs, d.utilisation, d.emergencies_late, d.emergencies_late_reachable, d.emergencies_unassigned, d.response_min);
        }
    }
    fmt::print("{} technicians x {} jobs, {} day(s), seeds {}-{}, optimiser {} s per day; means over days, counts summed\n", o.technicians,
               o.jobs, o.days, first_seed, first_seed + seeds - 1, time_limit);
    fmt::print("{:<10} {:>12} {:>8} {:>8} {:>5} {:>6} {:>5} {:>9} {:>8} {:>8} {:>6}\n", "planner", "jobs done", "utilis.", "on-time",
               "emerg", "unasg.", "late", "late-but-", "response", "same-day", "infeas");
    fmt::print("{:<10} {:>12} {:>8} {:>8} {:>5} {:>6} {:>5} {:>9} {:>8} {:>8} {:>6}\n", "", "", "", "", "", "", "", "reachable", "(min)",
               "SLA miss", "");
    optimiser.print("optimiser");
    baseline.print("baseline");
    return 0;
}

}  // namespace bench_plan_day
