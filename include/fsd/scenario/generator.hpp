// A seeded generator of realistic field-service days in a metro area: a crew staffed to the work
// it sells (trades, levels, certifications and vans), shifts with lunch and days off, and tickets
// with customer windows, quantile durations, SLAs, and emergencies reported during the day. Over
// several days, scheduled customers offer availability on several of them. Same options and seed,
// same problem. docs/scenarios.md describes the realism and the default day's story.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd {

struct ScenarioOptions {
    int technicians = 12;
    int jobs = 47;
    int days = 1;
    std::uint64_t seed = 1;
    LatLon centre{41.1579, -8.6291};  // Porto, where the shared road network is
    double radius_km = 10.0;
    Date start_date = date_from_civil(2026, 11, 23);  // a Monday
    std::string timezone = "Europe/Lisbon";
    double emergency_share = 0.05;
    double same_day_share = 0.30;  // of the rest; the others are scheduled
    double shift_hours = 8.0;
    double overtime_hours = 1.5;  // paid overtime allowed after each shift
    // Minutes on site around the hands-on work of the taxonomy (finding the place, parking, walk-in,
    // sign-off), added to every job's duration quantiles.
    double visit_overhead_min = 10.0;
    // Multiplies each job type's log-normal sigma (job_types.hpp) in the durations drawn: 1 is the
    // taxonomy's spread, 0 a job that always takes its median.
    double duration_spread = 1.0;
    double city_speed_kmh = 30.0;  // straight-line travel until a road network is given
    double detour_factor = 1.3;
    // When not empty, homes and job sites are drawn from these points (e.g. road nodes).
    std::vector<LatLon> sites;
};

// Throws std::invalid_argument on options outside what it supports (1..200 technicians,
// 0..1500 jobs, 1..28 days).
Problem generate_scenario(const ScenarioOptions& options);

}  // namespace fsd
