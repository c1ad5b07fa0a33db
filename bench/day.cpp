// fsd-bench-day: simulates generated field-service days under each dispatch policy, all policies on
// the same truth, and prints the day KPIs per policy as the median over the days with the range
// (a markdown table). Targets and recorded tables: docs/benchmarks.md; the model: docs/simulate.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <functional>
#include <numeric>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fsd/scenario/generator.hpp"
#include "fsd/simulate/day_kpis.hpp"
#include "fsd/simulate/live_dispatch.hpp"
#include "fsd/simulate/policies.hpp"
#include "fsd/simulate/simulator.hpp"
#include "fsd/simulate/truth.hpp"
#include "fsd/travel/rush_hour.hpp"

namespace bench_day {
using namespace fsd;
using namespace fsd::simulate;

namespace {

struct PolicyDays {
    std::string name;
    std::vector<DayKpis> days;
    std::vector<double> seconds;
    int plans = 0, capped = 0;  // live dispatch's plans, and those its time cap cut short
};

struct Row {
    std::string label;
    std::function<double(const DayKpis&)> value;
    int decimals = 0;
};

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string cell(const std::vector<double>& v, int decimals) {
    if (v.empty()) return "-";
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return fmt::format("{:.{}f} [{:.{}f}–{:.{}f}]", median_of(v), decimals, *lo, decimals, *hi, decimals);
}

int after(const DayKpis& k, ObservationKind kind) {
    return k.eta_changes_after[static_cast<std::size_t>(kind)];
}

// Every kind of report the rows before it do not show (cancellations, nobody at home, jobs
// missed, technicians gone home), so that a kind added later is not left out.
int after_other_reports(const DayKpis& k) {
    const int all = std::accumulate(k.eta_changes_after.begin(), k.eta_changes_after.end(), 0);
    return all - after(k, ObservationKind::ticket_reported) - after(k, ObservationKind::job_started) -
           after(k, ObservationKind::job_finished);
}

// `planned`: the planning quantile's name, for the utilisation at planned durations.
std::vector<Row> rows(int jobs, std::string_view planned) {
    return {
        {fmt::format("jobs done (of {})", jobs), [](const DayKpis& k) { return double(k.done); }},
        {"carried over", [](const DayKpis& k) { return double(k.carried_over); }},
        {"  of which not at home", [](const DayKpis& k) { return double(k.not_home); }},
        {"  told not today", [](const DayKpis& k) { return double(k.told_not_today); }},
        {"    before the window told opened", [](const DayKpis& k) { return double(k.told_not_today_in_time); }},
        {"cancelled by the customer", [](const DayKpis& k) { return double(k.cancelled); }},
        {"reported during the day", [](const DayKpis& k) { return double(k.reported_during_day); }},
        {"on time: in window, by SLA (%)", [](const DayKpis& k) { return k.on_time_pct(); }, 1},
        {"in the ETA window told (%)", [](const DayKpis& k) { return k.eta_inside_pct(); }, 1},
        {"  early / late for the ETA", [](const DayKpis& k) { return double(k.eta_early) + 1e-3 * k.eta_late; }, 3},
        {"emergency SLA met (%)", [](const DayKpis& k) { return k.sla_met_pct(Urgency::emergency); }, 1},
        {"same-day SLA met (%)", [](const DayKpis& k) { return k.sla_met_pct(Urgency::same_day); }, 1},
        {"emergency response, mean (min)", [](const DayKpis& k) { return k.response_mean_min; }},
        {"utilisation (%)", [](const DayKpis& k) { return k.utilisation_pct; }, 1},
        {fmt::format("  at planned ({}) durations (%)", planned), [](const DayKpis& k) { return k.planned_utilisation_pct; }, 1},
        {"  of the shift less breaks (%)", [](const DayKpis& k) { return k.utilisation_of_available_pct; }, 1},
        {"  driving counted as work (%)", [](const DayKpis& k) { return k.utilisation_with_drive_pct; }, 1},
        {"drive (h, crew)", [](const DayKpis& k) { return k.drive_h; }, 1},
        {"overtime (h, crew)", [](const DayKpis& k) { return k.overtime_h; }, 1},
        {"  most for one technician (h)", [](const DayKpis& k) { return k.overtime_max_h; }, 1},
        {"waiting for windows (h, crew)", [](const DayKpis& k) { return k.wait_window_h; }, 1},
        {"  waiting beyond them (h, crew)", [](const DayKpis& k) { return k.wait_beyond_h; }, 1},
        {"customers notified", [](const DayKpis& k) { return double(k.notified); }},
        {"ETA changes", [](const DayKpis& k) { return double(k.eta_changes); }},
        {"  to an earlier window", [](const DayKpis& k) { return double(k.eta_changes_earlier); }},
        {"  reversing the change before", [](const DayKpis& k) { return double(k.eta_reversals); }},
        {"  most for one customer", [](const DayKpis& k) { return double(k.eta_changes_max); }},
        {"  with the job on another technician's list", [](const DayKpis& k) { return double(k.eta_changes_moved_technician); }},
        {"  after a new ticket", [](const DayKpis& k) { return double(after(k, ObservationKind::ticket_reported)); }},
        {"  after a job started", [](const DayKpis& k) { return double(after(k, ObservationKind::job_started)); }},
        {"  after a job finished", [](const DayKpis& k) { return double(after(k, ObservationKind::job_finished)); }},
        {"  after other reports", [](const DayKpis& k) { return double(after_other_reports(k)); }},
    };
}

// What booked customers would take if every one agreed to wait: how much the hard windows cost.
void close_scheduled_windows_later(Problem& p, Duration later) {
    for (Job& job : p.jobs)
        if (job.urgency == Urgency::scheduled)
            for (TimeWindow& w : job.time_windows) w.end = w.end + later;
}

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

void print_table(const std::vector<PolicyDays>& all, int jobs, std::string_view planned) {
    std::string head = "| KPI (median [min–max] over days) |", rule = "|---|";
    for (const auto& p : all) head += " " + p.name + " |", rule += "---|";
    fmt::print("{}\n{}\n", head, rule);
    for (const Row& r : rows(jobs, planned)) {
        std::string line = "| " + r.label + " |";
        for (const auto& p : all) {
            std::vector<double> v;
            for (const auto& d : p.days) v.push_back(r.value(d));
            if (r.label.find("early / late") != std::string::npos) {  // two counts in one cell
                std::vector<double> early, late;
                for (const auto& d : p.days) early.push_back(d.eta_early), late.push_back(d.eta_late);
                line += fmt::format(" {:.0f} / {:.0f} |", median_of(early), median_of(late));
                continue;
            }
            line += " " + cell(v, r.decimals) + " |";
        }
        fmt::print("{}\n", line);
    }
    // Emergencies are few a day, so a median of daily shares moves by whole emergencies: the share
    // over all days, and the response over all emergencies served, are the steadier figures.
    std::string mean = "| jobs done, mean |", on_time = "| on time, mean (%) |", util = "| utilisation, mean (%) |",
                emergency = "| emergency SLA met, all days (%) |", response = "| emergency response, all days (min) |",
                time = "| policy + simulation time per day (s) |";
    for (const auto& p : all) {
        double done = 0, ot = 0, ut = 0, response_min = 0;
        int due = 0, met = 0, served = 0;
        for (const auto& d : p.days) {
            done += d.done, ot += d.on_time_pct(), ut += d.utilisation_pct;
            due += d.sla_due[0], met += d.sla_met[0];
            served += d.emergencies_served;
            response_min += d.response_mean_min * d.emergencies_served;
        }
        const double n = p.days.empty() ? 1.0 : static_cast<double>(p.days.size());
        mean += fmt::format(" {:.1f} |", done / n);
        on_time += fmt::format(" {:.1f} |", ot / n);
        util += fmt::format(" {:.1f} |", ut / n);
        emergency += fmt::format(" {:.1f} ({}/{}) |", due ? 100.0 * met / due : 100.0, met, due);
        response += fmt::format(" {:.0f} |", served ? response_min / served : 0.0);
        time += " " + cell(p.seconds, 2) + " |";
    }
    fmt::print("{}\n{}\n{}\n{}\n{}\n{}\n", mean, on_time, util, emergency, response, time);
}

}  // namespace

int main(int argc, char** argv) {
    ScenarioOptions o;
    int days = 20;
    std::uint64_t seed = 1;
    std::string policies = "whiteboard,optimiser-mean,optimiser-p75,live", rush_hour;
    PolicyParams pp;
    SimParams sp;
    bool per_day = false, no_arrivals = false, exact = false;
    double later_windows_min = 0;
    CLI::App app{"Simulate generated days under each dispatch policy on the same truth; print the KPIs per policy"};
    app.add_option("--technicians", o.technicians)->capture_default_str();
    app.add_option("--jobs", o.jobs)->capture_default_str();
    app.add_option("--overtime-hours", o.overtime_hours, "the generated days' overtime allowance after each shift")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--visit-overhead-min", o.visit_overhead_min,
                   "the generated days' minutes on site around each job's hands-on work (docs/scenarios.md)")
        ->check(CLI::Range(0.0, 120.0))
        ->capture_default_str();
    app.add_option("--job-spread", o.duration_spread,
                   "the generated days' duration spread: multiplies each job type's log-normal sigma (planners and truth alike)")
        ->check(CLI::Range(0.0, 2.0))
        ->capture_default_str();
    app.add_option("--radius-km", o.radius_km, "the generated days' metro radius")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--later-windows", later_windows_min,
                   "a bound, not a policy: every scheduled customer's windows close this many minutes later (planners and truth alike)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--days", days, "simulated days, each a generated day (seeds S, S+1, ...)")->capture_default_str();
    app.add_option("--seed", seed, "first seed: of the generated day and of its truth")->capture_default_str();
    app.add_option("--policies", policies, "comma-separated")->capture_default_str();
    app.add_option("--iterations-per-job", pp.optimiser.iterations_per_job, "optimiser budget per known ticket")->capture_default_str();
    double eta_margin_min = 15;
    app.add_option("--eta-margin", eta_margin_min, "minutes each side of the p50-p90 ETA window told")->capture_default_str();
    app.add_option("--cancel-rate", sp.truth.cancellation_rate)->capture_default_str();
    app.add_option("--not-home-rate", sp.truth.not_home_rate)->capture_default_str();
    app.add_option("--travel-sigma", sp.truth.travel_sigma, "log-normal sigma of each leg's time")->capture_default_str();
    app.add_option("--duration-spread", sp.truth.duration_spread, "multiplies each job's log-normal sigma")->capture_default_str();
    app.add_flag("--no-arrivals", no_arrivals, "every ticket known in the morning");
    app.add_flag("--exact", exact, "the exact truth: planned durations and travel, no arrivals, cancellations or absent customers");
    app.add_option("--rush-hour", rush_hour, "rush-hour profile (JSON) for the truth's travel");
    app.add_flag("--per-day", per_day, "also print each day's jobs done and utilisation");
    std::string planning_quantile;
    app.add_option("--planning-quantile", planning_quantile,
                   "the generated days' objective.planning_quantile: what every plan but optimiser-mean's puts each job at, and "
                   "what the technicians judge by (default p75)")
        ->check(CLI::IsMember({"p50", "p75", "p90"}));
    std::string judge_at;
    app.add_option("--technicians-judge-at", judge_at,
                   "the simulated technicians judge whether a job still fits their day at this quantile (SimParams::judge_at; "
                   "default: the day's planning quantile)")
        ->check(CLI::IsMember({"p50", "p75", "p90"}));
    bool oracle = false;
    app.add_flag("--oracle", oracle,
                 "a bound, not a policy: every planner is given each job's true duration (docs/benchmarks.md section 9)");
    app.add_option("--replan-work", pp.live.replan.work,
                   "live dispatch's re-plan budget: iterations of work over the open jobs (dispatch::ReplanParams::work)")
        ->capture_default_str();
    app.add_option("--replan-max-iterations", pp.live.replan.max_iterations, "live dispatch's most iterations for one re-plan")
        ->capture_default_str();
    bool free_bring_forward = false;
    app.add_flag("--free-bring-forward", free_bring_forward,
                 "live dispatch brings customers forward at no cost in its re-plans (as before the price of a broken promise)");
    double per_retell = 0;
    app.add_option("--promise-miss-per-retell", per_retell,
                   "the generated days' objective.promise_miss_per_retell: a broken promise costs this more per earlier re-tell")
        ->capture_default_str();
    app.add_flag("--pooled", pp.live.pooled_durations,
                 "live dispatch plans on pooled durations (each job's share of the p75 of a route), not per-job p75");
    app.add_option_function<double>(
           "--not-today-notice", [&pp](double m) { pp.live.not_today_notice = Duration(std::llround(m * 60)); },
           "live dispatch also tells a customer its plan leaves out that it will not be today once the window they were "
           "told opens within this many minutes (default: only when the day can no longer serve them)")
        ->check(CLI::NonNegativeNumber);
    app.add_option_function<double>(
           "--bring-forward-within", [&pp](double m) { pp.live.bring_forward_within = Duration(std::llround(m * 60)); },
           "live dispatch brings forward only customers whose window told opens within this many minutes")
        ->check(CLI::NonNegativeNumber);
    app.add_flag_callback(
        "--no-emergency-lane", [&pp] { pp.live.emergency_lane = false; },
        "live dispatch places a new emergency in the same-day lane's cheapest slot, not where the emergency lane recommends");
    std::optional<double> promise_late;
    app.add_option_function<double>(
           "--promise-late-per-minute", [&promise_late](double w) { promise_late = w; },
           "the generated days' objective.promise_late_per_minute (default: the objective's)")
        ->check(CLI::NonNegativeNumber);
    app.add_flag_callback(
        "--never-tell-not-today", [&pp] { pp.live.tell_not_today = false; },
        "live dispatch does not tell a customer the day can no longer serve that it will not be today");
    app.add_flag_callback(
        "--trips-assumed", [&pp] { pp.live.trips_reported = false; },
        "live dispatch does not hear when technicians set out: a trip begins when the plan has them leave");
    CLI11_PARSE(app, argc, argv);
    sp.truth.arrivals = !no_arrivals;
    const Quantile planning = quantile_named(planning_quantile).value_or(ObjectiveWeights{}.planning_quantile);
    const std::string_view planned = quantile_names[static_cast<int>(planning)];
    sp.judge_at = quantile_named(judge_at);
    pp.live.bring_forward_priced = !free_bring_forward;
    if (exact) sp.truth = TruthParams::exact();
    pp.eta_margin = Duration(std::llround(eta_margin_min * 60));
    if (!rush_hour.empty()) sp.truth.rush_hour = load_rush_hour_profile(rush_hour);

    std::vector<PolicyDays> all;
    for (const auto& name : split(policies)) {
        make_policy(name, pp);  // fail early on an unknown name
        all.push_back({name, {}, {}});
    }
    for (int d = 0; d < days; ++d) {
        o.seed = seed + static_cast<std::uint64_t>(d);
        Problem p;
        try {
            p = generate_scenario(o);
        } catch (const std::invalid_argument& e) {
            fmt::print(stderr, "error: {}\n", e.what());
            return 2;
        }
        p.objective.promise_miss_per_retell = per_retell;
        if (promise_late) p.objective.promise_late_per_minute = *promise_late;
        if (!planning_quantile.empty()) p.objective.planning_quantile = planning;
        if (later_windows_min > 0) close_scheduled_windows_later(p, Duration(std::llround(later_windows_min * 60)));
        sp.seed = o.seed;
        if (oracle) {
            const Truth truth(p, sp.truth, o.seed, TimePoint(sp.plan_at.count()));
            for (JobIndex j : p.jobs.indices())
                p.jobs[j].duration = DurationQuantiles::fixed(Duration(std::llround(truth.drawn_duration(j))));
        }
        for (auto& policy_days : all) {
            pp.optimiser.seed = o.seed;
            auto policy = make_policy(policy_days.name, pp);
            const auto t0 = std::chrono::steady_clock::now();
            const SimulationResult r = simulate_day(p, *policy, sp);
            policy_days.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            policy_days.days.push_back(day_kpis(p, r));
            if (const auto* live = dynamic_cast<const LiveDispatch*>(policy.get())) {
                policy_days.plans += 1 + live->stats().replans;
                policy_days.capped += live->stats().capped;
            }
            if (per_day) {
                const DayKpis& k = policy_days.days.back();
                fmt::print(
                    "seed {:>3} {:<15} done {:>4}/{} on time {:5.1f}% utilisation {:5.1f}% (at {} {:5.1f}%) in the ETA window "
                    "{:5.1f}% ETA changes {}\n",
                    o.seed, policy_days.name, k.done, o.jobs, k.on_time_pct(), k.utilisation_pct, planned, k.planned_utilisation_pct,
                    k.eta_inside_pct(), k.eta_changes);
            }
        }
    }
    fmt::print(
        "{} technicians x {} jobs, {} simulated days (seeds {}-{}), optimiser {} iterations per ticket; truth: travel sigma {}, "
        "duration spread {}, cancellations {}, not at home {}, {}{}; ETA windows told p50-p90 +- {} min{}; overtime allowed {} h, {} min "
        "on site per visit, metro radius {} km, job spread {}{}\n\n",
        o.technicians, o.jobs, days, seed, seed + static_cast<std::uint64_t>(days) - 1, pp.optimiser.iterations_per_job,
        sp.truth.travel_sigma, sp.truth.duration_spread, sp.truth.cancellation_rate, sp.truth.not_home_rate,
        sp.truth.arrivals ? "tickets arrive when reported" : "every ticket known in the morning",
        rush_hour.empty() ? "" : ", rush hour " + rush_hour, eta_margin_min,
        std::string(pp.live.pooled_durations ? "; live on pooled durations" : "") + (free_bring_forward ? "; bringing forward free" : "") +
            (pp.live.tell_not_today ? "" : "; live tells nobody it cannot serve them today") +
            (pp.live.bring_forward_within
                 ? fmt::format("; live brings forward only within {} min", pp.live.bring_forward_within->count() / 60)
                 : "") +
            (pp.live.not_today_notice
                 ? fmt::format("; live tells 'not today' {} min before the window told", pp.live.not_today_notice->count() / 60)
                 : ""),
        o.overtime_hours, o.visit_overhead_min, o.radius_km, o.duration_spread,
        (later_windows_min > 0 ? fmt::format("; scheduled windows close {} min later", later_windows_min) : "") +
            (planning_quantile.empty() ? "" : fmt::format("; every plan on {}", planned)) +
            (judge_at.empty() ? "" : fmt::format("; technicians judge at {}", judge_at)));
    print_table(all, o.jobs, planned);
    for (const PolicyDays& pd : all)
        if (pd.plans > 0)
            fmt::print("\n{}: {} plans, {} of them cut short by their time cap{}\n", pd.name, pd.plans, pd.capped,
                       pd.capped > 0 ? " (those depend on the machine's speed and load: the days do not replay exactly)" : "");
    return 0;
}

}  // namespace bench_day
