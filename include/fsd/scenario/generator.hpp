// A seeded generator of realistic field-service days in a metro area: mixed-trade technicians
// with certifications, vans and shifts with lunch, and a day's tickets with customer windows,
// quantile durations and a few emergencies. The same options and seed give the same problem.
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
    double city_speed_kmh = 30.0;  // straight-line travel until a road network is given
    double detour_factor = 1.3;
    // When not empty, homes and job sites are drawn from these points (e.g. road nodes).
    std::vector<LatLon> sites;
};

// Throws std::invalid_argument on options outside what it supports (1..200 technicians,
// 0..1500 jobs, 1..28 days).
Problem generate_scenario(const ScenarioOptions& options);

}  // namespace fsd
