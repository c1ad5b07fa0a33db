#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "fsd/model/problem.hpp"

namespace fsd {

InputErrors::InputErrors(std::vector<InputError> errors)
    : std::runtime_error(errors.empty()
                             ? std::string("invalid input")
                             : errors.front().to_string() +
                                   (errors.size() > 1 ? " (and " + std::to_string(errors.size() - 1) + " more)" : std::string())),
      errors_(std::move(errors)) {}

namespace {

// Loads and capacities are summed along routes: bounded so that no sum overflows.
constexpr std::int64_t max_load = 1'000'000'000'000;

std::string at(const std::string& base, std::size_t i) {
    return base + "[" + std::to_string(i) + "]";
}

struct BreakFailure {
    std::optional<std::uint32_t> index;  // the first break that cannot be taken, if any
    bool runs_late = false;              // it could start, but not be over by the shift's last minute
};

// The shift's breaks taken in `order`, each as early as the shift and the breaks before it allow.
BreakFailure take_breaks(const Shift& s, const std::vector<std::uint32_t>& order) {
    const TimePoint last = s.planned_return_limit();
    TimePoint free = s.span.start;
    for (std::uint32_t b : order) {
        const Break& br = s.breaks[b];
        const TimePoint start = max(free, br.window.start);
        if (start > br.window.end) return {b, false};
        if (start + br.length > last) return {b, true};
        free = start + br.length;
    }
    return {};
}

class Checker {
public:
    explicit Checker(const Problem& p) : p_(p) {}

    std::vector<InputError> run() {
        horizon();
        catalog();
        locations();
        travel();
        objective();
        std::set<std::string> ids;
        for (std::size_t i = 0; i < p_.technicians.size(); ++i) technician(i, ids);
        ids.clear();
        for (std::size_t i = 0; i < p_.jobs.size(); ++i) job(i, ids);
        return std::move(errors_);
    }

private:
    void fail(std::string path, std::string msg) { errors_.push_back({std::move(path), std::move(msg)}); }

    std::string clock(TimePoint t) const { return p_.time_text(t); }

    // A job's window may also open in the small hours after the horizon, while a shift of its last
    // day is still out (Problem::work_end); a shift's or a break's may not.
    void window(const std::string& path, const TimeWindow& w, bool of_job = false) {
        if (w.end < w.start) fail(path, "end " + clock(w.end) + " is before start " + clock(w.start));
        if (w.start < TimePoint(0) || w.start > (of_job ? p_.work_end() : p_.horizon_end()))
            fail(path, "start " + clock(w.start) + " is outside the horizon of " + std::to_string(p_.horizon.days) + " day(s)" +
                           (of_job ? " and its shifts" : ""));
        else if (!p_.near_horizon(w.end))
            fail(path, "end is more than a year after the horizon");
    }

    // A time that may lie outside the horizon (a ticket reported last week), but not so far that
    // the search's minute-by-minute costs overflow.
    void moment(const std::string& path, const std::optional<TimePoint>& t) {
        if (t && !p_.near_horizon(*t)) fail(path, "is more than a year outside the horizon");
    }

    void horizon() {
        if (p_.horizon.days < 1 || p_.horizon.days > 366)
            fail("horizon.days", "must be between 1 and 366, got " + std::to_string(p_.horizon.days));
        if (p_.scale < 1) fail("scale", "must be at least 1");
    }

    void catalog() {
        const auto& c = p_.catalog;
        if (c.bits_needed() > CapabilitySet::capacity)
            fail("catalog", "needs " + std::to_string(c.bits_needed()) + " capability bits, at most " +
                                std::to_string(CapabilitySet::capacity) + " are supported (" + std::to_string(Catalog::max_level) +
                                " per skill, 1 per certification and equipment item)");
        unique_names("catalog.skills", c.skills);
        unique_names("catalog.certifications", c.certifications);
        unique_names("catalog.equipment", c.equipment);
    }

    void unique_names(const std::string& path, const std::vector<std::string>& names) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i].empty()) fail(at(path, i), "empty name");
            if (!seen.insert(names[i]).second) fail(at(path, i), "duplicate name \"" + names[i] + "\"");
        }
    }

    void locations() {
        for (std::size_t i = 0; i < p_.locations.size(); ++i) {
            const auto& c = p_.locations[i].coordinates;
            if (const auto* g = std::get_if<LatLon>(&c)) {
                if (!std::isfinite(g->lat) || g->lat < -90 || g->lat > 90)
                    fail(at("locations", i) + ".lat", "latitude must be a number in [-90, 90]");
                if (!std::isfinite(g->lon) || g->lon < -180 || g->lon > 180)
                    fail(at("locations", i) + ".lon", "longitude must be a number in [-180, 180]");
            } else if (const auto* xy = std::get_if<PlaneXY>(&c)) {
                if (!std::isfinite(xy->x) || !std::isfinite(xy->y)) fail(at("locations", i), "coordinates must be finite numbers");
            }
        }
    }

    void travel() {
        const std::size_t n = p_.locations.size();
        if (p_.travel.time.size() != n || p_.travel.distance.size() != n) {
            fail("travel", "matrices are " + std::to_string(p_.travel.time.size()) + "x" + std::to_string(p_.travel.time.size()) +
                               " (time) and " + std::to_string(p_.travel.distance.size()) + "x" +
                               std::to_string(p_.travel.distance.size()) + " (distance) but there are " + std::to_string(n) + " locations");
            return;
        }
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b)
                if (p_.travel.time(a, b) < Duration::zero() || p_.travel.distance(a, b) < Distance::zero()) {
                    fail("travel", "negative entry from location " + std::to_string(a) + " to " + std::to_string(b));
                    return;
                }
    }

    void objective() {
        const auto& o = p_.objective;
        const std::pair<const char*, double> money[] = {{"overtime_per_hour", o.overtime_per_hour},
                                                        {"unassigned_per_priority", o.unassigned_per_priority},
                                                        {"preferred_window_miss", o.preferred_window_miss},
                                                        {"preferred_window_late_per_minute", o.preferred_window_late_per_minute},
                                                        {"preferred_technician_miss", o.preferred_technician_miss},
                                                        {"sla_miss", o.sla_miss},
                                                        {"sla_late_per_minute", o.sla_late_per_minute},
                                                        {"balance_per_hour_squared", o.balance_per_hour_squared},
                                                        {"spread_per_km", o.spread_per_km},
                                                        {"moved_technician", o.moved_technician},
                                                        {"promise_miss", o.promise_miss},
                                                        {"promise_late_per_minute", o.promise_late_per_minute},
                                                        {"promise_miss_per_retell", o.promise_miss_per_retell},
                                                        {"per_route", o.per_route}};
        for (auto [name, v] : money)
            if (!std::isfinite(v) || v < 0 || v > 1e6) fail(std::string("objective.") + name, "must be a number from 0 to 1000000");
        if (!std::isfinite(o.appointment_window_min) || o.appointment_window_min < 0 || o.appointment_window_min > 1440)
            fail("objective.appointment_window_min", "must be a number of minutes from 0 to 1440");
        if (!std::isfinite(o.pooled_route_jobs) || o.pooled_route_jobs < 1 || o.pooled_route_jobs > 1000)
            fail("objective.pooled_route_jobs", "must be a number of jobs from 1 to 1000");
        for (std::size_t i = 0; i < 3; ++i) {
            const std::string u(urgency_names[i]);
            if (!std::isfinite(o.urgency_factor[i]) || o.urgency_factor[i] < 0 || o.urgency_factor[i] > 1e6)
                fail("objective.urgency_factor." + u, "must be a number from 0 to 1000000");
            if (!std::isfinite(o.response_per_minute[i]) || o.response_per_minute[i] < 0 || o.response_per_minute[i] > 1e6)
                fail("objective.response_per_minute." + u, "must be a number from 0 to 1000000");
        }
    }

    void location_ref(const std::string& path, LocationId id) {
        if (!p_.locations.contains(id)) fail(path, unknown_location_message + std::to_string(id.value()));
    }

    void skills(const std::string& path, const std::vector<SkillLevel>& v) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i].skill >= p_.catalog.skills.size()) fail(at(path, i), "unknown skill");
            if (v[i].level < 1 || v[i].level > Catalog::max_level)
                fail(at(path, i) + ".level", "must be between 1 and " + std::to_string(Catalog::max_level));
        }
    }

    template <class T, class Key>
    void once(const std::string& path, const std::vector<T>& v, Key key, const char* what) {
        for (std::size_t i = 0; i < v.size(); ++i)
            for (std::size_t k = 0; k < i; ++k)
                if (key(v[k]) == key(v[i])) {
                    // By position in the list: the path is fsd's, and a VROOM reader's user knows another.
                    fail(at(path, i), std::string("the same ") + what + " as entry " + std::to_string(k) + " of the list: list each once");
                    break;
                }
    }

    void technician(std::size_t i, std::set<std::string>& ids) {
        const auto& t = p_.technicians[i];
        const std::string path = at("technicians", i);
        if (t.id.empty())
            fail(path + ".id", "empty id");
        else if (!ids.insert(t.id).second)
            fail(path + ".id", "duplicate technician id \"" + t.id + "\"");
        skills(path + ".skills", t.skills);
        for (std::size_t c = 0; c < t.certifications.size(); ++c)
            if (t.certifications[c].certification >= p_.catalog.certifications.size())
                fail(at(path + ".certifications", c), "unknown certification");
        for (std::size_t e = 0; e < t.equipment.size(); ++e)
            if (t.equipment[e] >= p_.catalog.equipment.size()) fail(at(path + ".equipment", e), "unknown equipment");
        // Listed twice, one entry would be read where the other was meant (two levels, two expiries).
        const auto skill_of = [](const SkillLevel& x) { return x.skill; };
        const auto certificate_of = [](const Certification& x) { return x.certification; };
        once(path + ".skills", t.skills, skill_of, "skill");
        once(path + ".certifications", t.certifications, certificate_of, "certification");
        once(path + ".equipment", t.equipment, std::identity{}, "equipment");
        location_ref(path + ".start", t.start_location);
        location_ref(path + ".end", t.end_location);
        for (std::size_t s = 0; s < t.shifts.size(); ++s) {
            if (t.shifts[s].start_location) location_ref(at(path + ".shifts", s) + ".start_location", *t.shifts[s].start_location);
            if (t.shifts[s].loaded < 0 || t.shifts[s].loaded > t.capacity)
                fail(at(path + ".shifts", s) + ".loaded", "must be 0 to the technician's capacity");
        }
        // Bounded so that a day's cost fits the search's integer cost units.
        if (!std::isfinite(t.cost_per_hour) || t.cost_per_hour < 0 || t.cost_per_hour > 1e6)
            fail(path + ".cost_per_hour", "must be a number from 0 to 1000000");
        if (!std::isfinite(t.cost_per_km) || t.cost_per_km < 0 || t.cost_per_km > 1e6)
            fail(path + ".cost_per_km", "must be a number from 0 to 1000000");
        if (!std::isfinite(t.efficiency) || t.efficiency < 0.1 || t.efficiency > 10)
            fail(path + ".efficiency", "must be between 0.1 and 10");
        if (t.capacity < 0 || (t.capacity > max_load && t.capacity != Technician::unlimited_capacity))
            fail(path + ".capacity", "must be 0 to 1e12 (leave it out for unlimited)");
        for (std::size_t s = 0; s < t.shifts.size(); ++s) shift(at(path + ".shifts", s), t.shifts[s]);
        for (std::size_t s = 1; s < t.shifts.size(); ++s)
            if (t.shifts[s].span.start < t.shifts[s - 1].span.end)
                fail(at(path + ".shifts", s), "overlaps the previous shift (shifts must be in time order)");
    }

    void shift(const std::string& path, const Shift& s) {
        const std::size_t defects = errors_.size();
        window(path, s.span);
        if (s.max_overtime < Duration::zero()) fail(path + ".max_overtime_min", "must not be negative");
        for (std::size_t b = 0; b < s.breaks.size(); ++b) {
            const std::string bp = at(path + ".breaks", b);
            if (s.breaks[b].length < Duration::zero()) fail(bp + ".duration_min", "must not be negative");
            window(bp + ".window", s.breaks[b].window);
        }
        if (errors_.size() == defects) breaks_fit(path, s);  // only a well-formed shift's breaks are fitted
    }

    // Every route of a shift takes the shift's planned breaks (the solver plans each one on every
    // route it uses; Shift::planned_breaks). One that no order of them lets start in its window, or
    // be over by the time routes are back (Shift::planned_return_limit), makes every day of that
    // shift infeasible: a data error, named here rather than a technician left idle. The break
    // reported is the first that fails in window order. A break the shift never owes is only a
    // warning (problem_warnings); one owed only late is never planned, so it need not fit.
    void breaks_fit(const std::string& path, const Shift& s) {
        std::vector<std::uint32_t> order = s.planned_breaks();
        const BreakFailure first = take_breaks(s, order);
        if (!first.index) return;
        if (order.size() <= 7) {  // breaks are few: try every order
            std::sort(order.begin(), order.end());
            do
                if (!take_breaks(s, order).index) return;
            while (std::next_permutation(order.begin(), order.end()));
        }
        fail(at(path + ".breaks", *first.index) + ".window",
             first.runs_late ? "the break cannot be over by the shift's end plus its overtime, or by when a break that opens in "
                               "the overtime opens (the planner takes every break whose window opens before the shift's end on "
                               "each route of the shift)"
                             : "closes before the break can start (after the shift's start and the other breaks)");
    }

    void technician_refs(const std::string& path, const std::vector<TechnicianIndex>& v) {
        for (std::size_t i = 0; i < v.size(); ++i)
            if (!p_.technicians.contains(v[i])) fail(at(path, i), "unknown technician");
    }

    void job(std::size_t i, std::set<std::string>& ids) {
        const auto& j = p_.jobs[i];
        const std::string path = at("jobs", i);
        if (j.id.empty())
            fail(path + ".id", "empty id");
        else if (!ids.insert(j.id).second)
            fail(path + ".id", "duplicate job id \"" + j.id + "\"");
        location_ref(path + ".location", j.location);
        skills(path + ".skills", j.skills);
        for (std::size_t c = 0; c < j.certifications.size(); ++c)
            if (j.certifications[c] >= p_.catalog.certifications.size()) fail(at(path + ".certifications", c), "unknown certification");
        for (std::size_t e = 0; e < j.equipment.size(); ++e)
            if (j.equipment[e] >= p_.catalog.equipment.size()) fail(at(path + ".equipment", e), "unknown equipment");
        const auto& d = j.duration;
        if (d.p50 < Duration::zero() || d.p75 < Duration::zero() || d.p90 < Duration::zero())
            fail(path + ".duration_min", "must not be negative");
        else if (d.p75 < d.p50 || d.p90 < d.p75)
            fail(path + ".duration_min", "quantiles must satisfy p50 <= p75 <= p90");
        else if (d.p90 > Duration(7 * seconds_per_day * p_.scale))  // no day's work, and overflows the search's costs
            fail(path + ".duration_min", "must be at most a week (10080 minutes)");
        for (std::size_t w = 0; w < j.time_windows.size(); ++w) window(at(path + ".time_windows", w), j.time_windows[w], true);
        if (j.preferred_window) window(path + ".preferred_window", *j.preferred_window, true);
        moment(path + ".reported_at", j.reported_at);
        moment(path + ".cancelled_at", j.cancelled_at);
        moment(path + ".sla_deadline", j.sla_deadline);
        moment(path + ".pinned.start", j.pinned_start);
        // A pin fixes the start of service, so it must be a start the job's windows allow.
        if (j.pinned_start && !j.time_windows.empty() &&
            std::none_of(j.time_windows.begin(), j.time_windows.end(), [&](const TimeWindow& w) { return w.contains(*j.pinned_start); }))
            fail(path + ".pinned.start", "is in none of the job's time windows");
        moment(path + ".promised.earliest", j.promised_earliest);
        if (j.reported_at && j.sla_deadline && *j.sla_deadline < *j.reported_at)
            fail(path + ".sla_deadline", "is before the job was reported (reported_at)");
        if (j.reported_at && j.cancelled_at && *j.cancelled_at < *j.reported_at)
            fail(path + ".cancelled_at", "is before the job was reported (reported_at)");
        if (j.priority < 1 || j.priority > 100) fail(path + ".priority", "must be between 1 and 100");
        if (j.demand < 0 || j.demand > max_load) fail(path + ".demand", "must be 0 to 1e12");
        technician_refs(path + ".preferred_technicians", j.preferred_technicians);
        technician_refs(path + ".required_technicians", j.required_technicians);
        technician_refs(path + ".excluded_technicians", j.excluded_technicians);
        if (j.promised_technician && !p_.technicians.contains(*j.promised_technician))
            fail(path + ".promised.technician", "unknown technician");
        if (j.promised_window) window(path + ".promised.window", *j.promised_window, true);
        if (j.promised_earliest && !j.promised_window) fail(path + ".promised.earliest", "needs a promised window to bring forward from");
        if (j.times_retold > 10'000) fail(path + ".promised.retold", "is not a count of re-tells from 0 to 10000");
        if (j.pinned_technician && !p_.technicians.contains(*j.pinned_technician)) fail(path + ".pinned.technician", "unknown technician");
    }

    const Problem& p_;
    std::vector<InputError> errors_;
};

}  // namespace

std::vector<InputError> check_problem(const Problem& problem) {
    return Checker(problem).run();
}

}  // namespace fsd
