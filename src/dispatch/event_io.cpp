// Reading and writing dispatch events, one JSON object per line. The reader is a boundary that
// fuzzers hit: it takes any bytes, never throws, and names the line and field of every defect.
#include "fsd/dispatch/event_io.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/json/file.hpp"
#include "fsd/json/reader.hpp"

namespace fsd::dispatch {
namespace {

using json_input::JsonReader;
using json = nlohmann::ordered_json;

constexpr std::int64_t max_abs_seconds = 100LL * 366 * seconds_per_day;  // keeps every sum of times exact

// The fields each event type allows, besides "event", "at" and "note".
std::vector<std::string_view> fields_of(EventType t) {
    switch (t) {
        case EventType::job_added:
        case EventType::job_cancelled:
            return {"job"};
        case EventType::customer_not_home:
        case EventType::job_started:
        case EventType::job_finished:
            return {"job", "technician"};
        case EventType::running_late:
            return {"job", "expected_finish", "remaining_min"};
        case EventType::technician_unavailable:
            return {"technician", "until"};
        case EventType::technician_available:
            return {"technician"};
        case EventType::travel_delay:
            return {"technician", "delay_min"};
        case EventType::job_interrupted:
            return {"job", "technician", "rest_job"};
        case EventType::on_the_way:
            return {"job", "technician"};
    }
    return {};
}

std::optional<EventType> event_type(JsonReader& r, const json& j) {
    const auto name = r.string(j, "event", "", true);
    if (!name) return std::nullopt;
    for (std::size_t i = 0; i < event_type_names.size(); ++i)
        if (event_type_names[i] == *name) return static_cast<EventType>(i);
    std::string all;
    for (auto n : event_type_names) all += (all.empty() ? "" : ", ") + std::string(n);
    r.fail("event", "unknown event \"" + *name + "\" (expected one of " + all + ")");
    return std::nullopt;
}

std::optional<TimePoint> bounded_time(JsonReader& r, const json& j, std::string_view key, bool required) {
    auto t = r.time(j, key, "", required);
    if (t && (t->count() > max_abs_seconds || t->count() < -max_abs_seconds)) {
        r.fail(std::string(key), "is out of range");
        return std::nullopt;
    }
    return t;
}

void unknown_fields(JsonReader& r, const json& j, EventType t) {
    for (const auto& [key, value] : j.items()) {
        if (key.rfind("x-", 0) == 0 || key == "event" || key == "at" || key == "note") continue;
        const auto allowed = fields_of(t);
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            r.fail(key, "not a field of " + std::string(to_string(t)) + " events");
    }
}

void job_fields(JsonReader& r, const json& j, Event& e) {
    if (e.type != EventType::job_added) {
        e.job = r.string(j, "job", "", true).value_or("");
        return;
    }
    const json* spec = r.field(j, "job", "", true);
    if (!spec) return;
    if (!spec->is_object()) {
        r.fail("job", std::string("expected a job object, got ") + json_input::type_name(*spec));
        return;
    }
    e.job = r.string(*spec, "id", "job", true).value_or("");
    e.job_spec = *spec;
}

void running_late_fields(JsonReader& r, const json& j, Event& e) {
    const bool finish = j.contains("expected_finish"), remaining = j.contains("remaining_min");
    if (finish == remaining) {
        r.fail("expected_finish", "give either expected_finish or remaining_min");
        return;
    }
    if (finish) e.expected_finish = bounded_time(r, j, "expected_finish", true);
    if (const auto m = remaining ? r.minutes(j, "remaining_min", "", true) : std::nullopt) {
        if (*m < Duration::zero() || *m > hours(24 * 7)) r.fail("remaining_min", "must be 0 to 10080 minutes (a week)");
        e.expected_finish = e.at + min(max(*m, Duration::zero()), hours(24 * 7));
    }
}

void technician_fields(JsonReader& r, const json& j, Event& e) {
    const bool required = e.type == EventType::technician_unavailable || e.type == EventType::technician_available ||
                          e.type == EventType::travel_delay || e.type == EventType::on_the_way;
    e.technician = r.string(j, "technician", "", required).value_or("");
    if (e.type == EventType::technician_unavailable) e.until = bounded_time(r, j, "until", false);
    if (e.type != EventType::travel_delay) return;
    if (const auto d = r.minutes(j, "delay_min", "", true)) {
        if (*d <= Duration::zero() || *d > hours(24))
            r.fail("delay_min", "must be more than 0 and at most 1440 minutes");
        else
            e.delay = *d;
    }
}

std::optional<Event> read_event(JsonReader& r, const json& j) {
    if (!j.is_object()) {
        r.fail("", std::string("expected an event object, got ") + json_input::type_name(j));
        return std::nullopt;
    }
    const auto type = event_type(r, j);
    if (!type) return std::nullopt;
    unknown_fields(r, j, *type);
    Event e;
    e.type = *type;
    e.at = bounded_time(r, j, "at", true).value_or(TimePoint(0));
    e.note = r.string(j, "note", "", false).value_or("");
    if (*type != EventType::technician_unavailable && *type != EventType::technician_available && *type != EventType::travel_delay)
        job_fields(r, j, e);
    if (*type == EventType::running_late) running_late_fields(r, j, e);
    if (*type == EventType::job_interrupted) e.rest_job = r.string(j, "rest_job", "", false).value_or("");
    if (j.contains("technician") || *type == EventType::technician_unavailable || *type == EventType::technician_available ||
        *type == EventType::travel_delay || *type == EventType::on_the_way)
        technician_fields(r, j, e);
    return e;
}

std::string line_path(int line, const std::string& path) {
    return (line > 0 ? "line " + std::to_string(line) : std::string("event")) + (path.empty() ? "" : ", " + path);
}

json time_json(TimePoint t, std::optional<Date> start) {
    if (start) return format_local_time(t, *start);
    return t.count();
}

}  // namespace

EventRead read_events(std::string_view text, std::optional<Date> horizon_start) {
    EventRead out;
    int line = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t nl = text.find('\n', pos);
        std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line;
        if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        std::string duplicate;
        const json j = parse_json_text(l, &duplicate, false);
        if (j.is_discarded()) {
            out.errors.push_back({line_path(line, ""), "malformed JSON"});
            continue;
        }
        if (!duplicate.empty()) {
            out.errors.push_back({line_path(line, duplicate), duplicate_key_message});
            continue;
        }
        EventRead one = read_event_json(j, horizon_start, line);
        out.events.insert(out.events.end(), one.events.begin(), one.events.end());
        out.errors.insert(out.errors.end(), one.errors.begin(), one.errors.end());
    }
    return out;
}

EventRead read_event_json(const json& j, std::optional<Date> horizon_start, int line) {
    EventRead out;
    JsonReader r;
    r.horizon_start = horizon_start;
    std::optional<Event> e = read_event(r, j);
    for (InputError& err : r.errors) out.errors.push_back({line_path(line, err.path), std::move(err.message)});
    if (e && r.errors.empty()) {
        e->line = line;
        out.events.push_back(std::move(*e));
    }
    return out;
}

json event_to_json(const Event& e, std::optional<Date> start) {
    json j = {{"event", to_string(e.type)}, {"at", time_json(e.at, start)}};
    if (e.type == EventType::job_added)
        j["job"] = e.job_spec;
    else if (!e.job.empty())
        j["job"] = e.job;
    if (!e.technician.empty()) j["technician"] = e.technician;
    if (e.expected_finish) j["expected_finish"] = time_json(*e.expected_finish, start);
    if (e.until) j["until"] = time_json(*e.until, start);
    if (!e.rest_job.empty()) j["rest_job"] = e.rest_job;
    if (e.type == EventType::travel_delay) j["delay_min"] = static_cast<double>(e.delay.count()) / 60.0;
    if (!e.note.empty()) j["note"] = e.note;
    return j;
}

}  // namespace fsd::dispatch
