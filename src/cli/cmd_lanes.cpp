// fsd emergency|slots|offer: the three lanes from the command line. emergency and slots read a
// dispatch day's state directory (fsd dispatch init) and a new job in the problem format; offer
// reads a problem (with --plan, or planned here) or a state directory. Each prints the options, with
// their cascade, for a dispatcher to choose from; emergency and slots write nothing unless told
// to adopt one (--adopt K), which records it in the state directory as a version of the day.
#include <filesystem>
#include <memory>
#include <tuple>

#include <fmt/core.h>
#include <fmt/format.h>

#include "command.hpp"
#include "dispatch_files.hpp"
#include "fsd/dispatch/apply.hpp"
#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/dispatch/log.hpp"
#include "fsd/io/json.hpp"
#include "fsd/lanes/appointments.hpp"
#include "fsd/lanes/emergency.hpp"
#include "fsd/lanes/same_day.hpp"
#include "fsd/solver/solve.hpp"
#include "input_errors.hpp"

namespace fsd::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

bool is_state_dir(const fs::path& p) {
    return fs::is_directory(p) && fs::exists(p / "log.jsonl");
}

// The state of a dispatch day, as fsd dispatch keeps it; at `now` when given (the plan is taken
// to have gone as planned until then).
dispatch::DispatchState load_state(const fs::path& dir, const std::string& now) {
    if (!is_state_dir(dir)) throw input_error(dir.string(), "not a dispatch state directory (no log.jsonl; see fsd dispatch init)");
    dispatch::DispatchState st = load_day(dir).first.state;
    if (!now.empty()) {
        const TimePoint t = time_option(st.problem, now, "--now");
        if (t < st.now) throw input_error("--now", "is before the day's current time " + time_to_text(st.problem, st.now));
        st.now = t;
    }
    return st;
}

// Errors about the new job name its file and the field in it, whoever read it.
JobIndex add_job_file(dispatch::DispatchState& st, const std::string& file) {
    const Json spec = read_json_file(file);
    return from_file(
        file, [&] { return lanes::add_job(st, spec); }, "event, job");
}

// The emergency and same-day lanes place a job today, from now on: one whose every window has
// closed is an input error (the lanes' API throws std::invalid_argument for it).
void require_open_now(const dispatch::DispatchState& st, JobIndex job, const std::string& file) {
    Job open = st.problem.jobs[job];
    if (dispatch::residual_detail::clip_windows(open, st.now)) return;
    throw InputErrors({{file + ": time_windows", "every window has closed by " + time_to_text(st.problem, st.now) +
                                                     ": nothing to place today (fsd offer finds another day)"}});
}

std::string clock(const Problem& p, TimePoint t) {
    return t == TimePoint::min() ? "-" : time_to_text(p, t);
}

std::string totals_text(const dispatch::CascadeTotals& c) {
    return fmt::format("{} delayed (total {} min, max {} min), {} to another technician, {} newly missed, overtime {:+} min", c.delayed,
                       c.delay_total.count() / 60, c.delay_max.count() / 60, c.technician_changed,
                       c.sla_missed + c.windows_missed + c.newly_unassigned, c.overtime_change.count() / 60);
}

// ---- fsd emergency

// Option k (from 1) of a lane adopted into the day in `dir`: a job_added event for the new job at
// `at` with the option's plan instead of a re-plan, recorded as a version, its cascade printed.
int adopt(const std::string& dir, const std::string& job_file, TimePoint at, const Plan& plan, const std::string& what) {
    auto [day, log] = load_day(dir);
    dispatch::Event e;
    e.type = dispatch::EventType::job_added;
    e.at = at;
    e.job_spec = read_json_file(job_file);
    e.job = e.job_spec.value("id", "");
    e.note = "adopted: " + what;
    const dispatch::StepResult s = dispatch::apply_event(day, e, plan);
    log += dispatch::log_version_line(day, day.versions.back()) + "\n";
    write_day(dir, day, log, day.versions.size() - 1);
    const dispatch::PlanVersion& v = day.versions.back();
    fmt::print("adopted {}: version {} ({}) of {}\n{}", what, v.number, dispatch::hash_text(v.hash), dir,
               dispatch::cascade_to_text(day.state.problem, s.cascade));
    return exit_ok;
}

// Which of `count` options --adopt names (from 1), as an index.
std::size_t chosen_index(int adopt, std::size_t count, const char* what) {
    if (static_cast<std::size_t>(adopt) > count)
        throw input_error("--adopt", fmt::format("there {} {} {}", count == 1 ? "is" : "are", count, what));
    return static_cast<std::size_t>(adopt) - 1;
}

struct EmergencyArgs {
    std::string dir, job, now;
    int adopt = 0;
    bool adopt_recommended = false;
    int candidates = lanes::EmergencyParams{}.candidates;
    int max_bumped = lanes::CascadeLimit{}.max_bumped;
    double max_delay_min = 120, max_overtime_min = 60;
    int max_misses = lanes::CascadeLimit{}.max_new_misses;
    bool json = false;
};

std::string option_text(const Problem& state_problem, std::size_t k, const lanes::EmergencyOption& o) {
    const Problem& p = o.problem_of(state_problem);
    std::string out = fmt::format("option {}: {}", k, lanes::emergency_action_names[static_cast<int>(o.action)]);
    if (o.action == lanes::EmergencyAction::decline) return out + " - " + o.reason + "\n";
    out += fmt::format(" by {}, ETA p50 {} p90 {}, score {:.1f}{}\n", p.technicians[*o.technician].id, clock(p, o.eta.p50),
                       clock(p, o.eta.p90), o.score, o.within_limit() ? "" : " (over the limit: " + o.over_limit + ")");
    if (o.interrupted) out += fmt::format("  leaves {} now; the rest of it is {}\n", p.jobs[*o.interrupted].id, o.rest);
    std::vector<std::string> parts;
    for (const lanes::ScorePart& part : o.parts) parts.push_back(fmt::format("{} {:.1f}", part.name, part.value));
    out += fmt::format("  score: {}\n  reasons: {}\n  cascade: {}\n", fmt::join(parts, ", "), fmt::join(o.reasons, "; "),
                       totals_text(o.cascade.totals));
    for (const dispatch::JobChange& c : o.cascade.jobs)
        if (c.old_technician && c.new_technician && (c.delta > Duration::zero() || c.technician_changed()))
            out += fmt::format("    {} {} -> {} {:+} min\n", p.jobs[c.job].id, p.technicians[*c.old_technician].id,
                               p.technicians[*c.new_technician].id, c.delta.count() / 60);
        else if (c.newly_unassigned)
            out += fmt::format("    {} left out: {}\n", p.jobs[c.job].id, c.detail);
    return out;
}

json option_json(const Problem& state_problem, const lanes::EmergencyOption& o) {
    const Problem& p = o.problem_of(state_problem);
    json parts = json::object();
    for (const lanes::ScorePart& part : o.parts) parts[part.name] = part.value;
    json moved = json::array();
    for (JobIndex j : o.moved) moved.push_back(p.jobs[j].id);
    json out = {{"action", lanes::emergency_action_names[static_cast<int>(o.action)]}};
    if (o.action == lanes::EmergencyAction::decline) {
        out["reason"] = o.reason;
        return out;
    }
    out.update({{"technician", p.technicians[*o.technician].id},
                {"eta", {{"p50", clock(p, o.eta.p50)}, {"p90", clock(p, o.eta.p90)}}},
                {"score", o.score},
                {"score_parts", parts},
                {"reasons", o.reasons},
                {"moved", moved},
                {"interrupted", o.interrupted ? json(p.jobs[*o.interrupted].id) : json(nullptr)},
                {"rest", o.interrupted ? json(o.rest) : json(nullptr)},
                {"within_limit", o.within_limit()},
                {"over_limit", o.over_limit},
                {"cascade", dispatch::cascade_to_json(p, o.cascade)}});
    return out;
}

int run_emergency(const EmergencyArgs& a) {
    dispatch::DispatchState st = load_state(a.dir, a.now);
    const JobIndex job = add_job_file(st, a.job);
    require_open_now(st, job, a.job);
    lanes::EmergencyParams params;
    params.candidates = a.candidates;
    params.limit.max_bumped = a.max_bumped;
    params.limit.max_delay = Duration(std::llround(a.max_delay_min * 60));
    params.limit.max_overtime = Duration(std::llround(a.max_overtime_min * 60));
    params.limit.max_new_misses = a.max_misses;
    const lanes::EmergencyResult res = lanes::emergency_options(st, job, params);
    const Problem& p = st.problem;
    if (a.adopt > 0 || a.adopt_recommended) {
        const char* flag = a.adopt_recommended ? "--adopt-recommended" : "--adopt";
        if (a.adopt_recommended && !res.recommended) throw input_error(flag, "nothing is recommended: the emergency is declined");
        const lanes::EmergencyOption& o =
            a.adopt_recommended ? *res.recommended : res.options[chosen_index(a.adopt, res.options.size(), "options")];
        if (o.action == lanes::EmergencyAction::decline) throw input_error(flag, "that option declines the emergency: nothing to adopt");
        if (o.interrupted)
            throw input_error(flag, "that option interrupts " + p.jobs[*o.interrupted].id +
                                        ": apply its events instead (job_interrupted for it and job_added, with fsd dispatch apply)");
        const std::string which = a.adopt_recommended ? std::string("the recommended option") : fmt::format("emergency option {}", a.adopt);
        return adopt(
            a.dir, a.job, st.now, o.plan,
            fmt::format("{} ({} by {}{})", which, lanes::emergency_action_names[static_cast<int>(o.action)],
                        p.technicians[*o.technician].id, a.adopt_recommended && res.reoptimised ? ", its routes re-optimised" : ""));
    }
    if (a.json) {
        json options = json::array();
        for (const auto& o : res.options) options.push_back(option_json(p, o));
        json out = {{"job", p.jobs[job].id},
                    {"at", time_to_text(p, st.now)},
                    {"declined", res.declined()},
                    {"options", options},
                    {"rank_seconds", res.rank_seconds}};
        out["recommended"] = res.recommended ? option_json(p, *res.recommended) : json(nullptr);
        out["reoptimised"] = res.reoptimised;
        fmt::print("{}\n", out.dump(2));
        return exit_ok;
    }
    fmt::print("emergency {} at {}: {} option(s) ranked in {:.0f} ms{}\n", p.jobs[job].id, time_to_text(p, st.now), res.options.size(),
               1e3 * res.rank_seconds, res.declined() ? ", declined" : "");
    for (std::size_t k = 0; k < res.options.size(); ++k) fmt::print("{}", option_text(p, k + 1, res.options[k]));
    if (res.recommended)
        fmt::print("recommended: {} by {}{} ({:.0f} ms)\n{}", lanes::emergency_action_names[static_cast<int>(res.recommended->action)],
                   p.technicians[*res.recommended->technician].id, res.reoptimised ? ", its routes re-optimised" : "",
                   1e3 * res.reoptimise_seconds, dispatch::cascade_to_text(res.recommended->problem_of(p), res.recommended->cascade));
    return exit_ok;
}

// ---- fsd slots

struct SlotArgs {
    std::string dir, job, now;
    int k = 3;
    int adopt = 0;
    bool json = false;
};

int run_slots(const SlotArgs& a) {
    dispatch::DispatchState st = load_state(a.dir, a.now);
    const JobIndex job = add_job_file(st, a.job);
    require_open_now(st, job, a.job);
    lanes::SlotOptions o;
    o.k = std::max(a.k, a.adopt);  // the slot adopted is among those ranked
    const std::vector<lanes::Slot> slots = lanes::same_day_slots(st, job, o);
    const Problem& p = st.problem;
    if (a.adopt > 0) {
        const lanes::Slot& s = slots[chosen_index(a.adopt, slots.size(), "slots")];
        return adopt(a.dir, a.job, st.now, s.plan,
                     fmt::format("slot {} ({}, stop {}, arrives {}-{})", a.adopt, p.technicians[s.technician].id, s.position + 1,
                                 format_clock(s.eta.window.start), format_clock(s.eta.window.end)));
    }
    if (a.json) {
        json out = json::array();
        for (const lanes::Slot& s : slots)
            out.push_back({{"technician", p.technicians[s.technician].id},
                           {"position", s.position},
                           {"extra_travel_min", static_cast<double>(s.extra_travel.count()) / 60},
                           {"extra_cost", to_currency(s.extra_cost)},
                           {"planned_start", clock(p, s.planned_start)},
                           {"window", {{"start", clock(p, s.eta.window.start)}, {"end", clock(p, s.eta.window.end)}}},
                           {"confidence", s.eta.confidence},
                           {"cascade", dispatch::cascade_to_json(p, s.cascade)}});
        json doc{{"job", p.jobs[job].id}, {"at", time_to_text(p, st.now)}, {"slots", out}};
        if (slots.empty()) doc["reason"] = lanes::no_slot_reason(st, job);
        fmt::print("{}\n", doc.dump(2));
        return exit_ok;
    }
    fmt::print("same-day job {} at {}: {} slot(s)\n", p.jobs[job].id, time_to_text(p, st.now), slots.size());
    if (slots.empty()) fmt::print("no slot: {}\n", lanes::no_slot_reason(st, job));
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const lanes::Slot& s = slots[k];
        fmt::print("slot {}: {}, stop {}, +{} min driving, arrives {}-{} ({:.0f}% confidence), costs {:.2f} more\n  cascade: {}\n", k + 1,
                   p.technicians[s.technician].id, s.position + 1, s.extra_travel.count() / 60, format_clock(s.eta.window.start),
                   format_clock(s.eta.window.end), 100 * s.eta.confidence, to_currency(s.extra_cost), totals_text(s.cascade.totals));
        for (const dispatch::JobChange& c : s.cascade.jobs)
            if (c.job != job && c.delta > Duration::zero()) fmt::print("    {} {:+} min\n", p.jobs[c.job].id, c.delta.count() / 60);
    }
    return exit_ok;
}

// ---- fsd offer

struct OfferArgs {
    std::string source, job, plan;
    int k = 5;
    std::uint64_t iterations = 5000;
    double first_hour = lanes::OfferOptions{}.first_hour, last_hour = lanes::OfferOptions{}.last_hour;
    bool json = false;
};

// The problem with the request's location (and nothing else) added, the request read as its job.
std::pair<Problem, Job> with_request(const Problem& p, const std::string& file) {
    Json doc = problem_to_json(p);
    doc["jobs"].push_back(read_json_file(file));
    const std::string within = "jobs[" + std::to_string(p.jobs.size()) + "]";
    Problem out = from_file(
        file, [&] { return dispatch::reread_problem(doc, p); }, within);
    Job request = out.jobs.back();
    out.jobs.pop_back();
    return {std::move(out), std::move(request)};
}

int run_offer(const OfferArgs& a) {
    Problem problem;
    Job request;
    Plan plan;
    lanes::OfferOptions o;
    o.k = a.k;
    if (a.last_hour < a.first_hour + o.standard_hours)
        throw input_error("--last-hour",
                          fmt::format("the booking hours {}-{} hold no {}-hour window", a.first_hour, a.last_hour, o.standard_hours));
    // One office day: past 24 is that day's night (a night crew), not the next day's hours again.
    if (a.last_hour - a.first_hour > 24)
        throw input_error("--last-hour", fmt::format("the booking hours {}-{} span more than 24 hours (hours past 24 are the "
                                                     "same booking day's night, e.g. 22 to 30)",
                                                     a.first_hour, a.last_hour));
    o.first_hour = a.first_hour;
    o.last_hour = a.last_hour;
    if (is_state_dir(a.source)) {
        // As of the day's clock: what is done or under way stays, and no offer opens before now.
        // The request is read against the day's own problem (a residual one may be in overtime).
        dispatch::DispatchState st = load_state(a.source, "");
        std::tie(st.problem, request) = with_request(st.problem, a.job);
        dispatch::Residual r = dispatch::residual_problem(st);
        plan = dispatch::to_residual(r, st.plan);
        problem = std::move(r.problem);
        o.not_before = st.now;
    } else {
        const Problem p = load_problem(a.source);
        if (!a.plan.empty()) {
            // Offers priced into a plan that breaks the rules (jobs missing, say) would be too cheap.
            plan = from_file(a.plan, [&] {
                Plan given = load_plan(a.plan, p);
                std::vector<InputError> errors;
                for (const Violation& v : evaluate(p, given).violations) errors.push_back({"plan." + v.where, v.message});
                if (!errors.empty()) throw InputErrors(std::move(errors));
                return given;
            });
        } else {
            solver::SolverParams sp;
            sp.max_iterations = a.iterations;
            plan = solver::solve(p, sp).plan;
        }
        std::tie(problem, request) = with_request(p, a.job);
    }
    const std::vector<lanes::AppointmentOffer> offers = lanes::appointment_offers(problem, plan, request, o);
    if (a.json) {
        json out = json::array();
        for (const auto& offer : offers)
            out.push_back({{"day", offer.day},
                           {"window", {{"start", clock(problem, offer.window.start)}, {"end", clock(problem, offer.window.end)}}},
                           {"premium", offer.premium},
                           {"technician", problem.technicians[offer.technician].id},
                           {"cost", to_currency(offer.cost)},
                           {"confidence", offer.confidence}});
        json doc{{"job", request.id}, {"offers", out}};
        if (offers.empty()) doc["reason"] = lanes::no_offer_reason(problem, request, o);
        fmt::print("{}\n", doc.dump(2));
        return exit_ok;
    }
    fmt::print("appointment offers for {}: {}\n", request.id, offers.size());
    if (offers.empty()) fmt::print("no offer: {}\n", lanes::no_offer_reason(problem, request, o));
    for (std::size_t k = 0; k < offers.size(); ++k) {
        const auto& offer = offers[k];
        fmt::print("offer {}: {} - {}{}, {}, costs the plan {:.2f} more, {:.0f}% confidence\n", k + 1, clock(problem, offer.window.start),
                   clock(problem, offer.window.end), offer.premium ? " (premium hour)" : "", problem.technicians[offer.technician].id,
                   to_currency(offer.cost), 100 * offer.confidence);
    }
    return exit_ok;
}

const Register emergency_command{
    {"emergency", "The emergency lane: who takes a new emergency, each option's ETA, reasons, cascade and score", [](CLI::App& app) {
         auto a = std::make_shared<EmergencyArgs>();
         app.add_option("STATE_DIR", a->dir, "dispatch state directory (fsd dispatch init)")->required();
         app.add_option("JOB", a->job, "the emergency, one job in the problem format (.json)")->required();
         app.add_option("--now", a->now, "the time it comes in (default: the day's current time)");
         app.add_option("--candidates", a->candidates, "qualified technicians with the earliest ETA made into options")
             ->capture_default_str()
             ->check(number_in(1, 1000));
         app.add_option("--max-bumped", a->max_bumped, "limit: customers delayed by more than the notify threshold")
             ->capture_default_str()
             ->check(number_in(0, 1e6));
         app.add_option("--max-delay", a->max_delay_min, "limit: minutes any one customer is delayed")
             ->capture_default_str()
             ->check(number_in(0, 525600));
         app.add_option("--max-misses", a->max_misses, "limit: SLAs, windows or jobs newly missed")
             ->capture_default_str()
             ->check(number_in(0, 1e6));
         app.add_option("--max-overtime", a->max_overtime_min, "limit: minutes of overtime added")
             ->capture_default_str()
             ->check(number_in(0, 525600));
         app.add_flag("--json", a->json, "one JSON object");
         app.add_option("--adopt", a->adopt, "adopt option K (from 1) as listed into the day: a version recorded in the state directory")
             ->check(number_in(1, 1000));
         app.add_flag("--adopt-recommended", a->adopt_recommended,
                      "adopt the recommendation as printed (its routes re-optimised when it says so)")
             ->excludes("--adopt");
         return std::function<int()>([a] { return run_emergency(*a); });
     }}};

const Register slots_command{
    {"slots", "The same-day lane: the best places for a new job in today's routes, with windows and cascade", [](CLI::App& app) {
         auto a = std::make_shared<SlotArgs>();
         app.add_option("STATE_DIR", a->dir, "dispatch state directory (fsd dispatch init)")->required();
         app.add_option("JOB", a->job, "the new job in the problem format (.json)")->required();
         app.add_option("-k", a->k, "slots returned")->capture_default_str()->check(number_in(1, 1000));
         app.add_option("--now", a->now, "the time it comes in (default: the day's current time)");
         app.add_flag("--json", a->json, "one JSON object");
         app.add_option("--adopt", a->adopt, "adopt slot K (from 1) into the day: a version recorded in the state directory")
             ->check(number_in(1, 1000));
         return std::function<int()>([a] { return run_slots(*a); });
     }}};

const Register offer_command{
    {"offer", "The scheduled lane: appointment offers (day, window) for a customer, with cost and confidence", [](CLI::App& app) {
         auto a = std::make_shared<OfferArgs>();
         app.add_option("PROBLEM_OR_STATE", a->source, "problem file (.json) or dispatch state directory")->required();
         app.add_option("JOB", a->job, "the visit asked for, one job in the problem format (.json)")->required();
         app.add_option("-k", a->k, "offers returned")->capture_default_str()->check(number_in(1, 1000));
         app.add_option("--plan", a->plan, "the plan to fit the offers into (with a problem file; planned here otherwise)");
         app.add_option("--iterations", a->iterations, "search iterations when the plan is made here")
             ->capture_default_str()
             ->check(number_in(0, 1e9));
         app.add_option("--first-hour", a->first_hour, "windows open from this hour of the day")
             ->capture_default_str()
             ->check(number_in(0, 48));
         app.add_option("--last-hour", a->last_hour, "windows close by this hour (past 24 for a night crew: 22 to 30)")
             ->capture_default_str()
             ->check(number_in(0, 48));
         app.add_flag("--json", a->json, "one JSON object");
         return std::function<int()>([a] { return run_offer(*a); });
     }}};

}  // namespace
}  // namespace fsd::cli
