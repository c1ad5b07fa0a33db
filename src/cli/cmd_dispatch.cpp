// fsd dispatch init|apply|status|show|replay: a live dispatch day kept in a state directory. The log
// (log.jsonl) is the record: appended to, written to a temporary file then renamed. problem.json
// and plans/vNNNN.json are written beside it for other tools (fsd cascade, fsd evaluate).
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "command.hpp"
#include "dispatch_files.hpp"
#include "fsd/dispatch/cascade_io.hpp"
#include "fsd/dispatch/event_io.hpp"
#include "fsd/dispatch/log.hpp"
#include "fsd/dispatch/remaining.hpp"
#include "fsd/io/json.hpp"
#include "input_errors.hpp"
#include "output_path.hpp"

namespace fsd::cli {
namespace {

namespace fs = std::filesystem;
using namespace fsd::dispatch;
using json = nlohmann::ordered_json;

// Road networks are found relative to the problem file; the state directory keeps an absolute path.
void anchor_roads(Problem& p, const fs::path& problem_file) {
    if (auto* road = std::get_if<RoadTravel>(&p.travel_source); road && fs::path(road->path).is_relative())
        road->path = fs::absolute(fs::path(problem_file).parent_path() / road->path).lexically_normal().string();
}

struct InitArgs {
    std::string problem, plan, dir, now;
    std::uint64_t seed = 1;
    std::uint64_t iterations = ReplanParams{}.initial_iterations;
    double threshold_min = 15;
};

// Where a link finally points, followed hop by hop: weakly_canonical stops at a dangling one,
// and a file not written yet must be judged by where it would land.
fs::path link_target(const std::string& path) {
    std::error_code ec;
    fs::path target = fs::absolute(path, ec);
    for (int hops = 0; hops < 40 && fs::is_symlink(target, ec); ++hops) {
        const fs::path next = fs::read_symlink(target, ec);
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    return fs::weakly_canonical(target, ec);
}

// Whether `dir` holds a dispatch day: a log whose first line is a dispatch log's header.
bool is_state_directory(const fs::path& dir) {
    std::ifstream in(dir / "log.jsonl");
    std::string first;
    if (!in || !std::getline(in, first)) return false;
    const json header = json::parse(first, nullptr, false);
    return header.is_object() && header.value("format", json()) == dispatch_log_format;
}

// Refuses `path` (given as `option`) when a directory above where it lands holds a dispatch day.
void require_in_no_day(const std::string& option, const std::string& path) {
    for (fs::path up = link_target(path).parent_path(); !up.empty(); up = up.parent_path()) {
        if (is_state_directory(up))
            throw input_error(option, path + " is inside another day's state directory " + up.string() + ": its files are that day's own");
        if (up == up.root_path()) break;
    }
}

// A new day's directory is no other day's, nor inside one, nor the leftovers of one: their files
// would mix with the new day's (an old plans/v0001.json read as this day's version 1).
void require_fresh(const fs::path& dir) {
    if (fs::exists(dir / "log.jsonl"))
        throw input_error("-o", dir.string() + " already holds a dispatch day (log.jsonl); nothing was changed");
    for (const char* own : {"problem.json", "plans"})
        if (fs::exists(dir / own))
            throw input_error("-o", dir.string() + " holds a dispatch day's " + own + " but no log: remove it or choose another directory");
    require_in_no_day("-o", dir.string());
}

int run_init(const InitArgs& a) {
    const fs::path dir(a.dir);
    require_fresh(dir);
    Problem p = load_problem(a.problem);
    anchor_roads(p, a.problem);
    std::optional<Plan> plan;
    if (!a.plan.empty()) plan = load_plan(a.plan, p);
    DispatchParams params;
    params.replan.seed = a.seed;
    params.replan.initial_iterations = a.iterations;
    params.notify_threshold = Duration(std::llround(a.threshold_min * 60));
    const TimePoint now = a.now.empty() ? start_of_day(p) : time_option(p, a.now, "--now");
    // The day first: a plan the evaluator refuses leaves no directory behind, and is named.
    DispatchDay day;
    try {
        day = begin_day(p, plan, now, params);
    } catch (const InputErrors& errs) {
        std::vector<InputError> named = errs.errors();
        for (InputError& e : named)
            if (e.path.rfind("plan", 0) == 0) e.path = a.plan + ": " + e.path;
        throw InputErrors(std::move(named));
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw input_error("-o", "cannot create " + dir.string() + ": " + ec.message());
    write_day(dir, day, log_text(day), 0);
    const PlanVersion& v = day.versions.front();
    fmt::print("dispatch day {} from {}: version 0 ({}), {} jobs planned, {} unassigned; wrote {}\n", p.name, time_to_text(p, now),
               hash_text(v.hash), p.jobs.size() - v.plan.unassigned.size(), v.plan.unassigned.size(), (dir / "log.jsonl").string());
    return exit_ok;
}

struct ApplyArgs {
    std::string dir, events;
    std::optional<double> time_budget;
    std::optional<std::uint64_t> iterations;
    bool json = false;
    bool dry_run = false;
};

std::string step_text(const DispatchDay& day, const Event& e, const StepResult& s) {
    const PlanVersion& v = day.versions.back();
    const std::string what = e.job.empty() ? e.technician : e.job;
    return fmt::format("line {}: {} {} at {} -> version {} ({}, {} iterations, {:.2f} s{})\n{}", e.line, to_string(e.type), what,
                       time_to_text(day.state.problem, e.at), v.number, hash_text(v.hash), v.replan.iterations, v.replan.seconds,
                       v.replan.capped ? ", cut by the time cap" : "", cascade_to_text(day.state.problem, s.cascade));
}

json step_json(const DispatchDay& day, const Event& e, const StepResult& s) {
    const PlanVersion& v = day.versions.back();
    const Problem& p = day.state.problem;
    return {{"line", e.line},
            {"event", event_to_json(e, p.horizon.start_date)},
            {"version", v.number},
            {"hash", hash_text(v.hash)},
            {"replan", {{"iterations", v.replan.iterations}, {"seconds", v.replan.seconds}, {"capped", v.replan.capped}}},
            {"feasible", s.evaluation.feasible()},
            {"cascade", cascade_to_json(p, s.cascade)}};
}

int run_apply(const ApplyArgs& a) {
    auto [day, log] = load_day(a.dir);
    EventRead read = read_events(read_text(a.events), day.state.problem.horizon.start_date);
    if (!read.errors.empty()) {
        for (InputError& e : read.errors) e.path = a.events + ": " + e.path;
        throw InputErrors(std::move(read.errors));
    }
    if (a.time_budget) day.params.replan.time_cap_seconds = *a.time_budget;
    if (a.iterations) day.params.replan.min_iterations = day.params.replan.max_iterations = *a.iterations;
    const std::size_t first_new = day.versions.size();
    std::string out;
    for (const Event& e : read.events) {
        try {
            const StepResult s = apply_event(day, e);
            if (!s.evaluation.feasible()) throw std::logic_error("the re-plan after line " + std::to_string(e.line) + " is infeasible");
            out += a.json ? step_json(day, e, s).dump() + "\n" : step_text(day, e, s);
        } catch (InputErrors& errs) {
            std::vector<InputError> named = errs.errors();
            for (InputError& err : named) err.path = a.events + ": " + err.path;
            throw InputErrors(std::move(named));
        }
    }
    if (a.dry_run) {
        fmt::print("{}", out);
        if (!a.json)
            fmt::print("dry run: {} event(s) would make version {}; nothing was written\n", read.events.size(), day.versions.back().number);
        return exit_ok;
    }
    for (std::size_t v = first_new; v < day.versions.size(); ++v) log += log_version_line(day, day.versions[v]) + "\n";
    write_day(a.dir, day, log, first_new);
    fmt::print("{}", out);
    if (!a.json) fmt::print("{} event(s) applied; version {} is current\n", read.events.size(), day.versions.back().number);
    return exit_ok;
}

// "job_started J0014 T01": what the event names, job and technician apart.
std::string event_words(const Event& e) {
    std::string out(to_string(e.type));
    for (const std::string& id : {e.job, e.technician})
        if (!id.empty()) out += " " + id;
    return out;
}

std::string status_line(const DispatchState& st, TechnicianIndex t, const TechnicianStatus& s, TimePoint at) {
    const Problem& p = st.problem;
    std::string line = fmt::format("  {:<8} {}", p.technicians[t].id, to_string(s.activity));
    if (s.job) line += (s.activity == Activity::on_site ? " at " : " to ") + p.jobs[*s.job].id;
    if (s.since != TimePoint::min()) line += " since " + format_clock(s.since);
    const Visit* v = s.job ? st.visit_of(*s.job) : nullptr;
    if (v && !v->finished && at == st.now) {
        const DurationQuantiles rem = remaining_on_site(st, *v);
        line += fmt::format(" (left: p50 {} min, p90 {} min)", (rem.p50.count() + 30) / 60, (rem.p90.count() + 30) / 60);
    }
    return line + "\n";
}

std::string stop_word(const DispatchState& st, const Stop& s) {
    if (s.kind == StopKind::break_time) return "break " + format_clock(s.start);
    const std::string& id = st.problem.jobs[s.job_index()].id;
    if (const Visit* v = st.visit_of(s.job_index()))
        return fmt::format("{} {} {}", id, format_clock(v->started), v->interrupted ? "interrupted" : v->finished ? "done" : "under way");
    // What the customer was told; a job nobody was told about (left out before) has its ETA window.
    const std::optional<TimeWindow>& told = st.problem.jobs[s.job_index()].promised_window;
    const JobTiming& t = st.times.jobs[s.job_index()];
    if (told) return fmt::format("{} {} (told {}-{})", id, format_clock(s.start), format_clock(told->start), format_clock(told->end));
    return fmt::format("{} {} ({}-{})", id, format_clock(s.start), format_clock(t.window.p50), format_clock(t.window.p90));
}

std::string status_text(const DispatchDay& day, TimePoint at, const std::vector<SlaEntry>& sla) {
    const DispatchState& st = day.state;
    const PlanVersion& v = day.versions.back();
    std::string out = fmt::format("{} at {}: version {} ({}){}\n", st.problem.name, time_to_text(st.problem, at), v.number,
                                  hash_text(v.hash), v.event ? ", after " + event_words(*v.event) : "");
    out += "technicians:\n";
    for (TechnicianIndex t : indices<TechnicianIndex>(st.problem.technicians.size()))
        out += status_line(st, t, technician_status(st, t, at), at);
    out += "plan:\n";
    for (const Route& r : st.plan.routes) {
        out += fmt::format("  {:<8} out {} back {}:", st.problem.technicians[r.technician].id, format_clock(r.departure),
                           format_clock(r.return_time));
        const std::size_t door_at = r.resumes_before();
        for (std::size_t i = 0; i <= r.stops.size(); ++i) {
            if (i == door_at)
                out += fmt::format(" at the door of {} {} (not served);", st.problem.jobs[r.resumes->door].id, format_clock(r.resumes->at));
            if (i < r.stops.size()) out += " " + stop_word(st, r.stops[i]) + ";";
        }
        out += "\n";
    }
    for (const Unassigned& u : st.plan.unassigned)
        out += fmt::format("  {:<8} left out: {}{}\n", st.problem.jobs[u.job].id, to_string(u.reason),
                           u.detail.empty() ? "" : " (" + u.detail + ")");
    return out + sla_to_text(st.problem, sla);
}

json status_json(const DispatchDay& day, TimePoint at, const std::vector<SlaEntry>& sla) {
    const DispatchState& st = day.state;
    const Problem& p = st.problem;
    json techs = json::array();
    for (TechnicianIndex t : p.technicians.indices()) {
        const TechnicianStatus s = technician_status(st, t, at);
        techs.push_back({{"technician", p.technicians[t].id},
                         {"activity", to_string(s.activity)},
                         {"since", s.since == TimePoint::min() ? json(nullptr) : json(time_to_text(p, s.since))},
                         {"job", s.job ? json(p.jobs[*s.job].id) : json(nullptr)}});
    }
    const PlanVersion& v = day.versions.back();
    return {{"at", time_to_text(p, at)}, {"version", v.number},        {"hash", hash_text(v.hash)},
            {"technicians", techs},      {"sla", sla_to_json(p, sla)}, {"plan", plan_to_json(p, st.plan)}};
}

int run_status(const std::string& dir, const std::string& at_text, bool as_json) {
    const auto [day, log] = load_day(dir);
    const TimePoint at = at_text.empty() ? day.state.now : time_option(day.state.problem, at_text, "--at");
    if (at < day.state.now) throw input_error("--at", "is before the day's current time " + time_to_text(day.state.problem, day.state.now));
    const std::vector<SlaEntry> sla = sla_status(day.state, at);
    fmt::print("{}", as_json ? status_json(day, at, sla).dump(2) + "\n" : status_text(day, at, sla));
    return exit_ok;
}

int run_replay(const std::string& dir) {
    const fs::path log = fs::path(dir) / "log.jsonl";
    const LogRead r = read_log(read_text(log), LogMode::replay, dir);
    bool differs = false;
    for (const ReplayCheck& c : r.checks) {
        const char* verdict = c.capped         ? "not reproducible (cut by the time cap when logged)"
                              : c.chosen       ? "chosen among a lane's options when logged: adopted as logged"
                              : c.reproduced() ? "reproduced"
                                               : "DIFFERS";
        differs = differs || (!c.capped && !c.reproduced());
        const std::string whole_day = c.violations.empty()
                                          ? "the whole day passes the evaluator"
                                          : fmt::format("the whole day has {} VIOLATION(S), first {}: {}", c.violations.size(),
                                                        c.violations.front().where, c.violations.front().message);
        fmt::print("version {}: logged {}, replayed {}: {}; {}\n", c.version, hash_text(c.logged), hash_text(c.replayed), verdict,
                   whole_day);
    }
    const std::size_t read = r.day ? r.day->versions.size() : 0;
    for (const InputError& e : r.errors) fmt::print(stderr, "error: {}: {}\n", log.string(), e.to_string());
    fmt::print("{} version(s) read{}\n", read, r.errors.empty() ? "" : ", then the log stops being readable");
    return !r.errors.empty() || differs ? exit_input : exit_ok;
}

struct ShowArgs {
    std::string dir, problem_out, plan_out;
    std::optional<int> version;
    bool json = false;
};

// "version 3 (ce6b…): job_added E1 at 2026-11-23T11:05, 1702 iterations, 0.10 s"
std::string version_heading(const Problem& p, const PlanVersion& v) {
    const std::string made = v.event ? fmt::format("{} at {}", event_words(*v.event), time_to_text(p, v.event->at))
                                     : fmt::format("the day's first plan, at {}", time_to_text(p, v.at));
    if (v.replan.chosen) return fmt::format("version {} ({}): {}, a lane's option adopted as chosen\n", v.number, hash_text(v.hash), made);
    return fmt::format("version {} ({}): {}, {} iterations, {:.2f} s{}\n", v.number, hash_text(v.hash), made, v.replan.iterations,
                       v.replan.seconds, v.replan.capped ? ", cut by the time cap" : "");
}

std::string assignments_text(const Problem& p, const std::vector<AssignmentReason>& assignments) {
    std::string out = assignments.empty() ? "" : "new assignments:\n";
    for (const AssignmentReason& a : assignments) {
        std::string why;
        for (const std::string& r : a.reasons) why += (why.empty() ? "" : "; ") + r;
        out += fmt::format("  {:<8} -> {:<8} {}\n", p.jobs[a.job].id, p.technicians[a.technician].id, why);
    }
    return out;
}

json show_json(const Problem& p, const PlanVersion& v, const CascadeReport& cascade) {
    return {{"version", v.number},
            {"hash", hash_text(v.hash)},
            {"at", time_to_text(p, v.at)},
            {"event", v.event ? event_to_json(*v.event, p.horizon.start_date) : json(nullptr)},
            {"replan", {{"iterations", v.replan.iterations}, {"seconds", v.replan.seconds}, {"capped", v.replan.capped}}},
            {"assignments", assignments_json(p, v.assignments)},
            {"cascade", cascade_to_json(p, cascade)}};
}

// A state directory's files are the day's own (the log, and what is written beside it for each
// version): nothing is written into it, nor into another day's, but by init and apply.
void require_outside(const fs::path& dir, const std::vector<NamedFile>& outputs) {
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    for (const auto& [option, path] : outputs) {
        if (path.empty()) continue;
        const fs::path target = link_target(path);
        const fs::path rel = target.lexically_relative(root);
        if (!rel.empty() && *rel.begin() != "..")
            throw input_error(option, path + " is inside the state directory " + dir.string() + ": its files are the day's own");
        require_in_no_day(option, path);
    }
}

// The problem as written for others to read: a road network named relative to the state directory
// (a hand-written log may) is named from anywhere.
Problem anchored(Problem p, const fs::path& dir) {
    if (auto* roads = std::get_if<RoadTravel>(&p.travel_source); roads && fs::path(roads->path).is_relative())
        roads->path = fs::absolute(dir / roads->path).lexically_normal().string();
    return p;
}

// One version as it was made: its cascade report (what `apply` printed), the reasons of its new
// assignments, and on request the problem as of that version (its jobs and promises) and its plan,
// which `fsd evaluate` takes together whatever came after.
int run_show(const ShowArgs& a) {
    const fs::path log = fs::path(a.dir) / "log.jsonl";
    const std::vector<NamedFile> outputs{{"--problem", a.problem_out}, {"--plan", a.plan_out}};
    require_outside(a.dir, outputs);
    require_distinct({}, outputs);
    for (const auto& [option, path] : outputs)
        if (!path.empty()) require_writable(path, option);
    LogRead r = read_log(read_text(log), LogMode::load, a.dir, a.version);
    if (!r.errors.empty()) {
        for (InputError& e : r.errors) e.path = log.string() + ": " + e.path;
        throw InputErrors(std::move(r.errors));
    }
    const DispatchDay& day = *r.day;
    const int last = day.versions.back().number;
    if (a.version && *a.version != last)
        throw input_error("--version", fmt::format("no version {}: the day has versions 0 to {}", *a.version, last));
    const Problem& p = day.state.problem;
    const PlanVersion& v = day.versions.back();
    std::vector<std::pair<fs::path, std::string>> files;
    if (!a.problem_out.empty()) files.emplace_back(a.problem_out, problem_to_json(anchored(p, a.dir)).dump(2) + "\n");
    if (!a.plan_out.empty()) files.emplace_back(a.plan_out, plan_to_json(p, v.plan).dump(2) + "\n");
    write_files_together(files);
    fmt::print("{}", a.json ? show_json(p, v, r.last_cascade).dump(2) + "\n"
                            : version_heading(p, v) + assignments_text(p, v.assignments) + cascade_to_text(p, r.last_cascade));
    return exit_ok;
}

void add_init(CLI::App& dispatch, std::function<int()>& action) {
    auto a = std::make_shared<InitArgs>();
    CLI::App* app = dispatch.add_subcommand("init", "Start a dispatch day: its first plan, every customer told an ETA, the log");
    app->add_option("PROBLEM", a->problem, "problem file (.json)")->required();
    app->add_option("--plan", a->plan, "start from this plan (checked by the evaluator) instead of planning");
    app->add_option("-o,--output", a->dir, "state directory to create")->required();
    app->add_option("--now", a->now, "when the day's dispatch starts (default: the first shift start)");
    app->add_option("--seed", a->seed, "random seed of every search of the day")->capture_default_str();
    app->add_option("--iterations", a->iterations, "search iterations for the first plan")->capture_default_str()->check(number_in(0, 1e9));
    app->add_option("--threshold", a->threshold_min, "minutes an ETA may move before the customer is told")
        ->capture_default_str()
        ->check(number_in(0, 1440));
    app->callback([&action, a] { action = [a] { return run_init(*a); }; });
}

void add_apply(CLI::App& dispatch, std::function<int()>& action) {
    auto a = std::make_shared<ApplyArgs>();
    CLI::App* app = dispatch.add_subcommand("apply", "Apply events (JSON lines): a re-plan and its cascade report for each");
    app->add_option("STATE_DIR", a->dir, "state directory (fsd dispatch init)")->required();
    app->add_option("EVENTS", a->events, "events file, one JSON object per line (docs/format.md)")->required();
    app->add_option("--time-budget", a->time_budget, "seconds a re-plan may take at most (a re-plan cut short cannot be replayed)")
        ->check(number_in(0.001, 86400));
    app->add_option("--iterations", a->iterations, "search iterations per re-plan (default: by the number of open jobs)")
        ->check(number_in(1, 1e9));
    app->add_flag("--json", a->json, "one JSON object per event");
    app->add_flag("--dry-run", a->dry_run, "what the events would do, each report as applied, with nothing written to the day");
    app->callback([&action, a] { action = [a] { return run_apply(*a); }; });
}

void add_status(CLI::App& dispatch, std::function<int()>& action) {
    auto dir = std::make_shared<std::string>();
    auto at = std::make_shared<std::string>();
    auto as_json = std::make_shared<bool>(false);
    CLI::App* app = dispatch.add_subcommand("status", "The plan now, each technician's status and the SLA monitor");
    app->add_option("STATE_DIR", *dir, "state directory")->required();
    app->add_option("--at", *at, "a later time to read the plan at (YYYY-MM-DDTHH:MM)");
    app->add_flag("--json", *as_json, "one JSON object");
    app->callback([&action, dir, at, as_json] { action = [=] { return run_status(*dir, *at, *as_json); }; });
}

void add_show(CLI::App& dispatch, std::function<int()>& action) {
    auto a = std::make_shared<ShowArgs>();
    CLI::App* app = dispatch.add_subcommand(
        "show", "One version as it was made: its cascade report, its new assignments' reasons, its problem and plan");
    app->add_option("STATE_DIR", a->dir, "state directory")->required();
    app->add_option("--version", a->version, "the version (default: the current one)")->check(number_in(0, 1e9));
    app->add_option("--problem", a->problem_out, "write the problem as of that version (its jobs and promises) to this file");
    app->add_option("--plan", a->plan_out, "write that version's plan to this file");
    app->add_flag("--json", a->json, "one JSON object");
    app->callback([&action, a] { action = [a] { return run_show(*a); }; });
}

void add_replay(CLI::App& dispatch, std::function<int()>& action) {
    auto dir = std::make_shared<std::string>();
    CLI::App* app =
        dispatch.add_subcommand("replay", "Verify the log: plan every version again, compare the hashes, evaluate each whole day");
    app->add_option("STATE_DIR", *dir, "state directory")->required();
    app->callback([&action, dir] { action = [dir] { return run_replay(*dir); }; });
}

const Register dispatch_command{
    {"dispatch", "A live dispatch day: start it, apply events, see its status or a version, verify its log", [](CLI::App& app) {
         auto action = std::make_shared<std::function<int()>>();
         app.require_subcommand(1);
         add_init(app, *action);
         add_apply(app, *action);
         add_status(app, *action);
         add_show(app, *action);
         add_replay(app, *action);
         return std::function<int()>([action] { return (*action)(); });
     }}};

}  // namespace
}  // namespace fsd::cli
