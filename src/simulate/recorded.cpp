// Reading a recorded day: each entry checked on its own, every defect reported with its path.
#include "fsd/simulate/recorded.hpp"

#include <cstdlib>
#include <string>
#include <unordered_map>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "fsd/json/file.hpp"
#include "fsd/json/reader.hpp"

namespace fsd::simulate {
namespace {

using json_input::JsonReader;
using json = nlohmann::ordered_json;

// A day's job takes minutes to hours; a week, and a century either side of the horizon's start,
// keep every sum of times far from overflow.
constexpr std::int64_t max_abs_seconds = 100LL * 366 * seconds_per_day;

template <class Table>
std::unordered_map<std::string, std::size_t> ids_of(const Table& table) {
    std::unordered_map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < table.size(); ++i) out.emplace(table[i].id, i);
    return out;
}

std::optional<RecordedOutcome> outcome_of(JsonReader& r, const json& entry, const std::string& path) {
    const auto name = r.string(entry, "outcome", path, false);
    if (!name) return entry.contains("outcome") ? std::nullopt : std::optional(RecordedOutcome::served);
    for (std::size_t i = 0; i < recorded_outcome_names.size(); ++i)
        if (recorded_outcome_names[i] == *name) return static_cast<RecordedOutcome>(i);
    r.fail(json_input::key_path(path, "outcome"), fmt::format("unknown outcome \"{}\" (expected served, not_home or cancelled)", *name));
    return std::nullopt;
}

// The recorded time on site at efficiency 1: as the technician who did it took it, times their efficiency.
std::optional<Duration> nominal_duration(JsonReader& r, const Problem& problem, const json& entry, const std::string& path,
                                         const std::unordered_map<std::string, std::size_t>& technicians) {
    const auto d = r.minutes(entry, "duration_min", path, false);
    const auto who = r.string(entry, "technician", path, false);
    if (who && !entry.contains("duration_min")) r.fail(json_input::key_path(path, "technician"), "is given only with duration_min");
    if (!d) return std::nullopt;
    if (*d <= Duration::zero() || *d > longest_job_duration) {
        r.fail(json_input::key_path(path, "duration_min"), "must be more than 0 and at most a week (10080 minutes)");
        return std::nullopt;
    }
    if (!who) return d;
    const auto t = technicians.find(*who);
    if (t == technicians.end()) {
        r.fail(json_input::key_path(path, "technician"), fmt::format("no technician has id \"{}\"", *who));
        return std::nullopt;
    }
    const double efficiency = problem.technicians[TechnicianIndex(static_cast<std::uint32_t>(t->second))].efficiency;
    return Duration(std::llround(static_cast<double>(d->count()) * efficiency));
}

// Outcome, duration and cancellation of one entry; nullopt after reporting what is wrong with it.
std::optional<RecordedJob> recorded_job(JsonReader& r, const Problem& problem, const Job& job, const json& entry, const std::string& path,
                                        const std::unordered_map<std::string, std::size_t>& technicians, std::optional<TimePoint> over) {
    const std::size_t errors_before = r.errors.size();
    RecordedJob out;
    const auto outcome = outcome_of(r, entry, path);
    out.nominal_duration = nominal_duration(r, problem, entry, path, technicians);
    out.cancelled_at = r.time(entry, "cancelled_at", path, outcome == RecordedOutcome::cancelled);
    if (outcome) out.outcome = *outcome;
    if (outcome && *outcome != RecordedOutcome::cancelled && entry.contains("cancelled_at"))
        r.fail(json_input::key_path(path, "cancelled_at"), "is given only with outcome cancelled");
    if (outcome && *outcome != RecordedOutcome::served && entry.contains("duration_min"))
        r.fail(json_input::key_path(path, "duration_min"), "is given only for a job served (nobody worked on it)");
    if (out.cancelled_at && std::abs(out.cancelled_at->count()) > max_abs_seconds) {
        r.fail(json_input::key_path(path, "cancelled_at"), "is out of range");
        out.cancelled_at.reset();
    }
    if (out.cancelled_at && over && *out.cancelled_at > *over)
        r.fail(json_input::key_path(path, "cancelled_at"), "is after the day simulated is over: the recording is of that day");
    if (out.cancelled_at && job.reported_at && *out.cancelled_at < *job.reported_at)
        r.fail(json_input::key_path(path, "cancelled_at"), "is before the job was reported (its reported_at)");
    if (r.errors.size() != errors_before) return std::nullopt;
    return out;
}

}  // namespace

RecordedDay recorded_day_from_json(const Problem& problem, const json& doc, const RecordedScope& scope) {
    JsonReader r;
    r.horizon_start = problem.horizon.start_date;
    RecordedDay day;
    day.jobs.resize(problem.jobs.size());
    const auto jobs = ids_of(problem.jobs);
    const auto technicians = ids_of(problem.technicians);
    std::unordered_map<std::size_t, std::size_t> entry_of_job;
    const json* entries = r.object(doc, "", {"jobs"}) ? r.array(doc, "jobs", "", true) : nullptr;
    for (std::size_t i = 0; entries && i < entries->size(); ++i) {
        const json& entry = (*entries)[i];
        const std::string path = json_input::index_path("jobs", i);
        if (!r.object(entry, path, {"id", "outcome", "duration_min", "technician", "cancelled_at"})) continue;
        const auto id = r.string(entry, "id", path, true);
        if (!id) continue;
        const auto j = jobs.find(*id);
        if (j == jobs.end()) {
            r.fail(json_input::key_path(path, "id"), fmt::format("no job has id \"{}\"", *id));
            continue;
        }
        if (const auto [first, fresh] = entry_of_job.emplace(j->second, i); !fresh) {
            r.fail(json_input::key_path(path, "id"), fmt::format("job \"{}\" is recorded already at jobs[{}]", *id, first->second));
            continue;
        }
        const JobIndex job(static_cast<std::uint32_t>(j->second));
        const bool on_day = scope.on_day.empty() || scope.on_day[job.value()] != 0;
        day.jobs[job] = recorded_job(r, problem, problem.jobs[job], entry, path, technicians, on_day ? scope.over : std::nullopt);
    }
    if (!r.errors.empty()) throw InputErrors(std::move(r.errors));
    return day;
}

RecordedDay load_recorded_day(const Problem& problem, const std::filesystem::path& path, const RecordedScope& scope) {
    const Json doc = read_json_file(path);  // its errors name the file already
    try {
        return recorded_day_from_json(problem, doc, scope);
    } catch (const InputErrors& e) {
        std::vector<InputError> located = e.errors();
        for (auto& err : located) err.path = path.string() + ": " + err.path;
        throw InputErrors(std::move(located));
    }
}

}  // namespace fsd::simulate
