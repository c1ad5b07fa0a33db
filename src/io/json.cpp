#include "fsd/io/json.hpp"

#include <fmt/format.h>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "fsd/json/reader.hpp"
#include "fsd/travel/builtin.hpp"
#include "problem_steps.hpp"

namespace fsd {
namespace {

using json_input::index_path;
using json_input::JsonReader;
using json = nlohmann::ordered_json;

// Reads a problem document; structural errors go to the reader, semantics are checked after.
// Travel tables are read when the document holds them; the other kinds are resolved later.
class ProblemReader {
public:
    Problem read(const json& doc) {
        if (!r_.object(doc, "", {"format", "name", "horizon", "catalog", "travel", "objective", "technicians", "jobs", "scale"}))
            return std::move(p_);
        format(doc);
        p_.name = r_.string(doc, "name", "", false).value_or("");
        if (auto s = r_.integer(doc, "scale", "", false)) p_.scale = *s;
        if (const json* h = r_.field(doc, "horizon", "", true)) horizon(*h);
        if (const json* c = r_.field(doc, "catalog", "", false)) catalog(*c);
        const json* travel_doc = r_.field(doc, "travel", "", true);
        if (travel_doc) travel_kind(*travel_doc);
        if (const json* o = r_.field(doc, "objective", "", false)) objective(*o);
        if (const json* ts = r_.array(doc, "technicians", "", true))
            for (std::size_t i = 0; i < ts->size(); ++i) technician((*ts)[i], index_path("technicians", i));
        for (std::size_t i = 0; i < p_.technicians.size(); ++i) tech_index_.emplace(p_.technicians[i].id, i);
        if (const json* js = r_.array(doc, "jobs", "", true))
            for (std::size_t i = 0; i < js->size(); ++i) job((*js)[i], index_path("jobs", i));
        if (travel_doc) travel_tables(*travel_doc);
        return std::move(p_);
    }

    std::vector<InputError>& errors() { return r_.errors; }

private:
    void format(const json& doc) {
        auto f = r_.string(doc, "format", "", true);
        if (f && *f != problem_format) r_.fail("format", "unsupported format \"" + *f + "\", expected \"" + problem_format + "\"");
    }

    void horizon(const json& h) {
        if (!r_.object(h, "horizon", {"start_date", "days", "timezone"})) return;
        if (auto d = r_.string(h, "start_date", "horizon", false)) {
            p_.horizon.start_date = parse_date(*d);
            if (!p_.horizon.start_date) r_.fail("horizon.start_date", "\"" + *d + "\" is not a date YYYY-MM-DD");
            r_.horizon_start = p_.horizon.start_date;
        }
        if (auto d = r_.integer(h, "days", "horizon", false)) p_.horizon.days = static_cast<int>(std::clamp<std::int64_t>(*d, -1, 100000));
        p_.horizon.timezone = r_.string(h, "timezone", "horizon", false).value_or("");
    }

    void names(const json& c, std::string_view key, std::vector<std::string>& out) {
        const json* a = r_.array(c, key, "catalog", false);
        if (!a) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = index_path("catalog." + std::string(key), i);
            if (!(*a)[i].is_string())
                r_.fail(path, std::string("expected a string, got ") + json_input::type_name((*a)[i]));
            else
                out.push_back((*a)[i].get<std::string>());
        }
    }

    void catalog(const json& c) {
        if (!r_.object(c, "catalog", {"skills", "certifications", "equipment"})) return;
        names(c, "skills", p_.catalog.skills);
        names(c, "certifications", p_.catalog.certifications);
        names(c, "equipment", p_.catalog.equipment);
    }

    void travel_kind(const json& t) {
        if (!r_.object(t, "travel", {"kind", "time_s", "distance_m", "speed_kmh", "detour_factor", "convention", "path", "max_snap_m"}))
            return;
        const auto kind = r_.string(t, "kind", "travel", true).value_or("");
        if (kind == "matrix") {
            p_.travel_source = MatrixTravel{};
            if (const json* m = r_.array(t, "time_s", "travel", true)) matrix_size_ = m->size();
        } else if (kind == "straight_line") {
            StraightLineTravel s;
            s.speed_kmh = r_.number(t, "speed_kmh", "travel", false).value_or(s.speed_kmh);
            s.detour_factor = r_.number(t, "detour_factor", "travel", false).value_or(s.detour_factor);
            if (!(s.speed_kmh >= 1 && s.speed_kmh <= 300)) r_.fail("travel.speed_kmh", "must be from 1 to 300");
            if (!(s.detour_factor >= 1 && s.detour_factor <= 5)) r_.fail("travel.detour_factor", "must be in [1, 5]");
            p_.travel_source = s;
        } else if (kind == "euclidean") {
            EuclideanTravel e;
            const auto conv = r_.string(t, "convention", "travel", false).value_or("dimacs");
            if (conv == "double")
                e.convention = EuclideanTravel::Convention::double_precision;
            else if (conv != "dimacs")
                r_.fail("travel.convention", "expected \"dimacs\" or \"double\", got \"" + conv + "\"");
            p_.travel_source = e;
            p_.scale = euclidean_scale(e.convention);  // the convention fixes the units
        } else if (kind == "roads") {
            RoadTravel road;
            road.path = r_.string(t, "path", "travel", true).value_or("");
            road.max_snap_m = r_.number(t, "max_snap_m", "travel", false).value_or(road.max_snap_m);
            if (!(road.max_snap_m > 0 && road.max_snap_m <= 100'000)) r_.fail("travel.max_snap_m", "must be in (0, 100000] metres");
            p_.travel_source = road;
        } else if (!kind.empty()) {
            r_.fail("travel.kind", "expected \"matrix\", \"straight_line\", \"euclidean\" or \"roads\", got \"" + kind + "\"");
        }
        for (const char* key : {"time_s", "distance_m"})
            if (kind != "matrix" && t.contains(key)) r_.fail(std::string("travel.") + key, "only allowed with kind \"matrix\"");
        for (const char* key : {"path", "max_snap_m"})
            if (kind != "roads" && t.contains(key)) r_.fail(std::string("travel.") + key, "only allowed with kind \"roads\"");
    }

    template <class T>
    bool read_matrix(const json& t, const char* key, Matrix<T>& out, bool required) {
        const std::string path = std::string("travel.") + key;
        const json* m = r_.array(t, key, "travel", required);
        if (!m) return false;
        const std::size_t n = m->size();
        if (n != p_.locations.size())
            r_.fail(path, "is " + std::to_string(n) + " rows but the problem has " + std::to_string(p_.locations.size()) +
                              " matrix indices (every index 0.." + std::to_string(n ? n - 1 : 0) + " must be used)");
        out = Matrix<T>(n);
        bool ok = true;
        for (std::size_t a = 0; a < n && ok; ++a) {
            const json& row = (*m)[a];
            if (!row.is_array() || row.size() != n) {
                r_.fail(index_path(path, a), "expected a row of " + std::to_string(n) + " numbers");
                ok = false;
                break;
            }
            for (std::size_t b = 0; b < n; ++b) {
                const json& v = row[b];
                // A billion seconds or metres is decades or a million km: beyond it, sums of legs would overflow.
                if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 1e9) {
                    r_.fail(index_path(index_path(path, a), b), "expected a non-negative number, at most 1e9");
                    ok = false;
                    break;
                }
                out(a, b) = T(std::llround(v.get<double>()));
            }
        }
        return ok;
    }

    void travel_tables(const json& t) {
        if (!t.is_object() || !std::holds_alternative<MatrixTravel>(p_.travel_source)) return;
        // Indices in use must cover 0..n-1 so every row belongs to somewhere.
        for (std::size_t i = 0; i < p_.locations.size(); ++i)
            if (!index_used_[i]) r_.fail("travel.time_s", "matrix index " + std::to_string(i) + " is not used by any location");
        read_matrix(t, "time_s", p_.travel.time, true);
        if (!read_matrix(t, "distance_m", p_.travel.distance, false))
            if (!t.contains("distance_m")) p_.travel.distance = Matrix<Distance>(p_.travel.time.size(), Distance::zero());
    }

    void objective(const json& o) {
        if (!r_.object(o, "objective",
                       {"kind",
                        "planning_quantile",
                        "planning_quantile_by_urgency",
                        "overtime_per_hour",
                        "unassigned_per_priority",
                        "urgency_factor",
                        "preferred_window_miss",
                        "preferred_window_late_per_minute",
                        "preferred_technician_miss",
                        "sla_miss",
                        "sla_late_per_minute",
                        "response_per_minute",
                        "balance_per_hour_squared",
                        "spread_per_km",
                        "moved_technician",
                        "promise_miss",
                        "promise_late_per_minute",
                        "promise_miss_per_retell",
                        "appointment_buffer",
                        "appointment_window_min",
                        "return_buffer",
                        "pooled_route_jobs",
                        "hard_emergency_sla",
                        "per_route"}))
            return;
        auto& w = p_.objective;
        if (auto k = r_.string(o, "kind", "objective", false)) {
            if (*k == "weighted")
                w.kind = ObjectiveKind::weighted;
            else if (*k == "distance")
                w.kind = ObjectiveKind::distance;
            else if (*k == "hierarchical")
                w.kind = ObjectiveKind::hierarchical;
            else
                r_.fail("objective.kind", "expected \"weighted\", \"distance\" or \"hierarchical\", got \"" + *k + "\"");
        }
        if (auto q = quantile(o, "planning_quantile", "objective")) w.planning_quantile = *q;
        if (const json* by = r_.field(o, "planning_quantile_by_urgency", "objective", false)) {
            const std::string path = "objective.planning_quantile_by_urgency";
            if (r_.object(*by, path, {"emergency", "same-day", "scheduled"}))
                for (std::size_t i = 0; i < urgency_names.size(); ++i)
                    w.planning_quantile_by_urgency[i] = quantile(*by, urgency_names[i], path);
        }
        const std::pair<const char*, double*> money[] = {{"overtime_per_hour", &w.overtime_per_hour},
                                                         {"unassigned_per_priority", &w.unassigned_per_priority},
                                                         {"preferred_window_miss", &w.preferred_window_miss},
                                                         {"preferred_window_late_per_minute", &w.preferred_window_late_per_minute},
                                                         {"preferred_technician_miss", &w.preferred_technician_miss},
                                                         {"sla_miss", &w.sla_miss},
                                                         {"sla_late_per_minute", &w.sla_late_per_minute},
                                                         {"balance_per_hour_squared", &w.balance_per_hour_squared},
                                                         {"spread_per_km", &w.spread_per_km},
                                                         {"moved_technician", &w.moved_technician},
                                                         {"promise_miss", &w.promise_miss},
                                                         {"promise_late_per_minute", &w.promise_late_per_minute},
                                                         {"promise_miss_per_retell", &w.promise_miss_per_retell},
                                                         {"per_route", &w.per_route}};
        for (auto [key, dst] : money)
            if (auto v = r_.number(o, key, "objective", false)) *dst = *v;
        by_urgency(o, "urgency_factor", w.urgency_factor);
        by_urgency(o, "response_per_minute", w.response_per_minute);
        if (auto hard = r_.boolean(o, "hard_emergency_sla", "objective", false)) w.hard_emergency_sla = *hard;
        if (const json* buffer = r_.field(o, "appointment_buffer", "objective", false)) {
            if (buffer->is_string() && buffer->get<std::string>() == "none")
                w.appointment_buffer.reset();
            else
                w.appointment_buffer = quantile(o, "appointment_buffer", "objective");
        }
        if (auto minutes = r_.number(o, "appointment_window_min", "objective", false)) w.appointment_window_min = *minutes;
        if (const json* buffer = r_.field(o, "return_buffer", "objective", false)) {
            if (buffer->is_string() && buffer->get<std::string>() == "none")
                w.return_buffer.reset();
            else
                w.return_buffer = quantile(o, "return_buffer", "objective");
        }
        if (auto m = r_.number(o, "pooled_route_jobs", "objective", false)) w.pooled_route_jobs = *m;
    }

    std::optional<Quantile> quantile(const json& o, std::string_view key, const std::string& path) {
        const auto q = r_.string(o, key, path, false);
        if (!q) return std::nullopt;
        if (const auto named = quantile_named(*q)) return named;
        r_.fail(path + "." + std::string(key), "expected \"p50\", \"p75\" or \"p90\", got \"" + *q + "\"");
        return std::nullopt;
    }

    // An object of numbers by urgency ("emergency", "same-day", "scheduled"); missing ones keep their default.
    void by_urgency(const json& o, std::string_view key, std::array<double, 3>& out) {
        const json* f = r_.field(o, key, "objective", false);
        const std::string path = "objective." + std::string(key);
        if (!f || !r_.object(*f, path, {"emergency", "same-day", "scheduled"})) return;
        for (std::size_t i = 0; i < urgency_names.size(); ++i)
            if (auto v = r_.number(*f, urgency_names[i], path, false)) out[i] = *v;
    }

    std::optional<LocationId> location(const json& j, const std::string& path) {
        if (!r_.object(j, path, {"lat", "lon", "x", "y", "matrix_index"})) return std::nullopt;
        Coordinates c;
        const bool geo = j.contains("lat") || j.contains("lon");
        const bool plane = j.contains("x") || j.contains("y");
        if (geo && plane) r_.fail(path, "give either lat/lon or x/y, not both");
        if (geo) {
            auto lat = r_.number(j, "lat", path, true);
            auto lon = r_.number(j, "lon", path, true);
            if (lat && (*lat < -90 || *lat > 90)) r_.fail(path + ".lat", fmt::format("latitude {} is outside [-90, 90]", *lat));
            if (lon && (*lon < -180 || *lon > 180)) r_.fail(path + ".lon", fmt::format("longitude {} is outside [-180, 180]", *lon));
            c = LatLon{lat.value_or(0), lon.value_or(0)};
        } else if (plane) {
            c = PlaneXY{r_.number(j, "x", path, true).value_or(0), r_.number(j, "y", path, true).value_or(0)};
        }
        if (std::holds_alternative<MatrixTravel>(p_.travel_source)) {
            auto idx = r_.integer(j, "matrix_index", path, true);
            if (!idx) return std::nullopt;
            if (*idx < 0 || static_cast<std::size_t>(*idx) >= matrix_size_) {
                r_.fail(path + ".matrix_index", "index " + std::to_string(*idx) + " is outside the " + std::to_string(matrix_size_) + "x" +
                                                    std::to_string(matrix_size_) + " matrix");
                return std::nullopt;
            }
            if (p_.locations.size() < matrix_size_) {
                p_.locations.resize(matrix_size_);
                index_used_.resize(matrix_size_, false);
            }
            const auto id = static_cast<LocationId>(*idx);
            if (!index_used_[id.value()]) p_.locations[id].coordinates = c;
            index_used_[id.value()] = true;
            return id;
        }
        if (j.contains("matrix_index")) r_.fail(path + ".matrix_index", "only meaningful with travel kind \"matrix\"");
        if (!geo && !plane) {
            r_.fail(path, "needs lat/lon or x/y coordinates");
            return std::nullopt;
        }
        p_.locations.push_back(Location{c});
        return static_cast<LocationId>(p_.locations.size() - 1);
    }

    std::vector<SkillLevel> skills(const json& obj, const std::string& path) {
        std::vector<SkillLevel> out;
        const json* a = r_.array(obj, "skills", path, false);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string ip = index_path(path + ".skills", i);
            const json& s = (*a)[i];
            std::optional<std::string> name;
            int level = 1;
            if (s.is_string())
                name = s.get<std::string>();
            else if (r_.object(s, ip, {"name", "level"})) {
                name = r_.string(s, "name", ip, true);
                if (auto l = r_.integer(s, "level", ip, false)) level = static_cast<int>(std::clamp<std::int64_t>(*l, -1, 1000));
                if (level < 1 || level > Catalog::max_level)
                    r_.fail(ip + ".level", "must be between 1 and " + std::to_string(Catalog::max_level));
            }
            if (!name) continue;
            auto id = p_.catalog.find_skill(*name);
            if (!id)
                r_.fail(ip, "unknown skill \"" + *name + "\" (not in catalog.skills)");
            else
                out.push_back({*id, std::clamp(level, 1, Catalog::max_level)});
        }
        return out;
    }

    template <class Find>
    std::vector<std::uint16_t> named(const json& obj, std::string_view key, const std::string& path, Find find, const char* what) {
        std::vector<std::uint16_t> out;
        const json* a = r_.array(obj, key, path, false);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string ip = index_path(json_input::key_path(path, key), i);
            if (!(*a)[i].is_string()) {
                r_.fail(ip, std::string("expected a string, got ") + json_input::type_name((*a)[i]));
                continue;
            }
            const auto name = (*a)[i].get<std::string>();
            if (auto id = find(name))
                out.push_back(*id);
            else
                r_.fail(ip, "unknown " + std::string(what) + " \"" + name + "\" (not in catalog." + std::string(key) + ")");
        }
        return out;
    }

    std::vector<Certification> certifications(const json& obj, const std::string& path) {
        std::vector<Certification> out;
        const json* a = r_.array(obj, "certifications", path, false);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string ip = index_path(path + ".certifications", i);
            const json& c = (*a)[i];
            std::optional<std::string> name;
            std::optional<Date> expires;
            if (c.is_string())
                name = c.get<std::string>();
            else if (r_.object(c, ip, {"name", "expires"})) {
                name = r_.string(c, "name", ip, true);
                if (auto e = r_.string(c, "expires", ip, false)) {
                    expires = parse_date(*e);
                    if (!expires) r_.fail(ip + ".expires", "\"" + *e + "\" is not a date YYYY-MM-DD");
                }
            }
            if (!name) continue;
            if (auto id = p_.catalog.find_certification(*name))
                out.push_back({*id, expires});
            else
                r_.fail(ip, "unknown certification \"" + *name + "\" (not in catalog.certifications)");
        }
        return out;
    }

    void shift(const json& s, const std::string& path, Technician& t) {
        if (!r_.object(s, path, {"start", "end", "max_overtime_min", "breaks", "start_location", "loaded", "on_the_clock"})) return;
        Shift sh;
        auto st = r_.time(s, "start", path, true);
        auto en = r_.time(s, "end", path, true);
        if (!st || !en) return;
        sh.span = {*st, *en};
        sh.max_overtime = r_.minutes(s, "max_overtime_min", path, false).value_or(Duration::zero());
        if (const json* from = r_.field(s, "start_location", path, false)) sh.start_location = location(*from, path + ".start_location");
        sh.loaded = r_.integer(s, "loaded", path, false).value_or(0);
        sh.on_the_clock = r_.boolean(s, "on_the_clock", path, false).value_or(false);
        if (const json* bs = r_.array(s, "breaks", path, false))
            for (std::size_t b = 0; b < bs->size(); ++b) {
                const std::string bp = index_path(path + ".breaks", b);
                if (!r_.object((*bs)[b], bp, {"duration_min", "window"})) continue;
                auto len = r_.minutes((*bs)[b], "duration_min", bp, true);
                const json* w = r_.field((*bs)[b], "window", bp, true);
                auto win = w ? r_.window(*w, bp + ".window") : std::nullopt;
                if (len && win) sh.breaks.push_back({*len, *win});
            }
        t.shifts.push_back(std::move(sh));
    }

    void technician(const json& j, const std::string& path) {
        if (!r_.object(j, path,
                       {"id", "name", "skills", "certifications", "equipment", "parts", "start", "end", "shifts", "cost_per_hour",
                        "cost_per_km", "efficiency", "capacity"}))
            return;
        Technician t;
        t.id = r_.string(j, "id", path, true).value_or("");
        t.name = r_.string(j, "name", path, false).value_or(t.id);
        t.skills = skills(j, path);
        t.certifications = certifications(j, path);
        t.equipment = named(
            j, "equipment", path, [&](const std::string& n) { return p_.catalog.find_equipment(n); }, "equipment");
        if (const json* parts = r_.array(j, "parts", path, false))
            for (std::size_t i = 0; i < parts->size(); ++i) {
                if ((*parts)[i].is_string())
                    t.parts.push_back((*parts)[i].get<std::string>());
                else
                    r_.fail(index_path(path + ".parts", i), "expected a string");
            }
        if (const json* s = r_.field(j, "start", path, true)) t.start_location = location(*s, path + ".start").value_or(LocationId(0));
        t.end_location = t.start_location;
        if (const json* e = r_.field(j, "end", path, false)) t.end_location = location(*e, path + ".end").value_or(LocationId(0));
        if (const json* ss = r_.array(j, "shifts", path, true))
            for (std::size_t i = 0; i < ss->size(); ++i) shift((*ss)[i], index_path(path + ".shifts", i), t);
        t.cost_per_hour = r_.number(j, "cost_per_hour", path, false).value_or(0);
        t.cost_per_km = r_.number(j, "cost_per_km", path, false).value_or(0);
        t.efficiency = r_.number(j, "efficiency", path, false).value_or(1.0);
        t.capacity = r_.integer(j, "capacity", path, false).value_or(Technician::unlimited_capacity);
        p_.technicians.push_back(std::move(t));
    }

    std::optional<TechnicianIndex> tech_ref(const json& v, const std::string& path) {
        if (!v.is_string()) {
            r_.fail(path, std::string("expected a technician id, got ") + json_input::type_name(v));
            return std::nullopt;
        }
        auto it = tech_index_.find(v.get<std::string>());
        if (it == tech_index_.end()) {
            r_.fail(path, "unknown technician \"" + v.get<std::string>() + "\"");
            return std::nullopt;
        }
        return static_cast<TechnicianIndex>(it->second);
    }

    std::vector<TechnicianIndex> tech_refs(const json& j, std::string_view key, const std::string& path) {
        std::vector<TechnicianIndex> out;
        if (const json* a = r_.array(j, key, path, false))
            for (std::size_t i = 0; i < a->size(); ++i)
                if (auto t = tech_ref((*a)[i], index_path(json_input::key_path(path, key), i))) out.push_back(*t);
        return out;
    }

    void duration(const json& j, const std::string& path, Job& job) {
        const json* d = r_.field(j, "duration_min", path, true);
        if (!d) return;
        const std::string dp = path + ".duration_min";
        if (d->is_number()) {
            if (auto v = r_.minutes_value(*d, dp)) {
                if (*v < Duration::zero()) r_.fail(dp, fmt::format("duration {} min is negative", d->get<double>()));
                job.duration = DurationQuantiles::fixed(*v);
            }
            return;
        }
        if (!r_.object(*d, dp, {"p50", "p75", "p90"})) return;
        auto p50 = r_.minutes(*d, "p50", dp, true), p75 = r_.minutes(*d, "p75", dp, true), p90 = r_.minutes(*d, "p90", dp, true);
        if (p50 && p75 && p90) job.duration = {*p50, *p75, *p90};
    }

    // What the customer was told: {"technician": ID, "window": {...}}, either or both, how early
    // they may be brought forward ("earliest"), and how many times they were re-told ("retold").
    void promise(const json& pr, const std::string& path, Job& job) {
        if (!r_.object(pr, path, {"technician", "window", "earliest", "retold"})) return;
        if (const json* t = r_.field(pr, "technician", path, false)) job.promised_technician = tech_ref(*t, path + ".technician");
        if (const json* w = r_.field(pr, "window", path, false)) job.promised_window = r_.window(*w, path + ".window");
        job.promised_earliest = r_.time(pr, "earliest", path, false);
        // Only what the type cannot hold fails here; check_problem bounds the count.
        if (auto n = r_.integer(pr, "retold", path, false)) {
            if (*n < 0 || *n > std::numeric_limits<std::uint32_t>::max())
                r_.fail(path + ".retold", fmt::format("{} is not a count of re-tells", *n));
            else
                job.times_retold = static_cast<std::uint32_t>(*n);
        }
    }

    void job(const json& j, const std::string& path) {
        if (!r_.object(j, path,
                       {"id",
                        "customer_id",
                        "job_type",
                        "description",
                        "location",
                        "skills",
                        "certifications",
                        "equipment",
                        "duration_min",
                        "time_windows",
                        "preferred_window",
                        "urgency",
                        "priority",
                        "sla_deadline",
                        "reported_at",
                        "cancelled_at",
                        "preferred_technicians",
                        "required_technicians",
                        "excluded_technicians",
                        "pinned",
                        "promised",
                        "demand",
                        "interruptible"}))
            return;
        Job job;
        job.id = r_.string(j, "id", path, true).value_or("");
        job.customer_id = r_.string(j, "customer_id", path, false).value_or("");
        job.job_type = r_.string(j, "job_type", path, false).value_or("");
        job.description = r_.string(j, "description", path, false).value_or("");
        if (const json* l = r_.field(j, "location", path, true)) job.location = location(*l, path + ".location").value_or(LocationId(0));
        job.skills = skills(j, path);
        job.certifications = named(
            j, "certifications", path, [&](const std::string& n) { return p_.catalog.find_certification(n); }, "certification");
        job.equipment = named(
            j, "equipment", path, [&](const std::string& n) { return p_.catalog.find_equipment(n); }, "equipment");
        duration(j, path, job);
        if (const json* ws = r_.array(j, "time_windows", path, false))
            for (std::size_t i = 0; i < ws->size(); ++i)
                if (auto w = r_.window((*ws)[i], index_path(path + ".time_windows", i))) job.time_windows.push_back(*w);
        if (const json* pw = r_.field(j, "preferred_window", path, false))
            job.preferred_window = r_.window(*pw, path + ".preferred_window");
        if (auto u = r_.string(j, "urgency", path, false)) {
            bool found = false;
            for (std::size_t i = 0; i < urgency_names.size(); ++i)
                if (urgency_names[i] == *u) {
                    job.urgency = static_cast<Urgency>(i);
                    found = true;
                }
            if (!found) r_.fail(path + ".urgency", "expected \"emergency\", \"same-day\" or \"scheduled\", got \"" + *u + "\"");
        }
        if (auto pr = r_.integer(j, "priority", path, false)) job.priority = static_cast<int>(std::clamp<std::int64_t>(*pr, -1, 1000));
        job.sla_deadline = r_.time(j, "sla_deadline", path, false);
        job.reported_at = r_.time(j, "reported_at", path, false);
        job.cancelled_at = r_.time(j, "cancelled_at", path, false);
        job.preferred_technicians = tech_refs(j, "preferred_technicians", path);
        job.required_technicians = tech_refs(j, "required_technicians", path);
        job.excluded_technicians = tech_refs(j, "excluded_technicians", path);
        if (const json* pin = r_.field(j, "pinned", path, false)) {
            if (r_.object(*pin, path + ".pinned", {"technician", "start"})) {
                if (const json* t = r_.field(*pin, "technician", path + ".pinned", false))
                    job.pinned_technician = tech_ref(*t, path + ".pinned.technician");
                job.pinned_start = r_.time(*pin, "start", path + ".pinned", false);
            }
        }
        if (const json* promised = r_.field(j, "promised", path, false)) promise(*promised, path + ".promised", job);
        job.demand = r_.integer(j, "demand", path, false).value_or(0);
        job.interruptible = r_.boolean(j, "interruptible", path, false).value_or(false);
        p_.jobs.push_back(std::move(job));
    }

    JsonReader r_;
    Problem p_;
    std::size_t matrix_size_ = 0;
    std::vector<bool> index_used_;
    std::map<std::string, std::size_t> tech_index_;
};

json time_json(const Problem& p, TimePoint t) {
    if (p.horizon.start_date) return format_local_time(t, *p.horizon.start_date);
    return t.count();
}

json minutes_json(Duration d) {
    if (d.count() % 60 == 0) return d.count() / 60;
    return static_cast<double>(d.count()) / 60.0;
}

json window_json(const Problem& p, const TimeWindow& w) {
    return {{"start", time_json(p, w.start)}, {"end", time_json(p, w.end)}};
}

json location_json(const Problem& p, LocationId id) {
    json out = json::object();
    const auto& c = p.locations[id].coordinates;
    if (const auto* g = std::get_if<LatLon>(&c)) out = {{"lat", g->lat}, {"lon", g->lon}};
    if (const auto* xy = std::get_if<PlaneXY>(&c)) out = {{"x", xy->x}, {"y", xy->y}};
    if (std::holds_alternative<MatrixTravel>(p.travel_source)) out["matrix_index"] = id.value();
    return out;
}

json skills_json(const Problem& p, const std::vector<SkillLevel>& v) {
    json a = json::array();
    for (const auto& s : v) a.push_back({{"name", p.catalog.skills[s.skill]}, {"level", s.level}});
    return a;
}

json names_json(const std::vector<std::string>& names, const std::vector<std::uint16_t>& ids) {
    json a = json::array();
    for (auto id : ids) a.push_back(names[id]);
    return a;
}

json travel_json(const Problem& p) {
    json t;
    if (const auto* s = std::get_if<StraightLineTravel>(&p.travel_source)) {
        t = {{"kind", "straight_line"}, {"speed_kmh", s->speed_kmh}, {"detour_factor", s->detour_factor}};
    } else if (const auto* e = std::get_if<EuclideanTravel>(&p.travel_source)) {
        t = {{"kind", "euclidean"}, {"convention", e->convention == EuclideanTravel::Convention::dimacs ? "dimacs" : "double"}};
    } else if (const auto* r = std::get_if<RoadTravel>(&p.travel_source)) {
        t = {{"kind", "roads"}, {"path", r->path}, {"max_snap_m", r->max_snap_m}};
    } else {
        const std::size_t n = p.travel.time.size();
        json time = json::array(), dist = json::array();
        for (std::size_t a = 0; a < n; ++a) {
            json tr = json::array(), dr = json::array();
            for (std::size_t b = 0; b < n; ++b) {
                tr.push_back(p.travel.time(a, b).count());
                dr.push_back(p.travel.distance(a, b).count());
            }
            time.push_back(std::move(tr));
            dist.push_back(std::move(dr));
        }
        t = {{"kind", "matrix"}, {"time_s", std::move(time)}, {"distance_m", std::move(dist)}};
    }
    return t;
}

json by_urgency_json(const std::array<double, 3>& values) {
    json f = json::object();
    for (std::size_t i = 0; i < 3; ++i) f[std::string(urgency_names[i])] = values[i];
    return f;
}

json objective_json(const Problem& p) {
    const auto& w = p.objective;
    constexpr const char* kinds[] = {"weighted", "distance", "hierarchical"};
    json out = {{"kind", kinds[static_cast<int>(w.kind)]},
                {"planning_quantile", quantile_names[static_cast<int>(w.planning_quantile)]},
                {"overtime_per_hour", w.overtime_per_hour},
                {"unassigned_per_priority", w.unassigned_per_priority},
                {"urgency_factor", by_urgency_json(w.urgency_factor)},
                {"preferred_window_miss", w.preferred_window_miss},
                {"preferred_window_late_per_minute", w.preferred_window_late_per_minute},
                {"preferred_technician_miss", w.preferred_technician_miss},
                {"sla_miss", w.sla_miss},
                {"sla_late_per_minute", w.sla_late_per_minute},
                {"response_per_minute", by_urgency_json(w.response_per_minute)},
                {"balance_per_hour_squared", w.balance_per_hour_squared},
                {"spread_per_km", w.spread_per_km},
                {"moved_technician", w.moved_technician},
                {"promise_miss", w.promise_miss},
                {"promise_late_per_minute", w.promise_late_per_minute},
                {"promise_miss_per_retell", w.promise_miss_per_retell},
                {"hard_emergency_sla", w.hard_emergency_sla},
                {"appointment_buffer", w.appointment_buffer ? json(quantile_names[static_cast<int>(*w.appointment_buffer)]) : json("none")},
                {"appointment_window_min", w.appointment_window_min},
                {"per_route", w.per_route}};
    json by = json::object();
    for (std::size_t i = 0; i < 3; ++i)
        if (w.planning_quantile_by_urgency[i])
            by[std::string(urgency_names[i])] = quantile_names[static_cast<int>(*w.planning_quantile_by_urgency[i])];
    if (!by.empty()) out["planning_quantile_by_urgency"] = by;
    if (w.pooled_route_jobs != 1.0) out["pooled_route_jobs"] = w.pooled_route_jobs;
    if (w.return_buffer) out["return_buffer"] = quantile_names[static_cast<int>(*w.return_buffer)];
    return out;
}

json technician_json(const Problem& p, const Technician& t) {
    json certs = json::array();
    for (const auto& c : t.certifications) {
        json cj = {{"name", p.catalog.certifications[c.certification]}};
        if (c.expires) cj["expires"] = format_date(*c.expires);
        certs.push_back(cj);
    }
    json shifts = json::array();
    for (const auto& s : t.shifts) {
        json breaks = json::array();
        for (const auto& b : s.breaks) breaks.push_back({{"duration_min", minutes_json(b.length)}, {"window", window_json(p, b.window)}});
        json sj = {{"start", time_json(p, s.span.start)}, {"end", time_json(p, s.span.end)}, {"breaks", breaks}};
        if (s.max_overtime > Duration::zero()) sj["max_overtime_min"] = minutes_json(s.max_overtime);
        if (s.start_location) sj["start_location"] = location_json(p, *s.start_location);
        if (s.loaded != 0) sj["loaded"] = s.loaded;
        if (s.on_the_clock) sj["on_the_clock"] = true;
        shifts.push_back(sj);
    }
    json tj = {{"id", t.id},
               {"name", t.name},
               {"skills", skills_json(p, t.skills)},
               {"certifications", certs},
               {"equipment", names_json(p.catalog.equipment, t.equipment)},
               {"parts", t.parts},
               {"start", location_json(p, t.start_location)}};
    // Omitted when it is the start, so the two stay one location after a round trip.
    if (t.end_location != t.start_location) tj["end"] = location_json(p, t.end_location);
    tj.update(json{{"shifts", shifts}, {"cost_per_hour", t.cost_per_hour}, {"cost_per_km", t.cost_per_km}, {"efficiency", t.efficiency}});
    if (t.capacity != Technician::unlimited_capacity) tj["capacity"] = t.capacity;
    return tj;
}

json job_json(const Problem& p, const Job& j) {
    auto ids = [&](const std::vector<TechnicianIndex>& v) {
        json a = json::array();
        for (auto t : v) a.push_back(p.technicians[t].id);
        return a;
    };
    json jj = {{"id", j.id}, {"location", location_json(p, j.location)}};
    if (!j.customer_id.empty()) jj["customer_id"] = j.customer_id;
    if (!j.job_type.empty()) jj["job_type"] = j.job_type;
    if (!j.description.empty()) jj["description"] = j.description;
    if (!j.skills.empty()) jj["skills"] = skills_json(p, j.skills);
    if (!j.certifications.empty()) jj["certifications"] = names_json(p.catalog.certifications, j.certifications);
    if (!j.equipment.empty()) jj["equipment"] = names_json(p.catalog.equipment, j.equipment);
    if (j.duration.is_fixed())
        jj["duration_min"] = minutes_json(j.duration.p50);
    else
        jj["duration_min"] = {
            {"p50", minutes_json(j.duration.p50)}, {"p75", minutes_json(j.duration.p75)}, {"p90", minutes_json(j.duration.p90)}};
    if (!j.time_windows.empty()) {
        json ws = json::array();
        for (const auto& w : j.time_windows) ws.push_back(window_json(p, w));
        jj["time_windows"] = ws;
    }
    if (j.preferred_window) jj["preferred_window"] = window_json(p, *j.preferred_window);
    jj["urgency"] = to_string(j.urgency);
    jj["priority"] = j.priority;
    if (j.sla_deadline) jj["sla_deadline"] = time_json(p, *j.sla_deadline);
    if (j.reported_at) jj["reported_at"] = time_json(p, *j.reported_at);
    if (j.cancelled_at) jj["cancelled_at"] = time_json(p, *j.cancelled_at);
    if (!j.preferred_technicians.empty()) jj["preferred_technicians"] = ids(j.preferred_technicians);
    if (!j.required_technicians.empty()) jj["required_technicians"] = ids(j.required_technicians);
    if (!j.excluded_technicians.empty()) jj["excluded_technicians"] = ids(j.excluded_technicians);
    if (j.pinned_technician || j.pinned_start) {
        json pin = json::object();
        if (j.pinned_technician) pin["technician"] = p.technicians[*j.pinned_technician].id;
        if (j.pinned_start) pin["start"] = time_json(p, *j.pinned_start);
        jj["pinned"] = pin;
    }
    if (j.promised_technician || j.promised_window || j.times_retold) {
        json pr = json::object();
        if (j.promised_technician) pr["technician"] = p.technicians[*j.promised_technician].id;
        if (j.promised_window) pr["window"] = window_json(p, *j.promised_window);
        if (j.promised_earliest) pr["earliest"] = time_json(p, *j.promised_earliest);
        if (j.times_retold) pr["retold"] = j.times_retold;
        jj["promised"] = pr;
    }
    if (j.demand) jj["demand"] = j.demand;
    if (j.interruptible) jj["interruptible"] = true;
    return jj;
}

}  // namespace

std::string time_to_text(const Problem& problem, TimePoint t) {
    return problem.time_text(t);
}

namespace io_detail {

Problem read_problem(const Json& doc, std::vector<InputError>& errors) {
    ProblemReader reader;
    Problem p = reader.read(doc);
    errors = std::move(reader.errors());
    return p;
}

}  // namespace io_detail

Problem problem_from_json(const json& doc) {
    std::vector<InputError> errors;
    Problem p = io_detail::read_problem(doc, errors);
    std::vector<InputError> semantic = check_problem(p);
    // Tables the document does not hold are resolve_travel()'s to build and check.
    if (!std::holds_alternative<MatrixTravel>(p.travel_source))
        std::erase_if(semantic, [](const InputError& e) { return e.path == "travel"; });
    io_detail::merge_semantic(errors, semantic);
    if (!errors.empty()) throw InputErrors(std::move(errors));
    return p;
}

json problem_to_json(const Problem& p) {
    json doc = {{"format", problem_format}, {"name", p.name}};
    json h = {{"days", p.horizon.days}};
    if (p.horizon.start_date) h["start_date"] = format_date(*p.horizon.start_date);
    if (!p.horizon.timezone.empty()) h["timezone"] = p.horizon.timezone;
    doc["horizon"] = h;
    if (p.scale != 1 && !std::holds_alternative<EuclideanTravel>(p.travel_source)) doc["scale"] = p.scale;
    doc["catalog"] = {{"skills", p.catalog.skills}, {"certifications", p.catalog.certifications}, {"equipment", p.catalog.equipment}};
    doc["travel"] = travel_json(p);
    doc["objective"] = objective_json(p);
    json techs = json::array();
    for (const auto& t : p.technicians) techs.push_back(technician_json(p, t));
    doc["technicians"] = techs;
    json jobs = json::array();
    for (const auto& j : p.jobs) jobs.push_back(job_json(p, j));
    doc["jobs"] = jobs;
    return doc;
}

Plan plan_from_json(const json& doc, const Problem& p) {
    JsonReader r;
    r.horizon_start = p.horizon.start_date;
    Plan plan;
    std::map<std::string, TechnicianIndex> techs;
    std::map<std::string, JobIndex> jobs;
    for (std::size_t i = 0; i < p.technicians.size(); ++i) techs.emplace(p.technicians[i].id, static_cast<TechnicianIndex>(i));
    for (std::size_t i = 0; i < p.jobs.size(); ++i) jobs.emplace(p.jobs[i].id, static_cast<JobIndex>(i));
    auto job_ref = [&](const json& obj, const std::string& path) -> std::optional<JobIndex> {
        auto id = r.string(obj, "job", path, true);
        if (!id) return std::nullopt;
        auto it = jobs.find(*id);
        if (it == jobs.end()) {
            r.fail(path + ".job", "unknown job \"" + *id + "\"");
            return std::nullopt;
        }
        return it->second;
    };
    // A stated time within a year of the horizon: anything further is no plan of this problem, and
    // would overflow the evaluator's arithmetic or draw a timeline of years.
    auto stated_time = [&](const json& obj, std::string_view key, const std::string& path) {
        const auto t = r.time(obj, key, path, false);
        if (!t) return TimePoint::min();
        if (!p.near_horizon(*t)) {
            r.fail(json_input::key_path(path, key), "is more than a year outside the problem's horizon");
            return TimePoint::min();
        }
        return *t;
    };
    // A stop reported from the field states both its start and its end, in that order.
    auto read_reported = [&](const json& sj, const std::string& sp, Stop& stop) {
        stop.as_reported = r.boolean(sj, "as_reported", sp, false).value_or(false);
        if (!stop.as_reported) return;
        const std::size_t errors = r.errors.size();
        stop.end = stated_time(sj, "end", sp);
        if (r.errors.size() > errors) {
            // the end is refused at its own path
        } else if (stop.start == TimePoint::min() || stop.end == TimePoint::min())
            r.fail(json_input::key_path(sp, "as_reported"), "a stop as reported states its start and its end");
        else if (stop.end < stop.start)
            r.fail(json_input::key_path(sp, "end"), "is before the stop's start");
        else
            return;
        stop.as_reported = false;  // refused: the reader throws once every error is collected
    };
    // Where the plan picks up after the reports: a job's door and a time, both required.
    auto read_resumption = [&](const json& rj, const std::string& path) -> std::optional<Resumption> {
        if (!r.object(rj, path, {"door", "at"})) return std::nullopt;
        const std::size_t errors = r.errors.size();
        std::optional<JobIndex> door;
        if (const auto id = r.string(rj, "door", path, true)) {
            if (const auto it = jobs.find(*id); it != jobs.end())
                door = it->second;
            else
                r.fail(path + ".door", "unknown job \"" + *id + "\"");
        }
        const TimePoint at = stated_time(rj, "at", path);
        if (at == TimePoint::min() && r.errors.size() == errors) r.fail(json_input::key_path(path, "at"), "is required");
        if (!door || at == TimePoint::min()) return std::nullopt;
        return Resumption{*door, at};
    };
    if (!r.object(doc, "", {"format", "problem", "routes", "unassigned", "kpis", "violations", "already_broken", "feasible"}))
        throw InputErrors(std::move(r.errors));
    auto f = r.string(doc, "format", "", true);
    if (f && *f != plan_format) r.fail("format", "unsupported format \"" + *f + "\", expected \"" + plan_format + "\"");
    // A plan names the problem it was made for; another problem's plan would be read job by job
    // into nonsense (ids that happen to match) rather than refused.
    if (const auto name = r.string(doc, "problem", "", false); name && !name->empty() && !p.name.empty() && *name != p.name)
        r.fail("problem", "the plan is for problem \"" + *name + "\", not \"" + p.name + "\"");
    if (const json* routes = r.array(doc, "routes", "", true))
        for (std::size_t ri = 0; ri < routes->size(); ++ri) {
            const json& rj = (*routes)[ri];
            const std::string path = index_path("routes", ri);
            if (!r.object(rj, path, {"technician", "shift", "departure", "return", "stops", "resumes", "distance", "travel_min"})) continue;
            Route route;
            auto tid = r.string(rj, "technician", path, true);
            if (tid) {
                auto it = techs.find(*tid);
                if (it == techs.end())
                    r.fail(path + ".technician", "unknown technician \"" + *tid + "\"");
                else
                    route.technician = it->second;
            }
            auto shift = r.integer(rj, "shift", path, false).value_or(0);
            if (tid && techs.count(*tid) && (shift < 0 || static_cast<std::size_t>(shift) >= p.technicians[route.technician].shifts.size()))
                r.fail(path + ".shift", "technician \"" + *tid + "\" has no shift " + std::to_string(shift));
            route.shift = static_cast<std::uint32_t>(std::max<std::int64_t>(shift, 0));
            route.departure = stated_time(rj, "departure", path);
            if (const json* stops = r.array(rj, "stops", path, true))
                for (std::size_t si = 0; si < stops->size(); ++si) {
                    const json& sj = (*stops)[si];
                    const std::string sp = index_path(path + ".stops", si);
                    if (!r.object(sj, sp, {"job", "break", "arrival", "start", "end", "wait_min", "eta", "as_reported", "set_out"}))
                        continue;
                    Stop stop;
                    if (sj.contains("break") && sj.contains("job")) {
                        r.fail(sp, "a stop is a job or a break, not both");
                        continue;
                    }
                    if (sj.contains("break")) {
                        auto b = r.integer(sj, "break", sp, true);
                        if (!b || *b < 0) {
                            if (b) r.fail(sp + ".break", "must not be negative");
                            continue;
                        }
                        stop = Stop::rest(static_cast<std::uint32_t>(*b));
                    } else {
                        auto j = job_ref(sj, sp);
                        if (!j) continue;
                        stop = Stop::job(*j);
                    }
                    stop.start = stated_time(sj, "start", sp);
                    read_reported(sj, sp, stop);
                    stop.set_out = r.boolean(sj, "set_out", sp, false).value_or(false);
                    if (stop.set_out && stop.kind != StopKind::job)
                        r.fail(json_input::key_path(sp, "set_out"), "only a job is set out for");
                    if (stop.set_out) {
                        const std::size_t before = r.errors.size();
                        stop.arrival = stated_time(sj, "arrival", sp);
                        if (stop.arrival == TimePoint::min() && r.errors.size() == before)
                            r.fail(json_input::key_path(sp, "set_out"), "a job set out for states the trip's arrival");
                        if (stop.as_reported)
                            r.fail(json_input::key_path(sp, "set_out"), "a stop as reported is no longer being driven to");
                    }
                    route.stops.push_back(stop);
                }
            if (const json* res = r.field(rj, "resumes", path, false)) route.resumes = read_resumption(*res, path + ".resumes");
            plan.routes.push_back(std::move(route));
        }
    if (const json* un = r.array(doc, "unassigned", "", false))
        for (std::size_t ui = 0; ui < un->size(); ++ui) {
            const std::string path = index_path("unassigned", ui);
            if (!r.object((*un)[ui], path, {"job", "reason", "detail", "reason_text"})) continue;
            auto j = job_ref((*un)[ui], path);
            Unassigned u;
            auto code = r.string((*un)[ui], "reason", path, false).value_or("not_planned");
            bool found = false;
            for (std::size_t k = 0; k < unassigned_reason_codes.size(); ++k)
                if (unassigned_reason_codes[k] == code) {
                    u.reason = static_cast<UnassignedReason>(k);
                    found = true;
                }
            if (!found) r.fail(path + ".reason", "unknown reason \"" + code + "\"");
            u.detail = r.string((*un)[ui], "detail", path, false).value_or("");
            if (j) {
                u.job = *j;
                plan.unassigned.push_back(std::move(u));
            }
        }
    if (!r.errors.empty()) throw InputErrors(std::move(r.errors));
    return plan;
}

namespace {

json sla_kpis_json(const Kpis& k, double per_minute) {
    json out = json::object();
    for (std::size_t u = 0; u < 3; ++u) {
        const SlaKpis& s = k.sla[u];
        out[std::string(urgency_names[u])] = {{"with_deadline", s.with_deadline},
                                              {"met", s.met},
                                              {"missed", s.missed},
                                              {"late_min_total", static_cast<double>(s.late_total.count()) / per_minute},
                                              {"late_min_max", static_cast<double>(s.late_max.count()) / per_minute}};
    }
    return out;
}

json technician_hours_json(const Problem& p, const Kpis& k) {
    json out = json::object();
    auto h = [](Duration d) { return static_cast<double>(d.count()) / 3600.0; };
    for (std::size_t t = 0; t < p.technicians.size() && t < k.hours.size(); ++t) {
        const TechnicianHours& x = k.hours[t];
        out[p.technicians[t].id] = {{"shift", h(x.shift)},   {"service", h(x.service)}, {"travel", h(x.travel)},
                                    {"breaks", h(x.breaks)}, {"waiting", h(x.waiting)}, {"idle", h(x.idle())}};
    }
    return out;
}

}  // namespace

json kpis_to_json(const Problem& p, const Kpis& k) {
    json per = json::object();
    for (std::size_t t = 0; t < p.technicians.size(); ++t) per[p.technicians[t].id] = k.jobs_per_technician[t];
    json un = json::object();
    for (std::size_t u = 0; u < 3; ++u) un[std::string(urgency_names[u])] = k.unassigned_by_urgency[u];
    const double per_minute = 60.0 * static_cast<double>(p.scale);
    return {{"travel_min", static_cast<double>(k.travel_time.count()) / per_minute},
            {"distance", k.distance_in_source_units},
            {"distance_unit", p.objective.kind == ObjectiveKind::weighted ? "km" : "instance"},
            {"service_min", static_cast<double>(k.service_time.count()) / per_minute},
            {"waiting_min", static_cast<double>(k.waiting.count()) / per_minute},
            {"overtime_min", static_cast<double>(k.overtime.count()) / per_minute},
            {"on_time_pct", k.on_time_pct},
            {"utilisation_pct", k.utilisation_pct},
            {"routes_used", k.routes_used},
            {"jobs_assigned", k.jobs_assigned},
            {"jobs_cancelled", k.jobs_cancelled},
            {"jobs_per_technician", per},
            {"unassigned_by_urgency", un},
            {"sla", sla_kpis_json(k, per_minute)},
            {"emergency_response_min",
             {{"served", k.emergencies_served},
              {"mean", static_cast<double>(k.emergency_response_mean.count()) / per_minute},
              {"max", static_cast<double>(k.emergency_response_max.count()) / per_minute}}},
            {"technician_hours", technician_hours_json(p, k)},
            {"service_hours_max", k.service_hours_max},
            {"service_hours_min", k.service_hours_min},
            {"spread_km_mean", k.spread_km_mean},
            {"spread_km_max", k.spread_km_max},
            {"cost", p.objective.kind == ObjectiveKind::weighted ? json(to_currency(k.cost)) : json(k.cost.count())}};
}

json violations_to_json(const std::vector<Violation>& violations) {
    json a = json::array();
    for (const auto& v : violations) a.push_back({{"kind", to_string(v.kind)}, {"where", v.where}, {"message", v.message}});
    return a;
}

json plan_to_json(const Problem& p, const Plan& plan, const Evaluation* ev) {
    json routes = json::array();
    for (std::size_t ri = 0; ri < plan.routes.size(); ++ri) {
        const Route& r = plan.routes[ri];
        json stops = json::array();
        for (std::size_t si = 0; si < r.stops.size(); ++si) {
            const Stop& s = r.stops[si];
            json sj = s.kind == StopKind::job ? json{{"job", p.jobs[s.job_index()].id}} : json{{"break", s.index}};
            if (s.arrival != TimePoint::min()) sj["arrival"] = time_json(p, s.arrival);
            if (s.start != TimePoint::min()) sj["start"] = time_json(p, s.start);
            if (s.end != TimePoint::min()) sj["end"] = time_json(p, s.end);
            if (s.as_reported) sj["as_reported"] = true;
            if (s.set_out) sj["set_out"] = true;
            if (s.arrival != TimePoint::min() && s.start != TimePoint::min()) sj["wait_min"] = minutes_json(s.wait());
            // The customer's ETA window, when the evaluation that re-derived this plan is at hand.
            if (ev && s.kind == StopKind::job && ri < ev->eta.size() && si < ev->eta[ri].size())
                sj["eta"] = {{"p50", time_json(p, ev->eta[ri][si].p50)}, {"p90", time_json(p, ev->eta[ri][si].p90)}};
            stops.push_back(sj);
        }
        json rj = {{"technician", p.technicians[r.technician].id}, {"shift", r.shift}};
        if (r.departure != TimePoint::min()) rj["departure"] = time_json(p, r.departure);
        if (r.return_time != TimePoint::min()) rj["return"] = time_json(p, r.return_time);
        rj["stops"] = stops;
        if (r.resumes) rj["resumes"] = {{"door", p.jobs[r.resumes->door].id}, {"at", time_json(p, r.resumes->at)}};
        routes.push_back(rj);
    }
    json un = json::array();
    for (const auto& u : plan.unassigned) {
        json uj = {{"job", p.jobs[u.job].id}, {"reason", to_code(u.reason)}, {"reason_text", to_string(u.reason)}};
        if (!u.detail.empty()) uj["detail"] = u.detail;
        un.push_back(uj);
    }
    json doc = {{"format", plan_format}, {"problem", p.name}, {"routes", routes}, {"unassigned", un}};
    if (ev) {
        doc["feasible"] = ev->feasible();
        doc["kpis"] = kpis_to_json(p, ev->kpis);
        doc["violations"] = violations_to_json(ev->violations);
        if (!ev->already_broken.empty()) doc["already_broken"] = violations_to_json(ev->already_broken);
    }
    return doc;
}

}  // namespace fsd
