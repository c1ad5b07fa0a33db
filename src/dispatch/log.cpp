// The dispatch log as JSON lines: writing a day's header and versions, reading them back by
// re-applying each event (and, for a replay, planning each version again), atomic file writes.
#include "fsd/dispatch/log.hpp"

#include <unistd.h>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>
#include <system_error>

#include <nlohmann/json.hpp>

#include "fsd/dispatch/event_io.hpp"
#include "fsd/io/json.hpp"
#include "fsd/json/file.hpp"
#include "fsd/json/reader.hpp"

namespace fsd::dispatch {
namespace {

using json_input::JsonReader;
using json = nlohmann::ordered_json;

json time_json(const Problem& p, TimePoint t) {
    return p.horizon.start_date ? json(format_local_time(t, *p.horizon.start_date)) : json(t.count());
}

json params_json(const DispatchParams& d) {
    const ReplanParams& r = d.replan;
    return {{"notify_threshold_min", static_cast<double>(d.notify_threshold.count()) / 60.0},
            {"seed", r.seed},
            {"work", r.work},
            {"min_iterations", r.min_iterations},
            {"max_iterations", r.max_iterations},
            {"time_cap_s", r.time_cap_seconds},
            {"baseline_start", r.baseline_start},
            {"initial_iterations", r.initial_iterations},
            {"initial_time_limit_s", r.initial_time_limit_seconds},
            {"rules", d.rules}};
}

DispatchParams params_from_json(JsonReader& r, const json& j) {
    DispatchParams d;
    if (!r.object(j, "params",
                  {"notify_threshold_min", "seed", "work", "min_iterations", "max_iterations", "time_cap_s", "baseline_start",
                   "initial_iterations", "initial_time_limit_s", "rules"}))
        return d;
    // A log from before the rules had editions follows the first.
    d.rules = static_cast<int>(r.integer(j, "rules", "params", false).value_or(1));
    if (d.rules < 1 || d.rules > dispatch_rules) r.fail("params.rules", "must be 1 to " + std::to_string(dispatch_rules));
    // The header is read back as the day's rules, so a hand edit gets the CLI's ranges.
    if (const auto t = r.minutes(j, "notify_threshold_min", "params", true)) {
        if (*t < Duration::zero() || *t > hours(24)) r.fail("params.notify_threshold_min", "must be 0 to 1440 minutes");
        d.notify_threshold = *t;
    }
    auto count = [&](const char* key, std::uint64_t fallback) {
        const auto v = r.integer(j, key, "params", true);
        if (v && *v < 0) r.fail(std::string("params.") + key, "must not be negative");
        return v && *v >= 0 ? static_cast<std::uint64_t>(*v) : fallback;
    };
    auto positive = [&](const char* key, double fallback) {
        const auto v = r.number(j, key, "params", true);
        if (v && !(*v > 0 && *v <= 1e12)) r.fail(std::string("params.") + key, "must be more than 0 and at most 1e12");
        return v.value_or(fallback);
    };
    d.replan.seed = count("seed", d.replan.seed);
    d.replan.work = positive("work", d.replan.work);
    d.replan.min_iterations = count("min_iterations", d.replan.min_iterations);
    d.replan.max_iterations = count("max_iterations", d.replan.max_iterations);
    if (d.replan.min_iterations > d.replan.max_iterations) r.fail("params.min_iterations", "must not exceed max_iterations");
    d.replan.time_cap_seconds = positive("time_cap_s", d.replan.time_cap_seconds);
    d.replan.baseline_start = r.boolean(j, "baseline_start", "params", true).value_or(d.replan.baseline_start);
    d.replan.initial_iterations = count("initial_iterations", d.replan.initial_iterations);
    d.replan.initial_time_limit_seconds = positive("initial_time_limit_s", d.replan.initial_time_limit_seconds);
    return d;
}

std::string wall_clock_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

[[noreturn]] void fail(std::string path, std::string message) {
    throw InputErrors(std::vector<InputError>{{std::move(path), std::move(message)}});
}

void throw_if(JsonReader& r) {
    if (!r.errors.empty()) throw InputErrors(std::move(r.errors));
}

std::vector<AssignmentReason> assignments_from_json(JsonReader& r, const json& j, const Problem& p) {
    std::vector<AssignmentReason> out;
    std::map<std::string, JobIndex> jobs;
    std::map<std::string, TechnicianIndex> techs;
    for (JobIndex i : p.jobs.indices()) jobs.emplace(p.jobs[i].id, i);
    for (TechnicianIndex i : p.technicians.indices()) techs.emplace(p.technicians[i].id, i);
    const json* a = r.array(j, "assignments", "", true);
    for (std::size_t i = 0; a && i < a->size(); ++i) {
        const std::string path = json_input::index_path("assignments", i);
        const json& x = (*a)[i];
        if (!r.object(x, path, {"job", "technician", "reasons"})) continue;
        const auto job = r.string(x, "job", path, true);
        const auto tech = r.string(x, "technician", path, true);
        AssignmentReason ar;
        if (job && jobs.count(*job)) ar.job = jobs[*job];
        if (tech && techs.count(*tech)) ar.technician = techs[*tech];
        if ((job && !jobs.count(*job)) || (tech && !techs.count(*tech))) r.fail(path, "unknown job or technician");
        if (const json* why = r.array(x, "reasons", path, true))
            for (const json& w : *why)
                if (w.is_string()) ar.reasons.push_back(w.get<std::string>());
        out.push_back(std::move(ar));
    }
    return out;
}

// A plan as the fsd plan format writes it, with every stated time (the plan reader keeps only
// starts and departures; a version's hash covers all of them).
Plan timed_plan_from_json(const json& doc, const Problem& p) {
    Plan plan;
    try {
        plan = plan_from_json(doc, p);
    } catch (const InputErrors& errs) {
        std::vector<InputError> out;
        for (const InputError& e : errs.errors()) out.push_back({"plan" + (e.path.empty() ? std::string() : "." + e.path), e.message});
        throw InputErrors(std::move(out));
    }
    JsonReader r;
    r.horizon_start = p.horizon.start_date;
    for (std::size_t ri = 0; ri < plan.routes.size(); ++ri) {
        const json& rj = doc["routes"][ri];
        const std::string path = json_input::index_path("plan.routes", ri);
        plan.routes[ri].return_time = r.time(rj, "return", path, false).value_or(TimePoint::min());
        for (std::size_t si = 0; si < plan.routes[ri].stops.size(); ++si) {
            const json& sj = rj["stops"][si];
            const std::string sp = json_input::index_path(path + ".stops", si);
            plan.routes[ri].stops[si].arrival = r.time(sj, "arrival", sp, false).value_or(TimePoint::min());
            plan.routes[ri].stops[si].end = r.time(sj, "end", sp, false).value_or(TimePoint::min());
        }
    }
    throw_if(r);
    return plan;
}

struct Header {
    Problem problem;
    DispatchParams params;
    TimePoint start;
};

Header read_header(const json& j, const std::filesystem::path& base_dir) {
    JsonReader r;
    if (!r.object(j, "", {"record", "format", "start", "params", "problem", "logged_at"})) throw_if(r);
    const auto format = r.string(j, "format", "", true);
    if (format && *format != dispatch_log_format) r.fail("format", "expected \"" + std::string(dispatch_log_format) + "\"");
    const json* problem = r.field(j, "problem", "", true);
    const json* params = r.field(j, "params", "", true);
    throw_if(r);
    Header h;
    try {
        h.problem = load_problem(*problem, base_dir);
    } catch (const InputErrors& errs) {
        std::vector<InputError> out;
        for (const InputError& e : errs.errors()) out.push_back({"problem" + (e.path.empty() ? std::string() : "." + e.path), e.message});
        throw InputErrors(std::move(out));
    }
    r.horizon_start = h.problem.horizon.start_date;
    h.params = params_from_json(r, *params);
    h.start = r.time(j, "start", "", true).value_or(TimePoint(0));
    throw_if(r);
    return h;
}

std::uint64_t parse_hash(const std::string& text) {
    if (text.size() != 16 || text.find_first_not_of("0123456789abcdef") != std::string::npos) fail("hash", "expected 16 hex digits");
    return std::stoull(text, nullptr, 16);
}

ReplanStats stats_from_json(JsonReader& r, const json& j) {
    ReplanStats s;
    const json* x = r.field(j, "replan", "", true);
    if (!x || !r.object(*x, "replan", {"seed", "iterations", "iterations_done", "seconds", "capped", "chosen"})) return s;
    s.seed = static_cast<std::uint64_t>(r.integer(*x, "seed", "replan", true).value_or(0));
    s.iterations = static_cast<std::uint64_t>(r.integer(*x, "iterations", "replan", true).value_or(0));
    s.iterations_done = static_cast<std::uint64_t>(r.integer(*x, "iterations_done", "replan", true).value_or(0));
    s.seconds = r.number(*x, "seconds", "replan", true).value_or(0);
    s.capped = r.boolean(*x, "capped", "replan", true).value_or(false);
    s.chosen = r.boolean(*x, "chosen", "replan", false).value_or(false);
    return s;
}

// Reads one version line and applies it to the day (the day is unchanged when it throws).
void read_version(DispatchDay& day, const json& j, int line, LogMode mode, bool last, LogRead& out) {
    std::vector<ReplayCheck>& checks = out.checks;
    JsonReader r;
    r.horizon_start = day.state.problem.horizon.start_date;
    if (!r.object(j, "", {"record", "version", "parent", "at", "hash", "event", "replan", "assignments", "plan", "logged_at"})) throw_if(r);
    const auto number = static_cast<int>(day.versions.size());
    if (r.integer(j, "version", "", true).value_or(-1) != number) r.fail("version", "expected version " + std::to_string(number));
    const json* parent = r.field(j, "parent", "", true);
    const bool parent_ok = parent && (number == 0 ? parent->is_null() : parent->is_number_integer() && parent->get<int>() == number - 1);
    if (parent && !parent_ok) r.fail("parent", number == 0 ? "the first version has no parent" : "expected " + std::to_string(number - 1));
    const std::uint64_t hash = parse_hash(r.string(j, "hash", "", true).value_or(""));
    const json* event = r.field(j, "event", "", number > 0);
    const ReplanStats stats = stats_from_json(r, j);
    throw_if(r);
    DispatchState next = day.state;
    std::optional<Event> e;
    if (event && number > 0) {
        EventRead er = read_event_json(*event, next.problem.horizon.start_date, line);
        if (!er.errors.empty()) throw InputErrors(std::move(er.errors));
        e = er.events.front();
        absorb(next, *e);
    }
    const json* plan_doc = r.field(j, "plan", "", true);
    throw_if(r);
    const Plan plan = timed_plan_from_json(*plan_doc, next.problem);
    if (plan_hash(next.problem, plan) != hash) fail("hash", "the plan does not match its hash");
    if (number == 0) next.plan = plan;  // as begin_day: the given plan went as planned until the start
    Replanned timed = project(next, plan);
    if (e) flag_unconfirmed(timed, day.state, next, *e);
    if (!same_schedule(timed.plan, plan)) fail("plan", "the plan does not follow from the state: its frozen part or times differ");
    if (mode == LogMode::replay && e && stats.chosen) {
        checks.push_back({number, hash, hash, false, {}, true});  // a lane's plan: adopted, not searched for
    } else if (mode == LogMode::replay && e) {
        // No time cap that could cut a replay short on a slower machine: the budget is iterations.
        Replanned again = replan(next, day.params.replan, stats.seed, stats.iterations, 3600.0);
        flag_unconfirmed(again, day.state, next, *e);
        checks.push_back({number, hash, plan_hash(next.problem, again.plan), stats.capped, {}});
    }
    PlanVersion v;
    v.number = number;
    v.parent = number > 0 ? std::optional<int>(number - 1) : std::nullopt;
    v.hash = hash;
    v.event = e;
    v.at = next.now;
    v.replan = stats;
    v.assignments = assignments_from_json(r, j, next.problem);
    throw_if(r);
    // Priced as apply priced it for the last version read only: it costs a projection of the plan before.
    out.last_cascade =
        last && e ? adopt_replan(next, plan, std::move(timed.times), day.params) : adopt(next, plan, std::move(timed.times), day.params);
    if (mode == LogMode::replay && e) checks.back().violations = evaluate(next.problem, plan).violations;
    v.plan = plan;
    day.state = std::move(next);
    day.versions.push_back(std::move(v));
}

std::vector<InputError> at_line(int line, const std::vector<InputError>& errors) {
    std::vector<InputError> out;
    const std::string prefix = "line " + std::to_string(line);
    for (const InputError& e : errors)
        out.push_back({e.path.rfind("line ", 0) == 0 ? e.path : prefix + (e.path.empty() ? "" : ", " + e.path), e.message});
    return out;
}

}  // namespace

json assignments_json(const Problem& p, const std::vector<AssignmentReason>& a) {
    json out = json::array();
    for (const AssignmentReason& x : a)
        out.push_back({{"job", p.jobs[x.job].id}, {"technician", p.technicians[x.technician].id}, {"reasons", x.reasons}});
    return out;
}

std::string log_header_line(const DispatchDay& day) {
    const json j = {{"record", "dispatch"},
                    {"format", dispatch_log_format},
                    {"start", time_json(day.initial, day.versions.empty() ? day.state.now : day.versions.front().at)},
                    {"params", params_json(day.params)},
                    {"logged_at", wall_clock_utc()},
                    {"problem", problem_to_json(day.initial)}};
    return j.dump();
}

std::string log_version_line(const DispatchDay& day, const PlanVersion& v) {
    const Problem& p = day.state.problem;
    json j = {{"record", "version"},
              {"version", v.number},
              {"parent", v.parent ? json(*v.parent) : json(nullptr)},
              {"at", time_json(p, v.at)},
              {"hash", hash_text(v.hash)}};
    if (v.event) j["event"] = event_to_json(*v.event, p.horizon.start_date);
    j["replan"] = {{"seed", v.replan.seed},
                   {"iterations", v.replan.iterations},
                   {"iterations_done", v.replan.iterations_done},
                   {"seconds", v.replan.seconds},
                   {"capped", v.replan.capped}};
    if (v.replan.chosen) j["replan"]["chosen"] = true;
    j["logged_at"] = wall_clock_utc();
    j["assignments"] = assignments_json(p, v.assignments);
    j["plan"] = plan_to_json(p, v.plan);
    return j.dump();
}

std::string log_text(const DispatchDay& day) {
    std::string out = log_header_line(day) + "\n";
    for (const PlanVersion& v : day.versions) out += log_version_line(day, v) + "\n";
    return out;
}

LogRead read_log(std::string_view text, LogMode mode, const std::filesystem::path& base_dir, std::optional<int> through) {
    LogRead out;
    int line = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        if (through && out.day && static_cast<int>(out.day->versions.size()) > *through) break;
        const std::size_t nl = text.find('\n', pos);
        const std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line;
        if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        std::string duplicate;
        const json j = parse_json_text(l, &duplicate, false);
        if (j.is_discarded() || !j.is_object()) {
            out.errors = {{"line " + std::to_string(line), "truncated or corrupt (not a JSON object)"}};
            break;
        }
        if (!duplicate.empty()) {
            out.errors = {{"line " + std::to_string(line) + ", " + duplicate, duplicate_key_message}};
            break;
        }
        try {
            if (!out.day) {
                Header h = read_header(j, base_dir);
                out.day = DispatchDay{h.params, h.problem, initial_state(h.problem, h.start, h.params.rules), {}};
            } else {
                const bool last = (through && static_cast<int>(out.day->versions.size()) == *through) ||
                                  text.find_first_not_of(" \t\r\n", pos) == std::string_view::npos;
                read_version(*out.day, j, line, mode, last, out);
            }
        } catch (const InputErrors& e) {
            out.errors = at_line(line, e.errors());
            break;
        } catch (const std::exception& e) {
            out.errors = {{"line " + std::to_string(line), e.what()}};
            break;
        }
    }
    if (out.errors.empty() && (!out.day || out.day->versions.empty()))
        out.errors = {{"line " + std::to_string(line + 1), "the log ends before its first version"}};
    return out;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw InputErrors(std::vector<InputError>{{"", "cannot write " + tmp.string()}});
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw std::runtime_error("error while writing " + tmp.string());
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw InputErrors(std::vector<InputError>{{"", "cannot write " + path.string() + ": " + ec.message()}});
    }
}

}  // namespace fsd::dispatch
