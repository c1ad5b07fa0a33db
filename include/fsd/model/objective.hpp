// What a plan costs, as integer rates per unit of distance and time, per route and per job.
// The solver and the evaluator both price plans with these rates, so their totals agree exactly.
#pragma once

#include <cmath>
#include <cstdint>

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

inline Cost unassigned_penalty(const Problem& p, const Job& job) {
    if (p.objective.kind != ObjectiveKind::weighted) return benchmark_unassigned_cost(p);
    const double factor = p.objective.urgency_factor[static_cast<int>(job.urgency)];
    return money(p.objective.unassigned_per_priority * job.priority * factor);
}

// Soft costs of serving `job` with technician `tech` starting at `start` (weighted only).
inline Cost service_penalty(const Problem& p, const Job& job, TechnicianIndex tech, TimePoint start) {
    if (p.objective.kind != ObjectiveKind::weighted) return Cost::zero();
    Cost c = Cost::zero();
    if (job.preferred_window && !job.preferred_window->contains(start)) c += money(p.objective.preferred_window_miss);
    if (!job.preferred_technicians.empty()) {
        bool preferred = false;
        for (auto t : job.preferred_technicians) preferred = preferred || t == tech;
        if (!preferred) c += money(p.objective.preferred_technician_miss);
    }
    if (job.sla_deadline && start > *job.sla_deadline) c += money(p.objective.sla_miss);
    return c;
}

}  // namespace fsd
