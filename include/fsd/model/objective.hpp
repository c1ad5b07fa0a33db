// What a plan costs, as integer rates per unit of distance and time, per route, per job and per
// technician-shift. The solver and the evaluator both price plans with these, so their totals
// agree exactly.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "fsd/model/job_day.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

// One currency unit is a million cost units: cents stay exact and per-second rates keep
// four significant digits at ordinary hourly wages.
constexpr std::int64_t cost_units_per_currency = 1'000'000;

inline Cost money(double amount) {
    return Cost(std::llround(amount * static_cast<double>(cost_units_per_currency)));
}
inline double to_currency(Cost c) {
    return static_cast<double>(c.count()) / static_cast<double>(cost_units_per_currency);
}

// The benchmark objectives have no money: a route (hierarchical) must outweigh any distance a
// benchmark can produce, and a missed job must outweigh any route.
inline Cost benchmark_route_cost(const Problem& p) {
    return Cost(1'000'000 * p.scale);
}
inline Cost benchmark_unassigned_cost(const Problem& p) {
    return Cost(100'000'000 * p.scale);
}

struct RouteRates {
    std::int64_t per_distance = 0;  // cost units per distance unit (metre)
    std::int64_t per_second = 0;    // per second from departure to return
    std::int64_t per_overtime_second = 0;
    Cost per_route = Cost::zero();  // charged when the route has at least one job

    [[nodiscard]] Cost route_cost(Distance d, Duration span, Duration overtime) const {
        return Cost(per_distance * d.count() + per_second * span.count() + per_overtime_second * overtime.count()) + per_route;
    }
};

inline RouteRates route_rates(const Problem& p, const Technician& t) {
    RouteRates r;
    switch (p.objective.kind) {
        case ObjectiveKind::distance:
            r.per_distance = 1;
            break;
        case ObjectiveKind::hierarchical:
            r.per_distance = 1;
            r.per_route = benchmark_route_cost(p);
            break;
        case ObjectiveKind::weighted:
            r.per_distance = money(t.cost_per_km / 1000.0).count();
            r.per_second = money(t.cost_per_hour / 3600.0).count();
            r.per_overtime_second = money(p.objective.overtime_per_hour / 3600.0).count();
            r.per_route = money(p.objective.per_route);
            break;
    }
    return r;
}

// A job the customer cancelled is left out at no cost: nobody may serve it (Job::cancelled_at).
inline Cost unassigned_penalty(const Problem& p, const Job& job) {
    if (job.cancelled_at) return Cost::zero();
    if (p.objective.kind != ObjectiveKind::weighted) return benchmark_unassigned_cost(p);
    const double factor = p.objective.urgency_factor[static_cast<int>(job.urgency)];
    return money(p.objective.unassigned_per_priority * job.priority * factor);
}

// A per-minute money rate as integer cost units per second: both the search and the evaluator
// multiply these by whole seconds, so their totals agree exactly.
inline std::int64_t per_second(double per_minute) {
    return money(per_minute / 60.0).count();
}

// The soft costs of one job that depend on when its service starts (weighted objective only):
// SLA lateness, response time from the report, the preferred window. Each is non-decreasing
// in the start time once the preferred window has opened, which the solver makes sure of by never
// starting a job before its preferred window on a day where that window can be met.
struct JobTimeCost {
    TimePoint sla = TimePoint::max();  // late after this
    Cost sla_miss = Cost::zero();
    std::int64_t sla_late = 0;              // per second late
    TimePoint reported = TimePoint::max();  // the response clock starts
    std::int64_t response = 0;              // per second from `reported`
    TimeWindow preferred{TimePoint::min(), TimePoint::max()};
    Cost preferred_miss = Cost::zero();
    std::int64_t preferred_late = 0;  // per second after preferred.end
    TimeWindow promised{TimePoint::min(), TimePoint::max()};
    Cost promise_miss = Cost::zero();
    std::int64_t promise_late = 0;  // per second after promised.end

    [[nodiscard]] Cost at(TimePoint start) const {
        Cost c = Cost::zero();
        if (start > sla) c += sla_miss + Cost(sla_late * (start - sla).count());
        if (start > reported) c += Cost(response * (start - reported).count());
        c += outside(preferred, preferred_miss, preferred_late, start) + outside(promised, promise_miss, promise_late, start);
        return c;
    }

private:
    static Cost outside(TimeWindow w, Cost miss, std::int64_t late, TimePoint start) {
        if (w.contains(start)) return Cost::zero();
        return miss + (start > w.end ? Cost(late * (start - w.end).count()) : Cost::zero());
    }
};

// When the response clock of a job starts: its report time, else the opening of its earliest window.
inline std::optional<TimePoint> response_origin(const Job& job) {
    if (job.reported_at) return job.reported_at;
    std::optional<TimePoint> first;
    for (const auto& w : job.time_windows)
        if (!first || w.start < *first) first = w.start;
    return first;
}

inline JobTimeCost job_time_cost(const Problem& p, const Job& job) {
    JobTimeCost c;
    if (p.objective.kind != ObjectiveKind::weighted) return c;
    const auto& o = p.objective;
    const int u = static_cast<int>(job.urgency);
    if (job.sla_deadline) {
        c.sla = *job.sla_deadline;
        c.sla_miss = money(o.sla_miss);
        c.sla_late = per_second(o.sla_late_per_minute * o.urgency_factor[u]);
    }
    if (const auto origin = response_origin(job); origin && o.response_per_minute[u] > 0) {
        c.reported = *origin;
        c.response = per_second(o.response_per_minute[u]);
    }
    if (job.preferred_window) {
        c.preferred = *job.preferred_window;
        c.preferred_miss = money(o.preferred_window_miss);
        c.preferred_late = per_second(o.preferred_window_late_per_minute);
    }
    if (job.promised_window) {
        c.promised = *job.promised_window;
        c.promise_miss = money(o.promise_miss + o.promise_miss_per_retell * static_cast<double>(job.times_retold));
        c.promise_late = per_second(o.promise_late_per_minute);
    }
    return c;
}

// The earliest a job may start inside hard window w under the weighted objective's rules: not
// before its preferred or promised window opens, when that opening lies inside w (a customer is
// not visited before the time they asked for or were told). Keeps start-time costs
// non-decreasing in the start, except that a customer who may be brought forward
// (Job::promised_earliest) may be visited from then on, a promise missed.
inline TimePoint service_opening(const Job& job, TimeWindow w) {
    TimePoint open = w.start;
    if (job.preferred_window && w.contains(job.preferred_window->start)) open = max(open, job.preferred_window->start);
    if (const auto& told = job.promised_window; told && w.contains(told->start))
        open = max(open, job.promised_earliest ? min(told->start, *job.promised_earliest) : told->start);
    return open;
}

// The soft cost of who serves a job (weighted only): not one of its preferred technicians, not
// the one the customer was promised.
inline Cost technician_penalty(const Problem& p, const Job& job, TechnicianIndex tech) {
    if (p.objective.kind != ObjectiveKind::weighted) return Cost::zero();
    Cost c = Cost::zero();
    if (job.promised_technician && *job.promised_technician != tech) c += money(p.objective.moved_technician);
    const auto& preferred = job.preferred_technicians;
    if (preferred.empty() || std::find(preferred.begin(), preferred.end(), tech) != preferred.end()) return c;
    return c + money(p.objective.preferred_technician_miss);
}

// Soft costs of serving `job` with technician `tech` starting at `start` (weighted only).
inline Cost service_penalty(const Problem& p, const Job& job, TechnicianIndex tech, TimePoint start) {
    return technician_penalty(p, job, tech) + job_time_cost(p, job).at(start);
}

// The even share of each day's work: the nominal service time (planning quantile, efficiency 1)
// of the jobs that may be done that day (not those cancelled), over the technician-shifts of that day. A job that may
// be done on several days counts a share on each. A job may be done on a day when a window of it
// meets one of that day's shifts with its overtime (a night shift's small hours are its day's);
// one that meets no shift counts on the calendar days its windows meet. Indexed by horizon day.
std::vector<Duration> balance_targets(const Problem& p);

// A point of a job site on a local plane, in metres: what a route's spread is measured on.
// Latitude/longitude by an equirectangular projection (exact enough within a metro area); plane
// coordinates are taken as kilometres. nullopt for a location known only as a matrix row.
struct SitePoint {
    std::int64_t x = 0, y = 0;
};
inline std::optional<SitePoint> site_point(const Location& loc) {
    if (const auto* ll = std::get_if<LatLon>(&loc.coordinates)) {
        constexpr double rad = 3.14159265358979323846 / 180.0;
        return SitePoint{std::llround(ll->lon * rad * earth_radius_m * std::cos(ll->lat * rad)),
                         std::llround(ll->lat * rad * earth_radius_m)};
    }
    if (const auto* xy = std::get_if<PlaneXY>(&loc.coordinates)) return SitePoint{std::llround(xy->x * 1000), std::llround(xy->y * 1000)};
    return std::nullopt;
}

// The bounding box of a route's job sites; its spread is the half-perimeter (width + height).
struct SiteBox {
    std::int64_t min_x = std::numeric_limits<std::int64_t>::max(), max_x = std::numeric_limits<std::int64_t>::min();
    std::int64_t min_y = std::numeric_limits<std::int64_t>::max(), max_y = std::numeric_limits<std::int64_t>::min();
    void add(SitePoint p) {
        min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
    void add(const SiteBox& b) {
        min_x = std::min(min_x, b.min_x), max_x = std::max(max_x, b.max_x);
        min_y = std::min(min_y, b.min_y), max_y = std::max(max_y, b.max_y);
    }
    [[nodiscard]] bool empty() const { return min_x > max_x; }
    [[nodiscard]] std::int64_t spread_m() const { return empty() ? 0 : (max_x - min_x) + (max_y - min_y); }
};

// The costs of a technician-shift's shape (weighted only): load balance, quadratic in the
// hours of service above or below its day's target, and spread, linear in the width plus height
// of its job sites' bounding box. Rates are fixed once so the search and the evaluator, which
// both call these, agree to the unit.
struct ShapeCosts {
    double balance_per_hour_squared = 0;  // cost units
    double spread_per_metre = 0;          // cost units

    [[nodiscard]] Cost balance(Duration target, Duration work) const {
        if (balance_per_hour_squared <= 0) return Cost::zero();
        const double off = static_cast<double>((work - target).count()) / 3600.0;  // hours above or below
        return Cost(std::llround(balance_per_hour_squared * off * off));
    }
    [[nodiscard]] Cost spread(const SiteBox& box) const {
        if (spread_per_metre <= 0) return Cost::zero();
        return Cost(std::llround(spread_per_metre * static_cast<double>(box.spread_m())));
    }
};

inline ShapeCosts shape_costs(const Problem& p) {
    if (p.objective.kind != ObjectiveKind::weighted) return {};
    return {static_cast<double>(money(p.objective.balance_per_hour_squared).count()),
            static_cast<double>(money(p.objective.spread_per_km).count()) / 1000.0};
}

}  // namespace fsd
