#include "fsd/io/vroom.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <span>

#include <nlohmann/json.hpp>

#include "fsd/json/reader.hpp"

namespace fsd {
namespace {

using json_input::index_path;
using json_input::JsonReader;
using json_input::key_path;
using json = nlohmann::ordered_json;

constexpr std::int64_t max_horizon_days = 366;
constexpr std::int64_t horizon_limit_s = max_horizon_days * seconds_per_day;

// VROOM input fields fsd cannot honour, and why; each is reported where it appears.
struct Rejected {
    const char* key;
    const char* why;
};
constexpr Rejected rejected_vehicle_fields[] = {
    {"costs", "fsd prices a route by its technician's time and mileage; VROOM's per-vehicle cost model is not reproduced"},
    {"max_tasks", "fsd has no limit on the number of tasks of a route"},
    {"max_travel_time", "fsd has no limit on a route's travel time"},
    {"max_distance", "fsd has no limit on a route's distance"},
    {"steps", "fsd does not take a prescribed route in a problem; plan it and pass the plan with --warm-start"},
};
constexpr Rejected rejected_job_fields[] = {
    {"setup_per_type", "fsd has no per-vehicle-type durations"},
    {"service_per_type", "fsd has no per-vehicle-type durations"},
    {"amount", "deprecated in VROOM; give the quantity as delivery or pickup"},
};

// Every time in the document (vehicle windows, break and job windows), to choose the origin:
// relative times stay as they are, absolute (Unix) timestamps are shifted to the midnight (UTC)
// before the earliest one. Malformed windows are skipped here and reported where they are read.
// An integer above int64's range reads as a negative one: it is out of range, not negative.
bool too_large(const json& v) {
    constexpr auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    // Beyond uint64 the parser gives a float: an integer written too long, not a fraction.
    return (v.is_number_unsigned() && v.get<std::uint64_t>() > limit) ||
           (v.is_number_float() && v.get<double>() >= static_cast<double>(limit));
}

bool is_count(const json& v) {
    return v.is_number_integer() && !too_large(v) && v.get<std::int64_t>() >= 0;
}

// A time in the document and the path of the window it opens or closes.
struct TimeAt {
    std::int64_t t;
    std::string path;
    friend bool operator<(const TimeAt& a, const TimeAt& b) { return a.t < b.t; }
};

void collect_window(const json& w, const std::string& path, std::vector<TimeAt>& out) {
    if (!w.is_array() || w.size() != 2 || !is_count(w[0]) || !is_count(w[1])) return;
    out.push_back({w[0].get<std::int64_t>(), path});
    out.push_back({w[1].get<std::int64_t>(), path});
}

void collect_windows(const json& obj, const std::string& path, std::vector<TimeAt>& out) {
    if (!obj.is_object()) return;
    if (const auto ws = obj.find("time_windows"); ws != obj.end() && ws->is_array())
        for (std::size_t i = 0; i < ws->size(); ++i) collect_window((*ws)[i], index_path(path + ".time_windows", i), out);
}

std::vector<TimeAt> document_times(const json& doc) {
    std::vector<TimeAt> out;
    for (const char* list : {"vehicles", "jobs"}) {
        const auto items = doc.find(list);
        if (items == doc.end() || !items->is_array()) continue;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const json& item = (*items)[i];
            const std::string path = index_path(list, i);
            collect_windows(item, path, out);
            if (!item.is_object()) continue;
            if (const auto w = item.find("time_window"); w != item.end()) collect_window(*w, path + ".time_window", out);
            if (const auto bs = item.find("breaks"); bs != item.end() && bs->is_array())
                for (std::size_t b = 0; b < bs->size(); ++b) collect_windows((*bs)[b], index_path(path + ".breaks", b), out);
        }
    }
    return out;
}

std::int64_t time_origin(std::int64_t earliest) {
    return earliest < horizon_limit_s ? 0 : earliest / seconds_per_day * seconds_per_day;
}

class VroomReader {
public:
    VroomProblem read(const json& doc) {
        if (!r_.object(doc, "", {"jobs", "shipments", "vehicles", "matrices", "matrix"})) return std::move(out_);
        if (doc.contains("matrix")) r_.fail("matrix", "deprecated in VROOM and not read by fsd; give it as matrices.<profile>.durations");
        shipments(doc);
        const json* vehicles = r_.array(doc, "vehicles", "", true);
        const json* jobs = r_.array(doc, "jobs", "", false);
        matrices(doc, vehicles ? profile_of(*vehicles) : std::string("car"));
        origin(doc);
        if (vehicles)
            for (std::size_t i = 0; i < vehicles->size(); ++i) vehicle((*vehicles)[i], index_path("vehicles", i));
        if (jobs)
            for (std::size_t i = 0; i < jobs->size(); ++i) job((*jobs)[i], index_path("jobs", i));
        amounts_one_way();
        open_shifts();
        objective();
        return std::move(out_);
    }

    std::vector<InputError>& errors() { return r_.errors; }

private:
    Problem& p() { return out_.problem; }
    VroomContext& ctx() { return out_.context; }

    void shipments(const json& doc) {
        const json* s = r_.array(doc, "shipments", "", false);
        if (!s) return;
        for (std::size_t i = 0; i < s->size(); ++i)
            r_.fail(index_path("shipments", i), "pickup-and-delivery pairs are not supported: an fsd job is a single visit");
    }

    // fsd has one travel table for everybody, so every vehicle must use one profile.
    std::string profile_of(const json& vehicles) {
        std::optional<std::string> first;
        for (std::size_t i = 0; i < vehicles.size(); ++i) {
            if (!vehicles[i].is_object()) continue;
            const std::string path = index_path("vehicles", i);
            const std::string profile = r_.string(vehicles[i], "profile", path, false).value_or("car");
            if (!first)
                first = profile;
            else if (profile != *first)
                r_.fail(path + ".profile", "\"" + profile + "\" differs from \"" + *first +
                                               "\": fsd has one travel matrix for all technicians, so all vehicles need one profile");
        }
        return first.value_or("car");
    }

    void matrices(const json& doc, const std::string& profile) {
        const json* m = r_.field(doc, "matrices", "", false);
        if (!m) {
            r_.fail("matrices", "missing: fsd does not call a routing engine, so travel times must be given as matrices." + profile +
                                    ".durations (with location_index on every job and vehicle)");
            return;
        }
        if (!m->is_object()) {
            r_.fail("matrices", std::string("expected an object, got ") + json_input::type_name(*m));
            return;
        }
        for (const auto& [name, value] : m->items())
            if (name != profile) r_.fail("matrices." + name, "no vehicle uses profile \"" + name + "\" (they all use \"" + profile + "\")");
        const std::string path = "matrices." + profile;
        const json* table = r_.field(*m, profile, "matrices", true);
        if (!table || !r_.object(*table, path, {"durations", "distances", "costs"})) return;
        if (table->contains("costs"))
            r_.fail(path + ".costs", "fsd prices routes by time and distance; a separate cost matrix cannot be honoured");
        const json* durations = r_.array(*table, "durations", path, true);
        if (!durations) return;
        if (not_square(*durations, path + ".durations")) return;
        const std::size_t n = durations->size();
        p().locations.assign(n, Location{});
        ctx().location_has_coordinates.assign(n, false);
        p().travel.time = square_matrix<Duration>(*durations, path + ".durations", n);
        p().travel.distance = Matrix<Distance>(n, Distance::zero());
        if (const json* distances = r_.array(*table, "distances", path, false)) {
            p().travel.distance = square_matrix<Distance>(*distances, path + ".distances", n);
            ctx().has_distances = true;
        }
        p().travel_source = MatrixTravel{};
        matrices_read_ = true;
    }

    // Rows all of one length but not as many as they are long: one error for the matrix, not one
    // per row (a row left out, or one too many).
    bool not_square(const json& rows, const std::string& path) {
        if (rows.empty() || !rows[0].is_array()) return false;
        const std::size_t m = rows[0].size();
        if (m == rows.size() || !std::all_of(rows.begin(), rows.end(), [m](const json& r) { return r.is_array() && r.size() == m; }))
            return false;
        r_.fail(path, "has " + std::to_string(rows.size()) + " rows of " + std::to_string(m) +
                          ": a square matrix has one row and one column per location index");
        return true;
    }

    template <class T>
    Matrix<T> square_matrix(const json& rows, const std::string& path, std::size_t n) {
        Matrix<T> out(n);
        if (rows.size() != n) r_.fail(path, "has " + std::to_string(rows.size()) + " rows, durations has " + std::to_string(n));
        for (std::size_t a = 0; a < std::min(n, rows.size()); ++a) {
            const json& row = rows[a];
            if (!row.is_array() || row.size() != n) {
                r_.fail(index_path(path, a), "expected a row of " + std::to_string(n) + " non-negative integers");
                continue;
            }
            for (std::size_t b = 0; b < n; ++b) {
                // At most 1e9, as fsd's own matrices: a route's sum must not overflow.
                if (!is_count(row[b]) || row[b].get<std::int64_t>() > 1'000'000'000) {
                    r_.fail(index_path(index_path(path, a), b), "expected a non-negative integer, at most 1e9");
                    break;
                }
                out(a, b) = T(row[b].get<std::int64_t>());
            }
        }
        return out;
    }

    void origin(const json& doc) {
        const std::vector<TimeAt> times = document_times(doc);
        const auto first = std::min_element(times.begin(), times.end()), last = std::max_element(times.begin(), times.end());
        ctx().time_origin = times.empty() ? 0 : time_origin(first->t);
        const std::int64_t latest = times.empty() ? 0 : std::max<std::int64_t>(0, last->t - ctx().time_origin);
        if (latest > horizon_limit_s)  // the window at fault is one of the two ends: name both
            r_.fail(last->path,
                    "is more than fsd's horizon of " + std::to_string(max_horizon_days) + " days after " + first->path +
                        (ctx().time_origin == 0 && last->t >= 1'000'000'000 ? " (a Unix timestamp among relative times?)" : ""));
        p().horizon.days =
            static_cast<int>(std::clamp<std::int64_t>((latest + seconds_per_day - 1) / seconds_per_day, 1, max_horizon_days));
        if (ctx().time_origin > 0) p().horizon.start_date = Date{ctx().time_origin / seconds_per_day};
        p().horizon.timezone = ctx().time_origin > 0 ? "UTC" : "";
    }

    std::optional<std::int64_t> unsigned_value(const json& v, const std::string& path) {
        if (!is_count(v)) {
            r_.fail(path, too_large(v)            ? std::string("is out of range")
                          : v.is_number_integer() ? std::string("must not be negative")
                                                  : std::string("expected a non-negative integer, got ") + json_input::type_name(v));
            return std::nullopt;
        }
        return v.get<std::int64_t>();
    }

    std::optional<std::int64_t> unsigned_field(const json& obj, std::string_view key, const std::string& path, bool required) {
        const json* v = r_.field(obj, key, path, required);
        return v ? unsigned_value(*v, key_path(path, key)) : std::nullopt;
    }

    std::optional<TimeWindow> time_window(const json& v, const std::string& path) {
        if (!v.is_array() || v.size() != 2) {
            r_.fail(path, "expected a time window [start, end]");
            return std::nullopt;
        }
        const auto start = unsigned_value(v[0], index_path(path, 0));
        const auto end = unsigned_value(v[1], index_path(path, 1));
        if (!start || !end) return std::nullopt;
        if (*end < *start) {
            r_.fail(path, "end " + std::to_string(*end) + " is before start " + std::to_string(*start));
            return std::nullopt;
        }
        return TimeWindow{TimePoint(*start - ctx().time_origin), TimePoint(*end - ctx().time_origin)};
    }

    std::vector<TimeWindow> time_windows(const json& obj, const std::string& path) {
        std::vector<TimeWindow> out;
        if (const json* ws = r_.array(obj, "time_windows", path, false))
            for (std::size_t i = 0; i < ws->size(); ++i)
                if (auto w = time_window((*ws)[i], index_path(path + ".time_windows", i))) out.push_back(*w);
        return out;
    }

    // `location` ([lon, lat], optional, for maps) and `location_index` (required: the matrix row).
    std::optional<LocationId> place(const json& obj, const std::string& path, std::string_view coordinates_key, std::string_view index_key,
                                    bool required) {
        const bool given = obj.contains(std::string(coordinates_key)) || obj.contains(std::string(index_key));
        if (!given && !required) return std::nullopt;
        if (!matrices_read_) return std::nullopt;  // the missing matrices are reported already
        const auto index = unsigned_field(obj, index_key, path, true);
        const std::size_t n = p().locations.size();
        if (!index) return std::nullopt;
        if (static_cast<std::size_t>(*index) >= n) {
            r_.fail(key_path(path, index_key),
                    "index " + std::to_string(*index) + " is outside the " + std::to_string(n) + "x" + std::to_string(n) + " matrices");
            return std::nullopt;
        }
        const auto id = static_cast<LocationId>(*index);
        if (const json* c = r_.field(obj, coordinates_key, path, false)) coordinates(*c, key_path(path, coordinates_key), id);
        return id;
    }

    void coordinates(const json& c, const std::string& path, LocationId id) {
        if (!c.is_array() || c.size() != 2 || !c[0].is_number() || !c[1].is_number()) {
            r_.fail(path, "expected coordinates [lon, lat]");
            return;
        }
        const LatLon g{c[1].get<double>(), c[0].get<double>()};
        if (g.lat < -90 || g.lat > 90 || g.lon < -180 || g.lon > 180) {
            r_.fail(path, "[lon, lat] is outside [-180, 180] x [-90, 90]");
            return;
        }
        if (ctx().location_has_coordinates[id.value()]) return;  // the first mention of an index places it
        p().locations[id].coordinates = g;
        ctx().location_has_coordinates[id.value()] = true;
    }

    std::vector<SkillLevel> skills(const json& obj, const std::string& path) {
        std::vector<SkillLevel> out;
        const json* a = r_.array(obj, "skills", path, false);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto s = unsigned_value((*a)[i], index_path(path + ".skills", i))) out.push_back({skill_id(*s), 1});
        return out;
    }

    SkillId skill_id(std::int64_t vroom_skill) {
        const std::string name = std::to_string(vroom_skill);
        if (auto id = p().catalog.find_skill(name)) return *id;
        p().catalog.skills.push_back(name);
        return static_cast<SkillId>(p().catalog.skills.size() - 1);
    }

    // fsd keeps one amount dimension; an empty array is no amount.
    std::optional<std::int64_t> amount(const json& obj, std::string_view key, const std::string& path) {
        const json* a = r_.array(obj, key, path, false);
        if (!a) return std::nullopt;
        ctx().has_amounts = true;
        if (a->size() > 1) {
            r_.fail(key_path(path, key), "has " + std::to_string(a->size()) + " dimensions; fsd keeps one capacity dimension");
            return std::nullopt;
        }
        if (a->empty()) return 0;
        return unsigned_value((*a)[0], index_path(key_path(path, key), 0));
    }

    void reject(const json& obj, const std::string& path, std::span<const Rejected> fields) {
        for (const auto& f : fields)
            if (obj.contains(f.key)) r_.fail(key_path(path, f.key), std::string("not supported: ") + f.why);
    }

    // VROOM's ids are unsigned 64-bit: the whole range is kept, as text.
    std::optional<std::string> id_text(const json& obj, const std::string& path) {
        const json* v = r_.field(obj, "id", path, true);
        if (v && v->is_number_unsigned()) return std::to_string(v->get<std::uint64_t>());
        const auto n = v ? unsigned_value(*v, key_path(path, "id")) : std::nullopt;
        return n ? std::optional(std::to_string(*n)) : std::nullopt;
    }

    void vehicle(const json& v, const std::string& path) {
        if (!r_.object(v, path,
                       {"id", "profile", "description", "start", "start_index", "end", "end_index", "capacity", "costs", "skills", "type",
                        "time_window", "breaks", "speed_factor", "max_tasks", "max_travel_time", "max_distance", "steps"}))
            return;
        reject(v, path, rejected_vehicle_fields);
        if (auto f = r_.number(v, "speed_factor", path, false); f && *f != 1.0)
            r_.fail(path + ".speed_factor", "not supported: fsd drives everybody at the matrix's times (only 1 is accepted)");
        Technician t;
        t.id = id_text(v, path).value_or("");
        t.name = r_.string(v, "description", path, false).value_or("vehicle " + t.id);
        t.skills = skills(v, path);
        const auto start = place(v, path, "start", "start_index", false);
        const auto end = place(v, path, "end", "end_index", false);
        // Only when neither key is given: a bad one is reported where it is read.
        if (!v.contains("start") && !v.contains("start_index") && matrices_read_)
            r_.fail(path + ".start_index", "missing: an fsd route starts at its technician's start (open starts are not supported)");
        if (!v.contains("end") && !v.contains("end_index") && matrices_read_)
            r_.fail(path + ".end_index", "missing: an fsd route returns to an end location (open ends are not supported)");
        t.start_location = start.value_or(LocationId(0));
        t.end_location = end.value_or(t.start_location);
        if (auto c = amount(v, "capacity", path); c && v["capacity"].size() == 1) t.capacity = *c;
        t.cost_per_hour = vroom_cost_per_hour;
        t.shifts.push_back(shift(v, path));
        p().technicians.push_back(std::move(t));
    }

    Shift shift(const json& v, const std::string& path) {
        Shift s;
        s.span = {TimePoint(0), TimePoint::max()};  // closed by open_shifts() when no window is given
        if (const json* w = r_.field(v, "time_window", path, false))
            if (auto tw = time_window(*w, path + ".time_window")) s.span = *tw;
        std::vector<std::int64_t> ids;
        std::vector<std::string> descriptions;
        if (const json* bs = r_.array(v, "breaks", path, false))
            for (std::size_t b = 0; b < bs->size(); ++b) {
                const std::string bp = index_path(path + ".breaks", b);
                if (auto br = rest((*bs)[b], bp, s.span, ids, descriptions)) s.breaks.push_back(*br);
            }
        ctx().break_ids.push_back(std::move(ids));
        ctx().break_descriptions.push_back(std::move(descriptions));
        return s;
    }

    std::optional<Break> rest(const json& b, const std::string& path, const TimeWindow& span, std::vector<std::int64_t>& ids,
                              std::vector<std::string>& descriptions) {
        if (!r_.object(b, path, {"id", "time_windows", "service", "description", "max_load"})) return std::nullopt;
        if (b.contains("max_load")) r_.fail(path + ".max_load", "not supported: fsd breaks do not depend on the load");
        const auto id = unsigned_field(b, "id", path, true);
        if (id && std::find(ids.begin(), ids.end(), *id) != ids.end())
            r_.fail(path + ".id", "duplicate break id " + std::to_string(*id) + " for this vehicle");
        const auto windows = time_windows(b, path);
        if (windows.size() > 1) r_.fail(path + ".time_windows", "has several windows; an fsd break has one window for its start");
        const Duration length(unsigned_field(b, "service", path, false).value_or(0));
        if (!id) return std::nullopt;
        ids.push_back(*id);
        descriptions.push_back(r_.string(b, "description", path, false).value_or(""));
        const Break out{length, windows.empty() ? span : windows.front()};
        // VROOM takes every break; fsd would leave one outside the shift unplanned (Shift::may_owe).
        if (!Shift{span, Duration::zero(), {}, std::nullopt}.may_owe(out))
            r_.fail(path + ".time_windows", "lies outside the vehicle's time_window: VROOM takes every break, so no route could");
        return out;
    }

    void job(const json& j, const std::string& path) {
        if (!r_.object(j, path,
                       {"id", "description", "location", "location_index", "setup", "service", "setup_per_type", "service_per_type",
                        "amount", "delivery", "pickup", "skills", "priority", "time_windows"}))
            return;
        reject(j, path, rejected_job_fields);
        if (unsigned_field(j, "setup", path, false).value_or(0) != 0)
            r_.fail(path + ".setup", "not supported: fsd has no setup time that is skipped at a repeated location (only 0 is accepted)");
        Job job;
        job.id = id_text(j, path).value_or("");
        job.description = r_.string(j, "description", path, false).value_or("");
        job.location = place(j, path, "location", "location_index", true).value_or(LocationId(0));
        job.duration = DurationQuantiles::fixed(Duration(unsigned_field(j, "service", path, false).value_or(0)));
        job.skills = skills(j, path);
        job.time_windows = time_windows(j, path);
        job.priority = fsd_priority(j, path);
        ctx().job_delivery.push_back(amount(j, "delivery", path).value_or(0));
        ctx().job_pickup.push_back(amount(j, "pickup", path).value_or(0));
        job.demand = ctx().job_delivery.back() + ctx().job_pickup.back();
        p().jobs.push_back(std::move(job));
    }

    // VROOM's 0..100 onto fsd's 1..100: 0..99 move up by one, 100 stays (the top two share it).
    int fsd_priority(const json& j, const std::string& path) {
        const auto v = unsigned_field(j, "priority", path, false).value_or(0);
        if (v > 100) r_.fail(path + ".priority", "must be between 0 and 100");
        ctx().job_priority.push_back(static_cast<int>(std::min<std::int64_t>(v, 100)));
        return static_cast<int>(std::min<std::int64_t>(v + 1, 100));
    }

    // fsd checks the total load of a route against the capacity. That is VROOM's rule exactly when
    // every job delivers (all loaded at the start) or every job picks up (all brought back).
    void amounts_one_way() {
        const auto delivers = std::count_if(ctx().job_delivery.begin(), ctx().job_delivery.end(), [](auto d) { return d > 0; });
        if (delivers == 0) return;
        for (std::size_t i = 0; i < ctx().job_pickup.size(); ++i)
            if (ctx().job_pickup[i] > 0)
                r_.fail(index_path("jobs", i) + ".pickup",
                        "not supported together with deliveries: fsd keeps one load per route, so a problem may deliver or pick up, "
                        "not both");
    }

    // A vehicle without time_window works as long as it takes: its shift ends where even one route
    // doing every job, with the longest trip before each, would be back.
    void open_shifts() {
        Duration longest_trip = Duration::zero();
        for (auto d : p().travel.time.data()) longest_trip = max(longest_trip, d);
        Duration all_work = longest_trip * static_cast<std::int64_t>(p().jobs.size() + 1);
        for (const auto& j : p().jobs) all_work += j.duration.p90;
        for (auto& t : p().technicians)
            for (auto& s : t.shifts) {
                if (s.span.end != TimePoint::max()) continue;
                Duration breaks = Duration::zero();
                for (const auto& b : s.breaks) breaks += b.length;
                s.span.end = day_start(p().horizon.days) + all_work + breaks;
                for (auto& b : s.breaks)
                    if (b.window.end == TimePoint::max()) b.window.end = s.span.end;
            }
    }

    // VROOM serves as many high-priority jobs as it can, then minimises time: a missed job of the
    // lowest priority outweighs about 280 hours of route time.
    void objective() {
        p().name = "vroom";
        p().objective.kind = ObjectiveKind::weighted;
        p().objective.unassigned_per_priority = vroom_unassigned_per_priority;
    }

    static constexpr double vroom_cost_per_hour = 3600.0;  // one cost unit per second, as VROOM's default
    static constexpr double vroom_unassigned_per_priority = 1e6;

    JsonReader r_;
    VroomProblem out_;
    bool matrices_read_ = false;
};

// check_problem() speaks fsd's paths; a VROOM user needs the document's.
std::string vroom_path(std::string path) {
    auto replace = [&path](std::string_view from, std::string_view to) {
        if (auto at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
    };
    replace("technicians[", "vehicles[");
    replace(".shifts[0].breaks[", ".breaks[");
    replace("].window", "].time_windows");  // a break's window
    replace(".shifts[0]", ".time_window");
    replace(".duration_min", ".service");
    replace(".demand", ".delivery");
    if (path.rfind("catalog", 0) == 0) path = "skills";
    if (path.rfind("travel", 0) == 0 || path.rfind("locations", 0) == 0) path = "matrices";
    return path;
}

// ---- writing

std::int64_t vroom_time(const VroomContext& c, TimePoint t) {
    return t.count() + c.time_origin;
}

// Ids that are integers in text (all of a VROOM problem's) go out as integers.
json id_json(const std::string& id) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec == std::errc() && end == id.data() + id.size()) return v;
    return id;
}

VroomContext context_of(const Problem& p) {
    VroomContext c;
    for (const auto& t : p.technicians) {
        std::vector<std::int64_t> ids;
        for (std::size_t b = 0; b < (t.shifts.empty() ? 0 : t.shifts[0].breaks.size()); ++b) ids.push_back(static_cast<std::int64_t>(b));
        c.break_ids.push_back(ids);
        c.break_descriptions.emplace_back(ids.size());
        c.has_amounts = c.has_amounts || t.capacity != Technician::unlimited_capacity;
    }
    for (const auto& j : p.jobs) {
        c.job_priority.push_back(j.priority);
        c.job_delivery.push_back(j.demand);
        c.job_pickup.push_back(0);
        c.has_amounts = c.has_amounts || j.demand > 0;
    }
    c.has_distances = true;
    for (const auto& l : p.locations) c.location_has_coordinates.push_back(std::holds_alternative<LatLon>(l.coordinates));
    return c;
}

class SolutionWriter {
public:
    SolutionWriter(const Problem& p, const VroomContext& c) : p_(p), c_(c) {}

    json write(const Evaluation& ev) {
        json routes = json::array();
        for (const Route& r : ev.schedule.routes)
            if (has_job(r)) routes.push_back(route(r));
        json unassigned = json::array();
        for (const auto& u : ev.schedule.unassigned) unassigned.push_back(unassigned_json(u));
        json summary = {{"cost", total_.travel}, {"routes", routes.size()}, {"unassigned", unassigned.size()}};
        totals_json(summary, total_);
        return {{"code", 0}, {"summary", summary}, {"unassigned", unassigned}, {"routes", routes}};
    }

private:
    struct Totals {
        std::int64_t travel = 0, service = 0, waiting = 0, priority = 0, delivery = 0, pickup = 0, distance = 0;
        void add(const Totals& o) {
            travel += o.travel, service += o.service, waiting += o.waiting, priority += o.priority;
            delivery += o.delivery, pickup += o.pickup, distance += o.distance;
        }
    };

    static bool has_job(const Route& r) {
        return std::any_of(r.stops.begin(), r.stops.end(), [](const Stop& s) { return s.kind == StopKind::job; });
    }

    void totals_json(json& out, const Totals& t) const {
        out["setup"] = 0;
        out["service"] = t.service;
        out["duration"] = t.travel;
        out["waiting_time"] = t.waiting;
        out["priority"] = t.priority;
        out["violations"] = json::array();
        if (c_.has_amounts) {
            out["delivery"] = json::array({t.delivery});
            out["pickup"] = json::array({t.pickup});
        }
        if (c_.has_distances) out["distance"] = t.distance;
    }

    void place(json& step, LocationId l) const {
        if (const auto* g = std::get_if<LatLon>(&p_.locations[l].coordinates)) step["location"] = json::array({g->lon, g->lat});
        if (std::holds_alternative<MatrixTravel>(p_.travel_source)) step["location_index"] = l.value();
    }

    json step(const char* type, TimePoint arrival, const Totals& so_far, std::int64_t load) const {
        json s = {{"type", type}};
        s["setup"] = 0;
        s["service"] = 0;
        s["waiting_time"] = 0;
        s["arrival"] = vroom_time(c_, arrival);
        s["duration"] = so_far.travel;
        s["violations"] = json::array();
        if (c_.has_amounts) s["load"] = json::array({load});
        if (c_.has_distances) s["distance"] = so_far.distance;
        return s;
    }

    void timed(json& s, const Stop& stop) const {
        s["service"] = (stop.end - stop.start).count();
        s["waiting_time"] = (stop.start - stop.arrival).count();
    }

    // Deliveries are all on board at the start; pickups come on board one by one.
    std::int64_t initial_load(const Route& r) const {
        std::int64_t load = 0;
        for (const auto& s : r.stops)
            if (s.kind == StopKind::job) load += c_.job_delivery[s.job_index()];
        return load;
    }

    json route(const Route& r) {
        const Technician& tech = p_.technicians[r.technician];
        Totals t;
        std::int64_t load = initial_load(r);
        LocationId here = tech.start_location;
        json steps = json::array();
        steps.push_back(step("start", r.departure, t, load));
        place(steps.back(), here);
        for (const Stop& s : r.stops) {
            if (s.kind == StopKind::break_time) {
                steps.push_back(break_step(r, s, t, load));
                t.waiting += (s.start - s.arrival).count();  // VROOM's route total counts every step's
                continue;
            }
            const Job& job = p_.jobs[s.job_index()];
            t.travel += p_.travel_time(here, job.location).count();
            t.distance += p_.travel_distance(here, job.location).count();
            load += c_.job_pickup[s.job_index()] - c_.job_delivery[s.job_index()];
            steps.push_back(job_step(s, job, t, load));
            t.service += (s.end - s.start).count();
            t.waiting += (s.start - s.arrival).count();
            t.priority += c_.job_priority[s.job_index()];
            t.delivery += c_.job_delivery[s.job_index()];
            t.pickup += c_.job_pickup[s.job_index()];
            here = job.location;
        }
        t.travel += p_.travel_time(here, tech.end_location).count();
        t.distance += p_.travel_distance(here, tech.end_location).count();
        steps.push_back(step("end", r.return_time, t, load));
        place(steps.back(), tech.end_location);
        total_.add(t);
        json out = {{"vehicle", id_json(tech.id)}, {"cost", t.travel}};
        totals_json(out, t);
        if (tech.name != "vehicle " + tech.id) out["description"] = tech.name;
        out["steps"] = std::move(steps);
        return out;
    }

    json job_step(const Stop& s, const Job& job, const Totals& t, std::int64_t load) const {
        json out = step("job", s.arrival, t, load);
        out["id"] = id_json(job.id);
        timed(out, s);
        if (!job.description.empty()) out["description"] = job.description;
        place(out, job.location);
        return out;
    }

    json break_step(const Route& r, const Stop& s, const Totals& t, std::int64_t load) const {
        json out = step("break", s.arrival, t, load);
        out["id"] = c_.break_ids[r.technician][s.index];
        timed(out, s);
        if (const auto& d = c_.break_descriptions[r.technician][s.index]; !d.empty()) out["description"] = d;
        return out;
    }

    json unassigned_json(const Unassigned& u) const {
        const Job& job = p_.jobs[u.job];
        json out = {{"id", id_json(job.id)}, {"type", "job"}};
        if (!job.description.empty()) out["description"] = job.description;
        place(out, job.location);
        out["x-fsd-reason"] = to_code(u.reason);
        return out;
    }

    const Problem& p_;
    const VroomContext& c_;
    Totals total_;
};

// ---- reading a solution back

class SolutionReader {
public:
    SolutionReader(const Problem& p, const VroomContext& c) : p_(p), c_(c) {
        for (std::size_t i = 0; i < p.technicians.size(); ++i) techs_.emplace(p.technicians[i].id, static_cast<TechnicianIndex>(i));
        for (std::size_t i = 0; i < p.jobs.size(); ++i) jobs_.emplace(p.jobs[i].id, static_cast<JobIndex>(i));
    }

    Plan read(const json& doc) {
        Plan plan;
        if (!r_.object(doc, "", {"code", "error", "summary", "unassigned", "routes"})) throw InputErrors(std::move(r_.errors));
        // VROOM's code: 0 for a solution, else an error (its "error" says which), with no routes to read.
        if (const auto code = r_.integer(doc, "code", "", false); code && *code != 0)
            r_.fail("code",
                    fmt::format("{}: VROOM reported an error, not a solution{}", *code,
                                doc.contains("error") && doc["error"].is_string() ? " (" + doc["error"].get<std::string>() + ")" : ""));
        if (const json* routes = r_.array(doc, "routes", "", true))
            for (std::size_t i = 0; i < routes->size(); ++i)
                if (auto route = read_route((*routes)[i], index_path("routes", i))) plan.routes.push_back(std::move(*route));
        if (const json* un = r_.array(doc, "unassigned", "", false))
            for (std::size_t i = 0; i < un->size(); ++i)
                if (auto u = read_unassigned((*un)[i], index_path("unassigned", i))) plan.unassigned.push_back(std::move(*u));
        if (!r_.errors.empty()) throw InputErrors(std::move(r_.errors));
        return plan;
    }

private:
    std::optional<std::string> id_text(const json& obj, std::string_view key, const std::string& path) {
        const json* v = r_.field(obj, key, path, true);
        if (!v) return std::nullopt;
        if (v->is_string()) return v->get<std::string>();
        if (v->is_number_unsigned()) return std::to_string(v->get<std::uint64_t>());
        if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
        r_.fail(key_path(path, key), std::string("expected an id, got ") + json_input::type_name(*v));
        return std::nullopt;
    }

    template <class Index>
    std::optional<Index> lookup(const std::map<std::string, Index>& ids, const json& obj, std::string_view key, const std::string& path,
                                const char* what) {
        const auto id = id_text(obj, key, path);
        if (!id) return std::nullopt;
        const auto it = ids.find(*id);
        if (it != ids.end()) return it->second;
        r_.fail(key_path(path, key), std::string("unknown ") + what + " " + *id);
        return std::nullopt;
    }

    std::optional<Route> read_route(const json& rj, const std::string& path) {
        if (!rj.is_object()) {
            r_.fail(path, "expected an object");
            return std::nullopt;
        }
        const auto tech = lookup(techs_, rj, "vehicle", path, "vehicle");
        const json* steps = r_.array(rj, "steps", path, true);
        if (!tech || !steps) return std::nullopt;
        Route route;
        route.technician = *tech;
        for (std::size_t i = 0; i < steps->size(); ++i) {
            check_step_place((*steps)[i], index_path(path + ".steps", i), i == 0, i + 1 == steps->size());
            // The start step's arrival is when the vehicle leaves: the wait before it is not the route's.
            if (const json& sj = (*steps)[i]; i == 0 && sj.is_object() && sj.contains("type") && sj["type"] == "start")
                route.departure = stated_start(sj, index_path(path + ".steps", i));
            if (auto stop = read_step((*steps)[i], index_path(path + ".steps", i), *tech)) route.stops.push_back(*stop);
        }
        return route;
    }

    // A route starts with its start step and ends with its end step, one of each at most, as VROOM writes them.
    void check_step_place(const json& sj, const std::string& path, bool first, bool last) {
        if (!sj.is_object()) return;  // read_step names what is wrong with it
        const auto type = sj.find("type");
        if (type == sj.end() || !type->is_string()) return;
        if (*type == "start" && !first) r_.fail(path + ".type", "a start step comes first in its route, once");
        if (*type == "end" && !last) r_.fail(path + ".type", "an end step comes last in its route, once");
    }

    std::optional<Stop> read_step(const json& sj, const std::string& path, TechnicianIndex tech) {
        if (!sj.is_object()) {
            r_.fail(path, "expected an object");
            return std::nullopt;
        }
        const std::string type = r_.string(sj, "type", path, true).value_or("");
        std::optional<Stop> stop;
        if (type == "job") {
            if (auto j = lookup(jobs_, sj, "id", path, "job")) stop = Stop::job(*j);
        } else if (type == "break") {
            stop = break_stop(sj, path, tech);
        } else if (type != "start" && type != "end") {
            r_.fail(path + ".type", "\"" + type + "\" is not a step fsd plans (job, break, start or end)");
        }
        if (stop) stop->start = stated_start(sj, path);
        return stop;
    }

    std::optional<Stop> break_stop(const json& sj, const std::string& path, TechnicianIndex tech) {
        const auto id = r_.integer(sj, "id", path, true);
        if (!id) return std::nullopt;
        const auto& ids = c_.break_ids[tech];
        const auto it = std::find(ids.begin(), ids.end(), *id);
        if (it == ids.end()) {
            r_.fail(path + ".id", "vehicle " + p_.technicians[tech].id + " has no break " + std::to_string(*id));
            return std::nullopt;
        }
        return Stop::rest(static_cast<std::uint32_t>(it - ids.begin()));
    }

    // Within a year of the horizon, as fsd's own plans: anything further is no plan of this problem.
    TimePoint stated_start(const json& sj, const std::string& path) {
        const auto arrival = r_.integer(sj, "arrival", path, false);
        if (!arrival) return TimePoint::min();
        const auto waiting = r_.integer(sj, "waiting_time", path, false).value_or(0);
        for (const auto& [key, value] : {std::pair{"arrival", *arrival}, std::pair{"waiting_time", waiting}})
            if (value < 0) {
                r_.fail(path + "." + key, "must not be negative (VROOM's times are seconds from its origin)");
                return TimePoint::min();
            }
        std::int64_t start = 0;  // any int64 may be read: no sum may overflow on the way
        if (__builtin_add_overflow(*arrival, waiting, &start) || __builtin_sub_overflow(start, c_.time_origin, &start) ||
            !p_.near_horizon(TimePoint(start))) {
            r_.fail(path + ".arrival", "is more than a year outside the problem's horizon");
            return TimePoint::min();
        }
        return TimePoint(start);
    }

    std::optional<Unassigned> read_unassigned(const json& uj, const std::string& path) {
        if (!uj.is_object()) {
            r_.fail(path, "expected an object");
            return std::nullopt;
        }
        const auto job = lookup(jobs_, uj, "id", path, "job");
        if (!job) return std::nullopt;
        Unassigned u{*job, UnassignedReason::not_planned, "listed as unassigned in the VROOM solution"};
        const auto code = r_.string(uj, "x-fsd-reason", path, false);
        for (std::size_t k = 0; code && k < unassigned_reason_codes.size(); ++k)
            if (unassigned_reason_codes[k] == *code) u.reason = static_cast<UnassignedReason>(k);
        return u;
    }

    const Problem& p_;
    const VroomContext& c_;
    JsonReader r_;
    std::map<std::string, TechnicianIndex> techs_;
    std::map<std::string, JobIndex> jobs_;
};

}  // namespace

VroomProblem problem_from_vroom(const Json& doc) {
    VroomReader reader;
    VroomProblem out = reader.read(doc);
    auto& errors = reader.errors();
    if (errors.empty())
        for (auto e : check_problem(out.problem)) errors.push_back({vroom_path(e.path), e.message});
    if (!errors.empty()) throw InputErrors(std::move(errors));
    return out;
}

VroomProblem load_vroom_problem(const std::filesystem::path& path) {
    VroomProblem out = read_naming_file(path, [](const Json& doc) { return problem_from_vroom(doc); });
    out.problem.name = path.stem().string();
    return out;
}

Json plan_to_vroom(const Problem& problem, const Evaluation& ev, const VroomContext* context) {
    if (context) return SolutionWriter(problem, *context).write(ev);
    const VroomContext own = context_of(problem);
    return SolutionWriter(problem, own).write(ev);
}

Plan plan_from_vroom(const Json& doc, const Problem& problem, const VroomContext& context) {
    return SolutionReader(problem, context).read(doc);
}

std::string vroom_solution_path(const Json& solution, const std::string& plan_path) {
    std::size_t route = 0, stop = 0;
    int used = 0;
    if (std::sscanf(plan_path.c_str(), "routes[%zu].stops[%zu]%n", &route, &stop, &used) != 2 || used == 0) return plan_path;
    const auto routes = solution.find("routes");
    if (routes == solution.end() || !routes->is_array() || route >= routes->size()) return plan_path;
    const auto steps = (*routes)[route].find("steps");
    if (steps == (*routes)[route].end() || !steps->is_array()) return plan_path;
    std::size_t seen = 0;
    for (std::size_t s = 0; s < steps->size(); ++s) {
        const Json& step = (*steps)[s];
        const bool is_stop = step.is_object() && step.contains("type") && (step["type"] == "job" || step["type"] == "break");
        if (is_stop && seen++ == stop)
            return index_path(index_path("routes", route) + ".steps", s) + plan_path.substr(static_cast<std::size_t>(used));
    }
    return plan_path;
}

}  // namespace fsd
