// Route legs along a road network, for the report's map: each location snaps to the road as the
// travel matrix did, and each leg follows the fastest path between the snapped nodes, so the
// line drawn is the trip that was priced.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "fsd/model/plan.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/report/html_report.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd::report {

// The places a route passes, in order: the start, each job's location, the end. Leg k of a
// RouteGeometry runs from place k to place k + 1.
inline std::vector<LocationId> route_places(const Problem& p, const Route& r) {
    const Technician& tech = p.technicians[r.technician];
    std::vector<LocationId> out{tech.start_location};
    for (const auto& s : r.stops)
        if (s.kind == StopKind::job) out.push_back(p.jobs[s.job_index()].location);
    out.push_back(tech.end_location);
    return out;
}

// Legs of every route of `schedule` on `network`. A location without lat/lon or too far from the
// road leaves its legs empty (drawn straight).
RouteGeometry road_geometry(const Problem& p, const Plan& schedule, const RoadNetwork& network, double max_snap_m);

// For a problem whose travel is by road: loads its network (a relative path against base_dir, as
// the problem reader does) and computes the legs. nullopt for every other kind of travel.
std::optional<RouteGeometry> problem_road_geometry(const Problem& p, const Plan& schedule, const std::filesystem::path& base_dir);

}  // namespace fsd::report
