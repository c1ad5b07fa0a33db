#include "fsd/simulate/executed_day.hpp"

#include <algorithm>
#include <string>

#include "fsd/model/evaluate.hpp"

namespace fsd::simulate {
namespace {

// Places of the as-executed problem: a start and an end per technician, then one per job.
struct Places {
    std::size_t technicians;
    [[nodiscard]] LocationId start(TechnicianIndex t) const { return LocationId(2 * t.value()); }
    [[nodiscard]] LocationId end(TechnicianIndex t) const { return LocationId(2 * t.value() + 1); }
    [[nodiscard]] LocationId job(JobIndex j) const { return LocationId(2 * technicians + j.value()); }
};

// The places of the original problem behind each place of the as-executed one.
std::vector<LocationId> original_places(const Problem& p, const SimulationResult& r) {
    std::vector<LocationId> out;
    for (TechnicianIndex t : p.technicians.indices()) {
        const Technician& tech = p.technicians[t];
        LocationId start = tech.start_location;
        for (const ExecutedRoute& route : r.routes)
            if (route.technician == t) start = tech.start_of(route.shift);
        out.push_back(start);
        out.push_back(tech.end_location);
    }
    for (const Job& job : p.jobs) out.push_back(job.location);
    return out;
}

void build_places(const Problem& original, const std::vector<LocationId>& from, Problem& out) {
    const std::size_t n = from.size();
    out.locations.clear();
    for (LocationId l : from) out.locations.push_back(original.locations[l]);
    out.travel_source = MatrixTravel{};
    out.travel.time = Matrix<Duration>(n);
    out.travel.distance = Matrix<Distance>(n);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            out.travel.time(a, b) = original.travel_time(from[a], from[b]);
            out.travel.distance(a, b) = original.travel_distance(from[a], from[b]);
        }
}

std::string what_happened(const Problem& p, const JobRecord& r) {
    const auto at = [&](std::optional<TimePoint> t) { return t ? " at " + p.time_text(*t) : std::string(); };
    switch (r.fate) {
        case JobFate::cancelled:
            return "cancelled by the customer";
        case JobFate::not_home:
            return "customer not at home" + at(r.knock);
        default:
            break;
    }
    const std::string told = r.told_not_today ? "; the customer was told it would not be today" + at(r.told_not_today) : "";
    if (r.outcome == VisitOutcome::window_closed) return "the window had closed when the technician got there" + at(r.end) + told;
    if (r.missed > 0) return "the technician could not get to it in time" + told;
    return (r.ordered ? "not reached today" : "never given to a technician") + told;
}

// One executed route as a plan route on the as-executed problem, writing the legs it drove.
Route executed_route(const ExecutedRoute& er, const Places& places, Problem& out) {
    Route route{er.technician, er.shift, er.departure, er.return_time, {}};
    LocationId here = places.start(er.technician);
    Duration drive = Duration::zero();
    Distance distance = Distance::zero();
    for (const ExecutedStop& s : er.stops) {
        if (s.kind == StopKind::break_time) {
            // The evaluator times a break where the technician last was and drives after it, so a
            // drive to a visit in vain before the break has no leg to go in: it shows as waiting.
            route.stops.push_back({StopKind::break_time, s.index, s.arrival, s.start, s.end});
            drive = Duration::zero();
            distance = Distance::zero();
            continue;
        }
        drive += s.drive;
        distance += s.distance;
        if (s.outcome != VisitOutcome::served) continue;
        const LocationId at = places.job(s.job_index());
        out.travel.time(here, at) = drive;
        out.travel.distance(here, at) = distance;
        route.stops.push_back({StopKind::job, s.index, s.arrival, s.start, s.end});
        out.jobs[s.job_index()].duration = DurationQuantiles::fixed(s.end - s.start);
        here = at;
        drive = Duration::zero();
        distance = Distance::zero();
    }
    out.travel.time(here, places.end(er.technician)) = drive + er.drive_home;
    out.travel.distance(here, places.end(er.technician)) = distance + er.distance_home;
    return route;
}

}  // namespace

ExecutedDay executed_day(const Problem& problem, const SimulationResult& result) {
    ExecutedDay day;
    Problem& out = day.problem;
    out = problem;
    out.name = problem.name + " as executed (" + result.policy + ")";
    out.objective.return_buffer.reset();  // durations are the actual ones: it would repeat shift_end
    const Places places{problem.technicians.size()};
    build_places(problem, original_places(problem, result), out);
    for (TechnicianIndex t : out.technicians.indices()) {
        Technician& tech = out.technicians[t];
        tech.start_location = places.start(t);
        tech.end_location = places.end(t);
        tech.efficiency = 1.0;
        for (Shift& s : tech.shifts) s.start_location.reset();
    }
    for (JobIndex j : out.jobs.indices()) out.jobs[j].location = places.job(j);
    for (const ExecutedRoute& er : result.routes) {
        Route r = executed_route(er, places, out);
        if (std::any_of(r.stops.begin(), r.stops.end(), [](const Stop& s) { return s.kind == StopKind::job; }))
            day.plan.routes.push_back(std::move(r));
    }
    for (JobIndex j : problem.jobs.indices()) {
        const JobRecord& r = result.jobs[j];
        if (r.fate == JobFate::cancelled) out.jobs[j].cancelled_at = r.cancelled;  // leaving it out costs nothing
        if (r.fate != JobFate::done) day.plan.unassigned.push_back({j, UnassignedReason::not_planned, what_happened(problem, r)});
    }
    return day;
}

}  // namespace fsd::simulate
