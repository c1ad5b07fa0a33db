// The "manual" baseline planner (fsd/baseline/baseline.hpp), compiled once.
#include "fsd/baseline/baseline.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <vector>

#include "fsd/model/eligibility.hpp"
#include "fsd/model/route_timing.hpp"
#include "fsd/model/unassigned_reason.hpp"

namespace fsd {

namespace {

struct Day {
    TechnicianIndex tech;
    std::uint32_t shift;
    std::vector<JobIndex> jobs;
};

LocationId last_position(const Problem& p, const Day& d) {
    return d.jobs.empty() ? p.technicians[d.tech].start_of(d.shift) : p.jobs[d.jobs.back()].location;
}

// Cheapest feasible insertion position by added travel time; -1 when none fits.
int best_position(const Problem& p, const Day& d, JobIndex j) {
    int best = -1;
    Duration best_added = Duration::infinity();
    const Technician& tech = p.technicians[d.tech];
    std::vector<JobIndex> trial;
    for (std::size_t pos = 0; pos <= d.jobs.size(); ++pos) {
        const LocationId prev = pos == 0 ? tech.start_of(d.shift) : p.jobs[d.jobs[pos - 1]].location;
        const LocationId next = pos == d.jobs.size() ? tech.end_location : p.jobs[d.jobs[pos]].location;
        const LocationId at = p.jobs[j].location;
        const Duration added = p.travel_time(prev, at) + p.travel_time(at, next) - p.travel_time(prev, next);
        if (added >= best_added) continue;
        trial = d.jobs;
        trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(pos), j);
        if (time_route(p, d.tech, d.shift, trial, {.allow_overtime = false})) {
            best = static_cast<int>(pos);
            best_added = added;
        }
    }
    return best;
}

TimePoint first_window_start(const Job& j) {
    if (j.time_windows.empty()) return TimePoint(0);
    return std::min_element(j.time_windows.begin(), j.time_windows.end(),
                            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; })
        ->start;
}

}  // namespace

Plan plan_baseline(const Problem& p) {
    std::vector<Day> days;
    for (TechnicianIndex t : p.technicians.indices())
        for (std::uint32_t s = 0; s < p.technicians[t].shifts.size(); ++s) days.push_back({t, s, {}});

    std::vector<JobIndex> order(p.jobs.size());  // by rank
    std::iota(order.begin(), order.end(), JobIndex{0});
    std::stable_sort(order.begin(), order.end(), [&](JobIndex a, JobIndex b) {
        const Job& x = p.jobs[a];
        const Job& y = p.jobs[b];
        return std::tuple(x.urgency, -x.priority, first_window_start(x)) < std::tuple(y.urgency, -y.priority, first_window_start(y));
    });

    Plan plan;
    std::vector<std::size_t> candidates;
    for (JobIndex j : order) {
        candidates.clear();
        for (std::size_t d = 0; d < days.size(); ++d)
            if (may_do(p, j, days[d].tech, days[d].shift)) candidates.push_back(d);
        const LocationId at = p.jobs[j].location;
        std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
            return p.travel_time(last_position(p, days[a]), at) < p.travel_time(last_position(p, days[b]), at);
        });
        bool placed = false;
        for (std::size_t d : candidates) {
            const int pos = best_position(p, days[d], j);
            if (pos < 0) continue;
            days[d].jobs.insert(days[d].jobs.begin() + pos, j);
            placed = true;
            break;
        }
        if (!placed) plan.unassigned.push_back(diagnose_unassigned(p, j));
    }
    for (const Day& d : days)
        if (!d.jobs.empty()) plan.routes.push_back(*time_route(p, d.tech, d.shift, d.jobs, {.allow_overtime = false}));
    return plan;
}

}  // namespace fsd
